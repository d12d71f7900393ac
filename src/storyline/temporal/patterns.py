"""The finder: one compiled alternation that matches every time expression storyline reads.

Each alternative is a named group (its *kind*). Month and weekday names must be capitalised, so
the modal "may" and the verb "march" are never dates. Alternatives are ordered from the most
specific ("Tuesday, Feb. 26, 2019") to the least ("Tuesday"), because at one position the first
alternative that matches wins.

``re`` tries a large alternation slowly at every position of a text, so ``find_matches`` does
not run the finder over the whole sentence: it scans for trigger words first (numbers and words
such as "Tuesday", "June", "today", "last", "ago", one of which every expression contains) and
tries ``FINDER.match`` only at a trigger and at the few lead words before it ("late" in "late
1958", "two" in "two days ago"). The preposition before an expression ("on", "in", "since") is
read by the parser.
"""

from __future__ import annotations

import re

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split()
)
SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

# The word before an expression ("in 1958", "in June", "at 21:00"): those in YEAR_CUES and
# MONTH_CUES make a bare number a year and a bare month name a month, those in CLOCK_CUES make
# "21:00" a time.
YEAR_CUES = frozenset(
    "in since by until till through throughout during from before after of around".split()
)
MONTH_CUES = YEAR_CUES
CLOCK_CUES = frozenset("at by until till from before after around about since".split())

_WEEKDAY = "(?:" + "|".join(WEEKDAY_NAMES) + ")"
_MONTH_FULL = "(?:" + "|".join(MONTH_NAMES) + r")\b"
_MONTH = (
    "(?:(?:" + "|".join(MONTH_NAMES) + r")\b|(?:Sept|" + "|".join(MONTH_ABBREVIATIONS) + r")\b\.?)"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![:.,]?\d)"
_YEAR = r"(?:1\d{3}|20\d\d|21\d\d)\b(?![-–/.]\d)"
_BARE_YEAR = r"(?:1[89]\d\d|20\d\d)\b(?![-–/.,]\d|['’]?s\b|%| ?per)"
_NUMBER = r"(?:\d{1,3}|an?|" + "|".join(NUMBER_WORDS) + ")"
_UNIT = r"(?:day|week|month|year)s?"
_NO_NUMBER_BEFORE = r"(?<![\w.,:/-])"
_RELATIVE_WORD = r"(?:[Ll]ast|[Tt]his|[Nn]ext)"
_MODIFIER = r"(?:[Ee]arly|[Ll]ate|[Mm]id)"
_ZONE_NAMES = (
    "GMT UTC ET EST EDT CT CST CDT MT MST MDT PT PST PDT BST CET CEST EET EEST MSK IST ICT WIB "
    "SGT HKT PHT KST JST AEST AEDT"
).split()


def _clock(prefix: str) -> str:
    """A clock time: "8:15 a.m.", "8pm", "21:00", "8h15" and "1300 GMT" (zone checked later)."""
    return (
        rf"{_NO_NUMBER_BEFORE}(?:"
        rf"(?P<{prefix}h12>1[0-2]|0?[1-9])(?:[:.](?P<{prefix}m12>[0-5]\d))?\s?(?P<{prefix}ap>[AaPp])(?:\.\s?[Mm]\b\.?|[Mm]\b)"
        rf"|(?P<{prefix}h24>[01]?\d|2[0-3])(?P<{prefix}sep>[:hH])(?P<{prefix}m24>[0-5]\d)\b(?![:.]\d)"
        rf"|(?P<{prefix}hmil>[01]\d|2[0-3])(?P<{prefix}mmil>[0-5]\d)(?=\s?(?:GMT|UTC|hrs\b|hours\b|local time))"
        r")"
    )


def _zone(prefix: str) -> str:
    """A zone after a clock time: "GMT", "GMT+8", "ET", "local time", "Hanoi time"."""
    names = "|".join(_ZONE_NAMES)
    return (
        rf"(?P<{prefix}zone>(?:{names})\b(?:\s?(?P<{prefix}sign>[+-])\s?(?P<{prefix}oh>\d{{1,2}})(?::?(?P<{prefix}om>\d\d))?\b)?"
        r"|local time|(?:[A-Z][a-z]+ ){1,2}time\b)"
    )


_KINDS: tuple[tuple[str, str], ...] = (
    (
        "iso",
        rf"{_NO_NUMBER_BEFORE}(?P<iso_y>\d{{4}})-(?P<iso_mo>\d\d)-(?P<iso_d>\d\d)"
        r"(?:[T ](?P<iso_h>[01]\d|2[0-3]):(?P<iso_mi>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?"
        r"(?P<iso_z>Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?(?![\w:/-])",
    ),
    (
        "ymd",
        rf"{_NO_NUMBER_BEFORE}(?P<ymd_y>\d{{4}})(?P<ymd_sep>[/.])(?P<ymd_m>\d{{1,2}})(?P=ymd_sep)(?P<ymd_d>\d{{1,2}})(?![\w/-]|\.\d)",
    ),
    (
        "numeric",
        rf"{_NO_NUMBER_BEFORE}(?P<num_a>\d{{1,2}})(?P<num_sep>[/.])(?P<num_b>\d{{1,2}})(?P=num_sep)(?P<num_y>\d{{4}})(?![\w/-]|\.\d)",
    ),
    (
        "mdy",
        rf"(?:(?P<mdy_wd>{_WEEKDAY})\s?,?\s+)?(?P<mdy_mon>{_MONTH})\s*(?P<mdy_day>{_DAY})(?:\s?,?\s+(?P<mdy_y>{_YEAR}))?",
    ),
    (
        "dmy",
        rf"(?:(?P<dmy_wd>{_WEEKDAY})\s?,?\s+(?:the\s+)?)?{_NO_NUMBER_BEFORE}(?P<dmy_day>{_DAY})(?:\s+of)?\s+(?P<dmy_mon>{_MONTH})(?:\s?,?\s+(?P<dmy_y>{_YEAR}))?",
    ),
    (
        "month_year",
        rf"(?:(?P<my_mod>{_MODIFIER})[\s-]+)?(?P<my_mon>{_MONTH})(?:\s+of)?\s?,?\s+(?P<my_y>{_YEAR})",
    ),
    (
        "month_relative_year",
        rf"(?P<mry_mon>{_MONTH_FULL})(?:\s+of)?,?\s+(?P<mry_rel>last|this|next)\s+year\b",
    ),
    (
        "weekday",
        rf"(?:(?P<wd_rel>[Tt]his\s+past|[Ll]ast|[Tt]his|[Nn]ext|[Cc]oming|[Pp]ast)\s+)?(?P<wd_name>{_WEEKDAY})\b"
        r"(?:\s+(?P<wd_part>morning|afternoon|evening|night))?(?:\s*\(local time\))?",
    ),
    (
        "month",
        rf"(?:(?P<mon_rel>{_RELATIVE_WORD})\s+|(?P<mon_mod>{_MODIFIER})[\s-]+)?(?P<mon_name>{_MONTH_FULL})",
    ),
    (
        "day_word",
        r"(?P<dw_word>(?:the\s+day\s+(?:before|after)\s+)?(?:[Yy]esterday|[Tt]omorrow)|[Tt]oday|[Tt]onight"
        r"|[Tt]his\s+(?:morning|afternoon|evening)|[Ll]ast\s+(?:night|evening))\b"
        r"(?:\s+(?:morning|afternoon|evening|night)\b)?",
    ),
    ("period", rf"(?P<per_rel>{_RELATIVE_WORD})\s+(?P<per_unit>month|year)\b"),
    (
        "season",
        rf"(?P<sea_rel>{_RELATIVE_WORD})\s+(?P<sea_name>spring|summer|autumn|fall|winter)\b"
        rf"|(?P<sea_name_y>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?:\s+of)?\s+(?P<sea_y>{_BARE_YEAR})",
    ),
    ("ago", rf"(?<![\w-])(?P<ago_n>{_NUMBER})\s+(?P<ago_unit>{_UNIT})\s+ago\b"),
    (
        "shift",
        rf"(?<![\w-])(?P<sh_n>{_NUMBER})\s+(?P<sh_unit>{_UNIT})\s+(?P<sh_dir>after|before|later|earlier)\b",
    ),
    (
        "clock",
        rf"(?:{_clock('c_')}|(?<![\w-])(?P<c_noon>noon|midday)\b)(?:\s?(?:hrs|hours)\b\.?)?"
        rf"(?:\s?(?P<c_paren>\(\s?)?{_zone('c_')}(?(c_paren)\s?\)))?"
        rf"(?:\s?\(\s?{_clock('r_')}\s?{_zone('r_')}\s?\))?",
    ),
    ("year", rf"{_NO_NUMBER_BEFORE}(?:(?P<yr_mod>{_MODIFIER})[\s-]+)?(?P<yr_y>{_BARE_YEAR})"),
)

# Numbers and the words that every time expression contains: the finder is only tried next to
# one of them. Two scans, because ``re`` finds an alternation of literals fast when their first
# letters are few (digits and capitals) and slowly when they are common lower-case letters.
CAPITAL_TRIGGERS = (
    WEEKDAY_NAMES
    + MONTH_NAMES
    + MONTH_ABBREVIATIONS
    + ("Sept", "Today", "Tonight", "Yesterday", "Tomorrow", "Last", "This", "Next", "Noon")
)
LOWER_TRIGGERS = "today tonight yesterday tomorrow last this next ago noon midday after before later earlier".split()
# Words that may open an expression before its trigger word ("late 1958", "two days ago").
LEAD_WORDS = frozenset(
    (
        "last this next past coming early late mid the a an spring summer autumn fall winter "
        + " ".join(NUMBER_WORDS)
    ).split()
)
LEAD_TOKENS_MAX = 3
_LEAD_WINDOW_CHARS = 40
_TOKEN_PUNCTUATION = ",;:()\"'-"


def compile_finder() -> re.Pattern[str]:
    """The compiled alternation of every kind, each a named group."""
    return re.compile("|".join(f"(?P<{kind}>{body})" for kind, body in _KINDS))


def compile_triggers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two trigger scans: numbers and capitalised words, then lower-case words.

    Every alternative starts with a literal character, so ``re`` skips to candidate positions
    in C instead of trying the alternation at every character.
    """
    numbers = "|".join(f"{digit}\\d*" for digit in range(10))
    capitals = "|".join(sorted(CAPITAL_TRIGGERS, key=len, reverse=True))
    lower = "|".join(sorted(LOWER_TRIGGERS, key=len, reverse=True))
    return re.compile(f"{numbers}|{capitals}"), re.compile(lower)


FINDER = compile_finder()
CAPITAL_TRIGGER, LOWER_TRIGGER = compile_triggers()


def find_matches(text: str) -> list[re.Match[str]]:
    """The matches of ``FINDER`` in ``text``, left to right and not overlapping.

    The same matches as ``FINDER.finditer(text)`` as long as every expression contains a trigger
    and starts at it or at a lead word at most ``LEAD_TOKENS_MAX`` tokens before it.
    """
    triggers = [match.start() for match in CAPITAL_TRIGGER.finditer(text)]
    lower = [match.start() for match in LOWER_TRIGGER.finditer(text)]
    if lower:
        triggers = sorted(triggers + lower)
    matches: list[re.Match[str]] = []
    pos = 0
    for start in triggers:
        if start < pos or (start and text[start - 1].isalnum()):
            continue
        for candidate in (*_lead_starts(text, start, pos), start):
            if candidate < pos:
                continue
            match = FINDER.match(text, candidate)
            if match is not None and match.end() > match.start():
                matches.append(match)
                pos = match.end()
                if pos > start:
                    break
    return matches


def _lead_starts(text: str, start: int, floor: int) -> list[int]:
    """Starts of the lead words among the few tokens before ``start`` (not before ``floor``)."""
    window_start = max(floor, start - _LEAD_WINDOW_CHARS)
    tokens = text[window_start:start].split()[-LEAD_TOKENS_MAX:]
    if not any(token.strip(_TOKEN_PUNCTUATION).lower() in LEAD_WORDS for token in tokens):
        return []
    starts: list[int] = []
    end = start
    for token in reversed(tokens):
        token_start = text.rfind(token, window_start, end)
        if token.strip(_TOKEN_PUNCTUATION).lower() in LEAD_WORDS:
            starts.append(token_start)
        end = token_start
    starts.reverse()
    return starts


def word_before(text: str, start: int) -> str:
    """The word before ``text[start]``, lower-case and without punctuation ("" at the start)."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    token_start = text.rfind(" ", 0, end) + 1
    return text[token_start:end].strip(",;:()\"'").lower()
