"""The store leaves out an outlet's boilerplate as ``digest`` does: a sentence repeated word for
word in three stories or more."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from builders import as_layout_11_wrote, make_article

from storyline.boilerplate import sentence_key
from storyline.config import Config
from storyline.model import Article
from storyline.store import StoryStore
from storyline.store.reading import read_story
from storyline.store.sqlite import SCHEMA_VERSION
from storyline.store.update import add_articles, stored_digest

_BLURB = "Stay with us for news, features and opinions on green policy and the climate."
_PAGES = [
    (
        "The Tirlan river burst its banks on Monday and flooded three hundred homes overnight.",
        "Rescuers in boats took families from rooftops as the water rose in the old town.",
    ),
    (
        "A cargo ship ran aground off Halmsey on Tuesday and spilled fuel along the coast.",
        "Divers found a long crack in the hull of the ship, the harbour master said.",
    ),
    (
        "The Nordvik council voted on Wednesday to close the old bridge for two years of work.",
        "Engineers had warned that the steel of the bridge was rusting faster than expected.",
    ),
]


def _page(number: int) -> Article:
    lead, more = _PAGES[number]
    return make_article(
        f"{_BLURB}\n\n{lead}\n\n{more}",
        article_id=f"p{number}",
        published=datetime(2025, 3 + 3 * number, 10, 9, tzinfo=UTC),  # months apart: three stories
    )


def _said(db: Path, story_id: str) -> list[str]:
    shown = stored_digest(story_id, db=db, config=Config())
    assert shown is not None
    summary = shown.stories[0].summary
    assert summary.headline is not None
    return [summary.headline.text, *(sentence.text for sentence in summary.sentences)]


def test_a_blurb_on_three_stories_pages_is_left_out_of_each_and_headlines_are_refreshed(
    tmp_path: Path,
) -> None:
    db = tmp_path / "stories.db"
    add_articles([_page(0), _page(1)], db=db, config=Config())
    with StoryStore(db) as store:
        first = {row.id: row.headline for row in store.stories()}
        assert len(first) == 2
        assert store.repeated([sentence_key(_BLURB)]) == frozenset()
    update = add_articles([_page(2)], db=db, config=Config())
    # The third page makes the blurb boilerplate: the first two stories go stale too.
    assert set(first) <= set(update.refreshed)
    with StoryStore(db) as store:
        rows = store.stories()
        assert len(rows) == 3
        assert store.repeated([sentence_key(_BLURB), sentence_key(_PAGES[0][0])]) == {
            sentence_key(_BLURB)
        }
        for row in rows:
            assert row.headline is not None and _BLURB not in row.headline
    for row in rows:
        said = _said(db, row.id)
        assert _BLURB not in said
        assert row.headline == said[0]
        stored = read_story(db, row.id)
        assert stored is not None and stored.boilerplate == {sentence_key(_BLURB)}


def test_a_store_of_layout_10_learns_its_boilerplate_on_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "stories.db"
    add_articles([_page(0), _page(1), _page(2)], db=db, config=Config())
    connection = sqlite3.connect(db)
    as_layout_11_wrote(connection)
    with connection:  # as layout 10 kept a store: no record of the sentences
        connection.execute("DROP TABLE sentence_stories")
        connection.execute("UPDATE articles SET lead_spans = '[]'")  # as an older cleaning split
        connection.execute("PRAGMA user_version = 10")
    connection.close()
    with StoryStore(db) as store:
        assert store.repeated([sentence_key(_BLURB)]) == frozenset()  # readable, knows nothing
    later = make_article(
        "The Halmsey ferry service resumed on Friday after the winter storms had passed.",
        article_id="later",
        published=datetime(2026, 1, 5, 9, tzinfo=UTC),
    )
    add_articles([later], db=db, config=Config())  # the next ingest upgrades the store
    with StoryStore(db) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        # The lead spans are written again, as this release splits the articles.
        assert store.db.execute(
            "SELECT count(*) FROM articles WHERE lead_spans = '[]'"
        ).fetchone() == (0,)
        assert store.repeated([sentence_key(_BLURB)]) == {sentence_key(_BLURB)}
        for row in store.stories()[:3]:
            assert row.headline is not None and _BLURB not in row.headline


def test_a_lead_holding_boilerplate_is_read_in_full_for_the_stored_headline(
    tmp_path: Path,
) -> None:
    db = tmp_path / "stories.db"
    for number in range(3):
        add_articles([_page(number)], db=db, config=Config())
    late = make_article(
        "\n".join(
            [
                "It was quiet.",
                "Nobody expected it.",
                _BLURB,
                "It came at night.",
                "Then it happened.",
                "A tanker carrying crude oil ran aground off the coast of Galicia on Thursday, "
                "spilling oil along forty kilometres of beaches.",
                "Fishermen were ordered to stay in port.",
            ]
        ),
        article_id="late",
        published=datetime(2026, 2, 2, 9, tzinfo=UTC),
    )
    add_articles([late], db=db, config=Config())
    with StoryStore(db) as store:
        headlines = {row.id: row.headline for row in store.stories()}
    for story_id, headline in headlines.items():
        assert headline == _said(db, story_id)[0]  # the listing's headline is the page's
