"""``storyline ingest --report FILE``: the run's accounting, as JSON and on stderr."""

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.app import app

runner = CliRunner()

STORM = (
    "The storm reached the coast on Tuesday morning and forced thousands of people to leave "
    "their homes, officials said."
)
SCHOOLS = (
    "Schools in the region will stay closed until Thursday while crews clear the roads of "
    "fallen trees and debris."
)


def make_corpus(root: Path) -> Path:
    root.mkdir()
    (root / "storm.txt").write_text(STORM, encoding="utf-8")
    (root / "storm-again.txt").write_text(STORM, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "reports.jsonl").write_text(
        json.dumps({"id": "schools", "text": SCHOOLS}) + "\n{broken\n", encoding="utf-8"
    )
    return root


def test_report_writes_the_runs_accounting_as_json_and_stderr_states_the_equation(
    tmp_path: Path,
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    report_path = tmp_path / "report.json"
    db = tmp_path / "news.db"
    result = runner.invoke(
        app, ["ingest", str(corpus), "--db", str(db), "--report", str(report_path)]
    )
    assert result.exit_code == 1, result.output  # some inputs were rejected
    # storm-again.txt has storm.txt's text under another name: a copy, stored as one more source.
    assert "5 inputs = 3 stored + 0 duplicates + 2 rejected" in result.stderr
    assert "1 stored as copies of other articles" in result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert set(report) == {"inputs", "stored", "duplicates", "rejected", "by_reason", "rejections"}
    assert (report["inputs"], report["stored"], report["duplicates"], report["rejected"]) == (
        5,
        3,
        0,
        2,
    )
    assert report["inputs"] == report["stored"] + report["duplicates"] + report["rejected"]
    assert report["by_reason"] == {"empty": 1, "parse-error": 1}
    assert sorted(item["reason"] for item in report["rejections"]) == ["empty", "parse-error"]
    assert all(set(item) == {"source", "reason", "detail"} for item in report["rejections"])
    assert {item["source"] for item in report["rejections"]} == {
        str(corpus / "empty.txt"),
        f"{corpus / 'reports.jsonl'}:2",
    }
    again = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert "5 inputs = 0 stored + 3 duplicates + 2 rejected" in again.stderr


def test_a_report_in_a_new_folder_is_written_there(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    target = tmp_path / "reports" / "today" / "report.json"
    result = runner.invoke(
        app, ["ingest", str(corpus), "--db", str(tmp_path / "news.db"), "--report", str(target)]
    )
    assert result.exit_code == 1  # two inputs were rejected
    assert json.loads(target.read_text(encoding="utf-8"))["stored"] == 3


def test_a_report_that_cannot_be_written_is_a_usage_error_before_any_work(
    tmp_path: Path,
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    db = tmp_path / "news.db"
    for unwritable, reason in (
        (a_file / "report.json", f"{a_file} is a file, not a directory"),
        (tmp_path, "it is a directory"),
    ):
        result = runner.invoke(
            app, ["ingest", str(corpus), "--db", str(db), "--report", str(unwritable)]
        )
        assert result.exit_code == 2
        assert f"cannot write {unwritable}: {reason}" in result.stderr
        assert not db.exists()  # refused before the store was made


def test_a_report_over_the_store_or_an_input_is_refused_and_both_are_kept(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    db = tmp_path / "news.db"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 1
    stored = db.read_bytes()
    for target in (db, tmp_path / "news.db.lock", corpus / "storm.txt"):
        before = target.read_bytes()
        result = runner.invoke(
            app, ["ingest", str(corpus), "--db", str(db), "--report", str(target)]
        )
        assert result.exit_code == 2
        assert f"cannot write {target}: it is an input or the story store of this run" in (
            result.stderr
        )
        assert target.read_bytes() == before
    assert db.read_bytes() == stored


def test_a_report_that_cannot_be_created_fails_before_any_work(tmp_path: Path) -> None:
    unwritable = Path("/proc/sys/storyline-report.json")  # a folder no file can be made in
    if not unwritable.parent.is_dir():
        pytest.skip("needs Linux's /proc/sys")
    corpus = make_corpus(tmp_path / "corpus")
    db = tmp_path / "news.db"
    result = runner.invoke(
        app, ["ingest", str(corpus), "--db", str(db), "--report", str(unwritable)]
    )
    assert result.exit_code == 2
    assert f"cannot write {unwritable}" in result.stderr
    assert not db.exists()


def test_ingesting_the_folder_that_holds_the_store_skips_the_stores_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "storm.txt").write_text(STORM, encoding="utf-8")
    (folder / "schools.txt").write_text(SCHOOLS, encoding="utf-8")
    monkeypatch.chdir(folder)
    assert runner.invoke(app, ["ingest", "."]).exit_code == 0  # makes ./storyline.db
    again = runner.invoke(app, ["ingest", ".", "--report", "../report.json"])
    assert again.exit_code == 0, again.stderr
    assert "skipped" in again.stderr and "store-file" in again.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert (report["stored"], report["duplicates"]) == (0, 2)
    # A digest of the folder skips them too, and counts them apart from failed inputs.
    digested = runner.invoke(app, ["digest", ".", "--format", "json"])
    assert digested.exit_code == 0, digested.stderr
    assert "storyline: 2 articles, 2 stories, 0 rejected, 2 skipped\n" in digested.stderr
    skipped = {Path(item["source"]).name for item in report["rejections"]}
    assert skipped >= {"storyline.db"} and skipped <= {
        "storyline.db",
        "storyline.db.lock",
        "storyline.db-wal",
        "storyline.db-shm",
    }
    listed = runner.invoke(app, ["stories", "--format", "jsonl"])
    stored = {
        article for line in listed.stdout.splitlines() for article in json.loads(line)["articles"]
    }
    assert stored == {"storm", "schools"}


def test_a_text_without_a_letter_is_no_article(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "pid.txt").write_text("16779\n", encoding="utf-8")
    (folder / "storm.txt").write_text(STORM, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert "the text has no words (only digits, punctuation or symbols)" in result.stderr
    assert "2 inputs = 1 stored + 0 duplicates + 1 rejected" in result.stderr


def test_a_report_hard_linked_to_the_store_replaces_the_link_not_the_store(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    db = tmp_path / "news.db"
    runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    linked = tmp_path / "linked.json"
    os.link(db, linked)
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--report", str(linked)])
    assert result.exit_code == 2  # the same file as the store, through a hard link
    assert "it is an input or the story store of this run" in result.stderr
    # A link the check cannot see (a file in an input folder, linked from elsewhere) is
    # replaced by the report, never written through.
    story = corpus / "storm.txt"
    elsewhere = tmp_path / "elsewhere.json"
    os.link(story, elsewhere)
    before = story.read_text(encoding="utf-8")
    result = runner.invoke(
        app, ["ingest", str(corpus), "--db", str(db), "--report", str(elsewhere)]
    )
    assert json.loads(elsewhere.read_text(encoding="utf-8"))["inputs"] == 5
    assert story.read_text(encoding="utf-8") == before


def test_the_stores_empty_journal_in_a_folder_read_is_skipped_not_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "storm.txt").write_text(STORM, encoding="utf-8")
    (folder / "storyline.db-wal").write_bytes(b"")  # as an open reader leaves it
    (folder / "again.txt").symlink_to(folder / "storm.txt")  # the same file, named twice
    monkeypatch.chdir(folder)
    result = runner.invoke(app, ["ingest", ".", "--report", "../report.json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["by_reason"] == {"duplicate-input": 1, "store-file": 1}
    assert "skipped 1 input (duplicate-input" in result.stderr
