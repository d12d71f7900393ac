"""From a match of the finder to what the expression says (``spec``), or ``None`` to skip it.

Skipped on purpose: a bare month name with no preposition or modifier ("June Carter"), a bare
four-digit number with neither ("2019 people"), "21:00" with no preposition, zone or date next
to it, weekday names in holidays ("Super Tuesday", "Good Friday"), "USA Today", durations read
as periods ("over the last year", "the next month"), and approximate distances ("more than 60
years ago").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.temporal.patterns import (
    CLOCK_CUES,
    MONTH_CUES,
    MONTH_NAMES,
    NUMBER_WORDS,
    SEASON_MONTHS,
    WEEKDAY_NAMES,
    YEAR_CUES,
    word_before,
)
from storyline.temporal.spec import (
    CalendarDate,
    Clock,
    DatePart,
    MonthDay,
    MonthOfYear,
    NamedMonth,
    NamedWeekday,
    Offset,
    Season,
)
from storyline.temporal.zones import MAX_OFFSET, TEXT_ZONES

_MONTHS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_WEEKDAYS = {name: number for number, name in enumerate(WEEKDAY_NAMES)}
_NUMBERS = {word: number for number, word in enumerate(NUMBER_WORDS, start=1)} | {"a": 1, "an": 1}
_SHIFTS = {"last": -1, "past": -1, "this past": -1, "this": 0, "next": 1, "coming": 1}
_HOLIDAY_BEFORE = re.compile(
    r"(?:Super|Black|Good|Ash|Easter|Bloody|Palm|Holy|Cyber|Giving|Maundy|Shrove)\s+$"
)
_TODAY_NAME_BEFORE = re.compile(r"(?:USA|Russia|China|India|Bharat)\s+$")
_PERIOD_DURATION_BEFORE = re.compile(r"\b(?:[Tt]he|[Oo]ver|[Ff]or|[Ww]ithin)\s+$")
_APPROXIMATE_BEFORE = re.compile(
    r"(?:more than|over|about|almost|nearly|some|around|at least|less than|roughly|up to|"
    r"under|close to|the past|the last)\s+$",
    re.IGNORECASE,
)
_LOOK_BEHIND_CHARS = 16


@dataclass(frozen=True, slots=True)
class PendingShift:
    """ "two days after": a distance waiting for the date that follows it."""

    start: int
    end: int
    amount: int
    unit: str
    after: bool


@dataclass(frozen=True, slots=True)
class Parsed:
    """A date and/or clock read from one match, with its span in the sentence."""

    start: int
    end: int
    date: DatePart | None
    clock: Clock | None


def parse_match(match: re.Match[str], text: str) -> Parsed | PendingShift | None:
    """What one match of ``FINDER`` in ``text`` says, or ``None`` when it is not a time."""
    kind = match.lastgroup
    if kind is None:
        return None
    start, end = match.span(kind)
    pre = word_before(text, start)
    before = text[max(0, start - _LOOK_BEHIND_CHARS) : start]
    if kind == "shift":
        return _shift(match, start, end)
    if kind == "clock":
        clock = _clock(match, pre)
        return None if clock is None else Parsed(start, end, None, clock)
    part = _date_part(kind, match, pre, before)
    return None if part is None else Parsed(start, end, part, _iso_clock(match, kind))


def _date_part(kind: str, match: re.Match[str], pre: str, before: str) -> DatePart | None:
    group = match.group
    if kind == "iso":
        return _calendar(int(group("iso_y")), int(group("iso_mo")), int(group("iso_d")))
    if kind == "ymd":
        return _calendar(int(group("ymd_y")), int(group("ymd_m")), int(group("ymd_d")))
    if kind == "numeric":
        return _numeric(group("num_a"), group("num_sep"), group("num_b"), group("num_y"))
    if kind in ("mdy", "dmy"):
        prefix = kind + "_"
        return _month_day(
            group(prefix + "mon"), group(prefix + "day"), group(prefix + "y"), group(prefix + "wd")
        )
    if kind == "month_year":
        return _calendar(int(group("my_y")), _month(group("my_mon")))
    if kind == "month_relative_year":
        return _month_of_relative_year(group("mry_mon"), group("mry_rel"))
    if kind == "weekday":
        return _weekday(group("wd_name"), group("wd_rel"), before)
    if kind == "month":
        if not (group("mon_rel") or group("mon_mod") or pre in MONTH_CUES):
            return None
        return NamedMonth(_month(group("mon_name")), _shift_of(group("mon_rel")))
    if kind == "day_word":
        return _day_word(group("dw_word"), before)
    if kind == "period":
        if _PERIOD_DURATION_BEFORE.search(before):
            return None
        return Offset(_shift_of(group("per_rel")) or 0, group("per_unit"))
    if kind == "season":
        if group("sea_rel") is not None and _PERIOD_DURATION_BEFORE.search(before):
            return None
        return _season(group("sea_rel"), group("sea_name"), group("sea_name_y"), group("sea_y"))
    if kind == "ago":
        if _APPROXIMATE_BEFORE.search(before):
            return None
        amount = _number(group("ago_n"))
        return _distance(-amount, group("ago_unit"))
    if kind == "year":
        if not (group("yr_mod") or pre in YEAR_CUES):
            return None
        return CalendarDate(int(group("yr_y")))
    return None


def _calendar(year: int, month: int, day: int | None = None) -> CalendarDate | None:
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    return CalendarDate(year, month, day)


def _numeric(first: str, separator: str, second: str, year: str) -> CalendarDate | None:
    """ "26/02/2019" only when one reading is impossible; "26.02.2019" is day-first (European)."""
    a, b = int(first), int(second)
    if separator == "." or a == b:
        return _calendar(int(year), b, a)
    if a > 12 >= b:
        return _calendar(int(year), b, a)
    if b > 12 >= a:
        return _calendar(int(year), a, b)
    return None


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _month_day(
    month_name: str, day_text: str, year: str | None, weekday_name: str | None
) -> DatePart | None:
    month = _month(month_name)
    day = int(day_text.rstrip("stndrh"))
    if year is not None:
        return _calendar(int(year), month, day)
    if day > (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return None
    return MonthDay(month, day, None if weekday_name is None else _WEEKDAYS[weekday_name])


def _month_of_relative_year(month_name: str, relative: str) -> DatePart:
    """ "March of last year": a month of the year one off the publication year."""
    return MonthOfYear(_month(month_name), _shift_of(relative) or 0)


def _weekday(name: str, relative: str | None, before: str) -> DatePart | None:
    if relative is None and _HOLIDAY_BEFORE.search(before):
        return None
    return NamedWeekday(_WEEKDAYS[name], _shift_of(relative))


def _day_word(word: str, before: str) -> DatePart | None:
    lower = " ".join(word.lower().split())
    if lower == "today" and _TODAY_NAME_BEFORE.search(before):
        return None
    if lower.startswith("the day before"):
        return Offset(-2, "day")
    if lower.startswith("the day after"):
        return Offset(2, "day")
    if lower.startswith(("yesterday", "last")):
        return Offset(-1, "day")
    if lower.startswith("tomorrow"):
        return Offset(1, "day")
    return Offset(0, "day")


def _season(
    relative: str | None, name: str | None, name_of_year: str | None, year: str | None
) -> DatePart | None:
    if name_of_year is not None and year is not None:
        return CalendarDate(int(year))
    if relative is None or name is None:
        return None
    return Season(SEASON_MONTHS[name], _shift_of(relative) or 0)


def _shift(match: re.Match[str], start: int, end: int) -> PendingShift | None:
    direction = match.group("sh_dir")
    if direction not in ("after", "before"):
        return None
    unit = match.group("sh_unit").rstrip("s")
    return PendingShift(start, end, _number(match.group("sh_n")), unit, direction == "after")


def _distance(amount: int, unit_text: str) -> Offset:
    unit = unit_text.rstrip("s")
    if unit == "week":
        return Offset(7 * amount, "day")
    return Offset(amount, unit)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBERS[text.lower()]


def _shift_of(relative: str | None) -> int | None:
    if relative is None:
        return None
    return _SHIFTS[" ".join(relative.lower().split())]


def _iso_clock(match: re.Match[str], kind: str) -> Clock | None:
    if kind != "iso" or match.group("iso_h") is None:
        return None
    zone = match.group("iso_z")
    offset = None
    if zone is not None and zone != "Z":
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        offset = -offset if zone[0] == "-" else offset
    return Clock(
        int(match.group("iso_h")),
        int(match.group("iso_mi")),
        zone="UTC" if zone == "Z" else None,
        offset=offset,
    )


def _clock(match: re.Match[str], pre: str) -> Clock | None:
    """The clock of a "clock" match; a bare "21:00" needs a preposition, zone or pair."""
    main = _clock_parts(match, "c_")
    if main is None:
        if match.group("c_noon") is None or pre not in CLOCK_CUES:
            return None
        main = (12, 0, True)
    hour, minute, distinctive = main
    zone, offset = _zone_parts(match, "c_")
    reference = None
    reference_parts = _clock_parts(match, "r_")
    if reference_parts is not None:
        ref_zone, ref_offset = _zone_parts(match, "r_")
        if ref_zone is not None or ref_offset is not None:
            reference = Clock(reference_parts[0], reference_parts[1], ref_zone, ref_offset)
    named = match.group("c_zone") is not None
    if not (distinctive or named or reference is not None or pre in CLOCK_CUES):
        return None
    return Clock(hour, minute, zone, offset, reference)


def _clock_parts(match: re.Match[str], prefix: str) -> tuple[int, int, bool] | None:
    """(hour, minute, distinctive) of a clock group; "21:00" alone is not distinctive."""
    group = match.group
    if group(prefix + "h12") is not None:
        hour = int(group(prefix + "h12")) % 12
        if group(prefix + "ap") in "Pp":
            hour += 12
        return hour, int(group(prefix + "m12") or 0), True
    if group(prefix + "h24") is not None:
        distinctive = group(prefix + "sep") in "hH"
        return int(group(prefix + "h24")), int(group(prefix + "m24")), distinctive
    if group(prefix + "hmil") is not None:
        return int(group(prefix + "hmil")), int(group(prefix + "mmil")), True
    return None


def _zone_parts(match: re.Match[str], prefix: str) -> tuple[str | None, timedelta | None]:
    """The IANA zone and numeric offset a zone group names; (None, None) for "local time"."""
    name = match.group(prefix + "zone")
    if name is None:
        return None, None
    if match.group(prefix + "sign") is not None:
        offset = timedelta(
            hours=int(match.group(prefix + "oh")), minutes=int(match.group(prefix + "om") or 0)
        )
        if offset > MAX_OFFSET:
            return None, None
        return None, -offset if match.group(prefix + "sign") == "-" else offset
    words = name.split()
    return TEXT_ZONES.get(words[0] if len(words) == 1 else name), None
