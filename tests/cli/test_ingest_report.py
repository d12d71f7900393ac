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


def test_a_report_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    missing = tmp_path / "no-such-folder" / "report.json"
    result = runner.invoke(
        app, ["ingest", str(corpus), "--db", str(tmp_path / "news.db"), "--report", str(missing)]
    )
    assert result.exit_code == 2
    assert f"cannot write the report {missing}" in result.stderr


def test_warc_records_that_are_not_pages_are_counted_but_do_not_fail_the_run(
    tmp_path: Path,
) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "tests"}))
    page = f"<html><head><title>Storm</title></head><body><p>{STORM} {SCHOOLS}</p></body></html>"
    for uri, content_type, payload in [
        ("https://news.example/storm", "text/html", page.encode()),
        ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    ]:
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(payload), length=len(payload), http_headers=http
            )
        )
    crawl = tmp_path / "crawl.warc"
    crawl.write_bytes(out.getvalue())
    report_path = tmp_path / "report.json"
    result = runner.invoke(
        app, ["ingest", str(crawl), "--db", str(tmp_path / "n.db"), "--report", str(report_path)]
    )
    assert result.exit_code == 0, result.output
    assert "3 inputs = 1 stored + 0 duplicates + 2 rejected" in result.stderr
    assert "skipped 2 records (not-a-page" in result.stderr
    assert "storyline: rejected" not in result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["by_reason"] == {"not-a-page": 2}


def test_the_summary_says_how_many_new_articles_were_planned(tmp_path: Path) -> None:
    records = tmp_path / "many.jsonl"
    records.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"r{i}",
                    "text": f"Report {i} of event {i // 5}: {STORM}",
                    "published": f"2025-03-{1 + i // 60:02d}T{(i // 3) % 20:02d}:00:00Z",
                }
            )
            + "\n"
            for i in range(520)
        ),
        encoding="utf-8",
    )
    db = tmp_path / "news.db"
    planned = runner.invoke(app, ["ingest", str(records), "--db", str(db), "--plan-window", "200"])
    assert planned.exit_code == 0, planned.output
    # Two windows of 200, then the last 120 (dated: at least 100 make a window).
    assert "520 articles grouped first in 3 planned windows" in planned.stderr
    small = tmp_path / "small.txt"
    small.write_text(SCHOOLS, encoding="utf-8")
    alone = runner.invoke(app, ["ingest", str(small), "--db", str(db)])
    assert "no window planned: articles placed one at a time" in alone.stderr
