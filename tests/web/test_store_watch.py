"""The server's view of the store listing: read whole once, then kept current from what changed;
the result is always what a fresh full read gives, and no commit goes unseen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.errors import InputError
from storyline.model import Article
from storyline.store import StoryStore
from storyline.store.reading import StoreReader, read_story
from storyline.store.update import add_articles
from storyline.web.store_watch import StoreWatch, read_snapshot

START = datetime(2025, 6, 1, 8, tzinfo=UTC)


def make_report(event: int, number: int) -> Article:
    """A short report of a made-up event (``event``), the ``number``-th about it."""
    words = " ".join(f"e{event}w{j}" for j in range(10))
    return Article(
        id=f"e{event}-r{number}",
        title=f"Event {event} report {number}",
        source=f"https://news{number}.example/e{event}",
        outlet=f"Outlet {number}",
        published=START + timedelta(days=event * 40, hours=number),
        language="en",
        text=f"{words} happened on Monday, officials said. {words} report {number} added.",
    )


def test_a_kept_snapshot_equals_a_fresh_full_read_after_each_addition(writable_db: Path) -> None:
    watch = StoreWatch(writable_db)
    watch.open()
    try:
        seen = [watch.current()]
        for event, number in [(1, 1), (1, 2), (2, 1), (1, 3)]:
            add_articles([make_report(event, number)], db=writable_db, config=Config())
            kept = watch.current()
            with StoreReader(writable_db) as reader:
                fresh = read_snapshot(reader, None)
            assert kept == fresh
            assert kept.token != seen[-1].token
            seen.append(kept)
    finally:
        watch.close()
    assert len(seen[-1].rows) == len(seen[0].rows) + 2  # events 1 and 2 opened a story each


def test_the_listing_rows_are_those_the_store_lists(built_db: Path) -> None:
    watch = StoreWatch(built_db)
    watch.open()
    try:
        snapshot = watch.current()
    finally:
        watch.close()
    with StoryStore(built_db) as store:
        expected = {row.id: row for row in store.stories()}
    assert {row.id: row for row in snapshot.rows} == expected
    lasts = [row.last for row in snapshot.rows if row.last is not None]
    assert lasts == sorted(lasts, reverse=True)


def test_an_unchanged_store_gives_the_same_snapshot_object(built_db: Path) -> None:
    watch = StoreWatch(built_db)
    watch.open()
    try:
        assert watch.current() is watch.current()
    finally:
        watch.close()


def test_search_matches_map_to_stories_by_arrival_and_headline(built_db: Path) -> None:
    with StoreReader(built_db) as reader:
        snapshot = read_snapshot(reader, None)
        by_article = snapshot.stories_of(reader.match("kelder volcano"))
        nothing = snapshot.stories_of(reader.match("qzxvwjk"))
    with StoryStore(built_db) as store:
        assert set(by_article) == store.search("kelder volcano")
    assert all(0 < score <= 2 for score in by_article.values())
    assert nothing == {}


def test_a_story_is_read_with_its_version_and_row_in_one_go(built_db: Path) -> None:
    with StoryStore(built_db) as store:
        row = next(row for row in store.stories() if "coastal_wire" in row.article_ids)
        version = store.story_version(row.id)
    stored = read_story(built_db, row.id)
    assert stored is not None
    assert stored.row == row
    assert stored.version == version
    assert len(stored.articles) == len(row.article_ids)
    assert read_story(built_db, "story-none") is None


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(InputError, match="not a storyline database"):
        StoreReader(junk).open()
    with pytest.raises(InputError, match="no story store"):
        StoreReader(tmp_path / "absent.db").open()
