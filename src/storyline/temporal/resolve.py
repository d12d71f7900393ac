"""Placing what an expression says on the calendar, given the local date of publication.

Readings without a year follow the tense (``spec.Tense``):

- a weekday: past -> the most recent such day on or before the publication date, future -> the
  next on or after it, unknown -> the nearer of the two (at most three days away); "last" and
  "next" exclude the publication day itself; "this Wednesday" is the coming one unless the tense
  is past;
- a month: past -> the most recent on or before the publication month, future -> the next on or
  after it, unknown -> the nearer; "last June" is the most recent June before this month;
- a month and day: as for a month, except that a date within a day of the publication date is
  always taken in that year (the report and the event may sit in zones a date line apart), and
  that a weekday given with it ("Tuesday, Jan. 1") picks the year it fits, within half a year.

A clock time is written with the offset the text gives, the offset worked out from a paired time
("21:00 local time (13:00 GMT)" -> +08:00), or else the article's zone on that date.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from storyline.temporal.spec import (
    CalendarDate,
    Clock,
    DatePart,
    Expression,
    MonthDay,
    MonthOfYear,
    NamedMonth,
    NamedWeekday,
    Offset,
    Season,
    Shifted,
    Tense,
)
from storyline.temporal.zones import MAX_OFFSET, utc_offset

_DAY = timedelta(days=1)
_WEEK_DAYS = 7
_YEAR_MONTHS = 12
_SEASON_MONTHS = 3
# "Wednesday, Feb. 20" picks the year whose Feb. 20 is a Wednesday only within half a year.
_WEEKDAY_CHECK_SPAN = timedelta(days=183)


@dataclass(frozen=True, slots=True)
class Placed:
    """A calendar value: ``month`` and ``day`` are ``None`` at coarser precision."""

    year: int
    month: int | None
    day: int | None
    relative: bool

    @property
    def granularity(self) -> str:
        return "year" if self.month is None else "month" if self.day is None else "day"

    def as_date(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def place(expr: Expression, *, today: date | None, zone: tzinfo) -> tuple[str, str, bool] | None:
    """(when, granularity, relative) of an expression, or ``None`` when it cannot be placed
    (a relative expression with no publication date)."""
    if expr.date is None:
        if today is None or expr.clock is None:
            return None
        placed = Placed(today.year, today.month, today.day, relative=True)
    else:
        found = place_date(expr.date, tense=expr.tense, today=today)
        if found is None:
            return None
        placed = found
    day = placed.as_date()
    if expr.clock is None or day is None:
        return placed.iso(), placed.granularity, placed.relative
    return clock_iso(expr.clock, day=day, zone=zone), "time", placed.relative


def place_date(part: DatePart, *, tense: Tense, today: date | None) -> Placed | None:
    """The calendar value of a date part; relative parts need ``today``."""
    if isinstance(part, CalendarDate):
        return Placed(part.year, part.month, part.day, relative=False)
    if isinstance(part, Shifted):
        base = place_date(part.base, tense=tense, today=today)
        return None if base is None else _shifted(base, part.amount, part.unit)
    if today is None:
        return None
    if isinstance(part, MonthDay):
        return _placed_day(_month_day(part, tense=tense, today=today))
    if isinstance(part, NamedWeekday):
        return _placed_day(weekday_date(part, tense=tense, today=today))
    if isinstance(part, NamedMonth):
        year = _named_month_year(part, tense=tense, today=today)
        return Placed(year, part.month, None, relative=True)
    if isinstance(part, MonthOfYear):
        return Placed(today.year + part.year_shift, part.month, None, relative=True)
    if isinstance(part, Offset):
        month = None if part.unit == "year" else today.month
        day = today.day if part.unit == "day" else None
        return _shifted(Placed(today.year, month, day, relative=True), part.amount, part.unit)
    return _season_year(part, today=today)


def weekday_date(part: NamedWeekday, *, tense: Tense, today: date) -> date:
    """The date a weekday names, seen from ``today``."""
    back = (today.weekday() - part.weekday) % _WEEK_DAYS
    ahead = (part.weekday - today.weekday()) % _WEEK_DAYS
    if part.shift == -1:
        return today - (back or _WEEK_DAYS) * _DAY
    if part.shift == 1:
        return today + (ahead or _WEEK_DAYS) * _DAY
    if part.shift == 0:
        return today - back * _DAY if tense is Tense.PAST else today + ahead * _DAY
    if tense is Tense.PAST or (tense is Tense.UNKNOWN and back <= ahead):
        return today - back * _DAY
    return today + ahead * _DAY


def clock_iso(clock: Clock, *, day: date, zone: tzinfo) -> str:
    """ "2019-02-23T21:00:00+08:00": the clock on ``day`` with its offset."""
    offset = _clock_offset(clock, day=day, zone=zone)
    moment = datetime.combine(day, time(clock.hour, clock.minute))
    return moment.isoformat() + _offset_text(offset)


def _clock_offset(clock: Clock, *, day: date, zone: tzinfo) -> timedelta:
    if clock.offset is not None:
        return clock.offset
    if clock.reference is not None:
        reference = _clock_offset(clock.reference, day=day, zone=zone)
        difference = timedelta(hours=clock.hour - clock.reference.hour) + timedelta(
            minutes=clock.minute - clock.reference.minute
        )
        offset = reference + difference
        while offset > MAX_OFFSET:
            offset -= timedelta(days=1)
        while offset < MAX_OFFSET - timedelta(days=1):
            offset += timedelta(days=1)
        return offset
    named = ZoneInfo(clock.zone) if clock.zone is not None else zone
    return utc_offset(named, day=day, hour=clock.hour, minute=clock.minute)


def _offset_text(offset: timedelta) -> str:
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _placed_day(day: date) -> Placed:
    return Placed(day.year, day.month, day.day, relative=True)


def _month_day(part: MonthDay, *, tense: Tense, today: date) -> date:
    candidates = [
        day
        for year in (today.year - 1, today.year, today.year + 1)
        if (day := _valid_date(year, part.month, part.day)) is not None
    ]
    if part.weekday is not None:
        matching = [
            day
            for day in candidates
            if day.weekday() == part.weekday and abs(day - today) <= _WEEKDAY_CHECK_SPAN
        ]
        candidates = matching or candidates
    near = [day for day in candidates if abs(day - today) <= _DAY]
    if near:
        return near[0]
    if tense is Tense.PAST:
        before = [day for day in candidates if day <= today]
        if before:
            return before[-1]
    if tense is Tense.FUTURE:
        after = [day for day in candidates if day >= today]
        if after:
            return after[0]
    return min(candidates, key=lambda day: (abs(day - today), day))


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _named_month_year(part: NamedMonth, *, tense: Tense, today: date) -> int:
    if part.shift == 0:
        return today.year
    if part.shift == -1:
        return today.year if part.month < today.month else today.year - 1
    if part.shift == 1:
        return today.year if part.month > today.month else today.year + 1
    back = (today.month - part.month) % _YEAR_MONTHS
    ahead = (part.month - today.month) % _YEAR_MONTHS
    if tense is Tense.PAST or (tense is Tense.UNKNOWN and back <= ahead):
        return today.year if part.month <= today.month else today.year - 1
    return today.year if part.month >= today.month else today.year + 1


def _season_year(part: Season, *, today: date) -> Placed | None:
    """The year of "last/this/next summer"; winter straddles two years and is not placed."""
    if part.start_month == _YEAR_MONTHS:
        return None
    year = today.year
    if part.shift == -1 and today.month < part.start_month + _SEASON_MONTHS:
        year -= 1
    elif part.shift == 1 and today.month >= part.start_month:
        year += 1
    return Placed(year, None, None, relative=True)


_WEEK_DAYS = 7


def _shifted(base: Placed, amount: int, unit: str) -> Placed | None:
    """``base`` moved by ``amount`` units, at the coarser of the two precisions; ``None`` when
    the unit is finer than the base ("two days after June") or the result leaves the calendar."""
    day = base.as_date()
    if unit in ("day", "week"):
        if day is None:
            return None
        try:
            moved = day + amount * (_WEEK_DAYS if unit == "week" else 1) * _DAY
        except OverflowError:
            return None
        return Placed(moved.year, moved.month, moved.day, base.relative)
    if unit not in ("month", "year"):
        return None  # hours and minutes are finer than any date
    if unit == "month":
        if base.month is None:
            return None
        year, month_index = divmod(base.year * _YEAR_MONTHS + base.month - 1 + amount, _YEAR_MONTHS)
        month: int | None = month_index + 1
    else:
        year, month = base.year + amount, base.month
    if not MINYEAR <= year <= MAXYEAR:
        return None
    moved_day = None if month is None or base.day is None else _clamped_day(year, month, base.day)
    return Placed(year, month, moved_day, base.relative)


def _clamped_day(year: int, month: int, day: int) -> int:
    """``day``, or the last day of the month when it has fewer days (Jan. 31 + 1 month)."""
    return min(day, monthrange(year, month)[1])
