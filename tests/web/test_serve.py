"""The serve command: options, the token from the environment, and a missing store."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.app import app

runner = CliRunner()


def test_serve_without_a_store_is_a_usage_error_that_says_to_ingest(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "storyline ingest" in result.output


def test_serve_runs_the_app_with_the_token_from_the_environment(
    built_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda web_app, **options: calls.append(options))
    result = runner.invoke(
        app,
        ["serve", "--db", str(built_db), "--port", "8123"],
        env={"STORYLINE_TOKEN": "from-env"},
    )
    assert result.exit_code == 0, result.output
    assert calls == [{"host": "127.0.0.1", "port": 8123, "log_level": "warning"}]
    assert "POST /api/articles needs the token" in result.output
