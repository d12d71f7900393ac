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
from storyline.errors import StorylineError
from storyline.render.words import counted

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a run stopped by Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill PID``), raised where the run is, as Ctrl-C raises KeyboardInterrupt."""


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """While inside, SIGTERM stops the run as Ctrl-C does (``Terminated``), so that it too ends
    with the account of what was kept; the handler before is restored after."""

    def stop(signal_number: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def articles_in(db: Path) -> int:
    """How many articles the store at ``db`` holds: 0 when there is none yet or it cannot be
    read (the ingest then says why)."""
    from storyline.store.sqlite import StoryStore

    if not db.is_file():
        return 0
    try:
        with StoryStore(db) as store:
            return store.store_version()[0]  # arrival numbers: never reused, none deleted
    except (StorylineError, sqlite3.Error):
        return 0


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
        "add the rest (nothing is added twice)",
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
