"""Time expressions in a sentence, resolved to calendar values (``TimeMention``).

``find_time_mentions`` finds the expressions with one compiled alternation
(``patterns.find_matches``), reads each match (``parse``), joins neighbours that belong together,
reads the tense where a reading depends on it (``tense``) and places each expression on the
calendar from the local date of publication (``resolve``).

Joined into one mention: a clock time and the day next to it ("21:00 local time (13:00 GMT) on
Saturday", "Feb. 26 at 8:15 a.m."), and a distance with the date right after it ("two days after
Feb. 24, 2019"). A clock time with no day next to it takes the nearest day the sentence names,
else the publication date. Mention spans leave out the preposition ("on", "in"). A local time
with the same instant in another zone in parentheses is one mention at the local offset worked
out from the two ("21:00 local time (13:00 GMT)" -> "...T21:00:00+08:00"); "local time" alone
takes the article's zone.

Not read, by design: weeks and weekends ("last week": the model has no week granularity);
distances from an event rather than a date ("two days later", "eight months after their summit"),
which need the event's date from elsewhere in the text; approximate distances ("more than 60 years
ago"); seasons without a year or "last/this/next" ("in the summer"); "now", "recently", "soon";
decades ("the 1990s") and year ranges ("1950-53"); numeric dates whose day and month can be read
either way ("05/03/2019").
"""

from __future__ import annotations

import re
from datetime import datetime

from storyline.model import Sentence, TimeMention
from storyline.temporal.parse import Parsed, PendingShift, parse_match
from storyline.temporal.patterns import find_matches
from storyline.temporal.resolve import place
from storyline.temporal.spec import (
    CalendarDate,
    DatePart,
    Expression,
    MonthDay,
    NamedMonth,
    NamedWeekday,
    Offset,
    Shifted,
    Tense,
)
from storyline.temporal.tense import tense_at
from storyline.temporal.zones import article_zone, local_date

# "eight months after [their historic summit in Singapore in] June": up to eight words, no comma.
_SHIFT_GAP = re.compile(r"\s*(?:[^\s,;:.!?()]+\s+){0,8}")
_CLOCK_DAY_GAP = re.compile(r"\s*,?\s*(?:(?:on|at|of|On|At)\s+)?")


def find_time_mentions(
    sent: Sentence, *, published: datetime | None, zone: str | None
) -> list[TimeMention]:
    """Every time expression of ``sent`` that can be placed on the calendar.

    ``published`` is the article's publication time (UTC) and ``zone`` its zone as ingest gives
    it (``None`` is UTC); relative expressions are resolved from the local date of publication.
    Without ``published`` only expressions that carry their own year are returned.
    """
    zone_info = article_zone(zone, article_id=sent.article_id)
    expressions = read_expressions(sent.text)
    if not expressions:
        return []
    today = None if published is None else local_date(published, zone_info)
    mentions: list[TimeMention] = []
    for expr in expressions:
        placed = place(expr, today=today, zone=zone_info)
        if placed is None:
            continue
        when, granularity, relative = placed
        mentions.append(
            TimeMention(
                article_id=sent.article_id,
                sentence=sent.index,
                start=sent.start + expr.start,
                end=sent.start + expr.end,
                text=sent.text[expr.start : expr.end],
                when=when,
                granularity=granularity,
                relative=relative,
            )
        )
    return mentions


def read_expressions(text: str) -> list[Expression]:
    """The time expressions of a sentence, with offsets into ``text``, not yet placed."""
    found: list[Parsed | PendingShift] = []
    for match in find_matches(text):
        item = parse_match(match, text)
        if item is not None:
            found.append(item)
    if not found:
        return []
    joined = _join_clocks(_join_shifts(found, text), text)
    expressions: list[Expression] = []
    for item in joined:
        donor = item if item.date is not None else _nearest_day(item, joined)
        if donor is None or donor.date is None:
            expressions.append(Expression(item.start, item.end, None, item.clock))
            continue
        tense = Tense.UNKNOWN
        if _needs_tense(donor.date):
            # A shift is read from the date it counts from, at its end ("... after ... in June").
            at = donor.end - 1 if isinstance(donor.date, Shifted) else donor.start
            tense = tense_at(text, start=at, end=donor.end)
        expressions.append(
            Expression(item.start, item.end, donor.date, item.clock, tense, donor is not item)
        )
    return expressions


def _join_shifts(found: list[Parsed | PendingShift], text: str) -> list[Parsed]:
    """ "two days after" + the date that follows it within a few words ("eight months after their
    summit in June") -> one expression, followed by the date itself when words stand between
    them (the summit's own date is worth keeping); a lone distance is dropped."""
    joined: list[Parsed] = []
    pending: PendingShift | None = None
    for item in found:
        if isinstance(item, PendingShift):
            pending = item
            continue
        if (
            pending is not None
            and item.date is not None
            and _SHIFT_GAP.fullmatch(text, pending.end, item.start)
        ):
            amount = pending.amount if pending.after else -pending.amount
            shifted = Parsed(
                pending.start, item.end, Shifted(item.date, amount, pending.unit), item.clock
            )
            joined.append(shifted)
            if text[pending.end : item.start].strip():
                joined.append(item)
            pending = None
            continue
        pending = None
        joined.append(item)
    return joined


def _join_clocks(found: list[Parsed], text: str) -> list[Parsed]:
    """A clock time and a day written next to each other become one expression."""
    joined: list[Parsed] = []
    for item in found:
        if (
            joined
            and _mates(joined[-1], item)
            and _CLOCK_DAY_GAP.fullmatch(text, joined[-1].end, item.start)
        ):
            first = joined.pop()
            joined.append(
                Parsed(first.start, item.end, first.date or item.date, first.clock or item.clock)
            )
        else:
            joined.append(item)
    return joined


def _mates(first: Parsed, second: Parsed) -> bool:
    clock_first = first.clock is not None and first.date is None
    clock_second = second.clock is not None and second.date is None
    if clock_first and second.clock is None and second.date is not None:
        return _is_day(second.date)
    if clock_second and first.clock is None and first.date is not None:
        return _is_day(first.date)
    return False


def _nearest_day(clock: Parsed, found: list[Parsed]) -> Parsed | None:
    days = [item for item in found if item.date is not None and _is_day(item.date)]
    if not days:
        return None
    return min(days, key=lambda item: min(abs(item.start - clock.end), abs(clock.start - item.end)))


def _is_day(part: DatePart) -> bool:
    """Whether a date part names one day (a clock time can be put on it)."""
    if isinstance(part, CalendarDate):
        return part.day is not None
    if isinstance(part, Offset):
        return part.unit == "day"
    if isinstance(part, Shifted):
        return _is_day(part.base)
    return isinstance(part, MonthDay | NamedWeekday)


def _needs_tense(part: DatePart) -> bool:
    """Whether reading the part, or inferring a publication date from it, depends on the tense."""
    if isinstance(part, Shifted):
        return _needs_tense(part.base)
    if isinstance(part, NamedWeekday):
        return part.shift is None or part.shift == 0
    if isinstance(part, NamedMonth):
        return part.shift is None
    if isinstance(part, CalendarDate):
        return part.day is not None
    return isinstance(part, MonthDay)
