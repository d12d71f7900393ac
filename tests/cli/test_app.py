import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.app import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry"
runner = CliRunner()


def test_digest_prints_markdown_with_headline_markers_and_sources() -> None:
    result = runner.invoke(app, ["digest", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ")
    assert "## Sources" in result.stdout
    assert "[1]" in result.stdout or "[2]" in result.stdout


def test_digest_json_follows_the_contract() -> None:
    result = runner.invoke(app, ["digest", str(EXAMPLE), "--format", "json", "--max-words", "60"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert set(payload) >= {"stories", "articles", "rejections"}
    (story,) = payload["stories"]
    assert set(story) >= {
        "id",
        "headline",
        "summary",
        "articles",
        "timeline",
        "facts",
        "entities",
        "disagreements",
    }
    for entry in story["timeline"]:
        assert set(entry) >= {"when", "text", "sources", "background"}
    for fact in story["facts"]:
        assert set(fact) >= {"kind", "about", "text", "value", "unit", "sources"}
    for item in story["disagreements"]:
        assert set(item) >= {"about", "claims", "note"}
        for claim in item["claims"]:
            assert set(claim) >= {"text", "value", "unit", "normalized", "sources"}
    texts = {}
    for article in payload["articles"]:
        assert set(article) >= {
            "id",
            "path",
            "title",
            "outlet",
            "published",
            "published_inferred",
            "language",
        }
        texts[article["id"]] = Path(article["path"])
    assert sum(len(s["text"].split()) for s in story["summary"]) <= 60
    for sent in [story["headline"], *story["summary"]]:
        assert sent["sources"]
        for citation in sent["sources"]:
            assert set(citation) >= {"article", "start", "end", "quote"}
            assert citation["article"] in story["articles"]


def test_digest_writes_to_output_file(tmp_path: Path) -> None:
    target = tmp_path / "digest.md"
    result = runner.invoke(app, ["digest", str(EXAMPLE), "--output", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_digest_makes_the_output_folder(tmp_path: Path) -> None:
    target = tmp_path / "out" / "ferry" / "digest.json"
    result = runner.invoke(app, ["digest", str(EXAMPLE), "-o", str(target), "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["stories"]


def test_digest_to_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["digest", str(EXAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert f"cannot write {tmp_path}: it is a directory" in result.stderr


def test_rejected_inputs_are_reported_and_exit_one(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    result = runner.invoke(app, ["digest", str(EXAMPLE), str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    reasons = {Path(r["source"]).name: r["reason"] for r in payload["rejections"]}
    assert reasons == {"empty.txt": "empty", "binary.txt": "binary"}
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    assert "Traceback" not in result.output
    assert payload["stories"], "the good inputs are still digested"


def test_bad_option_value_is_a_usage_error_without_traceback() -> None:
    result = runner.invoke(app, ["digest", str(EXAMPLE), "--max-words", "-3"])
    assert result.exit_code == 2
    assert "'max_words' must be an int in [1, 1000]; got -3" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error() -> None:
    result = runner.invoke(app, ["digest", str(EXAMPLE), "--format", "pdf"])
    assert result.exit_code == 2


def test_digest_over_one_of_its_inputs_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text("The storm reached the coast on Tuesday, officials said.", encoding="utf-8")
    result = runner.invoke(app, ["digest", str(source), "-o", str(source)])
    assert result.exit_code == 2
    assert "it is an input or the story store of this run" in result.stderr
    assert source.read_text(encoding="utf-8").startswith("The storm")


def test_an_empty_path_is_rejected_not_read_as_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "report.txt").write_text(
        "The storm reached the coast on Tuesday, officials said.", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["digest", "", "--format", "json"])
    assert result.exit_code == 1
    assert "storyline: rejected '': the input path is an empty string" in result.stderr
    assert json.loads(result.stdout)["articles"] == []
    stored = runner.invoke(app, ["ingest", "", "--db", "s.db"])
    assert "1 input = 0 stored + 0 duplicates + 1 rejected" in stored.stderr
    assert runner.invoke(app, ["eval-clusters", ""]).exit_code == 2


def test_an_output_named_as_a_folder_is_refused_not_written_as_a_file(tmp_path: Path) -> None:
    target = f"{tmp_path / 'out'}/"
    result = runner.invoke(app, ["digest", str(EXAMPLE), "-o", target])
    assert result.exit_code == 2
    assert f"cannot write {target}: it names a directory; give a file name" in result.stderr
    assert not (tmp_path / "out").exists()


def test_python_dash_m_runs_the_command_line() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "storyline", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "ingest" in done.stdout and "digest" in done.stdout
