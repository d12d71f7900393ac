"""What a time expression says, before it is placed on the calendar.

``read_expressions`` (in ``expressions``) turns a sentence into ``Expression`` objects; ``resolve``
places them on the calendar given a publication date. Keeping the two apart lets the anchor try
several candidate publication dates for the same expressions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import IntEnum


class Tense(IntEnum):
    """Which way a sentence points from its publication date: the reading of "on Tuesday"."""

    PAST = -1
    UNKNOWN = 0
    FUTURE = 1


@dataclass(frozen=True, slots=True)
class CalendarDate:
    """An explicit year, year and month, or full date: "1958", "March 2018", "Feb. 26, 2019"."""

    year: int
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True, slots=True)
class MonthDay:
    """A day of a month with no year ("Feb. 26", "Tuesday, 26 February"); ``weekday`` 0 is Monday."""

    month: int
    day: int
    weekday: int | None = None


@dataclass(frozen=True, slots=True)
class NamedMonth:
    """A month name without a year: ``shift`` -1 "last June", 0 "this June", 1 "next June",
    ``None`` "in June" (read from the tense)."""

    month: int
    shift: int | None


@dataclass(frozen=True, slots=True)
class MonthOfYear:
    """A month of a year named relative to the publication year: "March of last year" is
    (3, -1)."""

    month: int
    year_shift: int


@dataclass(frozen=True, slots=True)
class NamedWeekday:
    """A weekday: ``shift`` -1 "last Saturday", 0 "this Wednesday", 1 "next Wednesday", ``None``
    "on Tuesday" ("this" and ``None`` are read with the tense)."""

    weekday: int
    shift: int | None


@dataclass(frozen=True, slots=True)
class Offset:
    """A distance from the publication date: "yesterday" is (-1, "day"), "next month" (1,
    "month"), "this year" (0, "year"), "three days ago" (-3, "day")."""

    amount: int
    unit: str


@dataclass(frozen=True, slots=True)
class Season:
    """ "last summer", "this spring", "next autumn": the year of that season."""

    start_month: int
    shift: int


@dataclass(frozen=True, slots=True)
class Shifted:
    """A date moved by a distance: "two days after Feb. 24, 2019" is (Feb. 24, 2019; 2, "day")."""

    base: DatePart
    amount: int
    unit: str


DatePart = (
    CalendarDate | MonthDay | NamedMonth | MonthOfYear | NamedWeekday | Offset | Season | Shifted
)


@dataclass(frozen=True, slots=True)
class Clock:
    """A wall-clock time and what the text says about its zone.

    ``zone`` is an IANA name or "UTC" when the text names one ("13:00 GMT", "8 a.m. ET");
    ``offset`` a numeric offset it gives ("GMT+8"); ``reference`` the same instant in another
    zone, given in parentheses ("21:00 local time (13:00 GMT)"), from which the local offset is
    worked out. With none of them the article's zone applies.
    """

    hour: int
    minute: int
    zone: str | None = None
    offset: timedelta | None = None
    reference: Clock | None = None


@dataclass(frozen=True, slots=True)
class Expression:
    """A time expression found in a sentence: offsets into the sentence text, the date it names
    (if any), the clock time (if any) and the tense around it. ``borrowed`` is set when the date
    comes from another expression of the sentence ("On Tuesday ... at 8:15 a.m.")."""

    start: int
    end: int
    date: DatePart | None
    clock: Clock | None = None
    tense: Tense = Tense.UNKNOWN
    borrowed: bool = False
