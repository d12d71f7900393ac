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


def test_records_without_an_id_are_named_by_file_and_place(tmp_path: Path, config: Config) -> None:
    # By place, not by order of reading: an ingest, which does not rename repeated ids, stored
    # two records of one file under one id (the file's stem) before.
    path = write(tmp_path / "feed.json", json.dumps([{"text": TEXT}, {"text": TEXT + " More."}]))
    lines = write(tmp_path / "lines.jsonl", f'{{"text": "{TEXT}"}}\n\n{{"text": "{TEXT} More."}}\n')
    lone = write(tmp_path / "lone.json", json.dumps({"text": TEXT}))
    read = read_inputs([path, lines, lone], config=config, unique_ids=False)
    assert [article.id for article in read.articles] == [
        "feed-1",
        "feed-2",
        "lines-1",
        "lines-3",
        "lone",
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


def test_fields_under_other_names_are_read_as_exports_name_them(
    tmp_path: Path, config: Config
) -> None:
    # news-please writes "maintext", "date_publish" and "source_domain"; NewsAPI answers
    # {"status", "articles": [{"source": {"id", "name"}, "publishedAt", "content", ...}]}.
    news_please = {
        "id": "np",
        "maintext": TEXT,
        "title": "Storm",
        "date_publish": "2019-02-26 08:00:00",
        "source_domain": "example.org",
        "url": "https://example.org/storm",
    }
    news_api = {
        "status": "ok",
        "totalResults": 1,
        "articles": [
            {
                "source": {"id": None, "name": "Wire"},
                "title": "Storm",
                "publishedAt": "2019-02-26T09:00:00Z",
                "link": "https://wire.example/storm",
                "content": TEXT,
                "lang": "en",
            }
        ],
    }
    first = write(tmp_path / "np.jsonl", json.dumps(news_please) + "\n")
    second = write(tmp_path / "api.json", json.dumps(news_api))
    result = read_inputs([first, second], config=config)
    assert result.rejections == ()
    assert [
        (article.text, article.outlet, article.source, article.published, article.language)
        for article in result.articles
    ] == [
        (
            TEXT,
            "example.org",
            "https://example.org/storm",
            datetime(2019, 2, 26, 8, tzinfo=UTC),
            "en",
        ),
        (TEXT, "Wire", "https://wire.example/storm", datetime(2019, 2, 26, 9, tzinfo=UTC), "en"),
    ]


def test_a_field_under_its_own_name_wins_and_a_rejection_names_the_key_read(
    tmp_path: Path, config: Config
) -> None:
    both = make_record(body="Another text altogether about a different storm in another town.")
    blank = {"id": "b", "body": "  "}
    path = write(tmp_path / "mixed.jsonl", "\n".join(json.dumps(r) for r in (both, blank)))
    result = read_inputs([path], config=config)
    assert [article.text for article in result.articles] == [TEXT]
    (rejection,) = result.rejections
    assert (rejection.reason, rejection.detail) == ("no-text", "'body' is empty")
    nothing = write(tmp_path / "none.jsonl", json.dumps({"id": "c", "summary": 3}) + "\n")
    (rejection,) = read_inputs([nothing], config=config).rejections
    assert rejection.detail == "'summary' must be a string; got int 3"


@pytest.mark.parametrize("stamp", [1551168000, 1551168000.0, 1551168000000])
def test_a_publication_time_in_seconds_or_milliseconds_since_1970_is_read(
    tmp_path: Path, config: Config, stamp: float
) -> None:
    path = write(tmp_path / "epoch.jsonl", json.dumps(make_record(timestamp=stamp)) + "\n")
    (article,) = read_inputs([path], config=config).articles
    assert (article.published, article.published_zone) == (
        datetime(2019, 2, 26, 8, tzinfo=UTC),
        "UTC",
    )


@pytest.mark.parametrize("stamp", [-5_000_000_000, 10**10, 10**30, 10**400, True])
def test_a_publication_number_out_of_range_is_rejected_naming_its_key(
    tmp_path: Path, config: Config, stamp: object
) -> None:
    path = write(tmp_path / "epoch.jsonl", json.dumps(make_record(date=stamp)) + "\n")
    result = read_inputs([path], config=config)
    assert result.articles == ()
    (rejection,) = result.rejections
    assert rejection.reason == "invalid-record"
    assert rejection.detail.startswith("'date' ")


def test_a_record_outside_a_cluster_may_name_its_cluster(tmp_path: Path, config: Config) -> None:
    records = [
        make_record(id="a", cluster="storm"),
        make_record(id="b", cluster_id=7),
        make_record(id="c"),
        make_record(id="d", cluster=["x"]),
    ]
    path = write(tmp_path / "flat.jsonl", "\n".join(json.dumps(r) for r in records))
    result = read_inputs([path], config=config)
    assert [(article.id, article.group) for article in result.articles] == [
        ("a", "storm"),
        ("b", "7"),
        ("c", None),
    ]
    (rejection,) = result.rejections
    assert rejection.detail == "'cluster' must be a non-empty string or an integer; got list ['x']"
    # In a cluster, the cluster is the label.
    cluster = {"id": "c1", "articles": [make_record(id="e", cluster="other")]}
    inner = write(tmp_path / "cluster.json", json.dumps(cluster))
    assert [article.group for article in read_inputs([inner], config=config).articles] == ["c1"]


def test_an_article_in_a_language_not_read_is_refused_naming_its_line(
    tmp_path: Path, config: Config
) -> None:
    swahili = make_record(
        id="sw",
        language="sw",
        url="https://example.org/sw",
        text="Meli ya abiria ilikwama karibu na kisiwa siku ya Ijumaa asubuhi na abiria wote "
        "waliokolewa salama na walinzi wa pwani.",
    )
    path = write(
        tmp_path / "mixed.jsonl", "\n".join(json.dumps(r) for r in (make_record(), swahili))
    )
    result = read_inputs([path], config=config)
    assert [article.id for article in result.articles] == ["a1"]
    (rejection,) = result.rejections
    assert (rejection.source, rejection.reason) == (f"{path}:2", "unsupported-language")
    assert rejection.detail.startswith("article 'sw' is in language 'sw'; storyline reads ar, de")


@pytest.mark.parametrize(
    ("written", "moment"),
    [
        (20190226, datetime(2019, 2, 26, tzinfo=UTC)),
        ("20190226", datetime(2019, 2, 26, tzinfo=UTC)),
        ("201902261030", datetime(2019, 2, 26, 10, 30, tzinfo=UTC)),
        (20190226103005, datetime(2019, 2, 26, 10, 30, 5, tzinfo=UTC)),
        ("1551168000", datetime(2019, 2, 26, 8, tzinfo=UTC)),
    ],
)
def test_a_compact_date_is_a_date_not_seconds_since_1970(
    tmp_path: Path, config: Config, written: object, moment: datetime
) -> None:
    path = write(tmp_path / "compact.jsonl", json.dumps(make_record(date=written)) + "\n")
    (article,) = read_inputs([path], config=config).articles
    assert article.published == moment


def test_a_bad_date_is_shown_as_written_and_abridged(tmp_path: Path, config: Config) -> None:
    records = [make_record(date="9999999999999"), make_record(date=10**400)]
    path = write(tmp_path / "dates.jsonl", "\n".join(json.dumps(r) for r in records))
    details = [item.detail for item in read_inputs([path], config=config).rejections]
    assert details[0].endswith("; got 9999999999999")
    assert details[1].endswith("; got 10000000000000000000...00000000000000000")
