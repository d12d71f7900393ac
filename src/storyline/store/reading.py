"""Reads of the story store for a server that answers while an ingest writes to it.

A reader never writes: it opens the file without changing its settings (the store is in WAL
mode, so reads never wait for a writer and see each commit whole). What a web server asks often
is cheap here:

- ``data_version`` says in microseconds whether any other connection committed since the last
  call (SQLite's ``PRAGMA data_version``, which sees other processes' commits too);
- ``arrivals_since`` lists the articles stored after a given arrival number (and their
  stories), through the index on ``seq``, so keeping a listing current costs what changed, not
  the store;
- ``list_stories`` reads the listing of some or all stories (input ids, outlets, publication
  times) without decoding article texts;
- ``match`` runs a full-text search on the index alone;
- ``read_story`` reads one story's articles, headline and version in one read transaction, so
  what is computed from them carries the version it really describes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from storyline.boilerplate import keys_of
from storyline.errors import InputError
from storyline.model import Article, Document
from storyline.store.sqlite import StoryRow, StoryStore, connect_checked, fts_rows


@dataclass(frozen=True, slots=True)
class StoryHead:
    """A story's headline (None until one is computed), its version (the arrival number of its
    newest article, which changes exactly when articles join it) and when it was opened (its
    number among the stories)."""

    id: str
    headline: str | None
    version: int
    opened: int


@dataclass(frozen=True, slots=True)
class StoredStory:
    """One story as read in one transaction: its row, version and articles in arrival order,
    their documents (``pipeline.build_document``), and which of their sentences are boilerplate
    (``StoryStore.repeated``)."""

    row: StoryRow
    version: int
    articles: tuple[Article, ...]
    documents: tuple[Document, ...]
    boilerplate: frozenset[int] = frozenset()


class StoreReader:
    """One read connection to the store at ``path``, shared by threads (calls are serialised).
    Use as a context manager, or ``open`` and ``close``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    def __enter__(self) -> StoreReader:
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def open(self) -> None:
        """Connects; raises ``InputError`` if the file is not a store of this layout."""
        if self._db is not None:
            return
        if not self.path.is_file():
            raise InputError(str(self.path), "missing", f"no story store at {self.path}")
        db, _ = connect_checked(
            self.path, allow_empty=False, check_same_thread=False, isolation_level=None
        )
        db.execute("PRAGMA query_only = 1")
        self._db = db

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """The reads inside see the store as of one moment (other threads wait)."""
        with self._connection() as db:
            db.execute("BEGIN")
            try:
                yield
            finally:
                db.execute("ROLLBACK")

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._db is None:
                raise RuntimeError("StoreReader is used before 'open' or after 'close'")
            yield self._db

    def data_version(self) -> int:
        """A number that differs from the one the last call gave if any other connection (of
        this process or another) committed in between."""
        with self._connection() as db:
            return int(db.execute("PRAGMA data_version").fetchone()[0])

    def newest_arrival(self) -> int:
        """The arrival number of the newest stored article (0 for an empty store)."""
        with self._connection() as db:
            return int(db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0])

    def arrivals_since(self, seq: int) -> list[tuple[int, str]]:
        """The arrival number and story of every article that arrived after ``seq``, in
        arrival order."""
        with self._connection() as db:
            rows = db.execute(
                "SELECT seq, story_id FROM articles WHERE seq > ? ORDER BY seq", (seq,)
            ).fetchall()
        return [(int(arrival), story_id) for arrival, story_id in rows]

    def heads(self, story_ids: Collection[str] | None = None) -> list[StoryHead]:
        """The heads of ``story_ids`` (or of every story) that have articles, oldest opened
        first."""
        query = (
            "SELECT s.id, s.headline, s.seq, "
            "(SELECT MAX(a.seq) FROM articles AS a WHERE a.story_id = s.id) FROM stories AS s"
        )
        with self._connection() as db:
            if story_ids is None:
                rows = db.execute(query + " ORDER BY s.seq").fetchall()
            else:
                rows = []
                for story_id in story_ids:
                    rows += db.execute(query + " WHERE s.id = ?", (story_id,)).fetchall()
        return sorted(
            (
                StoryHead(story_id, headline, int(version), int(opened))
                for story_id, headline, opened, version in rows
                if version is not None
            ),
            key=lambda head: head.opened,
        )

    def headlines(self) -> dict[str, str | None]:
        """Every story's stored headline (stories without articles included)."""
        with self._connection() as db:
            return dict(db.execute("SELECT id, headline FROM stories").fetchall())

    def list_stories(
        self, story_ids: Collection[str] | None, *, headlines: dict[str, str | None]
    ) -> dict[str, StoryRow]:
        """The rows (as ``StoryStore.stories`` gives them) of ``story_ids``, or of every story
        when it is None; a story without articles has none. The outlet and publication time are
        read out of the article records by SQLite; the texts are not decoded."""
        query = (
            "SELECT story_id, input_id, json_extract(record, '$.outlet'), "
            "json_extract(record, '$.published') FROM articles"
        )
        with self._connection() as db:
            if story_ids is None:
                rows = db.execute(query + " ORDER BY story_id, seq").fetchall()
            else:
                rows = []
                for story_id in story_ids:
                    rows += db.execute(
                        query + " WHERE story_id = ? ORDER BY seq", (story_id,)
                    ).fetchall()
        grouped: dict[str, list[tuple[str, str | None, str | None]]] = {}
        for story_id, input_id, outlet, published in rows:
            grouped.setdefault(story_id, []).append((input_id, outlet, published))
        return {
            story_id: StoryRow.of(story_id, headlines.get(story_id), articles)
            for story_id, articles in grouped.items()
        }

    def match(self, query: str) -> list[int]:
        """The rows of the full-text index that match ``query`` (as ``StoryStore.search`` does):
        an article's arrival number, or minus a story's opening number for its headline. Only
        the index is read (not the stored texts), so this is fast for all but one- or
        two-letter prefixes."""
        with self._connection() as db:
            rows = fts_rows(db, "SELECT rowid FROM story_text WHERE story_text MATCH ?", query)
        return [int(rowid) for (rowid,) in rows]


def read_story(db: str | Path, story_id: str) -> StoredStory | None:
    """The story ``story_id`` of the store at ``db`` read in one transaction (None if it does
    not exist or has no article)."""
    from storyline.pipeline import build_document  # the pipeline is loaded only to read stories

    with StoryStore(db) as store:
        store.db.execute("BEGIN")
        try:
            head = store.db.execute(
                "SELECT headline FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            articles = store.articles_of(story_id)
            arrivals = store.db.execute(
                "SELECT input_id, seq FROM articles WHERE story_id = ? ORDER BY seq", (story_id,)
            ).fetchall()
            documents = tuple(map(build_document, articles))
            boilerplate = store.repeated(keys_of(documents))
        finally:
            store.db.rollback()
    if head is None or not articles:
        return None
    row = StoryRow.of(
        story_id,
        head[0],
        [
            (input_id, article.outlet, None)
            for (input_id, _), article in zip(arrivals, articles, strict=True)
        ],
        times=[article.published for article in articles if article.published is not None],
    )
    return StoredStory(
        row=row,
        version=int(arrivals[-1][1]),
        articles=tuple(articles),
        documents=documents,
        boilerplate=boilerplate,
    )
