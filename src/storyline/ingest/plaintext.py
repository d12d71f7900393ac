"""Plain-text news reports: the header block (section, date line, title, outlet), then the body.

The header is the run of leading non-empty lines before the first body paragraph. A text whose
first line is already a body paragraph has no header. Offsets are into the text exactly as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.ingest.dates import parse_published
from storyline.language import identify_language
from storyline.model import Article
from storyline.scripts import FULL_WIDTH_TERMINALS, word_count

BODY_MIN_WORDS = 20  # a line this long is a body paragraph whatever its last character
BODY_MIN_SENTENCE_WORDS = 10  # a line ending a sentence with this many words is a body paragraph
TITLE_MIN_WORDS = 4
OUTLET_MAX_WORDS = 4
MAX_HEADER_LINES = 8  # more leading short lines than this are not a header (a list, a poem)

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SENTENCE_END = re.compile(rf"[.!?…{FULL_WIDTH_TERMINALS}][\"'”’»)\]」』）]*$")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offset of the first non-blank character
    text: str  # the line without surrounding whitespace


@dataclass(frozen=True, slots=True)
class Header:
    """What a text's header block says, and where its body starts."""

    body_start: int = 0
    title: str | None = None
    outlet: str | None = None
    published_line: str | None = None


def article_from_text(text: str, *, article_id: str, source: str) -> Article:
    """An ``Article`` of a plain-text report; ``text`` is kept exactly as given.

    Never raises: a text with no recognisable header is all body (``body_start`` 0, no title),
    a text with no date line has ``published`` None, and a lone surrogate in the text is read
    as U+FFFD when the language is identified (files never give one: see ``decoding``).
    """
    header = read_header(text)
    published = parse_published(header.published_line) if header.published_line else None
    return Article(
        id=article_id,
        text=text,
        source=source,
        title=header.title,
        outlet=header.outlet,
        published=published[0] if published else None,
        published_zone=published[1] if published else None,
        # A lone surrogate (a text given in Python, not read from a file) is no character: the
        # language model refuses a text holding one, so it reads U+FFFD in its place.
        language=identify_language(_LONE_SURROGATE.sub("\ufffd", text[header.body_start :])),
        body_start=header.body_start,
    )


def read_header(text: str) -> Header:
    """The header block of ``text``: the leading lines before its first body paragraph."""
    header_lines: list[_Line] = []
    for line in _nonblank_lines(text):
        if _is_body_paragraph(line.text):
            return _header_of(header_lines, body_start=line.start) if header_lines else Header()
        header_lines.append(line)
        if len(header_lines) > MAX_HEADER_LINES:
            break
    return Header()


def _nonblank_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    for match in _LINE.finditer(text):
        stripped = match.group().strip()
        if stripped:
            leading = len(match.group()) - len(match.group().lstrip())
            lines.append(_Line(start=match.start() + leading, text=stripped))
        if match.end() == len(text):
            break
        if len(lines) > MAX_HEADER_LINES + 1:
            break
    return lines


def _is_body_paragraph(line: str) -> bool:
    words = word_count(line)
    return words >= BODY_MIN_WORDS or (
        words >= BODY_MIN_SENTENCE_WORDS and _SENTENCE_END.search(line) is not None
    )


def _header_of(lines: list[_Line], *, body_start: int) -> Header:
    published_line: str | None = None
    title: str | None = None
    outlet: str | None = None
    for line in lines:
        if published_line is None and parse_published(line.text) is not None:
            published_line = line.text
        elif title is None and _looks_like_title(line.text):
            title = line.text
        elif title is not None and outlet is None and _looks_like_outlet(line.text):
            outlet = line.text
    return Header(body_start=body_start, title=title, outlet=outlet, published_line=published_line)


def _looks_like_title(line: str) -> bool:
    return word_count(line) >= TITLE_MIN_WORDS and not line.lower().startswith("by ")


def _looks_like_outlet(line: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= OUTLET_MAX_WORDS
        and any(char.isalpha() for char in line)
        and not line.endswith((":", ".", "?", "!"))
        and parse_published(line) is None
    )
