"""Publication dates of news reports: a line such as "February 25, 2019 | 04:59 pm PT" to UTC.

``parse_published`` accepts only lines that are mostly a date, requires a four-digit year and a
day, and returns ``None`` rather than guessing: it never fills in today's date.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from dateutil import parser as date_parser

MAX_DATE_LINE_CHARS = 100
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

ZONE_NAMES: dict[str, str] = {
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "GMT": "UTC",
    "UTC": "UTC",
    "UT": "UTC",
    "Z": "UTC",
    "BST": "Europe/London",
    "WET": "Europe/Lisbon",
    "WEST": "Europe/Lisbon",
    "CET": "Europe/Paris",
    "CEST": "Europe/Paris",
    "EET": "Europe/Athens",
    "EEST": "Europe/Athens",
    "MSK": "Europe/Moscow",
    "IST": "Asia/Kolkata",
    "ICT": "Asia/Ho_Chi_Minh",
    "WIB": "Asia/Jakarta",
    "SGT": "Asia/Singapore",
    "HKT": "Asia/Hong_Kong",
    "PHT": "Asia/Manila",
    "KST": "Asia/Seoul",
    "JST": "Asia/Tokyo",
    "AWST": "Australia/Perth",
    "ACST": "Australia/Adelaide",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
}

# The abbreviations that name standard or summer time state a fixed offset ("EST" is -0500 in
# July too, as RFC 822 defines the US ones), and the article's zone is that offset ("UTC-05:00":
# its local day is the one written); the others ("ET", "PT") follow their zone's clock.
ZONE_OFFSETS: dict[str, float] = {
    "PST": -8,
    "PDT": -7,
    "MST": -7,
    "MDT": -6,
    "CST": -6,
    "CDT": -5,
    "EST": -5,
    "EDT": -4,
    "BST": 1,
    "WET": 0,
    "WEST": 1,
    "CET": 1,
    "CEST": 2,
    "EET": 2,
    "EEST": 3,
    "AWST": 8,
    "ACST": 9.5,
    "AEST": 10,
    "AEDT": 11,
    "NZST": 12,
    "NZDT": 13,
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTHS = _words(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december"
)
_WEEKDAYS = _words(
    "mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday "
    "saturday sunday"
)
_FILLERS = _words(
    "published updated posted last modified first on at of the am pm a.m. p.m. | - – — · • / "
    "date time"
)
_DATE_WORDS = _MONTHS | _WEEKDAYS

_NAMED_OFFSET = re.compile(r"\b(?:GMT|UTC)\s?([+-])(\d{1,2})(?::?(\d{2}))?(?!\d)")
_BARE_OFFSET = re.compile(r"(?:(?<=\s)|^)([+-])(\d{2}):?(\d{2})(?!\d)")
_DOTTED_YMD = re.compile(r"(?<!\d)(\d{4})\.(\d{1,2})\.(\d{1,2})(?!\d)")
_DOTTED_DMY = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_MERIDIEM = re.compile(r"\b([ap])\.m\.?", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_NUMERIC_TOKEN = re.compile(r"[\d/:.\-]*\d[\d/:.\-]*(?:st|nd|rd|th)?")


def parse_published(text: str) -> tuple[datetime, str | None] | None:
    """The moment a date line names, in UTC, and the zone the line gave it in.

    The zone is an IANA name for an abbreviation that follows a zone's clock ("PT" ->
    "America/Los_Angeles"), an offset for one of standard or summer time ("EST" -> "UTC-05:00"),
    "UTC" for GMT/UTC/Z or a zero offset, "UTC+08:00" for a numeric offset, and ``None`` when the
    line gave no zone (the time is then taken as UTC). Returns ``None`` when the line is not mostly a date,
    has no four-digit year or no day, or names an impossible date.
    """
    line = text.strip()
    if not line or len(line) > MAX_DATE_LINE_CHARS:
        return None
    iso = _parse_iso(line)
    if iso is not None:
        return iso
    cleaned, zone, zone_name = _take_zone(_normalise(line))
    words = _date_words(cleaned)
    if words is None or not _YEAR.search(" ".join(words)):
        return None
    local = _parse_local(" ".join(words))
    if local is None:
        return None
    return _to_utc(local.replace(tzinfo=zone or UTC), zone_name)


def _parse_iso(line: str) -> tuple[datetime, str | None] | None:
    if not line[:4].isdigit():
        return None
    try:
        moment = datetime.fromisoformat(line)
    except ValueError:
        return None
    offset = moment.utcoffset()
    if offset is None:
        return _to_utc(moment.replace(tzinfo=UTC), None)
    return _to_utc(moment, _offset_name(offset))


def _normalise(line: str) -> str:
    line = _DOTTED_YMD.sub(r"\1-\2-\3", line)
    line = _DOTTED_DMY.sub(r"\3-\2-\1", line)
    line = _MERIDIEM.sub(lambda match: match.group(1).lower() + "m", line)
    return line.replace(",", " ").replace("|", " ").replace("(", " ").replace(")", " ")


def _take_zone(line: str) -> tuple[str, tzinfo | None, str | None]:
    """The line without its zone, the zone, and the zone's name as ``parse_published`` gives it."""
    for pattern in (_NAMED_OFFSET, _BARE_OFFSET):
        match = pattern.search(line)
        if match is not None:
            sign = -1 if match.group(1) == "-" else 1
            hours, minutes = int(match.group(2)), int(match.group(3) or 0)
            if hours > 14 or minutes > 59:
                return line, None, None
            rest = line[: match.start()] + " " + line[match.end() :]
            return rest, *_fixed(sign * timedelta(hours=hours, minutes=minutes))
    tokens = line.split()
    for index, token in enumerate(tokens):
        abbreviation = token.rstrip(".")
        name = ZONE_NAMES.get(abbreviation)
        if name is not None and token != "Z":
            rest = " ".join(tokens[:index] + tokens[index + 1 :])
            fixed = ZONE_OFFSETS.get(abbreviation)
            if fixed is not None:  # standard or summer time: the offset it states
                return rest, *_fixed(timedelta(hours=fixed))
            return rest, ZoneInfo(name), name
    return line, None, None


def _fixed(offset: timedelta) -> tuple[tzinfo, str]:
    """A fixed offset's zone and its name ("UTC-05:00", "UTC" for none)."""
    return timezone(offset), _offset_name(offset)


def _date_words(line: str) -> list[str] | None:
    """The tokens of a line that can be part of a date, or None if too much of it is not."""
    kept: list[str] = []
    unknown = 0
    for token in line.split():
        bare = token.lower().rstrip(".:")
        if bare in _DATE_WORDS or _NUMERIC_TOKEN.fullmatch(bare) or bare in ("am", "pm"):
            kept.append(bare)
        elif token.lower() not in _FILLERS:
            unknown += 1
    if unknown > 1 or (unknown == 1 and len(kept) < 3):
        return None
    return kept


def _parse_local(line: str) -> datetime | None:
    """The date and time a line of date words names, or None unless it gives a day and month."""
    try:
        first = date_parser.parse(line, default=datetime(2000, 1, 1), ignoretz=True)
        second = date_parser.parse(line, default=datetime(2000, 2, 2), ignoretz=True)
    except (ValueError, OverflowError):
        return None
    if not isinstance(first, datetime) or not isinstance(second, datetime):
        return None
    if (first.month, first.day) != (second.month, second.day):
        return None
    return first


def _to_utc(moment: datetime, zone_name: str | None) -> tuple[datetime, str | None] | None:
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return None
    return moment.astimezone(UTC), zone_name


def _offset_name(offset: timedelta) -> str:
    if not offset:
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
