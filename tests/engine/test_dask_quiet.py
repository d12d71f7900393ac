"""Keeping Dask quiet for a stopped run: the preload of a local cluster's workers, and the logs."""

import signal

from storyline.engine.worker_setup import dask_setup


def test_a_worker_ignores_ctrl_c_and_leaves_it_to_the_run() -> None:
    previous = signal.getsignal(signal.SIGINT)
    try:
        dask_setup(object())
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_a_stopped_run_silences_every_dask_logger_dask_configured_itself() -> None:
    import logging

    import distributed  # noqa: F401  (its configuration sets "tornado.application" itself)

    from storyline.engine.logs import silence_dask_logs

    names = ("tornado.application", "distributed.worker", "distributed", "asyncio")
    levels = {name: logging.getLogger(name).level for name in names}
    try:
        silence_dask_logs()
        assert {logging.getLogger(name).getEffectiveLevel() for name in names} == {logging.CRITICAL}
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
