"""Time zones: the article's zone as ingest gives it, and zone words written in running text.

An article's zone is an IANA name ("America/Los_Angeles"), "UTC", a fixed offset
("UTC+08:00") or ``None``, which is read as UTC. In text, a clock time may carry an
abbreviation ("8 a.m. ET"), GMT/UTC with an optional offset ("GMT+8") or a city's time
("Hanoi time"); ``text_zone`` maps those it knows to an IANA name.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storyline.errors import InputError
from storyline.ingest.dates import ZONE_NAMES

_FIXED_OFFSET = re.compile(r"(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?")
MAX_OFFSET = timedelta(hours=14)

# Zone abbreviations (those publication lines use, from ingest) and "<place> time" phrases, as
# news text writes them next to a clock time.
TEXT_ZONES: dict[str, str] = {
    **ZONE_NAMES,
    "Eastern time": "America/New_York",
    "Pacific time": "America/Los_Angeles",
    "Washington time": "America/New_York",
    "New York time": "America/New_York",
    "London time": "Europe/London",
    "Paris time": "Europe/Paris",
    "Moscow time": "Europe/Moscow",
    "Beijing time": "Asia/Shanghai",
    "Hong Kong time": "Asia/Hong_Kong",
    "Hanoi time": "Asia/Ho_Chi_Minh",
    "Bangkok time": "Asia/Bangkok",
    "Singapore time": "Asia/Singapore",
    "Seoul time": "Asia/Seoul",
    "Pyongyang time": "Asia/Pyongyang",
    "Tokyo time": "Asia/Tokyo",
}


def article_zone(zone: str | None, *, article_id: str) -> tzinfo:
    """The tzinfo of an article's zone string; ``None`` and "UTC" are UTC.

    Raises ``InputError`` for a zone that is neither an IANA name nor a fixed offset.
    """
    if zone is None or zone in ("UTC", "GMT", "Z"):
        return UTC
    fixed = _FIXED_OFFSET.fullmatch(zone.strip())
    if fixed is not None:
        return _fixed_offset(fixed.group(1), fixed.group(2), fixed.group(3), article_id=article_id)
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise InputError(
            article_id,
            "zone",
            f"unknown time zone {zone!r}; expected an IANA name such as 'Asia/Seoul', "
            "'UTC' or an offset such as 'UTC+08:00'",
        ) from e


def _fixed_offset(sign: str, hours: str, minutes: str | None, *, article_id: str) -> tzinfo:
    """A fixed-offset zone from the parts of "+08:00"; raises ``InputError`` beyond ±14:00."""
    offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if offset > MAX_OFFSET or int(minutes or 0) > 59:
        raise InputError(
            article_id, "zone", f"time zone offset must be within ±14:00; got {sign}{hours}"
        )
    return timezone(-offset if sign == "-" else offset)


def local_date(published: datetime, zone: tzinfo) -> date:
    """The calendar date of a publication time in the article's zone (naive times are UTC)."""
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    try:
        return published.astimezone(zone).date()
    except OverflowError:  # within hours of the calendar's ends (year 1 or 9999)
        return published.date()


def utc_offset(zone: tzinfo, *, day: date, hour: int, minute: int) -> timedelta:
    """The offset of ``zone`` from UTC at a local wall time on ``day``."""
    offset = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).utcoffset()
    return offset if offset is not None else timedelta(0)
