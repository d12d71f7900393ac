"""Undated reports placed in time from their dated sister reports and their own words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from unittest.mock import patch

from builders import make_article
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Article, Sentence
from storyline.temporal import anchor, infer_publication
from storyline.temporal.expressions import read_expressions
from storyline.temporal.spec import NamedWeekday
from storyline.temporal.zones import local_date

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


def test_an_undated_report_without_a_zone_takes_the_zone_most_sisters_give() -> None:
    sisters = [
        replace(make_article("Rain fell.", article_id=name, published=when), published_zone=zone)
        for name, when, zone in [
            ("s1", THURSDAY_MORNING, "+01:00"),
            ("s2", THURSDAY_MORNING, "America/New_York"),
            ("s3", THURSDAY_MORNING, "+01:00"),
        ]
    ]
    undated = make_article("The river rose.", article_id="u")
    placed = infer_publication([*sisters, undated])[-1]
    assert placed.published_zone == "+01:00"
    assert placed.published == datetime(2019, 2, 28, 11, tzinfo=UTC)  # noon at UTC+01:00
    own = replace(undated, published_zone="Asia/Tokyo")
    assert infer_publication([*sisters, own])[-1].published_zone == "Asia/Tokyo"


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


# The search is exact but bounded (issue 7.2): checked against scoring every day between the
# first and last sister, as the inference was first written.


def _every_day_date(
    sentences: Sequence[Sentence],
    zone: tzinfo,
    dated: Sequence[Article],
    sister_weekdays: dict[int, set[date]],
) -> date | None:
    expressions = [expr for sent in sentences for expr in read_expressions(sent.text)]
    lower = anchor._latest_stated_date(expressions)
    sister_days = Counter(
        local_date(sister.published, zone) for sister in dated if sister.published is not None
    )
    candidates: list[date] = []
    if sister_days:
        first, last = min(sister_days) - timedelta(days=1), max(sister_days) + timedelta(days=1)
        every_day = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        candidates = [day for day in every_day if lower is None or day >= lower]
    if not candidates and lower is not None:
        candidates = [lower + timedelta(days=n) for n in range(7)]
    if not candidates:
        return None
    weekdays = [
        anchor._Weekday(expr.date, expr.tense)
        for expr in expressions
        if isinstance(expr.date, NamedWeekday) and not expr.borrowed
    ]
    anchor_days = sister_days or Counter(candidates[:1])
    sisters = sum(anchor_days.values())

    def cost(day: date) -> tuple[float, int, date]:
        total = sum(anchor._weekday_cost(weekday, day, sister_weekdays) for weekday in weekdays)
        distance = min(abs((day - other).days) for other in anchor_days)
        unshared = 1.0 - anchor_days[day] / sisters
        return (total + 0.1 * distance + 0.25 * unshared, -anchor_days[day], day)

    return min(candidates, key=cost)


_SENTENCES = [
    "The envoy arrived on Tuesday.",
    "Talks will be held on Wednesday.",
    "The ferry sank last Saturday.",
    "A vote is due next Friday.",
    "Rescuers returned on Sunday and on Monday.",
    "The report was released on March 3, 2019.",
    "The bridge will reopen on June 1, 2020.",
    "Rain fell.",
]
_ZONES = [None, "UTC+08:00", "UTC-11:00", "America/Los_Angeles", "Pacific/Kiritimati"]
_TEXTS = st.lists(st.sampled_from(_SENTENCES), max_size=4).map(" ".join)


@given(
    sisters=st.lists(
        st.tuples(st.integers(0, 900), st.integers(0, 23), st.sampled_from(_ZONES), _TEXTS),
        max_size=5,
    ),
    undated=st.tuples(st.sampled_from(_ZONES), _TEXTS),
)
@settings(max_examples=300, deadline=None)
def test_the_inferred_date_is_the_best_of_every_day_between_the_sisters(
    sisters: list[tuple[int, int, str | None, str]], undated: tuple[str | None, str]
) -> None:
    articles = [
        replace(
            make_article(text or "Rain fell.", article_id=f"s{i}"),
            published=datetime(2018, 6, 1, hour, tzinfo=UTC) + timedelta(days=day),
            published_zone=zone,
        )
        for i, (day, hour, zone, text) in enumerate(sisters)
    ]
    zone, text = undated
    articles.append(
        replace(make_article(text or "Rain fell.", article_id="u"), published_zone=zone)
    )
    placed = infer_publication(articles)
    with patch.object(anchor, "_infer_date", _every_day_date):
        assert placed == infer_publication(articles)


def test_sisters_two_centuries_apart_score_days_near_them_only() -> None:
    sisters = [
        make_article("Rain fell.", article_id="s1", published=datetime(1900, 1, 2, tzinfo=UTC)),
        make_article("Rain fell.", article_id="s2", published=datetime(2100, 1, 2, tzinfo=UTC)),
    ]
    undated = make_article("The ferry sank on Wednesday.", article_id="u")
    assert len(anchor._candidates([date(1900, 1, 2), date(2100, 1, 2)], None)) < 200
    placed = infer_publication([*sisters, undated])
    assert placed[2].published == datetime(1900, 1, 3, 12, tzinfo=UTC)
    with patch.object(anchor, "_infer_date", _every_day_date):
        assert placed == infer_publication([*sisters, undated])
