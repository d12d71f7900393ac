"""The collector's thresholds during an ingest, and the reason they can be raised: preparation
and story assignment leave no cyclic garbage behind."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.cluster import ClusterSettings
from storyline.collector import NET_ALLOCATIONS, bulk_allocation
from storyline.config import Config
from storyline.ingest import read_inputs
from storyline.model import Article
from storyline.preparation import ArticlePreparer, PreparedArticle
from storyline.store.assign import ClusterAssigner
from storyline.store.sqlite import StoryStore
from storyline.store.update import add_articles, ingest_prepared

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "ferry"


@pytest.fixture
def collector_off() -> Iterator[None]:
    """No automatic collection: what is unreachable afterwards was made by the code under test."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _articles() -> list[Article]:
    articles = read_inputs([EXAMPLE], config=Config()).articles
    assert len(articles) >= 5
    return list(articles)


def test_the_block_raises_the_first_threshold_and_puts_all_three_back() -> None:
    before = gc.get_threshold()
    with bulk_allocation():
        assert gc.get_threshold() == (max(NET_ALLOCATIONS, before[0]), *before[1:])
        assert gc.isenabled()
    assert gc.get_threshold() == before


def test_the_thresholds_are_put_back_when_the_block_raises() -> None:
    before = gc.get_threshold()
    with pytest.raises(KeyError), bulk_allocation(net_allocations=5_000):
        assert gc.get_threshold()[0] == max(5_000, before[0])
        raise KeyError("boom")
    assert gc.get_threshold() == before


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.mark.usefixtures("collector_off")
def test_what_the_block_made_goes_to_the_oldest_generation_and_its_cycles_are_still_found() -> None:
    with bulk_allocation():
        kept = [Node() for _ in range(1_000)]
        cycle = Node()
        cycle.other = Node()
        cycle.other.other = cycle
    # No young collection will walk what the block made: it is all in the oldest generation.
    young = {id(item) for generation in (0, 1) for item in gc.get_objects(generation)}
    assert not any(id(item) in young for item in [*kept, cycle, cycle.other])
    assert any(item is kept[0] for item in gc.get_objects(2))
    del cycle  # now unreachable, save through its cycle
    assert gc.collect() >= 2  # a full collection finds it (the two nodes)
    assert gc.collect() == 0


def test_a_higher_threshold_already_set_is_kept() -> None:
    before = gc.get_threshold()
    gc.set_threshold(3 * NET_ALLOCATIONS, *before[1:])
    try:
        with bulk_allocation():
            assert gc.get_threshold()[0] == 3 * NET_ALLOCATIONS
    finally:
        gc.set_threshold(*before)


@pytest.mark.usefixtures("collector_off")
def test_preparing_and_ingesting_articles_leaves_no_cyclic_garbage(tmp_path: Path) -> None:
    """Why the collector may run rarely during an ingest: everything preparation and story
    assignment make is freed by reference counting alone."""
    articles = _articles()
    gc.collect()  # reading (HTML parsing) is not part of it
    preparer = ArticlePreparer()
    prepared = [preparer(article) for article in articles]
    assert all(isinstance(item, PreparedArticle) for item in prepared)
    assert gc.collect() == 0
    with StoryStore(tmp_path / "s.db") as store:
        counts = ingest_prepared(
            store,
            [item for item in prepared if isinstance(item, PreparedArticle)],
            assigner=ClusterAssigner(),
            settings=ClusterSettings(),
        )
        assert counts.added == len(articles)
        assert gc.collect() == 0
        restored = ClusterAssigner()
        store.restore_into(restored)
        del restored
    assert gc.collect() == 0


@pytest.mark.usefixtures("collector_off")
def test_the_check_above_can_fail() -> None:
    """A reference cycle made in the same conditions is found."""

    class Node:
        def __init__(self) -> None:
            self.me = self

    Node()
    assert gc.collect() >= 1


def test_an_ingest_puts_the_thresholds_back(tmp_path: Path) -> None:
    before = gc.get_threshold()
    update = add_articles(_articles(), db=tmp_path / "s.db", config=Config(), refresh=False)
    assert update.report.stored >= 5
    assert gc.get_threshold() == before
