"""Undated reports placed in time from their dated sister reports and their own words."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from builders import make_article

from storyline.temporal import infer_publication

# Tuesday 26 February 2019 in UTC (09:15 in UTC+08:00).
TUESDAY_MORNING = datetime(2019, 2, 26, 1, 15, tzinfo=UTC)
THURSDAY_MORNING = datetime(2019, 2, 28, 1, 15, tzinfo=UTC)


def noon(day: int, month: int = 2) -> datetime:
    return datetime(2019, month, day, 12, tzinfo=UTC)


def test_dated_articles_are_returned_unchanged_and_in_order() -> None:
    first = make_article("The envoy arrived on Tuesday.", article_id="a", published=TUESDAY_MORNING)
    second = make_article("Talks start on Wednesday.", article_id="b", published=THURSDAY_MORNING)
    assert infer_publication([first, second]) == [first, second]
    assert infer_publication([first, second])[0] is first


def test_an_undated_report_is_placed_by_its_weekdays_among_the_story_dates() -> None:
    dated = make_article(
        "The envoy arrived on Tuesday. Talks will be held on Wednesday.",
        article_id="dated",
        published=TUESDAY_MORNING,
    )
    undated = make_article(
        "The envoy left the capital on Saturday. The talks are scheduled for Wednesday.",
        article_id="undated",
    )
    placed = infer_publication([undated, dated])
    assert placed[1] is dated
    assert placed[0].published == noon(25)
    assert placed[0].published_inferred
    assert placed[0].published_zone is None
    assert placed[0].text == undated.text


def test_a_past_weekday_pulls_the_date_to_the_day_after_it() -> None:
    sisters = [
        make_article("Rain fell.", article_id="s1", published=TUESDAY_MORNING),
        make_article("Rain fell again.", article_id="s2", published=THURSDAY_MORNING),
    ]
    undated = make_article("The ferry sank on Wednesday.", article_id="u")
    [placed] = [a for a in infer_publication([*sisters, undated]) if a.id == "u"]
    assert placed.published == noon(27)


def test_without_weekdays_the_most_common_story_date_is_taken() -> None:
    sisters = [
        make_article("Rain fell.", article_id="s1", published=TUESDAY_MORNING),
        make_article("Rain fell again.", article_id="s2", published=THURSDAY_MORNING),
        make_article("More rain.", article_id="s3", published=THURSDAY_MORNING),
    ]
    undated = make_article("The river rose.", article_id="u")
    assert infer_publication([*sisters, undated])[-1].published == noon(28)


def test_the_latest_full_date_stated_is_a_lower_bound() -> None:
    dated = make_article("Rain fell.", article_id="s", published=TUESDAY_MORNING)
    undated = make_article("The leaders met on February 27, 2019, in the capital.", article_id="u")
    assert infer_publication([dated, undated])[-1].published == noon(27)


def test_with_no_dated_sister_a_stated_date_places_the_report() -> None:
    undated = make_article("The report was released on March 3, 2019.", article_id="u")
    [placed] = infer_publication([undated])
    assert placed.published == noon(3, month=3)
    assert placed.published_inferred


def test_a_date_stated_in_the_future_tense_is_no_lower_bound() -> None:
    undated = make_article("The summit will open on March 3, 2019.", article_id="u")
    assert infer_publication([undated]) == [undated]


def test_with_no_evidence_the_report_stays_undated() -> None:
    undated = make_article("The envoy arrived on Tuesday.", article_id="u")
    [placed] = infer_publication([undated])
    assert placed.published is None
    assert not placed.published_inferred


def test_the_inferred_time_is_noon_in_the_articles_own_zone() -> None:
    dated = make_article("Rain fell.", article_id="s", published=TUESDAY_MORNING)
    undated = make_article("The river rose.", article_id="u")
    undated = replace(undated, published_zone="Asia/Seoul")
    placed = infer_publication([dated, undated])[-1]
    assert placed.published == datetime(2019, 2, 26, 3, 0, tzinfo=UTC)
    assert placed.published_zone == "Asia/Seoul"


def test_sentences_can_be_given_by_the_caller() -> None:
    dated = make_article("Rain fell.", article_id="s", published=TUESDAY_MORNING)
    undated = make_article("The river rose. The ferry sank on Wednesday.", article_id="u")
    without_weekday = infer_publication([dated, undated], sentences_of=lambda article: [])
    assert without_weekday[-1].published == noon(26)
