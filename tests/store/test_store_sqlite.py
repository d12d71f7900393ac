"""The SQLite story store: idempotent ingest, stable ids, consistency after an interruption."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import make_article

from storyline.config import Config
from storyline.model import Article
from storyline.preparation import ArticlePreparer, PreparedArticle
from storyline.store import StoryStore
from storyline.store.reading import StoreReader
from storyline.store.sqlite import Assignment, StoredArticle
from storyline.store.update import add_articles


class GroupAssigner:
    """A test double: an article joins the stored story of its declared group."""

    def __init__(self) -> None:
        self.story_of_group: dict[str | None, str] = {}
        self.restored = 0
        self._group: str | None = None

    def restore(self, stored: StoredArticle) -> None:
        self.story_of_group[stored.article.group] = stored.story_id
        self.restored += 1

    def assign(self, prepared: PreparedArticle, *, digest: str = "") -> Assignment:
        self._group = prepared.article.group
        return Assignment(self.story_of_group.get(self._group))

    def commit(self, key: str, story_id: str) -> None:
        self.story_of_group[self._group] = story_id


def _articles() -> list[PreparedArticle]:
    prepare = ArticlePreparer()
    return [item for item in map(prepare, _plain_articles()) if isinstance(item, PreparedArticle)]


def _plain_articles() -> list[Article]:
    return [
        make_article("The ferry ran aground off the island on Friday.", article_id="a", group="x"),
        make_article(
            "A ferry hit the ledge near the island early Friday.", article_id="b", group="x"
        ),
        make_article(
            "The council approved the new harbour budget on Monday.", article_id="c", group="y"
        ),
    ]


def test_articles_join_their_stories_and_ids_do_not_depend_on_the_run(tmp_path: Path) -> None:
    ids = []
    for run in range(2):
        with StoryStore(tmp_path / f"run{run}.db") as store:
            counts = store.ingest(_articles(), assigner=GroupAssigner())
            assert counts.added == 3
            ids.append([(row.id, row.article_ids) for row in store.stories()])
    assert ids[0] == ids[1]
    assert [articles for _, articles in ids[0]] == [("a", "b"), ("c",)]


def test_re_ingesting_the_same_articles_adds_nothing(tmp_path: Path) -> None:
    with StoryStore(tmp_path / "s.db") as store:
        store.ingest(_articles(), assigner=GroupAssigner())
    with StoryStore(tmp_path / "s.db") as store:
        assigner = GroupAssigner()
        assert store.restore_into(assigner) == 3
        counts = store.ingest(_articles(), assigner=assigner)
        assert (counts.added, counts.already_stored) == (0, 3)
        assert sum(len(row.article_ids) for row in store.stories()) == 3


def test_a_later_article_joins_the_stored_story_after_a_restart(tmp_path: Path) -> None:
    with StoryStore(tmp_path / "s.db") as store:
        store.ingest(_articles()[:1], assigner=GroupAssigner())
    with StoryStore(tmp_path / "s.db") as store:
        assigner = GroupAssigner()
        store.restore_into(assigner)
        counts = store.ingest(_articles()[1:], assigner=assigner)
        assert len(counts.stories_opened) == 1  # only the council story is new
        assert [row.article_ids for row in store.stories()] == [("a", "b"), ("c",)]


def test_an_interrupted_ingest_leaves_a_consistent_database(tmp_path: Path) -> None:
    class Crash(Exception):
        pass

    class CrashingAssigner(GroupAssigner):
        def assign(self, prepared: PreparedArticle, *, digest: str = "") -> Assignment:
            if prepared.article.id == "c":
                raise Crash
            return super().assign(prepared, digest=digest)

    with StoryStore(tmp_path / "s.db") as store, pytest.raises(Crash):
        store.ingest(_articles(), assigner=CrashingAssigner())
    with StoryStore(tmp_path / "s.db") as store:
        assert store.stories() == []  # the batch was rolled back as a whole
        assigner = GroupAssigner()
        store.restore_into(assigner)
        counts = store.ingest(_articles(), assigner=assigner)
        assert counts.added == 3
        assert sum(len(row.article_ids) for row in store.stories()) == 3


def test_stories_touched_are_stale_until_refreshed(tmp_path: Path) -> None:
    with StoryStore(tmp_path / "s.db") as store:
        counts = store.ingest(_articles(), assigner=GroupAssigner())
        assert sorted(store.stale_stories()) == sorted(counts.stories_touched)
        for story_id in counts.stories_touched:
            store.set_headline(story_id, "A headline.")
        assert store.stale_stories() == []
        assert {row.headline for row in store.stories()} == {"A headline."}


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    from storyline.errors import InputError

    bad = tmp_path / "notes.db"
    bad.write_text("this is not sqlite " * 100)
    with pytest.raises(InputError, match="not a storyline database"), StoryStore(bad):
        pass


def test_an_updated_article_is_listed_once_in_its_story(tmp_path: Path) -> None:
    # The same id again with a corrected text is stored too (as a copy of the first version),
    # and its story used to list the id twice (found by helper-44).
    db = tmp_path / "s.db"
    text = "The ferry Sula Marren ran aground near the island of Vask on Friday, officials said."
    add_articles([make_article(text, article_id="x1")], db=db, config=Config(), refresh=False)
    update = add_articles(
        [make_article(text + " All 212 passengers were taken ashore.", article_id="x1")],
        db=db,
        config=Config(),
        refresh=False,
    )
    assert update.counts.added == 1
    with StoryStore(db) as store:
        assert [row.article_ids for row in store.stories()] == [("x1",)]
    with StoreReader(db) as reader:
        rows = reader.list_stories(None, headlines=reader.headlines())
    assert [row.article_ids for row in rows.values()] == [("x1",)]
