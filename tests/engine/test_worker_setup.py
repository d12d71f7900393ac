"""The preload of a LocalCluster's workers."""

import signal

from storyline.engine.worker_setup import dask_setup


def test_a_worker_ignores_ctrl_c_and_leaves_it_to_the_run() -> None:
    previous = signal.getsignal(signal.SIGINT)
    try:
        dask_setup(object())
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
