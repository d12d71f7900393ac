"""What the web app reads and writes, over one store file: the story listing (kept current at
the cost of what changed), searches, stories rendered once per version (in worker processes,
ahead of requests when ``warm_up`` is on), articles, and additions under a lock.

A story's rendering is valid for its version (its newest article) and headline; both are read
from the store on every request (``StoreWatch``: a check costing microseconds unless something
was committed), so a page never outlives a change made by this server or by a concurrent
``storyline ingest``."""

from __future__ import annotations

import queue
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.config import Config, check_int
from storyline.errors import InputError
from storyline.model import Article, Rejection
from storyline.store import StoryRow, StoryStore
from storyline.store.reading import StoreReader
from storyline.store.sqlite import fts_query
from storyline.store.update import KeptAssigner, StoreUpdate, add_articles
from storyline.web.listing_cache import RecentlyUsed
from storyline.web.render_cache import RenderCache
from storyline.web.store_watch import StoreSnapshot, StoreWatch
from storyline.web.story_render import RenderedStory
from storyline.web.story_renderer import StoryRenderer
from storyline.web.warm_up import WarmUp

SEARCHES_KEPT = 256
WRITE_WAIT_S = 10.0
"""How long ``POST /api/articles`` waits for another writer (an ingest) before answering 503."""
SEARCHERS = 4


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """How the server makes story pages.

    render_processes: compute digests in worker processes (else in a thread of the server:
        simpler, for tests, but a digest then slows every other answer).
    warm_up: render every story ahead of requests, newest first, after start and after changes.
    cache_mb: most memory the rendered stories may take (compressed); the warm-up stops short
        of it.
    """

    render_processes: bool = True
    warm_up: bool = True
    cache_mb: int = 512

    def __post_init__(self) -> None:
        check_int("cache_mb", self.cache_mb, 1, 1_000_000)


@dataclass(frozen=True, slots=True)
class StoryPage:
    """One page of a story list and how many stories the whole list has."""

    stories: tuple[StoryRow, ...]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True, slots=True)
class StoryAnswer:
    """A rendered story and whether it was ready (False: rendered for this request)."""

    rendered: RenderedStory
    ready: bool


class Searchers:
    """Read connections for full-text searches, lent one per search so that searches run side
    by side (SQLite releases the interpreter lock while it searches); at most ``size`` are
    opened."""

    def __init__(self, db: Path, *, size: int = SEARCHERS) -> None:
        check_int("size", size, 1, 1000)
        self.db = db
        self._idle: queue.LifoQueue[StoreReader] = queue.LifoQueue()
        self._opened: list[StoreReader] = []
        self._size = size
        self._lock = threading.Lock()

    def match(self, query: str) -> list[int]:
        """``StoreReader.match`` on a lent connection (waits if all ``size`` are in use)."""
        reader = self._lend()
        try:
            return reader.match(query)
        finally:
            self._idle.put(reader)

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for reader in opened:
            reader.close()

    def _lend(self) -> StoreReader:
        with self._lock:
            if self._idle.empty() and len(self._opened) < self._size:
                reader = StoreReader(self.db)
                reader.open()
                self._opened.append(reader)
                return reader
        return self._idle.get()  # waits for a search to give one back


class StoryService:
    """The store at ``db`` as the web app uses it. ``start`` starts the rendering workers and
    the warm-up (without it they start on first use and there is no warm-up); ``close`` stops
    them."""

    def __init__(self, db: Path, *, config: Config, settings: ServeSettings | None = None) -> None:
        if not db.is_file():
            raise InputError(
                str(db),
                "missing",
                f"no story store at {db}; run 'storyline ingest PATH --db {db}' first",
            )
        settings = settings or ServeSettings()
        self.db = db
        self.config = config
        self.settings = settings
        self.watch = StoreWatch(db)
        self.watch.open()  # fail now on a file that is not a store of this layout
        self.cache = RenderCache(max_bytes=settings.cache_mb * 2**20)
        self.renderer = StoryRenderer(db, config=config, processes=settings.render_processes)
        self.warm_up = WarmUp(self.watch, self.renderer, self.cache) if settings.warm_up else None
        self._searchers = Searchers(db)
        # The stories matching recent queries, by listing token and query.
        self._searches: RecentlyUsed[tuple[StoryRow, ...]] = RecentlyUsed(kept=SEARCHES_KEPT)
        self._write_lock = threading.Lock()
        # The assigner of the last write, kept: a write replays only what was stored since.
        self._kept = KeptAssigner()

    def start(self) -> None:
        if self.settings.render_processes:
            self.renderer.start()
        if self.warm_up is not None:
            self.warm_up.start()

    def close(self) -> None:
        if self.warm_up is not None:
            self.warm_up.stop()
        self.renderer.close()
        self.watch.close()
        self._searchers.close()

    async def snapshot(self) -> StoreSnapshot:
        """The listing as of now (on the event loop: reads only if something changed, then in
        a thread)."""
        return await self.watch.current_async()

    def stories(self, snapshot: StoreSnapshot, query: str = "") -> tuple[StoryRow, ...]:
        """The stories, newest activity first; with a ``query`` of words only those matching it,
        best matches first (``StoreSnapshot.stories_of``; this searches the store: call it from
        a thread). A query without words (blank, or only punctuation such as '""') filters
        nothing, as an empty search box."""
        if fts_query(query) is None:
            return snapshot.rows
        found = self._searches.get((snapshot.token, query))
        if found is not None:
            return found
        scores = snapshot.stories_of(self._searchers.match(query))
        ranked = sorted(
            (rank for rank, row in enumerate(snapshot.rows) if row.id in scores),
            key=lambda rank: (-scores[snapshot.rows[rank].id], rank),
        )
        found = tuple(snapshot.rows[rank] for rank in ranked)
        self._searches.put((snapshot.token, query), found)
        return found

    def story_page(
        self, snapshot: StoreSnapshot, query: str, *, page: int, per_page: int
    ) -> StoryPage:
        rows = self.stories(snapshot, query)
        start = (page - 1) * per_page
        return StoryPage(
            stories=rows[start : start + per_page], page=page, per_page=per_page, total=len(rows)
        )

    async def story(self, story_id: str) -> StoryAnswer | None:
        """The story rendered at its current version (None if there is no such story): from
        the cache, or rendered now by the foreground worker while the server answers others."""
        snapshot = await self.watch.current_async()
        head = snapshot.head(story_id)
        if head is None:
            return None
        cached = self.cache.get(story_id, version=head.version, headline=head.headline)
        if cached is not None:
            return StoryAnswer(cached, ready=True)
        rendered = await self.renderer.render(story_id, version=head.version)
        if rendered is None:
            return None
        self.cache.put(rendered)
        return StoryAnswer(rendered, ready=False)

    def article(self, article_id: str) -> tuple[Article, str] | None:
        """The stored article and its story id, or None."""
        with StoryStore(self.db) as store:
            return store.article(article_id)

    def add(self, articles: Sequence[Article], *, rejections: Sequence[Rejection]) -> StoreUpdate:
        """Store new articles (one addition at a time); the stories they join get new versions,
        so their renderings are not used again. Raises ``StoreBusyError`` when another process
        (an ingest) holds the store's writer lock for more than ``WRITE_WAIT_S`` seconds."""
        with self._write_lock:
            return add_articles(
                articles,
                db=self.db,
                config=self.config,
                rejections=rejections,
                lock_timeout_s=WRITE_WAIT_S,
                kept=self._kept,
            )
