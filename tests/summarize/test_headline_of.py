"""The headline alone is the one the full summary gives."""

from __future__ import annotations

import pytest
from builders import SEEDS

from storyline.config import Config
from storyline.ingest import read_inputs
from storyline.pipeline import build_documents
from storyline.summarize import headline_of, summarize


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_headline_of_gives_the_summary_headline() -> None:
    documents = build_documents(read_inputs([SEEDS], config=Config()).articles)
    summary = summarize(documents, config=Config())
    assert summary.headline is not None
    assert headline_of(documents, config=Config()) == summary.headline.text


def test_no_documents_give_no_headline() -> None:
    assert headline_of([], config=Config()) is None


def test_a_report_of_one_short_sentence_still_has_a_headline() -> None:
    from builders import make_article

    documents = build_documents([make_article("Floods hit Dhaka on Monday.", article_id="dhaka")])
    summary = summarize(documents, config=Config())
    assert summary.headline is not None
    assert summary.headline.text == "Floods hit Dhaka on Monday."
    assert [source.article for source in summary.headline.sources] == ["dhaka"]
    assert summary.sentences == ()  # too short for the summary itself
    assert headline_of(documents, config=Config()) == summary.headline.text
