"""Time what storyline adds to a summary: timeline, facts, entities and disagreements.

    python benchmarks/bench_account.py [--clusters PATH] [--repeat N]

Pools the articles of DUC 2004 clusters into stories of 10, 30, 100 and 300 articles, builds
their documents once, and reports the seconds ``account_for`` takes on each (time expressions,
quantities, entities, timeline, facts and disagreements), the fastest of ``--repeat`` runs. The
unit registry and patterns are loaded before timing, as in a long-running process. The data is
read from ``../shared/eval/duc2004/`` beside the repository; it is never copied into it.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

from storyline.account import account_for
from storyline.config import Config
from storyline.evaluate import load_clusters
from storyline.facts.quantities import QuantityFinder
from storyline.model import Document
from storyline.pipeline import build_documents
from storyline.terms import TermExtractor

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CLUSTERS = REPO_ROOT.parent / "shared" / "eval" / "duc2004" / "clusters.jsonl"
SIZES = (10, 30, 100, 300)


def time_account(
    documents: Sequence[Document], *, quantities: QuantityFinder, repeat: int
) -> tuple[float, int, int]:
    """Fastest seconds of ``repeat`` runs, with the timeline and fact counts of the last."""
    best = float("inf")
    timeline = facts = 0
    for _ in range(repeat):
        terms = TermExtractor()
        start = time.perf_counter()
        account = account_for(documents, config=Config(), terms=terms, quantities=quantities)
        best = min(best, time.perf_counter() - start)
        timeline, facts = len(account.timeline), len(account.facts)
    return best, timeline, facts


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--clusters", type=Path, default=DEFAULT_CLUSTERS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error(f"--repeat must be an int >= 1; got {args.repeat}")
    if not args.clusters.is_file():
        parser.error(f"clusters file not found: {args.clusters}")
    clusters = load_clusters(args.clusters)
    articles = [article for cluster in clusters for article in cluster.articles]
    quantities = QuantityFinder()
    warm = build_documents(articles[:10])
    account_for(warm, config=Config(), terms=TermExtractor(), quantities=quantities)

    print("articles  account s  ms/article  timeline entries  facts")
    for size in SIZES:
        if size > len(articles):
            break
        documents = build_documents(articles[:size])
        seconds, timeline, facts = time_account(
            documents, quantities=quantities, repeat=args.repeat
        )
        print(
            f"{size:8d}  {seconds:9.3f}  {1000 * seconds / size:10.1f}  {timeline:16d}  {facts:5d}"
        )


if __name__ == "__main__":
    main()
