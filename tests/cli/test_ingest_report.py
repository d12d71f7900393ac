"""``storyline ingest --report FILE``: the run's accounting, as JSON and on stderr."""

import json
from pathlib import Path

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
    assert "5 inputs = 2 stored + 1 duplicates + 2 rejected" in result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert set(report) == {"inputs", "stored", "duplicates", "rejected", "by_reason", "rejections"}
    assert (report["inputs"], report["stored"], report["duplicates"], report["rejected"]) == (
        5,
        2,
        1,
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


def test_a_report_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    missing = tmp_path / "no-such-folder" / "report.json"
    result = runner.invoke(
        app, ["ingest", str(corpus), "--db", str(tmp_path / "news.db"), "--report", str(missing)]
    )
    assert result.exit_code == 2
    assert f"cannot write the report {missing}" in result.stderr
