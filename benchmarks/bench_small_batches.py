"""Story clustering of small batches: a few reports of a few events, as a folder of pages is.

    python benchmarks/bench_small_batches.py [--draws 120] [--seed 0] [--support 0.08]
                                             [--shapes 1x10 2x50 ...]

A user's ``digest`` of a day's pages holds few reports of each event, often one. This draws
random batches of the 500 DUC 2004 articles (read from ``../shared/eval/`` beside the
repository): ``k`` articles from each of ``n`` random clusters, for the shapes below, clusters
each batch with ``cluster_documents`` (what ``digest`` does) and prints the mean B-cubed
precision and recall against the clusters, and the F1 of those means. ``--support`` sets
``ClusterSettings.support_threshold``; 0 turns off both it and ``weak_pair_threshold`` (which
applies only to pairs its support rule leaves), as batches were clustered before them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from storyline.cluster import ClusterSettings, cluster_documents
from storyline.evaluate.clusters import bcubed
from storyline.model import Article, Document
from storyline.pipeline import build_document

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
SHAPES = ("1x10", "1x20", "2x10", "3x5", "5x4")
"""Each batch's articles per cluster x clusters, unless ``--shapes`` says otherwise (a day's
pages: "2x50", "3x30")."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=120, help="random batches a shape")
    parser.add_argument("--seed", type=int, default=0, help="seed of the draws")
    parser.add_argument(
        "--support",
        type=float,
        default=ClusterSettings().support_threshold,
        help="support_threshold (0: neither it nor weak_pair_threshold, as before them)",
    )
    parser.add_argument(
        "--shapes",
        nargs="+",
        default=list(SHAPES),
        metavar="KxN",
        help="K articles from each of N random clusters (default: 1x10 1x20 2x10 3x5 5x4)",
    )
    args = parser.parse_args(argv)
    try:
        shapes = [tuple(int(part) for part in shape.split("x")) for shape in args.shapes]
    except ValueError:
        parser.error(f"shapes are KxN (K articles from each of N clusters); got {args.shapes}")
    if any(len(shape) != 2 or min(shape) < 1 or shape[1] > 50 for shape in shapes):
        parser.error(f"shapes are KxN with K >= 1 and 1 <= N <= 50; got {args.shapes}")
    path = SHARED / "duc2004" / "clusters.jsonl"
    if not path.is_file():
        print(f"{path} is not here", file=sys.stderr)
        return 2
    clusters: list[list[Document]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        clusters.append(
            [
                build_document(Article(id=item["id"], text=item["text"], source=str(path)))
                for item in record["articles"]
            ]
        )
    settings = ClusterSettings(support_threshold=args.support)
    draw = random.Random(args.seed)
    print(f"support_threshold {args.support}, {args.draws} draws a shape, seed {args.seed}")
    print("articles x clusters   B-cubed P   R       F1")
    for per_cluster, count in shapes:
        precision = recall = 0.0
        for _ in range(args.draws):
            chosen = draw.sample(range(len(clusters)), count)
            batch: list[Document] = []
            gold: list[int] = []
            for number in chosen:
                batch += draw.sample(clusters[number], per_cluster)
                gold += [number] * per_cluster
            labels = [0] * len(batch)
            for label, members in enumerate(cluster_documents(batch, settings=settings)):
                for i in members:
                    labels[i] = label
            score = bcubed(labels, gold)
            precision += score.precision
            recall += score.recall
        mean_p, mean_r = precision / args.draws, recall / args.draws
        f1 = 2 * mean_p * mean_r / (mean_p + mean_r) if mean_p + mean_r else 0.0
        print(f"{per_cluster:>8} x {count:<10}   {mean_p:9.3f}   {mean_r:.3f}   {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
