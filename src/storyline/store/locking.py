"""One writer at a time: an ingest holds the store's writer lock from reading the stored state to
its last commit.

SQLite serialises single transactions, but an ingest is many: it replays the stored articles
into its clusterer, then decides and commits new ones batch by batch, numbering them after the
last stored. A second ingest running meanwhile would decide against a state missing the first
one's articles and collide with its numbering. So a writer takes an exclusive ``flock`` on a
file beside the database (``<db>.lock``, holding the writer's process id) before it opens the
store, and keeps it until it is done; the kernel releases it if the process dies, so a killed
ingest never leaves the store locked. Readers (``stories``, ``show``, ``serve``'s pages) take
no lock.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.errors import StorylineError


class StoreBusyError(StorylineError):
    """Another process is writing to the store and did not finish within the time allowed."""


def lock_path(db: str | Path) -> Path:
    """The lock file of the store at ``db``."""
    db = Path(db)
    return db.with_name(db.name + ".lock")


def store_files(db: str | Path) -> list[Path]:
    """Every file a store at ``db`` may have: the database, SQLite's journals and the lock."""
    db = Path(db)
    journals = [db.with_name(db.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
    return [db, *journals, lock_path(db)]


@contextmanager
def writer_lock(
    db: str | Path,
    *,
    timeout_s: float | None = None,
    on_wait: Callable[[str], None] | None = None,
    on_locked: Callable[[], None] | None = None,
    poll_s: float = 0.1,
) -> Iterator[None]:
    """Hold the writer lock of the store at ``db``: wait for another writer to finish (for at
    most ``timeout_s`` seconds, forever if None), calling ``on_wait`` once with a message naming
    it; raise ``StoreBusyError`` when the time runs out. ``on_locked`` is called once the lock
    is held."""
    path = lock_path(db)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:  # a file where a folder should be, no permission, a read-only disk
        raise StorylineError(f"cannot write the store {db}: {e.strerror}: {e.filename}") from e
    try:
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(handle)
                if deadline is not None and time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"{db}: another process{holder} is writing to the store; try again "
                        "when it has finished"
                    ) from None
                if on_wait is not None and not told:
                    on_wait(f"waiting for the process{holder} writing to {db} to finish")
                    told = True
                time.sleep(poll_s)
        os.ftruncate(handle, 0)
        os.pwrite(handle, str(os.getpid()).encode(), 0)
        if on_locked is not None:
            on_locked()
        yield
    finally:
        os.close(handle)  # closing the file releases the lock


def _holder(handle: int) -> str:
    """ " <pid>" of the process holding the lock, as it wrote it, or ""."""
    try:
        written = os.pread(handle, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" {written}" if written.isdigit() else ""
