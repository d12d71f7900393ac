"""One writer at a time: two ingest processes started together into one store both finish, the
second after the first, and every article is stored exactly once; a writer that cannot wait gets
a clear error naming the process in the way."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.store.locking import StoreBusyError, lock_path, writer_lock
from tests.store.test_crash_safety import make_stream, wait_for_commit

RUN = "from storyline.cli.app import main; main()"


def test_two_ingests_into_one_store_run_one_after_the_other(tmp_path: Path) -> None:
    records = list(make_stream(1200))
    halves = [tmp_path / "first.jsonl", tmp_path / "second.jsonl"]
    for number, path in enumerate(halves):
        path.write_text(
            "".join(json.dumps(record) + "\n" for record in records[number::2]), encoding="utf-8"
        )
    db = tmp_path / "stories.db"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", RUN, "ingest", str(path), "--db", str(db)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for path in halves
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_, stderr) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, stderr.decode()
        assert b"Traceback" not in stderr
    assert any(b"waiting for the process" in stderr for _, stderr in outputs)
    connection = sqlite3.connect(db)
    try:
        ids = [row[0] for row in connection.execute("SELECT input_id FROM articles")]
        seqs = [row[0] for row in connection.execute("SELECT seq FROM articles ORDER BY seq")]
    finally:
        connection.close()
    assert sorted(ids) == sorted(str(record["id"]) for record in records)
    assert seqs == list(range(1, len(records) + 1))


def test_a_writer_that_cannot_wait_is_told_who_holds_the_store(tmp_path: Path) -> None:
    db = tmp_path / "stories.db"
    told: list[str] = []
    with writer_lock(db):
        assert lock_path(db).read_text() == str(os.getpid())
        busy = pytest.raises(StoreBusyError, match=rf"another process {os.getpid()} is writing")
        with busy, writer_lock(db, timeout_s=0.3, on_wait=told.append):
            pass
    assert told == [f"waiting for the process {os.getpid()} writing to {db} to finish"]
    with writer_lock(db, timeout_s=0.0):  # released: taken at once
        pass


def test_a_store_under_a_file_is_a_clear_error_in_python_and_on_the_command_line(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from storyline.cli.app import app
    from storyline.errors import StorylineError

    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    db = a_file / "stories.db"
    with (
        pytest.raises(StorylineError, match=f"cannot write the store {db}: .*{a_file}"),
        writer_lock(db),
    ):
        pass
    inputs = tmp_path / "one.txt"
    inputs.write_text("The storm reached the coast on Tuesday morning, officials said.")
    result = CliRunner().invoke(app, ["ingest", str(inputs), "--db", str(db)])
    assert result.exit_code == 2
    assert f"cannot write {db}: {a_file} is a file, not a directory" in result.stderr


def test_an_ingest_interrupted_while_waiting_for_the_lock_kept_nothing(tmp_path: Path) -> None:
    big, small = tmp_path / "big.jsonl", tmp_path / "small.jsonl"
    records = list(make_stream(3000))
    big.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    small.write_text(json.dumps({"id": "late", "text": "A late report."}) + "\n", encoding="utf-8")
    db, report = tmp_path / "stories.db", tmp_path / "report.json"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    first = subprocess.Popen(
        [sys.executable, "-c", RUN, "ingest", str(big), "--db", str(db)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    lock = lock_path(db)
    # The lock file names its holder once the lock is held.
    while time.monotonic() < deadline and not (
        lock.exists() and lock.read_text() == str(first.pid)
    ):
        time.sleep(0.05)
    waiting = subprocess.Popen(
        [sys.executable, "-c", RUN, "ingest", str(small), "--db", str(db), "--report", str(report)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert waiting.stderr is not None
    assert b"waiting for the process" in waiting.stderr.readline()
    wait_for_commit(first, db, above=0, seconds=60)  # the first writer commits a batch meanwhile
    waiting.send_signal(signal.SIGINT)
    message = waiting.communicate(timeout=60)[1].decode()
    first.wait(timeout=600)
    assert waiting.returncode == 130, message
    assert "interrupted: 0 articles of this run" in message
    assert json.loads(report.read_text(encoding="utf-8")) == {"interrupted": True, "stored": 0}
