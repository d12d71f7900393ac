"""Time storyline's summarizer on DUC 2004 clusters and on larger pooled clusters.

    python benchmarks/bench_digest.py [--clusters PATH] [--repeat N] [--no-sumy]

Reports seconds per DUC cluster (10 articles; mean and max over all clusters), then the cost per
article of clusters made by pooling the articles of several DUC clusters (10, 30, 100 and 300
articles), to show how the cost grows with the size of a story. The data is read from
``../shared/eval/duc2004/`` beside the repository; it is never copied into it.

When sumy is installed (``pip install -e '.[bench]'``), the same clusters are also summarized by
sumy's LexRank and TextRank (``benchmarks/sumy_baselines.py``; about 100 words each), and each
size reports their seconds and their ratio to storyline's (sumy seconds / storyline seconds).
``--no-sumy`` skips them. A sumy run over ``SLOW_SECONDS`` is timed once whatever ``--repeat``
says, and marked with ``*``.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from storyline.config import Config
from storyline.evaluate import EvalCluster, load_clusters
from storyline.model import Article
from storyline.pipeline import build_documents
from storyline.summarize import summarize as summarize_documents

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CLUSTERS = REPO_ROOT.parent / "shared" / "eval" / "duc2004" / "clusters.jsonl"
POOLED_SIZES = (10, 30, 100, 300)
SLOW_SECONDS = 60.0
SUMY_MISSING = "sumy not installed: pip install -e '.[bench]'"

Summarizer = Callable[[Sequence[Article]], object]


def summarize(articles: Sequence[Article], *, config: Config) -> str:
    """Clean, split and summarize: the summary alone (``bench_account.py`` times the rest)."""
    summary = summarize_documents(build_documents(articles), config=config)
    return " ".join(sent.text for sent in summary.sentences)


def load_baselines() -> dict[str, Summarizer] | None:
    """sumy's summarizers by name, taking articles like ``summarize``; None without sumy."""
    try:
        from sumy_baselines import BASELINES
    except ModuleNotFoundError as error:
        if (error.name or "").partition(".")[0] != "sumy":
            raise
        return None

    def on_articles(baseline: Callable[[Sequence[str]], object]) -> Summarizer:
        return lambda articles: baseline([a.text[a.body_start :] for a in articles])

    return {name: on_articles(baseline) for name, baseline in BASELINES.items()}


def time_call(run: Summarizer, articles: Sequence[Article], *, repeat: int) -> float:
    """The fastest of ``repeat`` timed summarizations of ``articles`` by ``run``, in seconds; a
    run slower than ``SLOW_SECONDS`` is not repeated."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run(articles)
        best = min(best, time.perf_counter() - start)
        if best > SLOW_SECONDS:
            break
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


def column_specs(headers: Sequence[str]) -> list[str]:
    """Format specs of right-aligned columns as wide as ``headers`` (at least 7 characters)."""
    return [f">{max(len(header), 7)}" for header in headers]


def table_row(cells: Sequence[str], specs: Sequence[str]) -> str:
    """``cells`` formatted by ``specs``, two spaces apart."""
    return "  ".join(f"{cell:{spec}}" for cell, spec in zip(cells, specs, strict=True))


def rule(specs: Sequence[str]) -> str:
    """The dashes under a table's headers."""
    return table_row(["-" * int(spec[1:]) for spec in specs], specs)


def seconds_cell(seconds: float) -> str:
    return f"{seconds:.3f}" + ("*" if seconds > SLOW_SECONDS else "")


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
    parser.add_argument(
        "--no-sumy",
        action="store_true",
        help="skip the sumy LexRank and TextRank baselines",
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

    systems: dict[str, Summarizer] = {"storyline": partial(summarize, config=config)}
    baselines = None if args.no_sumy else load_baselines()
    if args.no_sumy:
        print("sumy baselines skipped (--no-sumy)")
    elif baselines is None:
        print(SUMY_MISSING)
    else:
        systems.update(baselines)
    names = list(systems)

    for run in systems.values():
        run(clusters[0].articles)  # warm-up: imports, lazy resources, caches

    print(f"DUC clusters: {len(clusters)} ({args.clusters})")
    headers = ["per cluster", "mean s", "max s", "total s", "× storyline"]
    specs = ["<11", *column_specs(headers[1:])]
    print(table_row(headers, specs))
    print(rule(specs))
    totals: dict[str, float] = {}
    for name, run in systems.items():
        per_cluster = [time_call(run, cluster.articles, repeat=1) for cluster in clusters]
        totals[name] = sum(per_cluster)
        cells = [name, f"{statistics.fmean(per_cluster):.3f}", f"{max(per_cluster):.3f}"]
        ratio = totals[name] / totals["storyline"]
        print(table_row([*cells, f"{totals[name]:.2f}", f"{ratio:.1f}"], specs), flush=True)
    print()

    headers = ["articles", "DUC clusters", "storyline s", "ms/article"]
    headers += [h for name in names[1:] for h in (f"{name} s", f"{name} ×")]
    specs = column_specs(headers)
    print(table_row(headers, specs))
    print(rule(specs))
    slow = False
    for size in POOLED_SIZES:
        articles, pooled = pool_articles(clusters, size=size)
        seconds = {
            name: time_call(run, articles, repeat=args.repeat) for name, run in systems.items()
        }
        base = seconds["storyline"]
        cells = [str(size), str(pooled), f"{base:.3f}", f"{1000 * base / size:.2f}"]
        for name in names[1:]:
            cells += [seconds_cell(seconds[name]), f"{seconds[name] / base:.1f}"]
            slow = slow or seconds[name] > SLOW_SECONDS
        print(table_row(cells, specs), flush=True)
    print()
    print(
        "pooled clusters take the first N articles of the DUC clusters in file order; "
        f"fastest of {args.repeat} run(s) each"
    )
    if len(names) > 1:
        print("× = sumy seconds / storyline seconds (per cluster: ratio of the totals)")
    if slow:
        print(f"* over {SLOW_SECONDS:.0f} s: timed once, whatever --repeat says")
    return 0


if __name__ == "__main__":
    sys.exit(main())
