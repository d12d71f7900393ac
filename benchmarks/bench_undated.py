"""Undated reports among dated ones: do they join only the dated stories they tell?

    python benchmarks/bench_undated.py [--seed 0] [--every 7]

A folder of scraped pages mixes pages whose date was found with pages without one, and a user's
collections mix dated feeds with undated archives. An undated article is within every article's
time window, so nothing but its words keeps it from a dated story of another year. This reads
DUC 2004 (500 undated reports of 1998) and Timeline17 (1,866 dated pages of 2009-2011) from
``../shared/eval/`` beside the repository and clusters them as ``digest`` does
(``cluster_documents``):

- ``mixed``: both collections together: how many DUC reports share a story with a Timeline17
  page (they never tell the same event), and DUC's B-cubed F1 against its clusters within the
  mix;
- ``undated pages``: Timeline17 with the date of one page in ``--every`` removed (a seeded
  draw), alone and mixed with DUC: where those pages go, scored against the stories that the
  dated pages form with every date known (the mean over the undated pages of B-cubed precision,
  recall and F1 of each page's story among the Timeline17 pages).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
from collections.abc import Sequence
from pathlib import Path

from storyline.cluster import cluster_documents
from storyline.evaluate.clusters import bcubed, load_labelled_articles
from storyline.model import Document
from storyline.pipeline import build_document

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"


def labels_of(stories: Sequence[Sequence[int]], size: int) -> list[int]:
    """Each item's story number."""
    labels = [0] * size
    for number, members in enumerate(stories):
        for i in members:
            labels[i] = number
    return labels


def item_scores(
    predicted: Sequence[int], reference: Sequence[int], items: Sequence[int]
) -> tuple[float, float, float]:
    """Mean B-cubed precision, recall and F1 of ``items`` only, against ``reference``."""
    precision = recall = 0.0
    for i in items:
        story = {j for j, label in enumerate(predicted) if label == predicted[i]}
        truth = {j for j, label in enumerate(reference) if label == reference[i]}
        precision += len(story & truth) / len(story)
        recall += len(story & truth) / len(truth)
    precision, recall = precision / len(items), recall / len(items)
    return precision, recall, 2 * precision * recall / (precision + recall)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="seed of the pages left undated")
    parser.add_argument("--every", type=int, default=7, help="one page in this many undated")
    args = parser.parse_args(argv)
    paths = [SHARED / "duc2004" / "clusters.jsonl", SHARED / "timeline17" / "topics.jsonl"]
    if not all(path.is_file() for path in paths):
        print(f"{paths} are not all here", file=sys.stderr)
        return 2
    duc = load_labelled_articles(paths[0])
    pages = load_labelled_articles(paths[1])
    duc_docs = [build_document(article) for article in duc.articles]
    page_docs = [build_document(article) for article in pages.articles]
    gold = list(duc.labellings[0].labels)
    size = len(duc_docs)

    mixed = labels_of(cluster_documents(duc_docs + page_docs), size + len(page_docs))
    page_stories = set(mixed[size:])
    shared = sum(label in page_stories for label in mixed[:size])
    print(f"mixed: {size} DUC reports and {len(page_docs)} Timeline17 pages, clustered together")
    print(f"  DUC reports sharing a story with a Timeline17 page: {shared}")
    print(f"  DUC B-cubed F1 within the mix: {bcubed(mixed[:size], gold).f1:.3f}")

    reference = labels_of(cluster_documents(page_docs), len(page_docs))
    draw = random.Random(args.seed)
    undated = sorted(draw.sample(range(len(page_docs)), len(page_docs) // args.every))
    chosen = set(undated)
    stripped: list[Document] = [
        dataclasses.replace(doc, article=dataclasses.replace(doc.article, published=None))
        if i in chosen
        else doc
        for i, doc in enumerate(page_docs)
    ]
    alone = labels_of(cluster_documents(stripped), len(stripped))
    together = labels_of(cluster_documents(duc_docs + stripped), size + len(stripped))
    print(f"undated pages: {len(undated)} of the Timeline17 pages without their date (seed")
    print(f"  {args.seed}), against the stories of the pages all dated; precision recall F1")
    for name, labels in (("alone", alone), ("mixed with DUC", together[size:])):
        precision, recall, f1 = item_scores(labels, reference, undated)
        print(f"  {name:<15} {precision:.3f} {recall:.3f} {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
