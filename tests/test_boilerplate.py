"""An outlet's boilerplate: sentences repeated word for word across stories."""

from __future__ import annotations

from pathlib import Path

from builders import make_article

from storyline.boilerplate import repeated_across_stories, sentence_key, without_boilerplate
from storyline.config import Config
from storyline.pipeline import build_document, digest
from storyline.store import StoryStore
from storyline.store.update import add_articles

_BLURB = "News, features and opinions on green policy and the science of climate change."
_EVENTS = [
    "The river burst its banks in Tirlan on Monday and flooded three hundred homes overnight.",
    "A cargo ship ran aground off Halmsey on Tuesday and spilled fuel along the northern coast.",
    "The council of Nordvik voted on Wednesday to close the old bridge for two years of repairs.",
]


def _page(event: str, number: int) -> str:
    return f"{event}\n\nRescuers worked through the night, officials said {number}.\n\n{_BLURB}"


def test_a_sentence_in_three_stories_is_boilerplate_and_one_in_two_is_not() -> None:
    stories = [
        [build_document(make_article(_page(event, i), article_id=f"a{i}"))]
        for i, event in enumerate(_EVENTS)
    ]
    assert repeated_across_stories(stories) == {sentence_key(_BLURB)}
    assert repeated_across_stories(stories[:2]) == frozenset()


def test_the_copies_of_one_story_repeat_no_boilerplate() -> None:
    copies = [
        build_document(make_article(_page(_EVENTS[0], 1), article_id=f"c{i}")) for i in range(5)
    ]
    assert repeated_across_stories([copies]) == frozenset()


def test_boilerplate_goes_to_the_debris_and_the_other_sentences_are_numbered_again() -> None:
    document = build_document(make_article(f"{_BLURB}\n\n{_EVENTS[0]}\n\n{_EVENTS[1]}"))
    cleaned = without_boilerplate(document, frozenset({sentence_key(_BLURB)}))
    assert [s.text for s in cleaned.sentences] == _EVENTS[:2]
    assert [s.index for s in cleaned.sentences] == [0, 1]
    assert [(d.kind, document.article.text[d.start : d.end]) for d in cleaned.debris] == [
        ("boilerplate", _BLURB)
    ]
    assert without_boilerplate(document, frozenset()) is document


def test_digest_leaves_a_sites_blurb_out_of_every_story() -> None:
    # Three declared stories (three short pages sharing a blurb would cluster as one: the
    # clustering weighs words by how rare they are, which takes many pages to learn).
    result = digest(
        [
            make_article(_page(event, i), article_id=f"a{i}", group=f"g{i}")
            for i, event in enumerate(_EVENTS)
        ]
    )
    assert len(result.stories) == 3
    for story in result.stories:
        said = [story.summary.headline.text, *(s.text for s in story.summary.sentences)]
        assert _BLURB not in said
        assert any(event in said for event in _EVENTS)


def test_short_pages_of_one_site_describing_it_stay_three_stories(tmp_path: Path) -> None:
    # A blurb in the form of an outlet's description is debris as each page is cleaned
    # ("outlet-blurb"), so it draws no two pages together; before, these three short pages on
    # three events were one story, in digest and in the store. (A site's sentence in no such
    # form still draws them together.)
    about = (
        "Harbour Times is an independent newsroom covering politics, business and culture "
        "across the northern coast. We rely on readers like you to keep our reporting free."
    )
    articles = [
        make_article(f"{event}\n\n{about}", article_id=f"a{i}") for i, event in enumerate(_EVENTS)
    ]
    assert sorted(story.article_ids for story in digest(articles).stories) == [
        ("a0",),
        ("a1",),
        ("a2",),
    ]
    db = tmp_path / "s.db"
    add_articles(articles, db=db, config=Config(), refresh=False)
    with StoryStore(db) as store:
        assert sorted(row.article_ids for row in store.stories()) == [("a0",), ("a1",), ("a2",)]
