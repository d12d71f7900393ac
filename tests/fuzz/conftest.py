"""Fixtures of the fuzz tests: a corpus of hostile files from benchmarks/hostile_corpus.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from hostile_corpus import write_hostile_corpus  # noqa: E402  (found through the path above)

CORPUS_FILES = 1_000
CORPUS_SEED = 20_240_607
# Long enough for quadratic code to take minutes ("." * 20,000 took 8 s to split), short enough
# that a thousand files go through ingest and digest in well under a minute each.
CORPUS_LINE_CHARS = 20_000


@pytest.fixture(scope="session")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The hostile corpus (a directory of ``CORPUS_FILES`` files), written once per session."""
    directory = tmp_path_factory.mktemp("hostile") / "corpus"
    return write_hostile_corpus(directory, CORPUS_FILES, CORPUS_SEED, line_chars=CORPUS_LINE_CHARS)
