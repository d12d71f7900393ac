"""StoryClusterer: articles placed one at a time, by content and within a time window."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta

import pytest
from builders import make_article

from storyline.cluster import (
    ArticleFeatures,
    ClusterSettings,
    DocumentFrequencies,
    FeatureExtractor,
    StoryClusterer,
)
from storyline.errors import ConfigError
from storyline.pipeline import build_document

STORM = (
    "A winter storm hit the coast of Maine on Monday, cutting power to 20,000 homes. "
    "Utility crews worked through the night to restore power lines brought down by the storm."
)
STORM_AGAIN = (
    "Power was restored to most of the 20,000 homes left dark by Monday's storm on the Maine "
    "coast, the utility said. Crews had repaired power lines felled by the winter storm."
)
ELECTION = (
    "Voters in Lisbon elected a new mayor on Sunday after a close race, officials said. "
    "The winner promised cheaper housing and more buses for the Portuguese capital."
)
DAY = datetime(2024, 3, 4, 12, tzinfo=UTC)


def features(text: str, article_id: str, published: datetime | None = None) -> ArticleFeatures:
    return FeatureExtractor()(
        build_document(make_article(text, article_id=article_id, published=published))
    )


def test_reports_of_one_event_join_and_a_different_event_opens_a_story() -> None:
    clusterer = StoryClusterer()
    first = clusterer.add(features(STORM, "storm-1"))
    second = clusterer.add(features(STORM_AGAIN, "storm-2"))
    other = clusterer.add(features(ELECTION, "vote"))
    assert first == second != other
    assert clusterer.stories() == {first: ("storm-1", "storm-2"), other: ("vote",)}
    assert len(clusterer) == 2


def test_the_same_report_far_apart_in_time_opens_a_new_story() -> None:
    clusterer = StoryClusterer(ClusterSettings(window_days=3))
    first = clusterer.add(features(STORM, "a", DAY))
    near = clusterer.add(features(STORM_AGAIN, "b", DAY + timedelta(days=3)))
    far = clusterer.add(features(STORM_AGAIN, "c", DAY + timedelta(days=30)))
    assert first == near != far


def test_an_undated_report_is_not_kept_out_by_the_time_window() -> None:
    clusterer = StoryClusterer(ClusterSettings(window_days=0))
    first = clusterer.add(features(STORM, "a", DAY))
    assert clusterer.add(features(STORM_AGAIN, "b")) == first


def test_a_story_is_found_through_the_index_when_there_are_many() -> None:
    settings = ClusterSettings(max_candidates=1)
    clusterer = StoryClusterer(settings)
    for number in range(5):
        clusterer.add(
            features(f"Report number {number} about gardening tulip{number} bulbs.", f"g{number}")
        )
    storm = clusterer.add(features(STORM, "storm-1"))
    assert clusterer.add(features(STORM_AGAIN, "storm-2")) == storm


def test_document_frequencies_are_counted_as_articles_arrive() -> None:
    clusterer = StoryClusterer()
    clusterer.add(features(STORM, "a"))
    clusterer.add(features(ELECTION, "b"))
    frequencies = clusterer.frequencies
    assert frequencies.n_documents == 2
    assert frequencies.count("storm") == 1
    rare = frequencies.idf("storm")
    assert frequencies.idf("unseen") > rare
    clusterer.add(features(STORM_AGAIN, "c"))
    assert frequencies.count("storm") == 2
    assert frequencies.idf("storm") < rare


def test_given_frequencies_are_read_not_counted() -> None:
    frequencies = DocumentFrequencies()
    StoryClusterer(frequencies=frequencies).add(features(STORM, "a"))
    assert frequencies.n_documents == 0


def test_an_article_without_terms_opens_its_own_story() -> None:
    clusterer = StoryClusterer()
    first = clusterer.add(ArticleFeatures.from_counts("empty-1", ()))
    assert clusterer.add(ArticleFeatures.from_counts("empty-2", ())) != first


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("threshold", 1.5, r"'threshold' must be a number in \[0.0, 1.0\]; got 1.5"),
        ("window_days", -1, r"'window_days' must be an int in \[0, 100000\]; got -1"),
        ("max_terms", True, r"'max_terms' must be an int in \[1, 100000\]; got True"),
        ("index_terms", 500, r"'index_terms' must be an int in \[1, 100\]; got 500"),
    ],
)
def test_settings_out_of_range_are_refused_with_what_is_allowed(
    name: str, value: object, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        ClusterSettings(**{name: value})  # type: ignore[arg-type]


def test_settings_features_and_a_running_clusterer_pickle() -> None:
    settings = ClusterSettings(threshold=0.25)
    assert pickle.loads(pickle.dumps(settings)) == settings
    item = features(STORM, "a", DAY)
    assert pickle.loads(pickle.dumps(item)) == item
    clusterer = StoryClusterer(settings)
    key = clusterer.add(item)
    copy = pickle.loads(pickle.dumps(clusterer))
    assert copy.add(features(STORM_AGAIN, "b", DAY)) == key
    assert copy.stories() == {key: ("a", "b")}


def test_a_story_in_a_stream_stops_taking_articles_after_its_span() -> None:
    from storyline.cluster import ArticleFeatures, ClusterSettings, StoryClusterer

    clusterer = StoryClusterer(ClusterSettings(window_days=7, max_span_days=10))
    counts = (("harbour", 3.0), ("strike", 3.0), ("@nordvik", 2.0))
    keys = [
        clusterer.add(ArticleFeatures.from_counts(f"a{day}", counts, 700_000 + day))
        for day in range(0, 25, 5)
    ]
    assert keys[:3] == [0, 0, 0]  # days 0, 5 and 10: within the span
    assert keys[3] != 0  # day 15 would stretch the story over 15 days
    assert keys[4] == keys[3]


def test_forgetting_before_a_day_drops_the_stories_out_of_its_reach_and_decides_the_same() -> None:
    settings = ClusterSettings(window_days=3, max_candidates=1)  # periods of 4 days
    remembering, forgetting = StoryClusterer(settings), StoryClusterer(settings)
    stream = [
        (STORM, "storm", DAY),
        (ELECTION, "vote", DAY + timedelta(days=1)),
        (ELECTION, "undated-vote", None),
        (STORM_AGAIN, "storm-later", DAY + timedelta(days=20)),
        (ELECTION, "vote-later", DAY + timedelta(days=21)),
    ]
    chosen = []
    for text, article_id, published in stream:
        if published is not None and article_id.endswith("later"):
            forgotten = forgetting.forget_before(published.date().toordinal())
            if article_id == "storm-later":
                # The storm's story is out of reach; the vote's has an undated member: kept.
                assert forgotten == [0]
        item = features(text, article_id, published)
        chosen.append((remembering.add(item), forgetting.add(item)))
    assert [first for first, _ in chosen] == [second for _, second in chosen]
    assert not forgetting.whole and remembering.whole
    assert forgetting.stories()[0] == () and remembering.stories()[0] == ("storm",)


def test_near_stories_are_the_largest_with_members_in_the_periods_around_a_day() -> None:
    settings = ClusterSettings(window_days=3, max_candidates=1)  # periods of 4 days
    clusterer = StoryClusterer(settings)
    storm = clusterer.add(features(STORM, "storm", DAY))
    assert clusterer.add(features(STORM_AGAIN, "storm-again", DAY)) == storm
    vote = clusterer.add(features(ELECTION, "vote", DAY + timedelta(days=2)))
    museum = "The national museum in Oslo reopened its doors to visitors after a renovation."
    undated = clusterer.add(features(museum, "museum", None))
    late = clusterer.add(features(STORM, "storm-late", DAY + timedelta(days=30)))
    assert len({storm, vote, undated, late}) == 4
    day = DAY.date().toordinal()
    # The largest first (ties by key), whatever their terms; undated stories are always near.
    assert clusterer.near_stories(day, limit=10) == [storm, vote, undated]
    assert clusterer.near_stories(day, limit=2) == [storm, vote]
    assert clusterer.near_stories(day + 30, limit=10) == [undated, late]
    assert clusterer.near_stories(None, limit=10) == [storm, vote, undated, late]
    # A forgotten story is no longer near anything.
    clusterer.forget_before(day + 30)
    assert clusterer.near_stories(day + 30, limit=10) == [undated, late]
    assert storm not in clusterer.near_stories(None, limit=10)
