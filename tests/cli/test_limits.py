"""Limits are explicit: a story digested from part of its articles says so, an oversized file is
rejected by name, and a limit out of range is a usage error."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.app import app
from storyline.config import Config
from storyline.errors import ConfigError
from storyline.pipeline import build_document, spread_over_time, story_from_documents
from tests.builders import make_article

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry"
runner = CliRunner()


def test_spread_over_time_keeps_the_first_and_last_and_the_given_order() -> None:
    start = datetime(2024, 5, 1, tzinfo=UTC)
    # Given newest first; a digest reads 3 of 7, spread over the week.
    docs = [
        build_document(
            make_article(
                f"Report {n} on the harbour works.",
                article_id=f"a{n}",
                published=start + timedelta(days=n),
            )
        )
        for n in reversed(range(7))
    ]
    chosen = spread_over_time(docs, limit=3)
    assert [doc.article.id for doc in chosen] == ["a6", "a3", "a0"]
    assert spread_over_time(docs, limit=7) == docs


def test_a_story_over_the_limit_lists_its_unread_articles_and_cites_only_read_ones() -> None:
    from storyline.ingest import read_inputs

    articles = read_inputs([EXAMPLE], config=Config()).articles
    documents = [build_document(article) for article in articles]
    story = story_from_documents(documents, config=Config(max_story_articles=3))
    assert len(story.article_ids) == len(articles) > 3
    assert len(story.unread_article_ids) == len(articles) - 3
    unread = set(story.unread_article_ids)
    cited = {citation.article for sent in story.summary.sentences for citation in sent.sources}
    assert cited and not cited & unread
    assert not {c.article for entry in story.timeline for c in entry.sources} & unread
    whole = story_from_documents(documents, config=Config())
    assert whole.unread_article_ids == ()


def test_digest_says_on_stderr_and_in_its_output_when_a_story_is_read_in_part() -> None:
    result = runner.invoke(app, ["digest", str(EXAMPLE), "--max-story-articles", "3"])
    assert result.exit_code == 0, result.output
    assert "its digest reads 3 of them (--max-story-articles 3" in result.stderr
    assert "more than the limit of 3 a digest reads (max_story_articles)" in result.stdout
    assert result.stdout.count("_(not read: over max_story_articles)_") == 2
    as_json = runner.invoke(
        app, ["digest", str(EXAMPLE), "--max-story-articles", "3", "--format", "json"]
    )
    (story,) = json.loads(as_json.stdout)["stories"]
    assert len(story["unread_articles"]) == 2
    assert set(story["unread_articles"]) < set(story["articles"])
    plain = runner.invoke(app, ["digest", str(EXAMPLE), "--format", "json"])
    assert json.loads(plain.stdout)["stories"][0]["unread_articles"] == []
    assert "max-story-articles" not in plain.stderr


def test_a_file_over_max_file_bytes_is_rejected_by_name_and_the_rest_is_digested() -> None:
    sizes = {path.name: path.stat().st_size for path in EXAMPLE.iterdir()}
    limit = sorted(sizes.values())[1]  # the two smallest files are read
    result = runner.invoke(
        app, ["digest", str(EXAMPLE), "--max-file-bytes", str(limit), "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    payload = json.loads(result.stdout)
    rejected = {Path(item["source"]).name: item for item in payload["rejections"]}
    assert set(rejected) == {name for name, size in sizes.items() if size > limit}
    for name, item in rejected.items():
        assert item["reason"] == "too-large"
        assert f"has {sizes[name]} bytes, more than max_file_bytes={limit}" in item["detail"]
        assert f"rejected {EXAMPLE / name}" in result.stderr or name in result.stderr
    assert len(payload["articles"]) == 2


@pytest.mark.parametrize("option", ["--max-story-articles", "--max-file-bytes"])
def test_a_limit_out_of_range_is_a_usage_error(option: str) -> None:
    result = runner.invoke(app, ["digest", str(EXAMPLE), option, "0"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_config_checks_max_story_articles() -> None:
    with pytest.raises(ConfigError, match="max_story_articles"):
        Config(max_story_articles=1)


def test_show_reads_a_stored_story_in_part_when_asked(tmp_path: Path) -> None:
    db = tmp_path / "stories.db"
    assert runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db)]).exit_code == 0
    listed = runner.invoke(app, ["stories", "--db", str(db), "--format", "jsonl"])
    (story_id,) = [json.loads(line)["id"] for line in listed.stdout.splitlines()]
    result = runner.invoke(
        app, ["show", story_id, "--db", str(db), "--max-story-articles", "2", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    (story,) = json.loads(result.stdout)["stories"]
    assert len(story["unread_articles"]) == len(story["articles"]) - 2
    assert "its digest reads 2 of them" in result.stderr


def test_an_article_over_max_article_chars_is_rejected_by_name_with_the_limit(
    tmp_path: Path,
) -> None:
    short = "The harbour council met on Monday and agreed to rebuild the pier. " * 5
    long = "The ferry ran aground near the island on Friday morning, officials said. " * 40
    (tmp_path / "short.txt").write_text(short, encoding="utf-8")
    (tmp_path / "long.txt").write_text(long, encoding="utf-8")
    (tmp_path / "more.jsonl").write_text(
        json.dumps({"id": "j1", "text": long}) + "\n" + json.dumps({"id": "j2", "text": short}),
        encoding="utf-8",
    )
    limit = len(short) + 10
    db = tmp_path / "stories.db"
    report = tmp_path / "report.json"
    result = runner.invoke(
        app,
        [
            "ingest",
            str(tmp_path),
            "--db",
            str(db),
            "--max-article-chars",
            str(limit),
            "--report",
            str(report),
        ],
    )
    assert result.exit_code == 1, result.output
    payload = json.loads(report.read_text(encoding="utf-8"))
    # short.txt and j2 have one text under two ids: both stored, j2 as a copy.
    assert payload["stored"] == 2 and payload["duplicates"] == 0
    assert payload["by_reason"] == {"too-large": 2}
    for rejection in payload["rejections"]:
        assert f"more than max_article_chars={limit:,}" in rejection["detail"]
    assert {Path(item["source"]).name for item in payload["rejections"]} == {
        "long.txt",
        "more.jsonl",
    }


def test_max_article_chars_cannot_be_raised_past_the_ceiling() -> None:
    result = runner.invoke(app, ["digest", str(EXAMPLE), "--max-article-chars", "600000"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    with pytest.raises(ConfigError, match="max_article_chars"):
        Config(max_article_chars=600_000)


def test_a_stored_headline_is_the_one_its_digest_shows_when_read_in_part(tmp_path: Path) -> None:
    from storyline.store import StoryStore
    from storyline.store.update import stored_digest, update_store

    db = tmp_path / "stories.db"
    config = Config(max_story_articles=2)
    update_store([EXAMPLE], db=db, config=config)
    with StoryStore(db) as store:
        (row,) = store.stories()
    shown = stored_digest(row.id, db=db, config=config)
    assert shown is not None
    headline = shown.stories[0].summary.headline
    assert headline is not None
    assert row.headline == headline.text
