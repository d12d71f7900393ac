"""Quieting the libraries a Dask run works through, when the run is being stopped."""

from __future__ import annotations

import logging

# Dask sets some of these loggers' levels itself (its default configuration gives
# "tornado.application" its own), so each one is set, not only the parents.
_LIBRARIES = ("distributed", "dask", "tornado", "asyncio")


def silence_dask_logs() -> None:
    """Only critical records from Dask, tornado and asyncio from now on: a run stopped by
    Ctrl-C cuts its tasks and connections, which they would log, tracebacks and all, over the
    run's own message."""
    names = [
        name
        for name in list(logging.root.manager.loggerDict)
        if name.split(".", 1)[0] in _LIBRARIES
    ]
    for name in {*_LIBRARIES, *names}:
        logging.getLogger(name).setLevel(logging.CRITICAL)
