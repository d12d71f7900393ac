"""A stored story's headline is refreshed from its articles' stored leads, and is the one its
digest shows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from builders import make_article

import storyline.pipeline
from storyline.config import Config
from storyline.pipeline import build_documents
from storyline.store import StoryStore
from storyline.store.update import add_articles, stored_digest, update_store
from storyline.summarize import headline_of, summarize

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry"


def _stored_headlines(db: Path) -> dict[str, str | None]:
    with StoryStore(db) as store:
        return {row.id: row.headline for row in store.stories()}


def _shown_headline(db: Path, story_id: str, config: Config) -> str | None:
    shown = stored_digest(story_id, db=db, config=config)
    assert shown is not None
    headline = shown.stories[0].summary.headline
    return None if headline is None else headline.text


def test_a_refresh_reads_the_stored_leads_and_gives_the_digests_headline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "stories.db"
    config = Config()
    update_store([EXAMPLE], db=db, config=config, refresh=False)

    def not_again(*_: object, **__: object) -> None:
        raise AssertionError("an article was cleaned and split again")

    with monkeypatch.context() as patch:
        patch.setattr(storyline.pipeline, "build_document", not_again)
        patch.setattr(storyline.pipeline, "build_documents", not_again)
        update_store([EXAMPLE], db=db, config=config)  # nothing new: refreshes the headlines
    ((story_id, headline),) = _stored_headlines(db).items()
    assert headline is not None
    assert headline == _shown_headline(db, story_id, config)


def test_an_article_stored_without_its_lead_is_read_again(tmp_path: Path) -> None:
    db = tmp_path / "stories.db"
    config = Config()
    update_store([EXAMPLE], db=db, config=config)
    before = _stored_headlines(db)
    connection = sqlite3.connect(db)
    with connection:  # as a store of layout 9 kept them, and its story stale
        connection.execute("UPDATE articles SET lead_spans = NULL")
        connection.execute("UPDATE stories SET stale = 1, headline = NULL")
    connection.close()
    update_store([EXAMPLE], db=db, config=config)
    assert _stored_headlines(db) == before


QUOTED = " ".join(
    f'"We saw the ferry lean over towards the rocks at dawn number {n}," a fisherman said.'
    for n in range(1, 7)
)
PLAIN = "The ferry Sula Marren ran aground near the island of Vask on Friday morning."


def test_when_no_lead_has_a_headline_the_whole_reports_are_read(tmp_path: Path) -> None:
    # Quotations never make a headline: the first sentence fit to be one is the seventh.
    articles = [
        make_article(f"{QUOTED} {PLAIN} Report {n} of the grounding.", article_id=f"r{n}")
        for n in range(1, 3)
    ]
    documents = build_documents(articles)
    assert all(len(doc.sentences) >= 7 for doc in documents)
    summary = summarize(documents, config=Config())
    assert summary.headline is not None and summary.headline.text == PLAIN
    assert headline_of(documents, config=Config()) == PLAIN
    db = tmp_path / "stories.db"
    add_articles(articles, db=db, config=Config())
    assert set(_stored_headlines(db).values()) == {PLAIN}
