"""Crash safety (issue 7.3): an ingest killed with SIGKILL at random moments, three times in a
row on the same store, leaves a sound database of whole batches, and a re-run finishes the job
with the stories of an uninterrupted run, plans of windows (``--plan-window``) and restores near
the runs' days (``StoryStore.restore_into``) included."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storyline.cluster import ClusterSettings
from storyline.config import Config
from storyline.store import StoryStore
from storyline.store.update import update_store

START = datetime(2025, 3, 14, 8, tzinfo=UTC)
N_ARTICLES = 6000
BATCH_ARTICLES = 1000  # the store commits this many articles per transaction
KILLS = 3
SEED = 7
RUN = "from storyline.cli.app import main; main()"
PLAN_WINDOW = 500  # windows of 500 articles are planned, then stored: a kill can land in either
FIRST_RUN = 1500  # articles of a first ingest that ends well: whole events and windows


def make_stream(count: int) -> Iterator[dict[str, object]]:
    """``count`` short reports of many small made-up events, six reports per event, each with a
    word of its own so no two texts are equal."""
    for i in range(count):
        event = i // 6
        words = [f"w{event}x{j}" for j in range(12)] + [f"common{j}" for j in range(6)]
        text = " ".join(words[(i + k) % len(words)] for k in range(40)) + f" report{i}."
        yield {
            "id": f"r{i}",
            "text": text,
            "language": "en",
            "published": (START + timedelta(hours=event * 30)).isoformat(),
        }


def write_stream(path: Path, count: int) -> Path:
    path.write_text(
        "".join(json.dumps(record) + "\n" for record in make_stream(count)), encoding="utf-8"
    )
    return path


def ingest_command(inputs: Path, db: Path) -> list[str]:
    arguments = ["ingest", str(inputs), "--db", str(db), "--plan-window", str(PLAN_WINDOW)]
    return [sys.executable, "-c", RUN, *arguments]


def start_ingest(inputs: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ingest_command(inputs, db),
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run_to_the_end(command: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run an ingest to its end (at most two minutes), its output captured."""
    return subprocess.run(
        command,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        capture_output=True,
        timeout=120,
        check=False,
    )


def wait_for_commit(
    process: subprocess.Popen[bytes], db: Path, *, above: int, seconds: float
) -> None:
    """Wait until the store holds more than ``above`` articles, the process ends, or
    ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        if count_articles(db) > above:
            return
        time.sleep(0.05)


def count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    connection = sqlite3.connect(db, timeout=5)
    try:
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # the killed run had not created the tables yet
    finally:
        connection.close()


def check_consistent(db: Path, *, total: int, base: int = 0) -> int:
    """Asserts the store is sound and holds whole batches only (after ``base`` articles an
    earlier run stored); returns its article count."""
    connection = sqlite3.connect(db, timeout=5)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if "articles" not in tables:
            return 0
        (stored,) = connection.execute("SELECT count(*) FROM articles").fetchone()
        assert (stored - base) % BATCH_ARTICLES == 0 or stored == total, stored
        duplicate_hashes = connection.execute(
            "SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1"
        ).fetchall()
        assert duplicate_hashes == []
        (inputs,) = connection.execute("SELECT count(DISTINCT input_id) FROM articles").fetchone()
        assert inputs == stored
        orphans = connection.execute(
            "SELECT count(*) FROM articles WHERE story_id NOT IN (SELECT id FROM stories)"
        ).fetchone()[0]
        assert orphans == 0
        return int(stored)
    finally:
        connection.close()


def stories(db: Path) -> list[tuple[str, tuple[str, ...]]]:
    with StoryStore(db) as store:
        return [(row.id, row.article_ids) for row in store.stories()]


def planned_windows(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return int(connection.execute("SELECT count(DISTINCT win) FROM plans").fetchone()[0])
    finally:
        connection.close()


def test_ingests_killed_at_random_moments_leave_whole_batches_and_a_rerun_finishes_them(
    tmp_path: Path,
) -> None:
    inputs = write_stream(tmp_path / "stream.jsonl", N_ARTICLES)
    reference = tmp_path / "reference.db"
    update_store(
        [inputs],
        db=reference,
        config=Config(),
        settings=ClusterSettings(plan_window=PLAN_WINDOW),
        refresh=False,
    )
    total = count_articles(reference)
    assert total == N_ARTICLES

    # A first ingest ends well, so the runs killed and the one that finishes restore only the
    # stories near their articles in time, from the state it kept (``restore_into``).
    db = tmp_path / "killed.db"
    head = tmp_path / "head.jsonl"
    head.write_text(
        "".join(inputs.read_text(encoding="utf-8").splitlines(keepends=True)[:FIRST_RUN]),
        encoding="utf-8",
    )
    update_store([head], db=db, config=Config(), settings=ClusterSettings(plan_window=PLAN_WINDOW))
    delays = random.Random(SEED)
    counts: list[int] = [FIRST_RUN]
    caught_midway = 0
    for _ in range(KILLS):
        process = start_ingest(inputs, db)
        # Wait until this run has committed something new, then a random while more.
        before = counts[-1]
        wait_for_commit(process, db, above=before, seconds=60)
        time.sleep(delays.uniform(0.0, 0.8))
        running = process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait()
        stored = check_consistent(db, total=total, base=FIRST_RUN)
        assert stored >= before  # committed articles are never lost
        caught_midway += running and stored < total
        counts.append(stored)
    assert caught_midway >= 2, f"the kills came too late to test anything: {counts}"

    finish = run_to_the_end(ingest_command(inputs, db))
    assert finish.returncode == 0, finish.stderr.decode()
    assert check_consistent(db, total=total) == total
    assert stories(db) == stories(reference)
    # Twelve whole windows were planned.
    assert planned_windows(db) == planned_windows(reference) == 12


@pytest.mark.parametrize(
    ("signal_number", "said", "status"),
    [(signal.SIGINT, "interrupted", 130), (signal.SIGTERM, "terminated", 143)],
    ids=["ctrl-c", "kill"],
)
def test_an_ingest_stopped_by_a_signal_says_what_was_kept_and_a_rerun_finishes(
    tmp_path: Path, signal_number: int, said: str, status: int
) -> None:
    inputs = write_stream(tmp_path / "stream.jsonl", N_ARTICLES)
    db = tmp_path / "interrupted.db"
    report = tmp_path / "report.json"
    process = subprocess.Popen(
        [*ingest_command(inputs, db), "--report", str(report)],
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_for_commit(process, db, above=0, seconds=60)  # the first batch: the run is midway
    assert process.poll() is None, "the ingest ended before it could be interrupted"
    process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=60)
    message = stderr.decode()

    assert process.returncode == status, message
    stored = check_consistent(db, total=N_ARTICLES)
    assert 0 < stored < N_ARTICLES
    assert f"{said}: {stored} articles of this run stored in {db}" in message
    assert "run the same command again" in message
    assert "Traceback" not in message
    assert json.loads(report.read_text(encoding="utf-8")) == {"interrupted": True, "stored": stored}

    finish = run_to_the_end([*ingest_command(inputs, db), "--report", str(report)])
    assert finish.returncode == 0, finish.stderr.decode()
    assert check_consistent(db, total=N_ARTICLES) == N_ARTICLES
    accounting = json.loads(report.read_text(encoding="utf-8"))
    assert accounting["stored"] == N_ARTICLES - stored
    assert accounting["duplicates"] == stored


def test_ctrl_c_in_a_terminal_stops_a_dask_ingest_without_worker_tracebacks(
    tmp_path: Path,
) -> None:
    inputs = write_stream(tmp_path / "stream.jsonl", N_ARTICLES)
    db = tmp_path / "dask.db"
    process = subprocess.Popen(
        [*ingest_command(inputs, db), "--engine", "dask"],
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group of its own, as a terminal's job is
    )
    wait_for_commit(process, db, above=0, seconds=120)
    assert process.poll() is None, "the ingest ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole group, workers too
    _, stderr = process.communicate(timeout=120)
    message = stderr.decode()
    assert process.returncode == 130, message
    assert "interrupted: " in message
    assert "Traceback" not in message
    assert "Exception ignored" not in message
    check_consistent(db, total=N_ARTICLES)
