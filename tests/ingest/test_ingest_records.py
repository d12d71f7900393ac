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
    ]
    # The cluster given again: its articles are the same records, read once.
    assert [rejection.reason for rejection in result.rejections] == ["duplicate-input"] * 2


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
        (
            make_record(published="9999-12-31T23:59:59Z"),
            "invalid-record",
            "in the years 1900 to 2100; got '9999-12-31T23:59:59Z'",
        ),
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
    path = write(tmp_path / "feed.json", json.dumps([{"text": TEXT}, {"text": TEXT + " More."}]))
    assert [article.id for article in read_inputs([path], config=config).articles] == [
        "feed",
        "feed-2",
    ]


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply to read"),
        ('{"a": ' * 50_000 + "1" + "}" * 50_000, "nested too deeply to read"),
        ('{"id": ' + "9" * 5_000 + ', "text": "x"}', "Exceeds the limit"),
    ],
    ids=["deep-array", "deep-object", "huge-number"],
)
def test_json_too_deep_or_with_a_huge_number_is_a_parse_error_not_a_crash(
    tmp_path: Path, config: Config, content: str, detail: str
) -> None:
    json_path = write(tmp_path / "deep.json", content)
    lines_path = write(tmp_path / "deep.jsonl", json.dumps(make_record()) + "\n" + content)
    result = read_inputs([json_path, lines_path], config=config)
    assert [article.id for article in result.articles] == ["a1"]
    assert [(r.source, r.reason) for r in result.rejections] == [
        (str(json_path), "parse-error"),
        (f"{lines_path}:2", "parse-error"),
    ]
    assert all(detail in rejection.detail for rejection in result.rejections)


@pytest.mark.parametrize("field", ["id", "text", "title", "outlet"])
def test_a_record_with_a_lone_surrogate_is_rejected_for_its_encoding(
    tmp_path: Path, config: Config, field: str
) -> None:
    record = make_record(**{field: "Storm \ud800 " + TEXT})
    # json.dumps writes the surrogate as the escape "\ud800", which is valid JSON.
    path = write(
        tmp_path / "records.jsonl", json.dumps(make_record(id="ok")) + "\n" + json.dumps(record)
    )
    result = read_inputs([path], config=config)
    assert [article.id for article in result.articles] == ["ok"]
    (rejection,) = result.rejections
    assert (rejection.source, rejection.reason) == (f"{path}:2", "encoding")
    assert f"'{field}' holds a lone surrogate (U+D800) at character 6" in rejection.detail


def test_json_lines_split_only_at_line_feeds_so_a_line_separator_in_a_string_is_kept(
    tmp_path: Path, config: Config
) -> None:
    text = TEXT + "\u2028Second line\x85third\x1cfourth."
    records = [make_record(id="one", text=text), make_record(id="two")]
    path = tmp_path / "records.jsonl"
    path.write_text(
        "\r\n".join(json.dumps(record, ensure_ascii=False) for record in records),
        encoding="utf-8",
    )
    result = read_inputs([path], config=config)
    assert result.rejections == ()
    assert [(article.id, article.text) for article in result.articles] == [
        ("one", text),
        ("two", TEXT),
    ]


def test_an_empty_json_list_or_cluster_is_one_rejected_input_not_nothing(
    tmp_path: Path, config: Config
) -> None:
    # Before, "[]" and a cluster without articles gave no article and no rejection: the file
    # was not accounted for.
    empty = write(tmp_path / "empty.json", "[]")
    cluster = write(tmp_path / "cluster.json", json.dumps({"id": "c1", "articles": []}))
    result = read_inputs([cluster, empty], config=config)
    assert result.articles == ()
    assert [(r.source, r.reason, r.detail) for r in result.rejections] == [
        (str(cluster), "empty", "cluster 'c1' has no articles (an empty list)"),
        (str(empty), "empty", "the JSON file is an empty list: it holds no articles"),
    ]


def test_a_json_line_cut_inside_a_string_says_so_in_words(tmp_path: Path, config: Config) -> None:
    path = write(tmp_path / "cut.jsonl", '{"id": "a", "text": "The storm reached\n')
    (rejection,) = read_inputs([path], config=config).rejections
    assert rejection.detail == "invalid JSON at column 21: Unterminated string"


def test_a_stated_language_tag_is_read_as_its_language(tmp_path: Path, config: Config) -> None:
    records = [
        make_record(id="us", language="en-US"),
        make_record(id="caps", language="EN"),
        make_record(id="br", language="pt_BR"),
        make_record(id="word", language="English"),  # no tag: identified from the text
    ]
    path = write(tmp_path / "tags.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    articles = read_inputs([path], config=config).articles
    assert [(article.id, article.language) for article in articles] == [
        ("us", "en"),
        ("caps", "en"),
        ("br", "pt"),
        ("word", "en"),
    ]


def test_articles_under_one_key_are_records_in_no_cluster(tmp_path: Path, config: Config) -> None:
    body = {"articles": [make_record(id="a"), make_record(id="b"), {"id": "c"}]}
    path = write(tmp_path / "body.json", json.dumps(body))
    result = read_inputs([path], config=config)
    assert [(article.id, article.group) for article in result.articles] == [
        ("a", None),
        ("b", None),
    ]
    (rejection,) = result.rejections
    assert (rejection.source, rejection.reason) == (f"{path} articles[2]", "invalid-record")
    empty = write(tmp_path / "none.json", json.dumps({"articles": []}))
    assert [item.reason for item in read_inputs([empty], config=config).rejections] == ["empty"]
