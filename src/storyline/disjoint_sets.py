"""Disjoint sets (union-find): the groups that pairwise links between items make."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)


class DisjointSets(Generic[Key]):
    """Items that start alone; ``union(a, b)`` joins their groups under ``a``'s root."""

    def __init__(self, items: Iterable[Key]) -> None:
        self._parent: dict[Key, Key] = {item: item for item in items}

    def find(self, item: Key) -> Key:
        """The root of ``item``'s group (paths are halved on the way)."""
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, first: Key, second: Key) -> None:
        self._parent[self.find(second)] = self.find(first)
