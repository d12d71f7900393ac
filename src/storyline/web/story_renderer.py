"""Where story pages are computed: in worker processes, so that a digest's second of CPU never
holds the server's interpreter lock while it answers other requests. Requests use a foreground
worker; rendering ahead (the warm-up) uses a background one at low priority (``nice``), so work
nobody waits for yields the CPU to work somebody waits for. Requests for the same story and
version share one computation."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from storyline.config import Config
from storyline.web.story_render import RenderedStory, StoryPainter

logger = logging.getLogger(__name__)

BACKGROUND_NICENESS = 10

_Rendering = Future[RenderedStory | None]


class StoryRenderer:
    """Renders stories of the store at ``db`` in a foreground and a background worker: processes
    (``processes=True``) or, for tests and small stores, threads of this process. Workers start
    on ``start`` or on first use; ``close`` stops them."""

    def __init__(self, db: Path, *, config: Config, processes: bool = True) -> None:
        self.db = db
        self.config = config
        self.processes = processes
        self._foreground: Executor | None = None
        self._background: Executor | None = None
        self._painters = {  # used in thread mode only (a process keeps its own)
            False: StoryPainter(db, config=config),
            True: StoryPainter(db, config=config),
        }
        self._in_flight: dict[str, tuple[int, _Rendering]] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start both workers and have them load what rendering needs."""
        for background in (False, True):
            worker = self._worker(background=background)
            if self.processes:
                worker.submit(_prepare)
            else:
                worker.submit(self._painters[background].prepare)

    def close(self) -> None:
        with self._lock:
            workers = [self._foreground, self._background]
            self._foreground = self._background = None
        for worker in workers:
            if worker is not None:
                worker.shutdown(wait=True, cancel_futures=True)

    async def render(self, story_id: str, *, version: int) -> RenderedStory | None:
        """The story rendered by the foreground worker at ``version`` or later; a request that
        arrives while the same story is being rendered at that version waits for that result."""
        with self._lock:
            entry = self._in_flight.get(story_id)
            fresh = entry is None or entry[0] < version
            if fresh:
                future = self._submit_locked(story_id, background=False)
                entry = (version, future)
                self._in_flight[story_id] = entry
        assert entry is not None  # set above when it was None
        if fresh:
            entry[1].add_done_callback(lambda _: self._forget(story_id, entry))
        try:
            return await asyncio.wrap_future(entry[1])
        except BrokenProcessPool:
            self._drop_worker(background=False)
            raise

    def is_rendering(self, story_id: str) -> bool:
        """Whether the foreground worker is rendering the story for a request now."""
        with self._lock:
            return story_id in self._in_flight

    def render_in_background(self, story_id: str) -> RenderedStory | None:
        """The story rendered by the background worker (blocks until it is done)."""
        with self._lock:
            future = self._submit_locked(story_id, background=True)
        try:
            return future.result()
        except BrokenProcessPool:
            self._drop_worker(background=True)
            raise

    def _forget(self, story_id: str, entry: tuple[int, _Rendering]) -> None:
        with self._lock:
            if self._in_flight.get(story_id) is entry:
                del self._in_flight[story_id]

    def _submit_locked(self, story_id: str, *, background: bool) -> _Rendering:
        worker = self._worker_locked(background=background)
        if self.processes:
            return worker.submit(_paint, story_id)
        return worker.submit(self._painters[background], story_id)

    def _worker(self, *, background: bool) -> Executor:
        with self._lock:
            return self._worker_locked(background=background)

    def _worker_locked(self, *, background: bool) -> Executor:
        worker = self._background if background else self._foreground
        if worker is None:
            worker = self._new_worker(background=background)
            if background:
                self._background = worker
            else:
                self._foreground = worker
        return worker

    def _new_worker(self, *, background: bool) -> Executor:
        name = "background" if background else "foreground"
        if not self.processes:
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"storyline-{name}")
        return ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),  # forking a threaded server is unsafe
            initializer=_start_worker,
            initargs=(self.db, self.config, BACKGROUND_NICENESS if background else 0),
        )

    def _drop_worker(self, *, background: bool) -> None:
        """Forget a worker whose process died (the next rendering starts a new one)."""
        logger.warning(
            "a %s rendering process died; starting another",
            "background" if background else "foreground",
        )
        with self._lock:
            if background:
                self._background = None
            else:
                self._foreground = None


# The painter of a worker process, kept from one story to the next (it holds a unit registry
# that takes a second to build). Set once, by ``_start_worker``, in worker processes only: the
# server process never touches it (in thread mode each renderer has its own painters).
_worker_painter: StoryPainter | None = None


def _start_worker(db: Path, config: Config, niceness: int) -> None:
    global _worker_painter  # a worker process's own state; see above
    if niceness:
        os.nice(niceness)
    _worker_painter = StoryPainter(db, config=config)


def _prepare() -> None:
    if _worker_painter is None:
        raise RuntimeError("_prepare runs in a worker process started by _start_worker")
    _worker_painter.prepare()


def _paint(story_id: str) -> RenderedStory | None:
    if _worker_painter is None:
        raise RuntimeError("_paint runs in a worker process started by _start_worker")
    return _worker_painter(story_id)
