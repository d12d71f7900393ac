"""The set-up of each worker process of a LocalCluster started for a run (a Dask preload)."""

from __future__ import annotations

import signal
import threading


def dask_setup(worker: object) -> None:
    """Ignore SIGINT in the worker: a Ctrl-C in a terminal reaches every process of the group,
    and the run, which closes the cluster, answers it; a worker would print its traceback."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
