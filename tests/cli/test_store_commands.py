"""The store commands: ingest, stories, show — from files to stored stories and back."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli.app import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry"
runner = CliRunner()


def _stories(db: Path) -> list[dict[str, object]]:
    result = runner.invoke(app, ["stories", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_ingest_assigns_articles_to_a_story_and_re_ingesting_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    first = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db)])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert "5 inputs = 0 stored + 5 duplicates + 0 rejected" in again.output
    # A new story is counted once: as new, not also as an earlier story updated.
    assert "1 new story, 0 earlier stories updated, 1 headline refreshed" in first.output
    assert "0 new stories, 0 earlier stories updated, 0 headlines refreshed" in again.output
    (story,) = _stories(db)
    assert sorted(story["articles"]) == sorted(  # type: ignore[arg-type]
        [
            "coastal_wire",
            "harbour_gazette",
            "island_courier",
            "nordvik_radio",
            "skerry-post-20250315-sula-marren",
        ]
    )
    assert story["headline"]


def test_story_ids_are_the_same_in_a_fresh_store(tmp_path: Path) -> None:
    ids = []
    for name in ("a.db", "b.db"):
        runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(tmp_path / name)])
        ids.append([story["id"] for story in _stories(tmp_path / name)])
    assert ids[0] == ids[1]


def test_show_prints_a_stored_story_and_an_unknown_id_is_a_usage_error(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db)])
    (story,) = _stories(db)
    shown = runner.invoke(app, ["show", str(story["id"]), "--db", str(db), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    payload = json.loads(shown.stdout)
    assert payload["stories"][0]["id"] == story["id"]
    assert payload["stories"][0]["timeline"]
    missing = runner.invoke(app, ["show", "story-nope", "--db", str(db)])
    assert missing.exit_code == 2
    assert "no story 'story-nope'" in missing.output


def test_listing_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stories", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "storyline ingest" in result.output


def test_a_folder_given_as_the_store_is_named_as_one(tmp_path: Path) -> None:
    for command in (["stories"], ["show", "story-x"], ["serve"]):
        result = runner.invoke(app, [*command, "--db", str(tmp_path)])
        assert result.exit_code == 2
        assert f"{tmp_path} is a directory; --db names the story store's file" in result.stderr


def test_serving_on_a_port_in_use_is_a_usage_error_before_serving_is_announced(
    tmp_path: Path,
) -> None:
    import socket

    db = tmp_path / "news.db"
    assert runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db)]).exit_code == 0
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "serving" not in result.output


def _event_records(numbers: range) -> str:
    """JSON Lines of one made-up report per event ``i``, dated ``10 i`` days into 2025."""
    start = datetime(2025, 1, 1, 8, tzinfo=UTC)
    return "".join(
        json.dumps(
            {
                "id": f"event{i}",
                "text": " ".join(f"w{i}x{j} common{j % 3}" for j in range(30)) + ".",
                "published": (start + timedelta(days=10 * i)).isoformat(),
            }
        )
        + "\n"
        for i in numbers
    )


def test_ingest_says_how_many_stored_articles_it_read_back(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    (tmp_path / "first.jsonl").write_text(_event_records(range(5)), encoding="utf-8")
    (tmp_path / "more.jsonl").write_text(_event_records(range(5, 25)), encoding="utf-8")
    (tmp_path / "last.jsonl").write_text(_event_records(range(25, 26)), encoding="utf-8")
    first = runner.invoke(app, ["ingest", str(tmp_path / "first.jsonl"), "--db", str(db)])
    assert "replayed" not in first.output and "restored" not in first.output  # nothing stored
    more = runner.invoke(app, ["ingest", str(tmp_path / "more.jsonl"), "--db", str(db)])
    assert "; 5 stored articles replayed (" in more.output  # 5 stories: compared with each
    last = runner.invoke(app, ["ingest", str(tmp_path / "last.jsonl"), "--db", str(db)])
    # 25 stories ten days apart: only those near the new article's day are read back.
    assert "; 1 of the 25 stored articles restored (the stories near the run's days) (" in (
        last.output
    )
