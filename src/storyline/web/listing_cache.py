"""Answers about the story list (pages, searches, API pages) kept for reuse: each is made for
one listing (a snapshot's token, part of the key), so a change to the store gives new keys and
old answers are simply never asked for again; the least recently used go first."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from storyline.config import check_int
from storyline.web.cached_body import CachedBody

LISTINGS_KEPT = 512


class ListingCache:
    """At most ``kept`` bodies by key (the listing token first). Thread-safe."""

    def __init__(self, *, kept: int = LISTINGS_KEPT) -> None:
        check_int("kept", kept, 1, 10_000_000)
        self._kept = kept
        self._bodies: OrderedDict[tuple[Hashable, ...], CachedBody] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._bodies)

    def get(self, key: tuple[Hashable, ...]) -> CachedBody | None:
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def put(self, key: tuple[Hashable, ...], body: CachedBody) -> None:
        with self._lock:
            self._bodies[key] = body
            self._bodies.move_to_end(key)
            while len(self._bodies) > self._kept:
                self._bodies.popitem(last=False)
