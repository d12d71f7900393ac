"""An ingest stopped by Ctrl-C (SIGINT) or ``kill`` (SIGTERM): it says what it kept, and writes
that as its report. The store is consistent either way: only whole transactions are kept."""

from __future__ import annotations

import json
import signal
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from storyline.cli.outputs import write_output
from storyline.engine.logs import silence_dask_logs
from storyline.errors import StorylineError
from storyline.render.words import counted

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a run stopped by Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill PID``), raised where the run is, as Ctrl-C raises KeyboardInterrupt."""


@contextmanager
def stops_as_interrupts() -> Iterator[None]:
    """While inside, Ctrl-C (SIGINT) raises KeyboardInterrupt and SIGTERM ``Terminated``, so
    that both end the run with the account of what was kept; at once, the loggers of the
    libraries a Dask run works through are silenced (their tasks and connections are cut:
    they would log it, tracebacks and all, over the run's own message). The handlers before
    are restored after; SIGINT is left alone when it was not Python's default handler."""

    def interrupt(signal_number: int, frame: object) -> None:
        silence_dask_logs()
        raise KeyboardInterrupt

    def terminate(signal_number: int, frame: object) -> None:
        silence_dask_logs()
        raise Terminated

    # A run started with SIGINT ignored (a background job of a script) keeps ignoring it.
    catches_ctrl_c = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    previous_int = signal.signal(signal.SIGINT, interrupt) if catches_ctrl_c else None
    previous_term = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        if previous_int is not None:
            signal.signal(signal.SIGINT, previous_int)
        signal.signal(signal.SIGTERM, previous_term)


def articles_in(db: Path) -> int:
    """How many articles the store at ``db`` holds: 0 when there is none yet or it cannot be
    read (the ingest then says why)."""
    from storyline.store.sqlite import StoryStore

    if not db.is_file():
        return 0
    try:
        with StoryStore(db) as store:
            last = store.last_article()  # arrival numbers: never reused, none deleted
    except (StorylineError, sqlite3.Error):
        return 0
    return 0 if last is None else last[0]


def interrupted(
    db: Path, *, stored: int, report_path: Path | None, terminated: bool = False
) -> typer.Exit:
    """Say what an interrupted ingest kept (the transactions it committed), write that as the
    report when one was asked for, and exit with ``EXIT_INTERRUPTED`` (``EXIT_TERMINATED`` for
    SIGTERM)."""
    stopped = "terminated" if terminated else "interrupted"
    typer.echo(
        f"storyline: {stopped}: {counted(stored, 'article')} of this run stored in {db} before "
        "the interruption are kept, and the store is consistent; run the same command again to "
        "add the rest and refresh the headlines of the stories it changed (nothing is added "
        "twice)",
        err=True,
    )
    if report_path is not None:
        payload = {"interrupted": True, "stored": stored}
        try:
            write_output(report_path, json.dumps(payload, indent=2) + "\n")
        except OSError as e:
            typer.echo(
                f"storyline: error: cannot write the report {report_path}: {e.strerror}", err=True
            )
    return typer.Exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)
