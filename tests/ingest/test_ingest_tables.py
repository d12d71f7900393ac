from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.ingest import read_inputs
from storyline.ingest.limits import MAX_ARTICLE_CHARS

STORM = (
    "The storm reached the coast on Tuesday and forced thousands of people to leave their homes."
)
FERRY = 'A ferry ran aground off Vask on Monday; "all passengers are safe," the coast guard said.'


def table(rows: list[list[str]], *, delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


def write(path: Path, content: str) -> Path:
    path.write_text(content, encoding="utf-8")
    return path


def test_a_csv_row_is_an_article_with_its_columns_by_name(tmp_path: Path, config: Config) -> None:
    # A news dataset's export: "content", "publication" and "date" name text, outlet and date;
    # a quoted cell may hold commas, quotes and line breaks; unknown columns are ignored.
    rows = [
        ["id", "title", "publication", "author", "date", "content"],
        ["17", "Storm hits coast", "Wire", "A. Writer", "2019-02-26", STORM],
        ["", "Ferry aground", "Gazette", "", "1551168000", FERRY + "\n\nMore later."],
    ]
    path = write(tmp_path / "news.csv", table(rows))
    result = read_inputs([path], config=config)
    assert result.rejections == ()
    assert [
        (article.id, article.title, article.outlet, article.published, article.text)
        for article in result.articles
    ] == [
        ("17", "Storm hits coast", "Wire", datetime(2019, 2, 26, tzinfo=UTC), STORM),
        (
            "news-3",
            "Ferry aground",
            "Gazette",
            datetime(2019, 2, 26, 8, tzinfo=UTC),
            FERRY + "\n\nMore later.",
        ),
    ]


@pytest.mark.parametrize(("name", "delimiter"), [("a.csv", ";"), ("a.csv", "\t"), ("a.tsv", "\t")])
def test_semicolons_and_tabs_split_a_table(
    tmp_path: Path, config: Config, name: str, delimiter: str
) -> None:
    rows = [["id", "text", "published"], ["s", STORM, "2019-02-26"], ["f", FERRY, "2019-02-25"]]
    path = write(tmp_path / name, table(rows, delimiter=delimiter))
    result = read_inputs([path], config=config)
    assert result.rejections == ()
    assert [(article.id, article.text) for article in result.articles] == [
        ("s", STORM),
        ("f", FERRY),
    ]


def test_a_bad_row_is_rejected_naming_the_line_it_starts_on(tmp_path: Path, config: Config) -> None:
    rows = [
        ["id", "text", "date"],
        ["a", STORM + "\nSecond line.\nThird line.", ""],  # lines 2 to 4
        ["b", "", "2019-02-26"],  # line 5: no text
        ["c", FERRY, "yesterday"],  # line 6
        ["d", FERRY, "2019-02-26", "extra"],  # line 7
        ["e", FERRY, ""],
    ]
    path = write(tmp_path / "rows.csv", table(rows))
    result = read_inputs([path], config=config)
    assert [article.id for article in result.articles] == ["a", "e"]
    assert result.articles[0].published is None  # an empty cell is an absent field
    assert [(item.source, item.reason) for item in result.rejections] == [
        (f"{path}:5", "invalid-record"),
        (f"{path}:6", "invalid-record"),
        (f"{path}:7", "invalid-record"),
    ]
    details = [item.detail for item in result.rejections]
    assert details[0].startswith("'text' must be a string; got nothing (nor 'body'")
    assert details[1].startswith("'date' must be an ISO date")
    assert details[2] == "the row has 4 cells, the header names 3 columns"


def test_a_quote_left_open_is_a_truncated_row_and_the_rows_before_load(
    tmp_path: Path, config: Config
) -> None:
    text = table([["id", "text"], ["a", FERRY]]) + 'b,"' + STORM + "\n"
    path = write(tmp_path / "cut.csv", text)
    result = read_inputs([path], config=config)
    assert [article.id for article in result.articles] == ["a"]
    (rejection,) = result.rejections
    assert (rejection.source, rejection.reason) == (f"{path}:3", "truncated")


def test_a_row_the_csv_reader_refuses_is_rejected_and_the_rows_after_it_load(
    tmp_path: Path, config: Config
) -> None:
    text = table([["id", "text"], ["a", STORM]]) + 'b,"x"y\n' + table([["c", FERRY]])
    path = write(tmp_path / "stop.csv", text)
    result = read_inputs([path], config=config)
    assert [article.id for article in result.articles] == ["a", "c"]
    (rejection,) = result.rejections
    assert (rejection.source, rejection.reason) == (f"{path}:3", "parse-error")


def test_quotation_marks_in_a_tsv_file_are_text(tmp_path: Path, config: Config) -> None:
    quoted = '"We will act," the mayor said after the council approved the budget on Tuesday.'
    path = write(tmp_path / "q.tsv", f"id\ttext\nm\t{quoted}\ns\t{STORM}\n")
    result = read_inputs([path], config=config)
    assert result.rejections == ()
    assert [article.text for article in result.articles] == [quoted, STORM]


def test_spreadsheet_habits_are_read(tmp_path: Path, config: Config) -> None:
    # Excel's "sep=;" line, blank lines before the header, column names in any case, and a
    # trailing delimiter that leaves an empty cell past the header's columns.
    text = "\n\nsep=;\nID;Content;Published\n" + f"s;{STORM};2019-02-26;\n"
    path = write(tmp_path / "excel.csv", text)
    result = read_inputs([path], config=config)
    assert result.rejections == ()
    (article,) = result.articles
    assert (article.id, article.text, article.published) == (
        "s",
        STORM,
        datetime(2019, 2, 26, tzinfo=UTC),
    )
    bad = write(tmp_path / "bad.csv", f"\n\nid,text\nx,\ny,{STORM}\n")
    (rejection,) = read_inputs([bad], config=config).rejections
    assert rejection.source == f"{bad}:4"  # the line in the file, blank lines counted


def test_a_column_named_twice_or_json_under_a_table_name_is_one_rejected_input(
    tmp_path: Path, config: Config
) -> None:
    twice = write(tmp_path / "twice.csv", table([["id", "text", "Text"], ["a", STORM, FERRY]]))
    json_text = write(tmp_path / "records.csv", '[{"id": "a", "text": "x"}]\n')
    # A table of something else: one rejection, not one a row.
    figures = write(tmp_path / "figures.csv", "year,value\n" + "2019,3\n" * 1000)
    result = read_inputs([twice, json_text, figures], config=config)
    assert result.articles == ()
    assert [(item.source, item.reason) for item in result.rejections] == [
        (str(twice), "parse-error"),
        (str(json_text), "parse-error"),
        (str(figures), "parse-error"),
    ]
    assert "names 'text' twice (columns 2 and 3)" in result.rejections[0].detail
    assert "name it .json or .jsonl" in result.rejections[1].detail
    assert result.rejections[2].detail.startswith("the header row names no column of article")


def test_a_table_without_rows_is_one_rejected_input(tmp_path: Path, config: Config) -> None:
    header = write(tmp_path / "header.csv", "id,text,date\n\n")
    blank = write(tmp_path / "blank.csv", ",,\n")
    result = read_inputs([header, blank], config=config)
    assert result.articles == ()
    assert [(item.source, item.reason) for item in result.rejections] == [
        (str(header), "empty"),
        (str(blank), "parse-error"),
    ]


def test_a_cell_may_hold_a_long_article_and_a_row_its_cluster(
    tmp_path: Path, config: Config
) -> None:
    long = " ".join([STORM] * (200_000 // len(STORM) + 1))
    assert 200_000 < len(long) < MAX_ARTICLE_CHARS
    too_long = "word " * (MAX_ARTICLE_CHARS // 4)
    rows = [
        ["id", "text", "cluster"],
        ["long", long, "storm"],
        ["huge", too_long, "storm"],
        ["short", FERRY, "ferry"],
    ]
    path = write(tmp_path / "long.csv", table(rows))
    result = read_inputs([path], config=config)
    assert [(len(a.text), a.group) for a in result.articles] == [
        (len(long), "storm"),
        (len(FERRY), "ferry"),
    ]
    (rejection,) = result.rejections
    assert (rejection.source, rejection.reason) == (f"{path}:3", "too-large")
