"""The real DUC 2004 data, read from ../shared/eval/duc2004 (never copied into the repository)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from storyline.evaluate import evaluate, load_clusters, load_peers
from storyline.model import Article

DUC2004 = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "duc2004"

pytestmark = pytest.mark.skipif(
    not (DUC2004 / "clusters.jsonl").is_file() or not (DUC2004 / "peers.jsonl").is_file(),
    reason=f"DUC 2004 data not found at {DUC2004}",
)


def lead_baseline(articles: Sequence[Article]) -> str:
    """The opening of the first article; the scorer cuts it to 100 words."""
    return " ".join(articles[0].text.split()[:150])


def test_duc2004_has_50_clusters_of_10_articles_and_4_references() -> None:
    clusters = load_clusters(DUC2004 / "clusters.jsonl")

    assert len(clusters) == 50
    assert all(len(cluster.articles) == 10 for cluster in clusters)
    assert all(len(cluster.references) == 4 for cluster in clusters)


def test_scoring_the_peers_reproduces_the_published_rouge2_recall() -> None:
    clusters = load_clusters(DUC2004 / "clusters.jsonl")
    peers = load_peers(DUC2004 / "peers.jsonl")

    report = evaluate(clusters, summarize=lead_baseline, peers=peers)

    by_name = {system.system: system for system in report.systems}
    assert len(by_name) == 14
    assert all(not system.missing for system in report.systems)
    assert by_name["LexRank"].scores.rouge2_recall == pytest.approx(7.32, abs=0.01)
    assert by_name["RegSum"].scores.rouge2_recall == pytest.approx(9.57, abs=0.01)
    assert by_name["Lead"].scores.rouge2_recall == pytest.approx(6.17, abs=0.01)
