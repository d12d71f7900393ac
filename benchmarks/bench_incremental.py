"""Stories from separate ingests: the same articles given to a store in several runs, against one.

    python benchmarks/bench_incremental.py [--parts 2 5 20] [--seeds 0 1] [--no-context]
                                           [--timeline TOPIC ...]
                                           [--order shuffled|newest-first|by-label]

Users ingest day by day or file by file, not all at once. This gives labelled real articles to a
fresh store in ``--parts`` runs of equal size (``add_articles``, one call per part, after a
seeded shuffle) and scores the stored stories by B-cubed F1 against the gold labels and against
one ingest of everything (agreement). The data is read from ``../shared/eval/`` beside the
repository, never copied into it: all 500 DUC 2004 articles (undated; gold: their cluster), and,
with ``--timeline``, the dated articles of those Timeline17 topics (gold: the topic, which spans
months, so agreement says more than F1 there).

``--order`` says how the runs are cut: from the shuffled articles (the default), from the
articles newest first (a back-fill of an archive), or one run per gold label (a file per outlet
or topic). ``--no-context`` turns off the planning of a run's first window with the stored
articles near it (``ClusterAssigner.context_keys`` answers no article), to compare with what
came before it.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from storyline.config import Config
from storyline.evaluate.clusters import bcubed, load_labelled_articles
from storyline.evaluate.timeline import load_topics
from storyline.model import Article
from storyline.store import StoryStore
from storyline.store.assign import ClusterAssigner
from storyline.store.update import add_articles

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"


def f1(predicted: dict[str, str], gold: dict[str, str]) -> float:
    """B-cubed F1 of ``predicted`` against ``gold`` over the articles both label."""
    keys = sorted(set(predicted) & set(gold))
    scores = bcubed([predicted[key] for key in keys], [gold[key] for key in keys])
    total = scores.precision + scores.recall
    return 0.0 if total == 0 else 2 * scores.precision * scores.recall / total


def stored_stories(parts: Sequence[Sequence[Article]]) -> dict[str, str]:
    """Each article's story after ingesting ``parts`` one run each into a fresh store."""
    with tempfile.TemporaryDirectory(prefix="storyline-incremental-") as folder:
        db = Path(folder) / "stories.db"
        for part in parts:
            add_articles(part, db=db, config=Config(), refresh=False)
        with StoryStore(db) as store:
            return {article: row.id for row in store.stories() for article in row.article_ids}


def measure(
    name: str, articles: list[Article], gold: dict[str, str], args: argparse.Namespace
) -> None:
    began = time.perf_counter()
    whole = stored_stories([articles])
    print(
        f"{name}: {len(articles)} articles; one ingest: {len(set(whole.values()))} stories, "
        f"F1 {f1(whole, gold):.3f} ({time.perf_counter() - began:.1f} s)"
    )
    print(f"{'parts':>5}  {'seed':>4}  {'stories':>7}  {'F1 gold':>7}  {'agreement':>9}")
    for count, seed, parts in runs(articles, gold, args):
        stories = stored_stories(parts)
        print(
            f"{count:>5}  {seed:>4}  {len(set(stories.values())):>7}  "
            f"{f1(stories, gold):>7.3f}  {f1(stories, whole):>9.3f}"
        )


def runs(
    articles: list[Article], gold: dict[str, str], args: argparse.Namespace
) -> Iterator[tuple[int, int, list[list[Article]]]]:
    """(parts, seed, the runs) for each ingest to measure, in the order ``--order`` asks."""
    for seed in args.seeds:
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        if args.order == "by-label":
            runs: dict[str, list[Article]] = {}
            for article in shuffled:
                runs.setdefault(gold[article.id], []).append(article)
            yield len(runs), seed, list(runs.values())
            continue
        if args.order == "newest-first":
            far_past = datetime.min.replace(tzinfo=UTC)
            shuffled.sort(key=lambda article: article.published or far_past, reverse=True)
        size = len(shuffled)
        for count in args.parts:
            yield (
                count,
                seed,
                [shuffled[i * size // count : (i + 1) * size // count] for i in range(count)],
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", type=int, nargs="+", default=[2, 5, 20])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--no-context", action="store_true")
    parser.add_argument("--timeline", nargs="*", default=[], metavar="TOPIC")
    parser.add_argument(
        "--order",
        choices=("shuffled", "newest-first", "by-label"),
        default="shuffled",
        help="the articles shuffled, then cut into --parts runs; newest first (shuffled among "
        "equals), then cut; or one run for each gold label (an outlet's or a topic's file), "
        "in shuffled order",
    )
    args = parser.parse_args(argv)
    if args.no_context:
        ClusterAssigner.context_keys = lambda self, items, *, limit: []  # type: ignore[method-assign]
    duc = load_labelled_articles(SHARED / "duc2004" / "clusters.jsonl")
    labels = duc.labellings[0].labels
    measure(
        "DUC 2004",
        list(duc.articles),
        {article.id: label for article, label in zip(duc.articles, labels, strict=True)},
        args,
    )
    if args.timeline:
        topics = {topic.id: topic for topic in load_topics(SHARED / "timeline17" / "topics.jsonl")}
        chosen = [topics[name] for name in args.timeline]
        articles = [article for topic in chosen for article in topic.articles]
        gold = {article.id: topic.id for topic in chosen for article in topic.articles}
        measure("Timeline17 " + " ".join(args.timeline), articles, gold, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
