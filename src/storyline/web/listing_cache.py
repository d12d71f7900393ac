"""Answers about the story list (pages, searches, API pages) kept for reuse: each is made for
one listing (a snapshot's token, part of the key), so a change to the store gives new keys and
old answers are simply never asked for again; the least recently used go first."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

from storyline.config import check_int
from storyline.web.cached_body import CachedBody

LISTINGS_KEPT = 512
Value = TypeVar("Value")


class RecentlyUsed(Generic[Value]):
    """At most ``kept`` values by key (the listing token first); the least recently used go
    first. Thread-safe."""

    def __init__(self, *, kept: int = LISTINGS_KEPT) -> None:
        check_int("kept", kept, 1, 10_000_000)
        self._kept = kept
        self._values: OrderedDict[tuple[Hashable, ...], Value] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: tuple[Hashable, ...]) -> Value | None:
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: tuple[Hashable, ...], value: Value) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self._kept:
                self._values.popitem(last=False)


class ListingCache(RecentlyUsed[CachedBody]):
    """Bodies of list pages, searches and API list pages by listing token, query and page."""
