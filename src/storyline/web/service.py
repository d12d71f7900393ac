"""What the web app reads and writes, over one store file: story lists, searched and paged,
digests (cached per story until articles join it), articles, and additions under a lock."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from storyline.config import Config
from storyline.errors import InputError
from storyline.model import Article, Digest, Rejection
from storyline.store import StoryRow, StoryStore
from storyline.store.update import StoreUpdate, add_articles, stored_digest

_OLDEST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class StoryPage:
    """One page of a story list and how many stories the whole list has."""

    stories: tuple[StoryRow, ...]
    page: int
    per_page: int
    total: int


class DigestCache:
    """Digests by story id, each kept with the story version it was computed at."""

    def __init__(self) -> None:
        self._digests: dict[str, tuple[int, Digest]] = {}
        self._lock = threading.Lock()

    def get(self, story_id: str, *, version: int) -> Digest | None:
        with self._lock:
            cached = self._digests.get(story_id)
        return cached[1] if cached is not None and cached[0] == version else None

    def put(self, story_id: str, digest: Digest, *, version: int) -> None:
        with self._lock:
            self._digests[story_id] = (version, digest)

    def forget(self, story_ids: Sequence[str]) -> None:
        with self._lock:
            for story_id in story_ids:
                self._digests.pop(story_id, None)


class StoryService:
    """The store at ``db`` as the web app uses it. Every read opens the store briefly, so
    articles added by a concurrent ``storyline ingest`` show up."""

    def __init__(self, db: Path, *, config: Config, digests: DigestCache | None = None) -> None:
        if not db.is_file():
            raise InputError(
                str(db),
                "missing",
                f"no story store at {db}; run 'storyline ingest PATH --db {db}' first",
            )
        self.db = db
        self.config = config
        self._digests = digests or DigestCache()
        self._rows: tuple[tuple[int, int], list[StoryRow]] | None = None
        self._rows_lock = threading.Lock()
        self._write_lock = threading.Lock()
        with StoryStore(db):  # fail now on a file that is not a store of this layout
            pass

    def stories(self, query: str = "") -> list[StoryRow]:
        """The stories, newest activity first; with ``query`` only those matching it."""
        with StoryStore(self.db) as store:
            version = store.store_version()
            with self._rows_lock:
                cached = self._rows
            if cached is not None and cached[0] == version:
                rows = cached[1]
            else:
                rows = _newest_first(store.stories())
                with self._rows_lock:
                    self._rows = (version, rows)
            if not query.strip():
                return rows
            matching = store.search(query)
        return [row for row in rows if row.id in matching]

    def story_page(self, query: str, *, page: int, per_page: int) -> StoryPage:
        rows = self.stories(query)
        start = (page - 1) * per_page
        return StoryPage(
            stories=tuple(rows[start : start + per_page]),
            page=page,
            per_page=per_page,
            total=len(rows),
        )

    def story_row(self, story_id: str) -> StoryRow | None:
        return next((row for row in self.stories() if row.id == story_id), None)

    def digest(self, story_id: str) -> Digest | None:
        """The story's digest (None if there is no such story), computed once per version."""
        with StoryStore(self.db) as store:
            if not store.has_story(story_id):
                return None
            version = store.story_version(story_id)
        cached = self._digests.get(story_id, version=version)
        if cached is not None:
            return cached
        digest = stored_digest(story_id, db=self.db, config=self.config)
        if digest is not None:
            self._digests.put(story_id, digest, version=version)
        return digest

    def article(self, article_id: str) -> tuple[Article, str] | None:
        """The stored article and its story id, or None."""
        with StoryStore(self.db) as store:
            return store.article(article_id)

    def add(self, articles: Sequence[Article], *, rejections: Sequence[Rejection]) -> StoreUpdate:
        """Store new articles (one addition at a time) and forget the digests they change."""
        with self._write_lock:
            update = add_articles(articles, db=self.db, config=self.config, rejections=rejections)
        self._digests.forget(update.counts.stories_touched)
        return update


def _newest_first(rows: list[StoryRow]) -> list[StoryRow]:
    """Stories by their latest article, newest first; undated ones last; ties: newest opened."""
    ordered = list(reversed(rows))
    return sorted(ordered, key=lambda row: (row.last is None, -(row.last or _OLDEST).timestamp()))
