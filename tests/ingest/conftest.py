"""Fixtures of the ingest tests: the real example reports in ../shared/seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Config

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.fixture
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    if len(paths) != 5:
        pytest.skip(f"the five seed reports are not at {SEEDS}")
    return paths


@pytest.fixture
def config() -> Config:
    return Config()
