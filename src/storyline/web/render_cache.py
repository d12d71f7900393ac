"""Rendered stories kept in memory, each valid for the story version and headline it was made
from, within a budget of bytes (the least recently used go first)."""

from __future__ import annotations

import threading
from collections import OrderedDict

from storyline.config import check_int
from storyline.web.story_render import RenderedStory


class RenderCache:
    """Rendered stories by id, at most ``max_bytes`` of them (compressed). Thread-safe."""

    def __init__(self, *, max_bytes: int) -> None:
        check_int("max_bytes", max_bytes, 1, 2**50)
        self.max_bytes = max_bytes
        self._stories: OrderedDict[str, RenderedStory] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._stories)

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def get(self, story_id: str, *, version: int, headline: str | None) -> RenderedStory | None:
        """The story as rendered at ``version`` with ``headline``, or None (not rendered, or
        rendered before an article joined it or its headline changed)."""
        with self._lock:
            rendered = self._stories.get(story_id)
            if rendered is None or (rendered.version, rendered.headline) != (version, headline):
                return None
            self._stories.move_to_end(story_id)
            return rendered

    def holds(self, story_id: str, *, version: int, headline: str | None) -> bool:
        """Whether ``get`` would find the story (without counting this as a use)."""
        with self._lock:
            rendered = self._stories.get(story_id)
        return rendered is not None and (rendered.version, rendered.headline) == (version, headline)

    def put(self, rendered: RenderedStory) -> None:
        """Keep ``rendered`` (unless a later version is kept already), then forget the least
        recently used stories while over budget."""
        with self._lock:
            kept = self._stories.get(rendered.story_id)
            if kept is not None:
                if kept.version > rendered.version:
                    return
                self._bytes -= kept.size
            self._stories[rendered.story_id] = rendered
            self._stories.move_to_end(rendered.story_id)
            self._bytes += rendered.size
            while self._bytes > self.max_bytes and len(self._stories) > 1:
                _, dropped = self._stories.popitem(last=False)
                self._bytes -= dropped.size

    def has_room(self, *, share: float = 0.9) -> bool:
        """Whether less than ``share`` of the budget is used (room to render more ahead)."""
        return self._bytes < share * self.max_bytes
