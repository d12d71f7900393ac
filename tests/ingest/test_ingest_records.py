from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.ingest import read_inputs
from storyline.model import Article, Rejection

TEXT = "The storm reached the coast on Tuesday and forced thousands of people to leave their homes."


def make_record(**fields: object) -> dict[str, object]:
    return {"id": "a1", "text": TEXT, **fields}


def write(path: Path, content: str) -> Path:
    path.write_text(content, encoding="utf-8")
    return path


def test_a_json_record_keeps_its_fields(tmp_path: Path, config: Config) -> None:
    record = make_record(
        title="Storm", url="https://example.org/storm", published="2019-02-26", outlet="Example"
    )
    path = write(tmp_path / "one.json", json.dumps(record))
    result = read_inputs([path], config=config)
    assert result.rejections == ()
    assert result.articles == (
        Article(
            id="a1",
            text=TEXT,
            source="https://example.org/storm",
            title="Storm",
            outlet="Example",
            published=datetime(2019, 2, 26, tzinfo=UTC),
            published_zone=None,
            language="en",
        ),
    )


def test_a_json_list_of_records_loads_each(tmp_path: Path, config: Config) -> None:
    records = [make_record(id="a"), make_record(id="b", language="de")]
    path = write(tmp_path / "list.json", json.dumps(records))
    articles = read_inputs([path], config=config).articles
    assert [(article.id, article.source, article.language) for article in articles] == [
        ("a", str(path), "en"),
        ("b", str(path), "de"),
    ]


def test_cluster_articles_get_the_cluster_id_as_group(tmp_path: Path, config: Config) -> None:
    cluster = {
        "id": "d30001",
        "articles": [make_record(id="d30001-D1"), make_record(id="d30001-D2")],
        "references": ["ignored"],
    }
    path = write(tmp_path / "clusters.jsonl", json.dumps(cluster) + "\n" + json.dumps(cluster))
    result = read_inputs([path], config=config)
    assert [(article.id, article.group) for article in result.articles] == [
        ("d30001-D1", "d30001"),
        ("d30001-D2", "d30001"),
        ("d30001-D1-2", "d30001"),
        ("d30001-D2-2", "d30001"),
    ]


def test_published_with_an_offset_is_converted(tmp_path: Path, config: Config) -> None:
    path = write(
        tmp_path / "a.json", json.dumps(make_record(published="2019-02-26T09:15:00+07:00"))
    )
    (article,) = read_inputs([path], config=config).articles
    assert article.published == datetime(2019, 2, 26, 2, 15, tzinfo=UTC)
    assert article.published_zone == "UTC+07:00"


def test_a_jsonl_file_with_one_bad_line_loads_the_good_lines(
    tmp_path: Path, config: Config
) -> None:
    lines = [
        json.dumps(make_record(id="a")),
        '{"id": "b", "text": ',
        json.dumps(make_record(id="c")),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    result = read_inputs([path], config=config)
    assert [article.id for article in result.articles] == ["a", "c"]
    (rejection,) = result.rejections
    assert (rejection.source, rejection.reason) == (f"{path}:2", "parse-error")
    assert "invalid JSON" in rejection.detail


@pytest.mark.parametrize(
    ("record", "reason", "detail"),
    [
        (make_record(text=""), "no-text", "'text' is empty"),
        (make_record(text="   \n"), "no-text", "'text' is empty"),
        (make_record(text=42), "invalid-record", "'text' must be a string; got int 42"),
        ({"id": "a"}, "invalid-record", "'text' must be a string; got nothing"),
        (make_record(title=["x"]), "invalid-record", "'title' must be a string; got list"),
        (make_record(id=None), "invalid-record", "'id' must be a non-empty string; got nothing"),
        (make_record(published="yesterday"), "invalid-record", "'published' must be an ISO date"),
        (make_record(published="2019-13-45"), "invalid-record", "'published' must be an ISO date"),
        ([1, 2], "invalid-record", "expected a JSON object"),
        ({"id": "c", "articles": "none"}, "invalid-record", "a cluster needs"),
    ],
)
def test_a_bad_record_is_rejected_naming_the_field(
    tmp_path: Path, config: Config, record: object, reason: str, detail: str
) -> None:
    path = write(tmp_path / "bad.jsonl", json.dumps(record) + "\n")
    result = read_inputs([path], config=config)
    assert result.articles == ()
    (rejection,) = result.rejections
    assert rejection.source == f"{path}:1"
    assert rejection.reason == reason
    assert detail in rejection.detail


def test_a_bad_article_in_a_cluster_points_to_its_index(tmp_path: Path, config: Config) -> None:
    cluster = {"id": "c1", "articles": [make_record(id="ok"), make_record(id="bad", text="")]}
    path = write(tmp_path / "cluster.json", json.dumps(cluster))
    result = read_inputs([path], config=config)
    assert [article.id for article in result.articles] == ["ok"]
    assert result.rejections == (Rejection(f"{path} articles[1]", "no-text", "'text' is empty"),)


def test_a_truncated_json_file_is_a_parse_error(tmp_path: Path, config: Config) -> None:
    path = write(tmp_path / "cut.json", json.dumps([make_record()])[:-10])
    result = read_inputs([path], config=config)
    assert result.articles == ()
    (rejection,) = result.rejections
    assert (rejection.source, rejection.reason) == (str(path), "parse-error")
    assert "line 1, column" in rejection.detail


def test_records_without_an_id_take_the_file_stem(tmp_path: Path, config: Config) -> None:
    path = write(tmp_path / "feed.json", json.dumps([{"text": TEXT}, {"text": TEXT}]))
    assert [article.id for article in read_inputs([path], config=config).articles] == [
        "feed",
        "feed-2",
    ]
