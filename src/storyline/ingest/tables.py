"""CSV and TSV inputs: one article record a row, its fields named by the header row.

News datasets and spreadsheet exports come as tables: ``id,title,publication,date,content``.
Each row is read as a JSON record would be (``records.article_from_record``), so a column takes
its field by name or by another name exports give it (``content`` for the text, ``date`` for
the date, ``publication`` for the outlet: ``records.ALIASES``), a ``cluster`` column labels the
row, and other columns are ignored. An empty cell is an absent field. A ".tsv" file is split at
tabs; a ".csv" file at the delimiter its header row uses (a comma, a semicolon or a tab). A bad
row is a rejection naming its line ("path:LINE", the line it starts on); the other rows load. A
quote left open swallows the rest of the file: the row is refused as truncated.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from storyline.errors import InputError
from storyline.ingest.limits import MAX_ARTICLE_CHARS
from storyline.ingest.records import article_from_record
from storyline.model import Article, Rejection

if TYPE_CHECKING:
    from _csv import Reader

_DELIMITERS = ",;\t"
# A cell may hold a whole article (the csv module's own limit is 131,072 characters).
_MAX_CELL_CHARS = 2 * MAX_ARTICLE_CHARS


def read_table(
    text: str, *, path: str, default_id: str, tabs: bool = False
) -> list[Article | Rejection]:
    """The articles of a CSV file (``tabs``: a TSV file), a row each after the header row."""
    csv.field_size_limit(_MAX_CELL_CHARS)  # the module's limit is process-wide; ours is fixed
    header, _, _ = text.partition("\n")
    delimiter = "\t" if tabs else _delimiter(header)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    items: list[Article | Rejection] = []
    try:
        names = next(rows)
    except (StopIteration, csv.Error) as e:
        raise InputError(path, "parse-error", f"no header row of column names: {e}") from e
    columns = [name.strip() for name in names]
    if not any(columns):
        raise InputError(path, "parse-error", "the header row names no column")
    for line, cells in _numbered(rows, path=path, items=items):
        where = f"{path}:{line}"
        if len(cells) > len(columns):
            items.append(
                Rejection(
                    where,
                    "invalid-record",
                    f"the row has {len(cells)} cells, the header names {len(columns)} columns",
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


def _numbered(
    rows: Reader, *, path: str, items: list[Article | Rejection]
) -> Iterator[tuple[int, list[str]]]:
    """Each row that has a cell, with the line it starts on. A row the csv module cannot read
    (a quote left open to the end of the file) becomes a rejection, and the reading ends."""
    line = rows.line_num + 1
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except csv.Error as e:
            items.append(Rejection(f"{path}:{line}", "truncated", f"the row cannot be read: {e}"))
            return
        if any(cell.strip() for cell in cells):
            yield line, cells
        line = rows.line_num + 1


def _delimiter(header: str) -> str:
    """The delimiter a header row uses: of a comma, a semicolon and a tab, the most frequent
    outside quotes (a comma when none is)."""
    outside = header.split('"')[::2]
    counts = {mark: sum(part.count(mark) for part in outside) for mark in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda mark: counts[mark])
    return best if counts[best] else ","
