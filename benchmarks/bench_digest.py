"""Time storyline's summarizer on DUC 2004 clusters and on larger pooled clusters.

    python benchmarks/bench_digest.py [--clusters PATH] [--repeat N]

Reports seconds per DUC cluster (10 articles; mean and max over all clusters), then the cost per
article of clusters made by pooling the articles of several DUC clusters (10, 30, 100 and 300
articles), to show how the cost grows with the size of a story. The data is read from
``../shared/eval/duc2004/`` beside the repository; it is never copied into it.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from storyline.config import Config
from storyline.evaluate import EvalCluster, load_clusters
from storyline.model import Article
from storyline.pipeline import build_story

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CLUSTERS = REPO_ROOT.parent / "shared" / "eval" / "duc2004" / "clusters.jsonl"
POOLED_SIZES = (10, 30, 100, 300)


def summarize(articles: Sequence[Article], *, config: Config) -> str:
    story = build_story(articles, config=config)
    return " ".join(sent.text for sent in story.summary.sentences)


def time_call(articles: Sequence[Article], *, config: Config, repeat: int) -> float:
    """The fastest of ``repeat`` timed summarizations of ``articles``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        summarize(articles, config=config)
        best = min(best, time.perf_counter() - start)
    return best


def pool_articles(clusters: Sequence[EvalCluster], *, size: int) -> tuple[list[Article], int]:
    """The first ``size`` articles of ``clusters`` relabelled as one group, and how many clusters
    they came from."""
    group = f"pool-{size}"
    pooled: list[Article] = []
    used = 0
    for cluster in clusters:
        if len(pooled) >= size:
            break
        used += 1
        pooled += [dataclasses.replace(article, group=group) for article in cluster.articles]
    if len(pooled) < size:
        raise SystemExit(f"only {len(pooled)} articles available; cannot pool {size}")
    return pooled[:size], used


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--clusters",
        type=Path,
        default=DEFAULT_CLUSTERS,
        help=f"DUC-style clusters.jsonl (default: {DEFAULT_CLUSTERS})",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="time each pooled cluster this many times and keep the fastest (default: 1)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error(f"--repeat must be an int >= 1; got {args.repeat}")
    if not args.clusters.is_file():
        parser.error(f"clusters file not found: {args.clusters}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    config = Config(max_words=100)
    clusters = load_clusters(args.clusters)

    summarize(clusters[0].articles, config=config)  # warm-up: imports, lazy resources, caches

    per_cluster = [time_call(cluster.articles, config=config, repeat=1) for cluster in clusters]
    print(f"DUC clusters: {len(clusters)} ({args.clusters})")
    print(
        f"seconds per cluster: mean {statistics.fmean(per_cluster):.3f}, "
        f"max {max(per_cluster):.3f}, total {sum(per_cluster):.2f}"
    )
    print()
    print(f"{'articles':>8}  {'DUC clusters':>12}  {'seconds':>8}  {'ms/article':>10}")
    print(f"{'-' * 8}  {'-' * 12}  {'-' * 8}  {'-' * 10}")
    for size in POOLED_SIZES:
        articles, pooled = pool_articles(clusters, size=size)
        seconds = time_call(articles, config=config, repeat=args.repeat)
        print(
            f"{size:>8}  {pooled:>12}  {seconds:>8.3f}  {1000 * seconds / size:>10.2f}", flush=True
        )
    print()
    print(
        "pooled clusters take the first N articles of the DUC clusters in file order; "
        f"fastest of {args.repeat} run(s) each"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
