"""A process's writes one after another (the server's POSTs) keep the last run's assigner
(``store.update.KeptAssigner``): the next run replays only what was stored since, and the
stories are those of runs that replay the whole store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.model import Article
from storyline.store import StoryStore
from storyline.store.assign import ClusterAssigner
from storyline.store.update import KeptAssigner, add_articles
from tests.store.test_store_context_plan import report

PARTS = [
    [report("ferry", 0, day=0), report("budget", 0, day=1)],
    [report("ferry", 1, day=0), report("storm", 0, day=2)],
    [report("budget", 1, day=1), report("storm", 1, day=2), report("ferry", 2, day=0)],
    [report("storm", 2, day=3), report("budget", 2, day=2)],
]


def stories(db: Path) -> list[tuple[str, tuple[str, ...]]]:
    with StoryStore(db) as store:
        return [(row.id, row.article_ids) for row in store.stories()]


def replayed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys each ``ClusterAssigner.restore`` call learns, from now on."""
    keys: list[str] = []
    restore = ClusterAssigner.restore

    def counting(self: ClusterAssigner, stored: object) -> None:
        keys.append(stored.key)  # type: ignore[attr-defined]
        restore(self, stored)  # type: ignore[arg-type]

    monkeypatch.setattr(ClusterAssigner, "restore", counting)
    return keys


def add(part: list[Article], db: Path, kept: KeptAssigner | None = None) -> None:
    add_articles(part, db=db, config=Config(), refresh=False, kept=kept)


def test_runs_with_a_kept_assigner_replay_nothing_and_give_the_same_stories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold, warm = tmp_path / "cold.db", tmp_path / "warm.db"
    for part in PARTS:
        add(part, cold)
    keys = replayed(monkeypatch)
    kept = KeptAssigner()
    for part in PARTS:
        add(part, warm, kept)
    assert keys == []  # the first run had nothing to replay, the others kept its assigner
    assert stories(warm) == stories(cold)


def test_articles_another_process_stored_meanwhile_are_replayed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold, warm = tmp_path / "cold.db", tmp_path / "warm.db"
    for part in PARTS:
        add(part, cold)
    kept = KeptAssigner()
    add(PARTS[0], warm, kept)
    add(PARTS[1], warm)  # another writer (an ingest) with an assigner of its own
    keys = replayed(monkeypatch)
    add(PARTS[2], warm, kept)
    add(PARTS[3], warm, kept)
    assert keys == [article.id for article in PARTS[1]]  # only the other writer's, once
    assert stories(warm) == stories(cold)


def test_a_kept_assigner_is_not_used_on_another_store_at_the_same_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, other = tmp_path / "s.db", tmp_path / "other.db"
    kept = KeptAssigner()
    add(PARTS[0], db, kept)
    add(PARTS[2], other)
    add(PARTS[3], other)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
        if Path(f"{other}{suffix}").exists():
            shutil.copy(f"{other}{suffix}", f"{db}{suffix}")
    keys = replayed(monkeypatch)
    add(PARTS[1], db, kept)
    assert len(keys) == len(PARTS[2]) + len(PARTS[3])  # replayed whole: the store changed
    expected = tmp_path / "expected.db"
    for part in (PARTS[2], PARTS[3], PARTS[1]):
        add(part, expected)
    assert stories(db) == stories(expected)
