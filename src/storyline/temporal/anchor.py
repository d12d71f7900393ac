"""Placing undated reports in time from the rest of their story.

A report with no publication time gets one from three kinds of evidence:

1. the publication times of its dated sister reports, seen in the undated report's own zone (UTC
   when it has none): candidate dates run from a day before the earliest to a day after the
   latest;
2. the full dates it states itself: the latest one not in a future-tense clause is a lower bound
   (a report does not state, as past, a date after its own);
3. the weekdays it names, read with their tense: for each candidate date, "arrived on Saturday"
   and "is scheduled for Wednesday" are resolved as if the report were published that day. A
   reading that disagrees with the date the dated sisters give the same weekday costs 10; a past
   reading costs a day per day back (half for the day before), a future one a quarter day per
   day ahead (news reports what happened in the last day or two, and announces what comes days
   ahead).

Each day between a candidate and the nearest sister date costs a tenth more, and a candidate
costs up to a quarter day more the fewer sisters share it (most reports of a story appear on the
same day); ties go to the date with most sister reports, then to the earliest. With no dated sister, or a lower bound after every
sister's date, the candidates are the lower bound and the six days after it, measured from the
bound; with neither sisters nor a stated date the report stays undated. The inferred time is noon
of the chosen local date, in UTC, so that the date reads the same in any zone within twelve hours.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from storyline.model import Article, Sentence, Span
from storyline.segment import split_sentences
from storyline.temporal.expressions import read_expressions
from storyline.temporal.resolve import place_date, weekday_date
from storyline.temporal.spec import CalendarDate, Expression, NamedWeekday, Shifted, Tense
from storyline.temporal.zones import article_zone, local_date

logger = logging.getLogger(__name__)

_DAY = timedelta(days=1)
_SEARCH_DAYS_WITHOUT_SISTERS = 7
# Candidates within a month of a sister's day: a weekday reading lies within a week of its day,
# a sister's within a week of the sister's (two more across zones), so past 16 days none agree.
_CANDIDATE_REACH_DAYS = 31
_DISAGREEMENT_COST = 10.0
_FUTURE_DAY_COST = 0.25
_SISTER_DISTANCE_COST = 0.1
_SISTER_SHARE_COST = 0.25
_NOON = time(12)


@dataclass(frozen=True, slots=True)
class _Weekday:
    """A weekday an undated report names, with the tense it is read in."""

    part: NamedWeekday
    tense: Tense


def infer_publication(
    articles: Sequence[Article],
    *,
    sentences_of: Callable[[Article], Sequence[Sentence]] | None = None,
) -> list[Article]:
    """The articles of one story, those without a publication time placed in time when possible.

    Inferred articles get ``published`` (noon of the inferred local date, in UTC) and
    ``published_inferred=True``; an article without a ``published_zone`` takes the zone most of
    its dated sisters give (a report on the same event is most likely written where they are:
    its "04:47" is then read in their zone, not in UTC). Dated articles, and undated ones
    with no dated sister and no stated full date, are returned unchanged, in input order.
    ``sentences_of`` gives an article's sentences (e.g. from ``build_document``); by default the
    body is split with ``split_sentences``.
    """
    if all(article.published is not None for article in articles):
        return list(articles)
    read = sentences_of or _body_sentences
    dated = [article for article in articles if article.published is not None]
    sister_weekdays = _sister_weekday_dates(dated, read)
    sister_zones = Counter(article.published_zone for article in dated if article.published_zone)
    sister_zone = sister_zones.most_common(1)[0][0] if sister_zones else None
    placed: list[Article] = []
    for article in articles:
        if article.published is not None:
            placed.append(article)
            continue
        zone_name = article.published_zone or sister_zone
        zone = article_zone(zone_name, article_id=article.id)
        try:
            day = _infer_date(read(article), zone, dated, sister_weekdays)
        except OverflowError:  # sisters dated at the calendar's ends (year 1 or 9999)
            logger.warning(
                "article %s: no publication date inferred near the calendar's end", article.id
            )
            day = None
        if day is None:
            placed.append(article)
            continue
        logger.debug("article %s: publication date inferred as %s", article.id, day)
        published = datetime.combine(day, _NOON, tzinfo=zone).astimezone(UTC)
        placed.append(
            replace(article, published=published, published_zone=zone_name, published_inferred=True)
        )
    return placed


def _infer_date(
    sentences: Sequence[Sentence],
    zone: tzinfo,
    dated: Sequence[Article],
    sister_weekdays: dict[int, set[date]],
) -> date | None:
    """The publication date that best fits a report's sentences and its dated sisters."""
    expressions = [expr for sent in sentences for expr in read_expressions(sent.text)]
    lower = _latest_stated_date(expressions)
    sister_days = Counter(
        local_date(sister.published, zone) for sister in dated if sister.published is not None
    )
    candidates = _candidates(sorted(sister_days), lower)
    if not candidates:
        return None
    # A weekday named twice costs twice: its cost is computed once and counted.
    weekdays = Counter(
        _Weekday(expr.date, expr.tense)
        for expr in expressions
        if isinstance(expr.date, NamedWeekday) and not expr.borrowed
    )
    anchor_days = sister_days or Counter(candidates[:1])
    anchors = sorted(anchor_days)
    sisters = sum(anchor_days.values())

    def cost(day: date) -> tuple[float, int, date]:
        total = sum(
            count * _weekday_cost(weekday, day, sister_weekdays)
            for weekday, count in weekdays.items()
        )
        unshared = 1.0 - anchor_days[day] / sisters
        return (
            total + _SISTER_DISTANCE_COST * _distance(day, anchors) + _SISTER_SHARE_COST * unshared,
            -anchor_days[day],
            day,
        )

    return min(candidates, key=cost)


def _distance(day: date, anchors: Sequence[date]) -> int:
    """Days from ``day`` to the nearest of the sorted ``anchors``."""
    at = bisect_left(anchors, day)
    return min(abs((day - anchors[i]).days) for i in (at - 1, at) if 0 <= i < len(anchors))


def _candidates(sister_days: list[date], lower: date | None) -> list[date]:
    """The days a report may have been published, ascending.

    With sisters: from a day before the first to a day after the last, not before ``lower``, but
    only those within ``_CANDIDATE_REACH_DAYS`` of a sister's day or of the earliest candidate. A
    day further out never wins: the same weekday a week nearer costs 0.7 less in distance, names
    the same weekdays at the same cost or less (its readings, within a week of it, can agree
    with the sisters' weekdays, within a week of their days, where the far day's cannot), and
    is no less shared.
    """
    if sister_days:
        first, last = sister_days[0] - _DAY, sister_days[-1] + _DAY
        start = first.toordinal() if lower is None else max(first, lower).toordinal()
        stop = last.toordinal()
        if start <= stop:
            centres = [start, *(day.toordinal() for day in sister_days)]
            ordinals: set[int] = set()
            for centre in centres:
                low = max(start, centre - _CANDIDATE_REACH_DAYS)
                high = min(stop, centre + _CANDIDATE_REACH_DAYS)
                ordinals.update(range(low, high + 1))
            return [date.fromordinal(ordinal) for ordinal in sorted(ordinals)]
    if lower is None:
        return []
    return [lower + offset * _DAY for offset in range(_SEARCH_DAYS_WITHOUT_SISTERS)]


def _latest_stated_date(expressions: Sequence[Expression]) -> date | None:
    """The latest full date the report states outside a future-tense clause."""
    stated = [
        placed_day
        for expr in expressions
        if isinstance(expr.date, CalendarDate | Shifted)
        and not expr.borrowed
        and expr.tense is not Tense.FUTURE
        and (placed := place_date(expr.date, tense=expr.tense, today=None)) is not None
        and (placed_day := placed.as_date()) is not None
    ]
    return max(stated, default=None)


def _weekday_cost(weekday: _Weekday, day: date, sister_weekdays: dict[int, set[date]]) -> float:
    resolved = weekday_date(weekday.part, tense=weekday.tense, today=day)
    known = sister_weekdays.get(weekday.part.weekday)
    disagreement = _DISAGREEMENT_COST if known and resolved not in known else 0.0
    if resolved <= day:
        back = (day - resolved).days
        # The day before is what news most often reports: it costs half a day.
        return disagreement + (back - 0.5 if back >= 1 else 0.0)
    return disagreement + _FUTURE_DAY_COST * (resolved - day).days


def _sister_weekday_dates(
    dated: Sequence[Article], read: Callable[[Article], Sequence[Sentence]]
) -> dict[int, set[date]]:
    """For each weekday the dated reports name, the dates they give it."""
    found: dict[int, set[date]] = defaultdict(set)
    for article in dated:
        if article.published is None:
            continue
        zone = article_zone(article.published_zone, article_id=article.id)
        today = local_date(article.published, zone)
        for sent in read(article):
            for expr in read_expressions(sent.text):
                if isinstance(expr.date, NamedWeekday) and not expr.borrowed:
                    found[expr.date.weekday].add(
                        weekday_date(expr.date, tense=expr.tense, today=today)
                    )
    return dict(found)


def _body_sentences(article: Article) -> list[Sentence]:
    body = Span(article.body_start, len(article.text))
    return [
        Sentence(article.id, index, span.start, span.end, article.text[span.start : span.end])
        for index, span in enumerate(split_sentences(article.text, body))
    ]
