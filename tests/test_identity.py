"""Names of texts and stories: the same story gets the same id from a digest and a fresh store."""

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from builders import SEEDS, make_article

from storyline import Config, digest
from storyline.identity import content_hash, opening_story_id, story_ids
from storyline.store import StoryStore
from storyline.store.update import update_store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "ferry"


def test_a_text_hash_ignores_white_space_and_unicode_forms() -> None:
    assert content_hash("Caf\u00e9  opens\non Monday") == content_hash("Cafe\u0301 opens on Monday")
    assert content_hash("Cafe opens") != content_hash("Cafe closes")


def test_a_story_is_named_after_its_earliest_report_whatever_the_order() -> None:
    early = make_article(
        "The storm reached the coast.", article_id="a", published=datetime(2025, 3, 1, tzinfo=UTC)
    )
    late = make_article(
        "The storm left the coast.", article_id="b", published=datetime(2025, 3, 2, tzinfo=UTC)
    )
    undated = make_article("Crews cleared the roads.", article_id="c")
    expected = opening_story_id(content_hash(early.text))
    assert story_ids([[late, undated, early]]) == story_ids([[early, late, undated]]) == [expected]


def test_a_placed_date_does_not_make_a_report_early() -> None:
    dated = make_article(
        "The storm reached the coast.", article_id="a", published=datetime(2025, 3, 1, tzinfo=UTC)
    )
    undated = make_article("Crews cleared the roads.", article_id="c")
    placed = replace(undated, published=datetime(2000, 1, 1, tzinfo=UTC), published_inferred=True)
    assert story_ids([[placed, dated]]) == [opening_story_id(content_hash(dated.text))]


def test_two_stories_opened_by_the_same_text_get_different_ids() -> None:
    first = make_article("The storm reached the coast.", article_id="a")
    copy = make_article("The storm reached the coast.", article_id="b")
    ids = story_ids([[first], [copy], [copy]])
    assert ids[0] == opening_story_id(content_hash(first.text))
    assert len(set(ids)) == 3
    assert ids[2] == ids[1] + "-2"
    with pytest.raises(ValueError, match="at least one article"):
        story_ids([[]])


@pytest.mark.parametrize("inputs", [[EXAMPLE], [EXAMPLE, SEEDS]], ids=["example", "example+seeds"])
def test_a_digest_and_a_fresh_store_give_the_same_stories_the_same_ids(
    tmp_path: Path, inputs: list[Path]
) -> None:
    if not SEEDS.is_dir() and SEEDS in inputs:
        pytest.skip("../shared/seeds is not beside the checkout")
    digested = {story.id: set(story.article_ids) for story in digest(inputs).stories}
    db = tmp_path / "stories.db"
    update_store(inputs, db=db, config=Config(), refresh=False)
    with StoryStore(db) as store:
        stored = {row.id: set(row.article_ids) for row in store.stories()}
    assert len(digested) == len(inputs)
    assert stored == digested
