"""Loading Timeline17-style topics, running a system on them, writing and rendering the report."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.evaluate.timeline import (
    PUBLISHED,
    TimelineTopic,
    evaluate_timelines,
    load_topics,
    render_timeline_table,
    write_timeline_runs,
)
from storyline.model import Article

TIMELINE = [
    ["2010-04-22", ["The rig sinks .", "Oil spews into the gulf ."]],
    ["2010-04-20", ["The rig explodes , killing 11 ."]],
    ["2010-05-02", ["Fishing is closed ."]],
]


def make_record(topic_id: str, *, timelines: object = None) -> dict[str, object]:
    return {
        "id": topic_id,
        "keywords": ["oil"],
        "articles": [
            {"id": f"{topic_id}/a1", "published": "2010-04-21", "text": "The rig exploded."},
            {"id": f"{topic_id}/a2", "published": "2010-04-23", "text": "The rig sank."},
        ],
        "timelines": [TIMELINE] if timelines is None else timelines,
    }


def write_jsonl(path: Path, records: Sequence[object]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def test_load_topics_builds_dated_articles_and_references(tmp_path: Path) -> None:
    (topic,) = load_topics(write_jsonl(tmp_path / "topics.jsonl", [make_record("oil")]))
    assert topic.id == "oil"
    assert topic.keywords == ("oil",)
    first = topic.articles[0]
    assert first.id == "oil/a1"
    assert first.group == "oil"
    assert first.published == datetime(2010, 4, 21, 12, tzinfo=UTC)
    (reference,) = topic.references
    assert [day.isoformat() for day in reference.summaries] == [
        "2010-04-20",
        "2010-04-22",
        "2010-05-02",
    ]
    assert topic.n_dates == 3
    assert topic.sentences_per_date == 1  # 4 sentences over 3 dates, rounded
    assert topic.span == (date(2010, 4, 20), date(2010, 5, 2))


def test_a_repeated_reference_date_keeps_its_last_entry_as_tilse_does(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    timeline = [["2010-04-20", ["First ."]], ["2010-04-20", ["Second .", "Third ."]]]
    path = write_jsonl(tmp_path / "topics.jsonl", [make_record("oil", timelines=[timeline])])
    with caplog.at_level(logging.WARNING):
        (topic,) = load_topics(path)
    assert topic.references[0].summary(date(2010, 4, 20)) == ("Second .", "Third .")
    assert "2010-04-20 is given twice" in caplog.text


def test_a_reader_of_the_articles_alone_is_not_told_of_repeated_reference_dates(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from storyline.evaluate.clusters import load_labelled_articles

    timeline = [["2010-04-20", ["First ."]], ["2010-04-20", ["Second ."]]]
    path = write_jsonl(tmp_path / "topics.jsonl", [make_record("oil", timelines=[timeline])])
    with caplog.at_level(logging.WARNING):
        (topic,) = load_topics(path, log_repeats=False)
        labelled = load_labelled_articles(path)
    assert topic.references[0].summary(date(2010, 4, 20)) == ("Second .",)
    assert labelled.articles
    assert "given twice" not in caplog.text


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": "x", "articles": [], "timelines": [TIMELINE]}, "'articles' must be a non-empty"),
        (make_record("x", timelines=[]), "'timelines' must be a non-empty list"),
        (make_record("x", timelines=[[["2010-04-31", ["a"]]]]), "must be 'YYYY-MM-DD'"),
        (make_record("x", timelines=[[["2010-04-20", "a"]]]), r"must be \[date, \[sentences\]\]"),
        ([1, 2], "expected a JSON object"),
    ],
)
def test_a_malformed_line_is_an_input_error_naming_the_line(
    tmp_path: Path, record: object, message: str
) -> None:
    path = write_jsonl(tmp_path / "topics.jsonl", [make_record("ok"), record])
    with pytest.raises(InputError, match=f"line 2: .*{message}"):
        load_topics(path)


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothere\.jsonl: no such file"):
        load_topics(tmp_path / "nothere.jsonl")


class EchoSystem:
    """Returns a fixed timeline and records what it was asked."""

    def __init__(self, timeline: Sequence[tuple[str, Sequence[str]]]) -> None:
        self.timeline = timeline
        self.calls: list[dict[str, object]] = []

    def __call__(
        self,
        articles: Sequence[Article],
        *,
        n_dates: int,
        sentences_per_date: int,
        start: date | None,
        end: date | None,
    ) -> Sequence[tuple[str, Sequence[str]]]:
        self.calls.append(
            {
                "articles": len(articles),
                "n_dates": n_dates,
                "sentences_per_date": sentences_per_date,
                "start": start,
                "end": end,
            }
        )
        return self.timeline


def load_one(tmp_path: Path) -> list[TimelineTopic]:
    return load_topics(write_jsonl(tmp_path / "topics.jsonl", [make_record("oil")]))


def test_evaluate_asks_the_system_for_the_reference_length_and_span(tmp_path: Path) -> None:
    system = EchoSystem([(day, sents) for day, sents in TIMELINE])
    report = evaluate_timelines(load_one(tmp_path), system=system)
    assert system.calls == [
        {
            "articles": 2,
            "n_dates": 3,
            "sentences_per_date": 1,
            "start": date(2010, 4, 20),
            "end": date(2010, 5, 2),
        }
    ]
    (run,) = report.runs
    assert run.scores.dates.f1 == pytest.approx(1.0)
    assert run.scores.align_rouge1.f1 == pytest.approx(1.0)
    assert report.mean.align_rouge2.f1 == pytest.approx(1.0)


def test_evaluate_names_the_topic_of_a_malformed_system_timeline(tmp_path: Path) -> None:
    system = EchoSystem([("2010-04-20", ["a"]), ("2010-04-20", ["b"])])
    with pytest.raises(ValueError, match=r"topic 'oil': .* 2010-04-20 twice"):
        evaluate_timelines(load_one(tmp_path), system=system)


def test_runs_are_written_as_json_lines_of_dated_sentences(tmp_path: Path) -> None:
    system = EchoSystem([("2010-04-22", ["The rig sinks ."]), ("2010-04-20", ["It explodes ."])])
    report = evaluate_timelines(load_one(tmp_path), system=system)
    path = tmp_path / "runs.jsonl"
    write_timeline_runs(report, path)
    (line,) = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == {
        "id": "oil",
        "timeline": [["2010-04-20", ["It explodes ."]], ["2010-04-22", ["The rig sinks ."]]],
    }


def test_table_shows_each_topic_the_mean_and_the_published_systems(tmp_path: Path) -> None:
    system = EchoSystem([("2010-04-20", ["The rig explodes , killing 11 ."])])
    table = render_timeline_table(evaluate_timelines(load_one(tmp_path), system=system))
    lines = table.splitlines()
    assert lines[0].split() == [
        "topic", "L", "k", "date", "F1", "concat", "R1", "concat", "R2", "align", "R1", "align",
        "R2",
    ]  # fmt: skip
    assert any(line.startswith("oil ") for line in lines)
    assert any(line.startswith("* storyline (mean)") for line in lines)
    for result in PUBLISHED:
        row = next(line for line in lines if result.system in line)
        assert f"{result.align_rouge1_f1:.3f}" in row
        assert f"{result.date_f1:.3f}" in row
