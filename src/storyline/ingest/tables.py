"""CSV and TSV inputs: one article record a row, its fields named by the header row.

News datasets and spreadsheet exports come as tables: ``id,title,publication,date,content``.
Each row is read as a JSON record would be (``records.article_from_record``), so a column takes
its field by name or by another name exports give it (``content`` for the text, ``date`` for
the date, ``publication`` for the outlet: ``records.ALIASES``), in any case ("Content"), a
``cluster`` column labels the row, and other columns are ignored. An empty cell is an absent
field, and empty cells past the header's columns (a trailing delimiter) are nothing.

A ".csv" file is split at the delimiter its header row uses (a comma, a semicolon or a tab), or
the one a first line ``sep=;`` names, as spreadsheets write it; a cell in double quotes may hold
delimiters, quotes doubled and line breaks. A ".tsv" file is split at tabs, and read with quoted
cells too when the whole file reads so (as the csv module and pandas write one); otherwise its
quotation marks are text (``"We will act," the mayor said``). Blank lines are skipped. A
header naming one column twice (which is meant is unclear), or no column of text (a table of
something else), is refused whole. A bad row is a rejection
naming the line it starts on ("path:LINE"), and the rows after it are read; a quote left open
to the end of the file makes the last row "truncated".
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from storyline.errors import InputError
from storyline.ingest.records import ALIASES, RECORD_KEYS, article_from_record
from storyline.model import Article, Rejection

if TYPE_CHECKING:
    from _csv import Reader

_DELIMITERS = ",;\t"
_SEPARATOR_LINE = re.compile(r"sep=([^\r\n])[ \t]*(?:\r\n|\r|\n|$)", re.IGNORECASE)
_BLANK_LINES = re.compile(r"(?:[ \t]*(?:\r\n|\r|\n))*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Column names matched to the keys records are read from, in any case.
_KEYS = {key.lower(): key for key in RECORD_KEYS}
_TEXT_KEYS = frozenset(("text", *ALIASES["text"]))


def read_table(
    text: str, *, path: str, default_id: str, tabs: bool = False
) -> list[Article | Rejection]:
    """The articles of a CSV file (``tabs``: a TSV file), a row each after the header row."""
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        raise InputError(
            path,
            "parse-error",
            "the file holds JSON, not a table: name it .json or .jsonl to read its records",
        )
    # No cell is longer than the file: the csv module's own limit (131,072 characters) would
    # refuse a long article, which the article size limit judges instead.
    csv.field_size_limit(max(len(text) + 1, csv.field_size_limit()))
    start, skipped, named = _header_start(text, tabs=tabs)
    rest = text[start:]
    if not rest.strip():
        raise InputError(path, "empty", "the table has no header row")
    header = _LINE_BREAK.split(rest, maxsplit=1)[0]
    delimiter = "\t" if tabs else named or _delimiter(header)
    quoted = not tabs or _quotes_hold(rest)
    rows = csv.reader(
        io.StringIO(rest, newline=""),
        delimiter=delimiter,
        strict=quoted,
        quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE,
    )
    try:
        columns = _columns(next(rows), path=path)
    except csv.Error as e:
        raise InputError(path, "parse-error", f"the header row cannot be read: {e}") from e
    items: list[Article | Rejection] = []
    for line, cells in _numbered(rows, path=path, items=items, skipped=skipped):
        where = f"{path}:{line}"
        extra = cells[len(columns) :]
        if any(cell.strip() for cell in extra):
            items.append(
                Rejection(
                    where,
                    "invalid-record",
                    f"the row has {len(cells)} cells, the header names {_count(len(columns))}",
                )
            )
            continue
        record: dict[str, object] = {
            name: cell for name, cell in zip(columns, cells, strict=False) if name and cell.strip()
        }
        items.append(
            article_from_record(record, where=where, path=path, default_id=f"{default_id}-{line}")
        )
    if not items:
        raise InputError(path, "empty", "the table has a header row and no row of articles")
    return items


def _header_start(text: str, *, tabs: bool) -> tuple[int, int, str | None]:
    """Where the header row starts (after blank lines, and a spreadsheet's ``sep=;`` line in a
    CSV file), the lines before it, and the delimiter that line names (None if none)."""
    blank = _BLANK_LINES.match(text)
    start = blank.end() if blank else 0
    named = None if tabs else _SEPARATOR_LINE.match(text, start)
    if named:
        blank = _BLANK_LINES.match(text, named.end())
        start = blank.end() if blank else named.end()
    skipped = len(_LINE_BREAK.findall(text, 0, start))
    return start, skipped, named.group(1) if named else None


def _quotes_hold(text: str) -> bool:
    """Whether a TSV file reads whole with quoted cells (as the csv module and pandas write a
    cell holding a tab, a line break or a quote); if not, its quotation marks are text."""
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True):
            pass
    except csv.Error:
        return False
    return True


def _columns(names: list[str], *, path: str) -> list[str]:
    """The header's column names, each a record key when it is one in any case."""
    columns = [_KEYS.get(name.strip().lower(), name.strip()) for name in names]
    if not any(columns):
        raise InputError(path, "parse-error", "the header row names no column")
    if not set(columns) & _TEXT_KEYS:
        raise InputError(
            path,
            "parse-error",
            "the header row names no column of article text (one of "
            f"{', '.join(sorted(_TEXT_KEYS))}); its columns: {_listed(columns)}",
        )
    seen: dict[str, int] = {}
    for number, name in enumerate(columns, start=1):
        if name and name in seen:
            raise InputError(
                path,
                "parse-error",
                f"the header row names {name!r} twice (columns {seen[name]} and {number}): "
                "which one to read is unclear",
            )
        seen[name] = number
    return columns


def _numbered(
    rows: Reader, *, path: str, items: list[Article | Rejection], skipped: int
) -> Iterator[tuple[int, list[str]]]:
    """Each row that has a cell, with the line of the file it starts on (``skipped``: the lines
    before the header). A row the csv module cannot read becomes a rejection and the reading
    goes on; a quote left open to the end of the file ends it."""
    line = rows.line_num + 1
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except csv.Error as e:
            ended = "unexpected end of data" in str(e)
            items.append(
                Rejection(
                    f"{path}:{line + skipped}",
                    "truncated" if ended else "parse-error",
                    f"the row cannot be read: {e}"
                    + (" (a quote left open to the end of the file)" if ended else ""),
                )
            )
            if ended:
                return
        else:
            if any(cell.strip() for cell in cells):
                yield line + skipped, cells
        line = rows.line_num + 1


def _delimiter(header: str) -> str:
    """The delimiter a header row uses: of a comma, a semicolon and a tab, the most frequent
    outside quotes (a comma when none is)."""
    outside = header.split('"')[::2]
    counts = {mark: sum(part.count(mark) for part in outside) for mark in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda mark: counts[mark])
    return best if counts[best] else ","


def _listed(columns: list[str]) -> str:
    """The first column names, for a message."""
    shown = ", ".join(repr(name) for name in columns[:8])
    return shown + (f" and {len(columns) - 8} more" if len(columns) > 8 else "")


def _count(columns: int) -> str:
    return "1 column" if columns == 1 else f"{columns} columns"
