"""Concurrency (issue 7.4): ``storyline serve`` keeps answering, with no server errors and no
"database is locked", while an ``ingest`` process writes to the same store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from storyline.config import Config
from storyline.store.update import update_store
from storyline.web.local_server import free_port, stop_process

START = datetime(2025, 3, 14, 8, tzinfo=UTC)
N_FIRST = 300  # in the store before the server starts
N_ARTICLES = 2400
RUN = "from storyline.cli.app import main; main()"


def make_stream(count: int) -> Iterator[dict[str, object]]:
    """``count`` short reports of many small made-up events, six reports per event."""
    for i in range(count):
        event = i // 6
        words = [f"w{event}x{j}" for j in range(12)] + [f"common{j}" for j in range(6)]
        text = " ".join(words[(i + k) % len(words)] for k in range(40)) + f" report{i}."
        yield {
            "id": f"r{i}",
            "title": f"Event {event} report {i}",
            "text": text,
            "language": "en",
            "published": (START + timedelta(hours=event * 30)).isoformat(),
        }


def write_stream(path: Path, records: Iterator[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


@pytest.fixture()
def served_db(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """A store holding the first reports, served by ``storyline serve`` on a free loopback port:
    (store, base URL, the server's stderr log)."""
    db = tmp_path / "stories.db"
    first = write_stream(tmp_path / "first.jsonl", make_stream(N_FIRST))
    update_store([first], db=db, config=Config())
    port = free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-c", RUN, "serve", "--db", str(db), "--port", str(port)]
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            command,
            env={**os.environ, "PYTHONWARNINGS": "ignore", "STORYLINE_TOKEN": ""},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        with httpx.Client(base_url=base, timeout=5) as client:
            while True:
                assert server.poll() is None, log.read_text(encoding="utf-8", errors="replace")
                try:
                    if client.get("/api/stories").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "storyline serve did not start in 30 s"
                time.sleep(0.1)
        yield db, base, log
    finally:
        stop_process(server)


def test_serve_answers_pages_and_api_while_an_ingest_writes_the_same_store(
    served_db: tuple[Path, str, Path], tmp_path: Path
) -> None:
    db, base, log = served_db
    inputs = write_stream(tmp_path / "all.jsonl", make_stream(N_ARTICLES))
    ingest = subprocess.Popen(
        [sys.executable, "-c", RUN, "ingest", str(inputs), "--db", str(db)],
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    failures: list[str] = []
    answered: dict[str, int] = {}
    totals: list[int] = []
    try:
        deadline = time.monotonic() + 90
        with httpx.Client(base_url=base, timeout=30) as client:
            while ingest.poll() is None and time.monotonic() < deadline:
                listing = client.get("/api/stories", params={"per_page": 5})
                answered["/api/stories"] = answered.get("/api/stories", 0) + 1
                if listing.status_code != 200:
                    failures.append(f"/api/stories: {listing.status_code} {listing.text[:200]}")
                    continue
                body = listing.json()
                totals.append(body["total"])
                story_id = body["stories"][0]["id"]
                routes = {
                    "/": "/",
                    "/stories/{id}": f"/stories/{story_id}",
                    "/api/stories/{id}": f"/api/stories/{story_id}",
                }
                for name, route in routes.items():
                    response = client.get(route)
                    answered[name] = answered.get(name, 0) + 1
                    if response.status_code != 200:
                        failures.append(f"{route}: {response.status_code} {response.text[:200]}")
        assert ingest.poll() is not None, "the ingest did not finish in 90 s"
        _, ingest_errors = ingest.communicate()
    finally:
        stop_process(ingest)
        if ingest.stderr is not None:
            ingest.stderr.close()
    assert ingest.returncode == 0, ingest_errors.decode()
    assert failures == []
    assert "locked" not in log.read_text(encoding="utf-8", errors="replace")
    assert "locked" not in ingest_errors.decode()
    # The server was asked many times during the ingest and saw the store grow.
    assert answered["/api/stories"] >= 5, answered
    assert len(set(totals)) >= 2, totals
