"""Issue 7.2: a 50 MB single-line text through the real ``storyline ingest``.

Before MAX_ARTICLE_CHARS it was read as one article: after more than ten minutes and 6 GB of
memory the ingest was killed. Now it is rejected, with its length, in about two seconds.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_corpus import write_huge_line

HUGE_BYTES = 50_000_000  # the run's max_file_bytes: the largest file storyline reads
# The command prints its peak memory (kilobytes) on stderr as it exits.
COMMAND = [
    sys.executable,
    "-c",
    "import atexit, resource, sys; atexit.register(lambda: print('peak-kb', "
    "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)); "
    "from storyline.cli.app import main; main()",
]
MAX_SECONDS = 30.0
MAX_PEAK_KB = 1_000_000


@pytest.fixture(scope="module")
def huge_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("huge")
    return write_huge_line(directory / "huge.txt", size_bytes=HUGE_BYTES, seed=0)


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_a_50_mb_single_line_is_rejected_too_large_in_seconds_and_bounded_memory(
    tmp_path: Path, huge_text: Path, suffix: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    if suffix == ".txt":
        (corpus / "huge.txt").symlink_to(huge_text)
    else:
        text = huge_text.read_text(encoding="utf-8")[: HUGE_BYTES - 100]
        (corpus / "huge.jsonl").write_text(json.dumps({"id": "huge", "text": text}))
    report_path = tmp_path / "report.json"
    started = time.perf_counter()
    done = subprocess.run(
        [
            *COMMAND,
            "ingest",
            str(corpus),
            "--db",
            str(tmp_path / "db"),
            "--report",
            str(report_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    seconds = time.perf_counter() - started
    peak_kb = int(done.stderr.rsplit("peak-kb ", 1)[1].split()[0])
    print(f"50 MB {suffix}: {seconds:.1f} s, peak {peak_kb / 1000:.0f} MB")
    assert done.returncode == 1, done.stderr[-2000:]
    report = json.loads(report_path.read_text(encoding="utf-8"))
    (rejection,) = report["rejections"]
    assert (report["inputs"], rejection["reason"]) == (1, "too-large")
    assert "more than MAX_ARTICLE_CHARS=500,000" in rejection["detail"]
    assert seconds < MAX_SECONDS
    assert peak_kb < MAX_PEAK_KB
