"""digest: articles without a declared group are clustered into stories; declared groups stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import SEEDS, make_article

from storyline import digest
from storyline.cluster import ClusterSettings

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry"
STORM = (
    "A winter storm hit the coast of Maine on Monday and cut power to 20,000 homes, the utility "
    "said.\n\nCrews worked through the night to restore power lines brought down by the storm."
)
ELECTION = (
    "Voters in Lisbon elected a new mayor on Sunday after a close race, officials said.\n\nThe "
    "winner promised cheaper housing and more buses for the Portuguese capital."
)


def test_the_bundled_example_stays_one_story() -> None:
    result = digest([EXAMPLE])
    assert len(result.articles) == 5
    (story,) = result.stories
    assert len(story.article_ids) == 5


def test_the_five_seed_reports_stay_one_story() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    result = digest([SEEDS])
    (story,) = result.stories
    assert len(story.article_ids) == 5


def test_a_folder_of_mixed_reports_prints_every_story() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    result = digest([EXAMPLE, SEEDS])
    assert len(result.articles) == 10
    assert sorted(len(story.article_ids) for story in result.stories) == [5, 5]
    ferry = tuple(article.id for article in result.articles[:5])
    assert result.stories[0].article_ids == ferry


def test_two_clearly_different_events_stay_apart() -> None:
    result = digest(
        [make_article(STORM, article_id="storm"), make_article(ELECTION, article_id="vote")]
    )
    assert [story.article_ids for story in result.stories] == [("storm",), ("vote",)]


def test_declared_groups_stay_as_given_and_the_rest_is_clustered() -> None:
    result = digest(
        [
            make_article(STORM, article_id="s1", group="mixed"),
            make_article(ELECTION, article_id="v1", group="mixed"),
            make_article(STORM, article_id="s2"),
            make_article(ELECTION, article_id="v2"),
            make_article(STORM.replace("Monday", "Tuesday"), article_id="s3"),
        ]
    )
    assert [story.article_ids for story in result.stories] == [
        ("s1", "v1"),
        ("s2", "s3"),
        ("v2",),
    ]


def test_cluster_settings_are_used_and_written_into_the_settings() -> None:
    articles = [
        make_article(STORM, article_id="a"),
        make_article(STORM.replace("restore", "repair"), article_id="b"),
    ]
    assert len(digest(articles).stories) == 1
    strict = ClusterSettings(threshold=0.99, neighbours=0)
    result = digest(articles, cluster_settings=strict)
    assert len(result.stories) == 2
    assert result.settings["clustering"] == strict.as_dict()


def test_two_reports_of_different_events_in_one_town_are_two_stories() -> None:
    gale = make_article(
        "A violent gale struck the port of Marrowick on Wednesday, cutting power to 40,000 homes. "
        "Winds of 150 km/h tore roofs from warehouses, the weather office said.",
        article_id="gale",
    )
    library = make_article(
        "The mayor of Marrowick opened a new public library in the old harbour district on "
        "Wednesday. The library holds 80,000 books and a children's reading room.",
        article_id="library",
    )
    result = digest([gale, library])
    assert sorted(story.article_ids for story in result.stories) == [("gale",), ("library",)]
