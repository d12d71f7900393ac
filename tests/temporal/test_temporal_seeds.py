"""Time on the real example reports in ../shared/seeds (skipped when they are absent)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from builders import SEEDS

from storyline.config import Config
from storyline.model import Article, TimeMention
from storyline.pipeline import build_document
from storyline.temporal import find_time_mentions, infer_publication

SUMMIT_ARRIVAL = date(2019, 2, 26)


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    if len(sorted(SEEDS.glob("*.txt"))) != 5:
        pytest.skip(f"the five seed reports are not at {SEEDS}")
    from storyline.ingest import read_inputs

    return list(read_inputs([SEEDS], config=Config()).articles)


def _mentions(article: Article) -> list[TimeMention]:
    return [
        mention
        for sent in build_document(article).sentences
        for mention in find_time_mentions(
            sent, published=article.published, zone=article.published_zone
        )
    ]


def test_seed_mentions_are_verbatim_spans_of_their_articles(seeds: list[Article]) -> None:
    for article in seeds:
        for mention in _mentions(article):
            assert article.text[mention.start : mention.end] == mention.text


def test_weekdays_of_the_dated_seeds_fall_in_the_summit_week(seeds: list[Article]) -> None:
    dated = [article for article in seeds if article.published is not None]
    assert len(dated) == 2
    weekdays = {
        (mention.text.split()[0], mention.when)
        for article in dated
        for mention in _mentions(article)
        if mention.text.split()[0].endswith("day")
    }
    assert weekdays == {
        ("Saturday", "2019-02-23"),
        ("Sunday", "2019-02-24"),
        ("Tuesday", "2019-02-26"),
        ("Wednesday", "2019-02-27"),
        ("Thursday", "2019-02-28"),
    }


def test_undated_seeds_are_placed_within_a_day_of_the_arrival(seeds: list[Article]) -> None:
    placed = infer_publication(
        seeds, sentences_of=lambda article: build_document(article).sentences
    )
    undated = [article for article in seeds if article.published is None]
    assert len(undated) == 3
    for before, after in zip(seeds, placed, strict=True):
        if before.published is not None:
            assert after is before
            continue
        assert after.published_inferred
        assert after.published is not None
        assert abs(after.published.date() - SUMMIT_ARRIVAL) <= timedelta(days=1)
        # Each reports the departure and still announces the arrival: before Tuesday.
        assert after.published.date() < SUMMIT_ARRIVAL
