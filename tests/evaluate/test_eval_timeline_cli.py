"""The ``storyline eval-timeline`` command, in-process, on a tiny hand-written topics file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli.app import app

runner = CliRunner()

ARTICLES = [
    {
        "id": "a1",
        "published": "2010-04-21",
        "text": "The Deepwater Horizon rig exploded on April 20, 2010, killing eleven workers "
        "on board.\n\nCrews fought the fire on the rig through the night and into the morning.",
    },
    {
        "id": "a2",
        "published": "2010-04-23",
        "text": "The burning rig sank into the Gulf of Mexico on April 22, 2010, two days after "
        "the blast.\n\nOil began to spew from the broken pipe at the bottom of the sea.",
    },
]
TIMELINE = [
    ["2010-04-20", ["Deepwater Horizon drilling rig explodes , killing 11 men ."]],
    ["2010-04-22", ["The rig sinks ."]],
]


def write_topics(path: Path, count: int = 2) -> Path:
    records = [
        {"id": f"oil{n}", "keywords": ["oil"], "articles": ARTICLES, "timelines": [TIMELINE]}
        for n in range(1, count + 1)
    ]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def test_eval_timeline_prints_the_table_and_writes_runs(tmp_path: Path) -> None:
    runs = tmp_path / "runs.jsonl"
    result = runner.invoke(
        app, ["eval-timeline", str(write_topics(tmp_path / "t.jsonl")), "--runs", str(runs)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("topic ")
    assert "* storyline (mean)" in result.stdout
    assert "DATEWISE (published)" in result.stdout
    assert "timelines written to" in result.stderr
    lines = [json.loads(line) for line in runs.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["oil1", "oil2"]
    days = [day for day, _ in lines[0]["timeline"]]
    assert days == ["2010-04-20", "2010-04-22"]


def test_eval_timeline_first_and_last_pick_topics(tmp_path: Path) -> None:
    path = write_topics(tmp_path / "t.jsonl", count=3)
    result = runner.invoke(app, ["eval-timeline", str(path), "--last", "1"])
    assert result.exit_code == 0, result.output
    assert "oil3" in result.stdout
    assert "oil1" not in result.stdout


def test_eval_timeline_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval-timeline", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2
    assert "none.jsonl: no such file" in result.stderr
    assert result.stdout == ""


def test_eval_timeline_rejects_a_zero_topic_count(tmp_path: Path) -> None:
    path = write_topics(tmp_path / "t.jsonl")
    result = runner.invoke(app, ["eval-timeline", str(path), "--first", "0"])
    assert result.exit_code == 2


def test_first_and_last_together_are_a_usage_error(tmp_path: Path) -> None:
    topics = write_topics(tmp_path / "topics.jsonl")
    result = runner.invoke(app, ["eval-timeline", str(topics), "--first", "1", "--last", "1"])
    assert result.exit_code == 2
    assert "--first or --last, not both" in result.output


def test_eval_takes_at_least_one_cluster() -> None:
    result = runner.invoke(app, ["eval", "no-such-clusters.jsonl", "--first", "0"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
