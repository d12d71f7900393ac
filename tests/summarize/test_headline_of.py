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
