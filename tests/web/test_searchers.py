"""Full-text searches on lent connections: side by side, never more connections than allowed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.store.reading import StoreReader
from storyline.web.service import Searchers


def test_searches_from_many_threads_agree_with_one_reader_and_share_few_connections(
    built_db: Path,
) -> None:
    queries = ["kelder", "ferry", "halmsey ferry", "qzxvwjk", "the"] * 8
    with StoreReader(built_db) as reader:
        expected = [sorted(reader.match(query)) for query in queries]
    searchers = Searchers(built_db, size=2)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            found = list(pool.map(lambda query: sorted(searchers.match(query)), queries))
        assert found == expected
        assert len(searchers._opened) <= 2
    finally:
        searchers.close()


def test_a_pool_without_connections_is_refused(built_db: Path) -> None:
    with pytest.raises(ConfigError, match="'size' must be an int in"):
        Searchers(built_db, size=0)
