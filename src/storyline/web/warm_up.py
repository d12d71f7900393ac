"""Rendering ahead: a thread that, after the server starts and whenever the store changes,
renders the stories whose current version nobody has asked for yet, newest activity first, in
the background worker, until every story is rendered or the cache budget is nearly used. A
request then rarely waits for a digest."""

from __future__ import annotations

import logging
import threading

from storyline.store.reading import StoryHead
from storyline.web.render_cache import RenderCache
from storyline.web.store_watch import StoreSnapshot, StoreWatch
from storyline.web.story_renderer import StoryRenderer

logger = logging.getLogger(__name__)


class WarmUp:
    """Renders ahead the stories of ``watch``'s store into ``cache`` with ``renderer``; looks
    for changes every ``idle_seconds`` when there is nothing to do."""

    def __init__(
        self,
        watch: StoreWatch,
        renderer: StoryRenderer,
        cache: RenderCache,
        *,
        idle_seconds: float = 0.5,
    ) -> None:
        self._watch = watch
        self._renderer = renderer
        self._cache = cache
        self._idle_seconds = idle_seconds
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._thread: threading.Thread | None = None
        self._failed: dict[str, int] = {}  # story id -> version whose rendering failed

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="storyline-warm-up", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def wait_until_idle(self, *, timeout_s: float) -> bool:
        """Whether the warm-up found nothing left to render within ``timeout_s`` seconds."""
        return self._idle.wait(timeout_s)

    def next_story(self, snapshot: StoreSnapshot) -> StoryHead | None:
        """The newest story whose current version is neither rendered, nor being rendered for a
        request, nor failed; None if there is none or the cache has no room left."""
        if not self._cache.has_room():
            return None
        for row in snapshot.rows:
            head = snapshot.heads[row.id]
            if self._failed.get(head.id) == head.version or self._renderer.is_rendering(head.id):
                continue
            if not self._cache.holds(head.id, version=head.version, headline=head.headline):
                return head
        return None

    def _run(self) -> None:
        while not self._stop.is_set():
            head = self.next_story(self._watch.current())
            if head is None:
                self._idle.set()
                self._stop.wait(self._idle_seconds)
                continue
            self._idle.clear()
            try:
                rendered = self._renderer.render_in_background(head.id)
            except Exception:  # a story that cannot be rendered must not stop the others
                logger.exception("rendering story %s ahead failed", head.id)
                self._failed[head.id] = head.version
                continue
            if rendered is not None:
                self._cache.put(rendered)
