"""Full-text search of the story store: headlines, article titles and texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Config
from storyline.model import Article
from storyline.store import StoryStore
from storyline.store.reading import StoreReader
from storyline.store.sqlite import fts_query
from storyline.store.update import add_articles

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry"


@pytest.fixture(scope="module")
def ferry_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from storyline.store.update import update_store

    db = tmp_path_factory.mktemp("search") / "ferry.db"
    update_store([EXAMPLE], db=db, config=Config())
    return db


@pytest.mark.parametrize(
    "query", ["Sula Marren", "sula marren", "evacu", "Halmsey", "Investigators board"]
)
def test_words_of_titles_and_texts_find_their_story(ferry_db: Path, query: str) -> None:
    with StoryStore(ferry_db) as store:
        (story,) = store.stories()
        assert store.search(query) == {story.id}


@pytest.mark.parametrize("query", ["volcano", "", "  ", '"', "ferry AND volcano", "ferry volcano"])
def test_queries_without_every_word_match_nothing(ferry_db: Path, query: str) -> None:
    with StoryStore(ferry_db) as store:
        assert store.search(query) == set()


@pytest.mark.parametrize(
    "query", ['ferry"', "ferry*", "ferry OR", "(ferry", "NEAR(ferry", "-ferry"]
)
def test_fts_syntax_in_a_query_is_read_as_plain_words(ferry_db: Path, query: str) -> None:
    with StoryStore(ferry_db) as store:
        assert len(store.search(query)) == 1


@pytest.mark.parametrize("query", ["sula_marren", "Sula_Marren_ferry", "evacu__"])
def test_words_joined_by_underscores_are_searched_as_words(ferry_db: Path, query: str) -> None:
    # The index splits words at an underscore: the query does so too (a quoted run the index
    # would split is a phrase, which it cannot search).
    with StoryStore(ferry_db) as store:
        assert len(store.search(query)) == 1


def test_a_word_the_index_splits_further_matches_nothing_instead_of_failing(
    ferry_db: Path,
) -> None:
    # New Tai Lue vowel signs are letters to Python but not to SQLite's older Unicode tables.
    with StoryStore(ferry_db) as store:
        assert store.search("ferry \u1980\u19b0\u1981") == set()
    with StoreReader(ferry_db) as reader:
        assert reader.match("ferry \u1980\u19b0\u1981") == []
        assert reader.match("ferry")


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('Sula "Marren" OR x*') == '"Sula"* "Marren"* "OR"* "x"*'
    assert fts_query("!!") is None


def test_added_articles_are_searchable_at_once(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    article = Article(
        id="quake",
        text="A strong earthquake shook the coastal town of Verdell on Monday morning. "
        "Residents fled their homes as buildings swayed.",
        source="<quake>",
        title="Earthquake shakes Verdell",
        language="en",
    )
    update = add_articles([article], db=db, config=Config())
    assert update.counts.added == 1
    with StoryStore(db) as store:
        assert store.search("verdell earthquake") == set(update.counts.stories_touched)
        found = store.article("quake")
        assert found is not None
        assert found[0].title == "Earthquake shakes Verdell"
        assert found[1] == update.counts.stories_touched[0]
        assert store.article("nothing") is None
