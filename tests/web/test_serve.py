"""The serve command: options, the token from the environment, and a missing store."""

from __future__ import annotations

import socket
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

    calls: list[tuple[str, int]] = []

    def run(server: uvicorn.Server, sockets: list[object]) -> None:
        calls.extend(sock.getsockname()[:2] for sock in sockets)  # type: ignore[attr-defined]

    monkeypatch.setattr(uvicorn.Server, "run", run)
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # a port free a moment ago
    result = runner.invoke(
        app,
        ["serve", "--db", str(built_db), "--port", str(port)],
        env={"STORYLINE_TOKEN": "from-env"},
    )
    assert result.exit_code == 0, result.output
    assert calls == [("127.0.0.1", port)]
    assert "POST /api/articles needs the token" in result.output
