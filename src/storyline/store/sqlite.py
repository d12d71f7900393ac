"""The embedded story store: articles and their stories in one SQLite file, no server.

Each article is kept once (keyed by a hash of its text, so re-ingesting a file adds nothing) with
the story it was assigned to. Stories get an id from the article that opened them, so the same
input gives the same ids on every run, and an id is never given to another story. Writes happen in
transactions of a few hundred articles; a story whose articles changed is marked stale in the same
transaction and its headline is refreshed afterwards, so an ingest that is killed midway leaves a
consistent database and re-running it finishes the job with nothing lost and nothing doubled.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Protocol

from storyline.errors import InputError
from storyline.model import Article

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,
    input_id TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    story_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_story ON articles (story_id, seq);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    stale INTEGER NOT NULL DEFAULT 1,
    headline TEXT
);
"""
_BATCH_ARTICLES = 200


class StoryAssigner(Protocol):
    """Decides which story an arriving article belongs to (see ``storyline.cluster``)."""

    def restore(self, article: Article, story_id: str) -> None:
        """Learn an article already stored in ``story_id``."""

    def assign(self, article: Article) -> str | None:
        """The id of the stored story ``article`` reports, or None for a new story."""

    def commit(self, article: Article, story_id: str) -> None:
        """Record that ``article`` now belongs to ``story_id``."""


@dataclass(frozen=True, slots=True)
class IngestCounts:
    """What an ingest did: articles added, already stored, and the stories touched or opened."""

    added: int
    already_stored: int
    stories_touched: tuple[str, ...]
    stories_opened: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One line of ``storyline stories``."""

    id: str
    headline: str | None
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    first: datetime | None
    last: datetime | None


class StoryStore:
    """An SQLite database of articles and stories. Use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None

    def __enter__(self) -> StoryStore:
        try:
            self._db = sqlite3.connect(self.path)
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as e:
            raise InputError(str(self.path), "unreadable", f"not a storyline database: {e}") from e
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("StoryStore is used outside its 'with' block")
        return self._db

    def restore_into(self, assigner: StoryAssigner) -> int:
        """Teach ``assigner`` every stored article and its story, in arrival order."""
        count = 0
        for record, story_id in self.db.execute(
            "SELECT record, story_id FROM articles ORDER BY seq"
        ):
            assigner.restore(_article_from_record(record), story_id)
            count += 1
        return count

    def ingest(self, articles: Iterable[Article], *, assigner: StoryAssigner) -> IngestCounts:
        """Store the new ones of ``articles``, each assigned to a story; stories touched go stale."""
        added = already = 0
        touched: dict[str, None] = {}
        opened: dict[str, None] = {}
        for batch in _batches(articles, size=_BATCH_ARTICLES):
            with self.db:  # one transaction per batch
                for article in batch:
                    digest = content_hash(article.text)
                    if self._has_hash(digest):
                        already += 1
                        continue
                    story_id = assigner.assign(article)
                    if story_id is None:
                        story_id = f"story-{digest[:12]}"
                        self._open_story(story_id)
                        opened[story_id] = None
                    self._insert(article, digest=digest, story_id=story_id)
                    self.db.execute("UPDATE stories SET stale = 1 WHERE id = ?", (story_id,))
                    assigner.commit(article, story_id)
                    touched[story_id] = None
                    added += 1
        return IngestCounts(added, already, tuple(touched), tuple(opened))

    def stale_stories(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT id FROM stories WHERE stale = 1")]

    def set_headline(self, story_id: str, headline: str | None) -> None:
        """Store a refreshed story's headline and mark it current."""
        with self.db:
            self.db.execute(
                "UPDATE stories SET headline = ?, stale = 0 WHERE id = ?", (headline, story_id)
            )

    def articles_of(self, story_id: str) -> list[Article]:
        rows = self.db.execute(
            "SELECT record FROM articles WHERE story_id = ? ORDER BY seq", (story_id,)
        )
        return [_article_from_record(record) for (record,) in rows]

    def has_story(self, story_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone()
        return row is not None

    def stories(self) -> list[StoryRow]:
        """Every story with articles, most recently opened last."""
        rows: list[StoryRow] = []
        for story_id, headline in self.db.execute(
            "SELECT id, headline FROM stories ORDER BY seq"
        ).fetchall():
            articles = self.articles_of(story_id)
            if not articles:
                continue
            times = sorted(a.published for a in articles if a.published is not None)
            rows.append(
                StoryRow(
                    id=story_id,
                    headline=headline,
                    article_ids=tuple(self._input_ids(story_id)),
                    outlets=tuple(dict.fromkeys(a.outlet for a in articles if a.outlet)),
                    first=times[0] if times else None,
                    last=times[-1] if times else None,
                )
            )
        return rows

    def _input_ids(self, story_id: str) -> list[str]:
        rows = self.db.execute(
            "SELECT input_id FROM articles WHERE story_id = ? ORDER BY seq", (story_id,)
        )
        return [input_id for (input_id,) in rows]

    def _has_hash(self, digest: str) -> bool:
        row = self.db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        return row is not None

    def _open_story(self, story_id: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO stories (id, seq, stale) "
            "VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM stories), 1)",
            (story_id,),
        )

    def _insert(self, article: Article, *, digest: str, story_id: str) -> None:
        key = article.id
        suffix = 2
        while self.db.execute("SELECT 1 FROM articles WHERE key = ?", (key,)).fetchone():
            key = f"{article.id}-{suffix}"
            suffix += 1
        stored = _record(article, key=key)
        self.db.execute(
            "INSERT INTO articles (key, input_id, content_hash, story_id, seq, record) "
            "VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM articles), ?)",
            (key, article.id, digest, story_id, stored),
        )


def content_hash(text: str) -> str:
    """The identity of an article's text: white space and Unicode forms do not matter."""
    folded = " ".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def refresh_stale(
    store: StoryStore, *, headline_of: Callable[[Sequence[Article]], str | None]
) -> list[str]:
    """Recompute the headline of every stale story; returns the ids refreshed."""
    refreshed: list[str] = []
    for story_id in store.stale_stories():
        store.set_headline(story_id, headline_of(store.articles_of(story_id)))
        refreshed.append(story_id)
    return refreshed


def _batches(articles: Iterable[Article], *, size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _record(article: Article, *, key: str) -> str:
    return json.dumps(
        {
            "id": key,
            "text": article.text,
            "source": article.source,
            "title": article.title,
            "outlet": article.outlet,
            "published": None if article.published is None else article.published.isoformat(),
            "published_zone": article.published_zone,
            "language": article.language,
            "body_start": article.body_start,
            "group": article.group,
        },
        ensure_ascii=False,
    )


def _article_from_record(record: str) -> Article:
    fields = json.loads(record)
    published = fields.pop("published")
    return Article(
        **fields, published=None if published is None else datetime.fromisoformat(published)
    )
