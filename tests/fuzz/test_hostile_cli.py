"""Issue 7.2: the hostile corpus through the real ``storyline ingest`` and ``storyline digest``.

No crash, no hang (each command in its own process under a time limit), a documented exit code
(1: finished, some inputs rejected), and every file accounted for: each file gives at least one
input when read (an article, or a rejection naming the file), and the run's report accounts for
all of those inputs (inputs = stored + duplicates + rejected).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.ingest.identifiers import path_name
from storyline.ingest.reader import read_file
from storyline.model import Article, Rejection

COMMAND = [sys.executable, "-c", "from storyline.cli.app import main; main()"]
# A command that runs longer hangs: each takes 20-50 s on a loaded 2-core machine.
COMMAND_SECONDS = 300
EXIT_REJECTED = 1
# The reasons storyline gives (README "Command line", ingest/*, preparation, engine).
REASONS = frozenset(
    "empty binary encoding parse-error invalid-record no-text too-large not-found unreadable "
    "unsupported-format duplicate-input not-a-page unsupported-language engine-error truncated "
    "store-file".split()
)


@dataclass
class Command:
    """A ``storyline`` command running in its own process, started before the tests wait."""

    arguments: tuple[str, ...]
    process: subprocess.Popen[bytes]
    stderr_path: Path  # a file, not a pipe, which would fill and stall the command
    started: float

    def finish(self) -> str:
        """Its stderr, once it has ended, finished without a crash and with exit code 1."""
        remaining = COMMAND_SECONDS - (time.perf_counter() - self.started)
        try:
            self.process.wait(timeout=max(remaining, 1))
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(f"storyline {self.arguments[0]} hung: not done in {COMMAND_SECONDS} s")
        print(f"storyline {self.arguments[0]}: {time.perf_counter() - self.started:.1f} s")
        stderr = self.stderr_path.read_text(encoding="utf-8", errors="replace")
        assert "Traceback" not in stderr, stderr[-3000:]
        assert self.process.returncode == EXIT_REJECTED, stderr[-3000:]
        return stderr


def start(*arguments: str, stderr_path: Path) -> Command:
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen([*COMMAND, *arguments], stdout=subprocess.DEVNULL, stderr=stderr)
    return Command(arguments, process, stderr_path, time.perf_counter())


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("outputs")


@pytest.fixture(scope="module")
def commands(hostile_files: list[Path], outputs: Path) -> Iterator[dict[str, Command]]:
    """``ingest --report`` and ``digest --format json`` of the corpus, running side by side
    (and beside the reading in this process) to keep the tests short."""
    corpus = str(hostile_files[0].parent)
    running = {
        "ingest": start(
            "ingest",
            corpus,
            "--db",
            str(outputs / "news.db"),
            "--report",
            str(outputs / "report.json"),
            stderr_path=outputs / "ingest.stderr",
        ),
        "digest": start(
            "digest",
            corpus,
            "--format",
            "json",
            "--output",
            str(outputs / "digest.json"),
            stderr_path=outputs / "digest.stderr",
        ),
    }
    yield running
    for command in running.values():
        if command.process.poll() is None:
            command.process.kill()
            command.process.wait()


@pytest.fixture(scope="module")
def inputs_by_file(
    hostile_files: list[Path], commands: dict[str, Command]
) -> dict[Path, list[Article | Rejection]]:
    """What each file gives when read on its own, in this process (while the commands run)."""
    config = Config()
    return {path: read_file(path, config=config) for path in hostile_files}


def test_every_hostile_file_gives_inputs_and_its_rejections_name_it(
    inputs_by_file: dict[Path, list[Article | Rejection]],
) -> None:
    for path, items in inputs_by_file.items():
        assert items, f"{path} gave no article and no rejection"
        for item in items:
            if isinstance(item, Rejection):
                assert item.source.startswith(path_name(path)), (path, item)
                assert item.reason in REASONS and item.detail, item
            else:
                assert item.text.strip() and 0 <= item.body_start <= len(item.text)


def test_ingest_accounts_for_every_hostile_file(
    commands: dict[str, Command],
    outputs: Path,
    inputs_by_file: dict[Path, list[Article | Rejection]],
) -> None:
    stderr = commands["ingest"].finish()
    report = json.loads((outputs / "report.json").read_text(encoding="utf-8"))
    read = [item for items in inputs_by_file.values() for item in items]
    articles = sum(isinstance(item, Article) for item in read)
    reading_rejections = Counter(
        (item.source, item.reason) for item in read if isinstance(item, Rejection)
    )
    reported = Counter((item["source"], item["reason"]) for item in report["rejections"])
    assert report["inputs"] == len(read)
    assert report["inputs"] == report["stored"] + report["duplicates"] + report["rejected"]
    assert sum(report["by_reason"].values()) == report["rejected"] == len(report["rejections"])
    assert set(report["by_reason"]) <= REASONS
    # Every rejection of the reading is reported; the articles read are stored, duplicates or
    # rejected later (a language storyline does not read).
    assert not reading_rejections - reported
    later = reported - reading_rejections
    assert {reason for _, reason in later} <= {"unsupported-language"}
    assert report["stored"] + report["duplicates"] + later.total() == articles
    assert f"{report['inputs']} inputs = {report['stored']} stored" in stderr


def test_digest_reads_every_hostile_file_into_stories_or_rejections(
    commands: dict[str, Command],
    outputs: Path,
    inputs_by_file: dict[Path, list[Article | Rejection]],
) -> None:
    commands["digest"].finish()
    digest = json.loads((outputs / "digest.json").read_text(encoding="utf-8"))
    inputs = sum(len(items) for items in inputs_by_file.values())
    assert len(digest["articles"]) + len(digest["rejections"]) == inputs
    story_articles = [article for story in digest["stories"] for article in story["articles"]]
    assert sorted(story_articles) == sorted(article["id"] for article in digest["articles"])
