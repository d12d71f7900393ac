"""Sentence segmentation with character offsets.

A rule-based splitter tuned for newswire: it knows abbreviations (U.S., Mr., Feb., p.m.),
initials, decimal and thousands separators (3.5; 2,700), quotations that contain full stops,
and bullet or numbered list lines; Chinese and Japanese sentences end at full-width marks, Thai
ones at a space between Thai characters. It returns spans into the original text, never copies.

A sentence is at most ``MAX_SENTENCE_CHARS`` long: a longer stretch without a boundary (a line
of a log, a text with no full stops) is cut at the last space before the limit, or at the limit
in a word that long, so that every stage that reads sentences (embeddings, quotes, summaries)
works on bounded pieces. The pieces still cover the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from storyline.model import Span
from storyline.scripts import FULL_WIDTH_TERMINALS, THAI, opens_sentence

# Words that end with a full stop without ending the sentence (compared lower-case, no dot).
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj sgt capt cmdr adm gov sen rep rev hon pres supt insp det
    st jr sr messrs mme mlle fr sra sr
    inc corp co ltd llc plc bros dept univ assn est govt
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    ed eds ca cf vs viz al
    mt ft ave blvd rd hwy
    """.split()
)
# Abbreviations that only stand before a number ("No. 5", "approx. 300"); elsewhere "no." ends.
_BEFORE_NUMBER = frozenset("no nos vol vols pp p fig figs ch art sec approx para".split())
# Dotted abbreviations ("U.S.", "p.m.") end a sentence only when a usual sentence opener follows.
_DOTTED = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
_DOTTED_MAX_CHARS = 64  # the end of a word that _DOTTED reads: no abbreviation is longer
_SENTENCE_OPENERS = frozenset(
    """
    the a an he she it they we i you this that these those there his her their its our but and
    or so yet in on at for from after before when while as if however meanwhile also then
    some many most one two three several officials police
    """.split()
)
# A run of sentence marks, tried only where the run starts and never given back: a long run of
# marks with no space after it costs linear time (backtracking into it was quadratic). The
# pattern opens with the mark itself, then looks behind it, so that the search skips to marks
# (a pattern opening with a look-behind is tried at every character: 3.7 times slower).
_CANDIDATE = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[\"'”’)\]]*+(?=\s)")
_NEXT_WORD = re.compile(r"\s+([\"'“‘(\[]?)(\S+)")
# A full-width mark ending a Chinese or Japanese sentence, with its closing quotes or brackets:
# a boundary where anything follows, space or not.
_FULL_WIDTH_END = re.compile(rf"[{FULL_WIDTH_TERMINALS}]+[」』）”’\"')\]]*")
# Thai has no full stop: a space between two Thai characters ends a sentence (or a clause as
# long), as Thai writers mark them; words run together without spaces.
_THAI = re.compile(f"[{THAI}]")
_THAI_BREAK = re.compile(f"(?<=[{THAI}])[ \t\u00a0]+(?=[{THAI}])")
MAX_SENTENCE_CHARS = 3_000  # news sentences have a few hundred characters at most
_MAX_QUOTATION_RUN = 400  # characters a quotation may run on past a boundary inside it
_BULLET = re.compile(r"[ \t]*(?:[•·▪●◦‣\-–—*]|\d{1,2}[.)])[ \t]+")


def split_sentences(text: str, span: Span | None = None) -> list[Span]:
    """Split ``text[span]`` (the whole text by default) into sentence spans.

    Lines are split first, so a bullet or list line never runs into the next one; leading bullet
    markers and surrounding white space are left out of the spans.
    """
    return [Span(start, end) for start, end in sentence_bounds(text, span)]


def sentence_bounds(text: str, span: Span | None = None) -> list[tuple[int, int]]:
    """``split_sentences`` as ``(start, end)`` pairs: what a caller that makes its own objects
    of the sentences needs (a pair is made several times faster than a ``Span``)."""
    start = 0 if span is None else span.start
    end = len(text) if span is None else span.end
    bounds: list[tuple[int, int]] = []
    for line_start, line_end in _lines(text, start, end):
        bounds.extend(_split_line(text, line_start, line_end))
    return bounds


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    while pos < end:
        newline = text.find("\n", pos, end)
        line_end = end if newline == -1 else newline
        yield pos, line_end
        pos = line_end + 1


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    bullet = _BULLET.match(text, start, end)
    if bullet is not None and bullet.end() < end:
        start = bullet.end()
    bounds: list[tuple[int, int]] = []
    quotes = _Quotes(text, start=start, end=end)
    sent_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        boundary = match.end()
        if _is_boundary(text, sent_start, match.start(), boundary, end, quotes=quotes):
            bounds.extend(_bounded(text, sent_start, boundary))
            sent_start = boundary
            quotes.restart(boundary)
    bounds.extend(_bounded(text, sent_start, end))
    if any(text.find(mark, start, end) != -1 for mark in FULL_WIDTH_TERMINALS):
        bounds = [part for bound in bounds for part in _split_full_width(text, *bound)]
    if _THAI.search(text, start, end) is not None:
        bounds = [part for bound in bounds for part in _split_at(_THAI_BREAK, text, *bound)]
    return bounds


def _split_full_width(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span split after each full-width sentence end (``_FULL_WIDTH_END``) inside it."""
    return _split_at(_FULL_WIDTH_END, text, start, end)


def _split_at(boundary: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span split after each match of ``boundary`` inside it."""
    parts: list[tuple[int, int]] = []
    sent_start = start
    for match in boundary.finditer(text, start, end):
        if match.end() < end:
            parts.extend(_bounded(text, sent_start, match.end()))
            sent_start = match.end()
    parts.extend(_bounded(text, sent_start, end))
    return parts


def _is_boundary(
    text: str, sent_start: int, mark: int, boundary: int, end: int, *, quotes: _Quotes
) -> bool:
    following = _NEXT_WORD.match(text, boundary, end)
    if following is None:
        return False
    opener, next_word = following.group(1), following.group(2)
    if not (opens_sentence(next_word[0]) or opener):
        return False
    if quotes.open_at(boundary):
        return False
    if text[mark] != ".":
        return True
    word = _word_before(text, sent_start, mark)
    if not word:
        return True
    if _DOTTED.search(word[-_DOTTED_MAX_CHARS:] + "."):
        return next_word.strip("\"'“‘(").lower() in _SENTENCE_OPENERS
    bare = word.lower().rstrip(".")
    if bare in _ABBREVIATIONS:
        return False
    if bare in _BEFORE_NUMBER and next_word[0].isdigit():
        return False
    # An initial ("J. Smith", "Kim Jong U. Smith"): one capital letter before the dot.
    return not (len(word) == 1 and word.isupper())


def _word_before(text: str, sent_start: int, mark: int) -> str:
    pos = mark
    while pos > sent_start and not text[pos - 1].isspace() and text[pos - 1] not in "\"'“‘(":
        pos -= 1
    return text[pos:mark]


class _Quotes:
    """Whether a candidate boundary falls inside a quotation that closes later on its line.

    The quotation marks between the sentence's start and the candidate are counted as the
    candidates come, each character once, so that a line that never ends a sentence (thousands of
    "Mr. Smith") costs linear time, not quadratic."""

    def __init__(self, text: str, *, start: int, end: int) -> None:
        self._text = text
        self._end = end
        self._last_close = text.rfind("”", start, end)  # where the line's last ” is
        self._counted_to = start
        self._depth = 0  # “ minus ” since the sentence started
        self._straight = 0  # " since the sentence started

    def restart(self, sent_start: int) -> None:
        """A sentence starts at ``sent_start``: nothing before it counts any more."""
        self._counted_to = sent_start
        self._depth = 0
        self._straight = 0

    def open_at(self, boundary: int) -> bool:
        text, counted_to = self._text, self._counted_to
        self._depth += text.count("“", counted_to, boundary) - text.count("”", counted_to, boundary)
        self._straight += text.count('"', counted_to, boundary)
        self._counted_to = boundary
        if self._depth > 0:
            return self._last_close >= boundary
        if self._straight % 2 == 1:
            # A quotation that runs on for paragraphs is left unclosed by convention: split there.
            return text.find('"', boundary, min(self._end, boundary + _MAX_QUOTATION_RUN)) != -1
        return False


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The trimmed sentence ``text[start:end]``, cut into pieces of ``MAX_SENTENCE_CHARS`` or
    fewer at spaces (see module)."""
    bounds: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = text.rfind(" ", start + 1, limit + 1)
        cut = limit if cut == -1 else cut
        bounds.extend(_trimmed(text, start, cut))
        start = cut
    bounds.extend(_trimmed(text, start, end))
    return bounds


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []
