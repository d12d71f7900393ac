"""A long synthetic news stream made from real clusters: many stories, over years, with copies.

    python benchmarks/synth_stream.py [--articles N] [--seed S] [--days D] [--topics] [--out PATH]

Each synthetic story is one real cluster (DUC 2004, and with ``--topics`` the Timeline17 topics)
replayed in a new time window: its articles are recombinations of the cluster's sentences (a lead
sentence from a real article's opening, then a random subset of the cluster's sentences, in about
the order they had in their own articles, as many as a real article of the cluster has), with a
title made from one of them. A story lasts 1 to 5 days and has 5 to 40 articles; stories start at
random over about ``--days`` days, and the articles arrive in about time order (publication time
plus a few hours' jitter). Some articles are exact wire copies (the same text and title from
another outlet, minutes to hours later) and some are near copies (one sentence changed).

A real cluster is reused for many synthetic stories, but never in two stories whose days come
within ``WINDOW_DAYS`` of each other (nor are real clusters that report the same real-world story),
so the time window alone tells recycled stories apart, as it does for real recurring news. Each
article comes with its synthetic story's label, kept apart from the ``Article``.

The stream is a pure function of the seed. Imported, ``synthesize`` yields ``(Article, label)``
pairs lazily (only the plan of the stream is held in memory); run as a script, it writes JSON
Lines in storyline's ingest format (``id``, ``text``, ``title``, ``url``, ``published``,
``outlet``, ``language``; the labels are not written). The data is read from ``../shared/eval/``
beside the repository; it is never copied into it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storyline.evaluate.clusters import load_labelled_articles
from storyline.model import Article
from storyline.pipeline import build_document

REPO_ROOT = Path(__file__).resolve().parents[1]
EVAL_ROOT = REPO_ROOT.parent / "shared" / "eval"
DEFAULT_CLUSTERS = EVAL_ROOT / "duc2004" / "clusters.jsonl"
DEFAULT_TOPICS = EVAL_ROOT / "timeline17" / "topics.jsonl"

EPOCH = datetime(2021, 1, 1, tzinfo=UTC)
"""Day 0 of the synthetic stream (a made-up time window; the real clusters are from 1998-2010)."""
WINDOW_DAYS = 7
"""Two stories made from one real cluster are at least this many days apart (the clusterer's
default ``window_days``), so that the time window separates them."""
STORY_ARTICLES = (5, 40)
STORY_DAYS = (1, 5)
WIRE_COPY_SHARE = 0.04
NEAR_COPY_SHARE = 0.06
JITTER_HOURS = 3.0
MIN_SENTENCES = 3
OUTLETS = tuple(f"Synthetic {place} {kind}" for place in "ABCDEFGHIJ" for kind in ("News", "Post"))


@dataclass(frozen=True, slots=True)
class Source:
    """A real cluster as sentence material: its articles' sentences, and its real-world story."""

    id: str
    family: str
    articles: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Slot:
    """The plan of one synthetic article; its text is made only when it is yielded.

    ``kind`` is "original", "wire" (an exact copy of slot ``parent`` of the story) or "near"
    (slot ``parent`` with one sentence changed).
    """

    arrival: float
    story: int
    index: int
    source: int
    published: float
    outlet: str
    kind: str = "original"
    parent: int = -1


def load_sources(
    clusters: Path | None = DEFAULT_CLUSTERS, topics: Path | None = None
) -> list[Source]:
    """The real clusters as sentence material, segmented by storyline; clusters or topics that
    report the same real-world story (``load_labelled_articles``'s "story" labelling) share a
    family."""
    sources: list[Source] = []
    for path in (clusters, topics):
        if path is None:
            continue
        data = load_labelled_articles(path)
        cluster_ids = data.labellings[0].labels
        families = data.labellings[-1].labels
        grouped: dict[str, list[tuple[str, ...]]] = {}
        family_of: dict[str, str] = {}
        for article, cluster_id, family in zip(data.articles, cluster_ids, families, strict=True):
            sentences = tuple(sent.text for sent in build_document(article).sentences)
            family_of[cluster_id] = f"{data.kind}:{family}"
            if len(sentences) >= MIN_SENTENCES:
                grouped.setdefault(cluster_id, []).append(sentences)
        sources += [
            Source(cluster_id, family_of[cluster_id], tuple(articles))
            for cluster_id, articles in grouped.items()
            if len(articles) >= 2
        ]
    if not sources:
        raise ValueError("no source clusters with at least two articles of 3+ sentences")
    return sources


def plan_stream(sources: Sequence[Source], *, n_articles: int, seed: int, days: int) -> list[Slot]:
    """The slots of ``n_articles`` synthetic articles in order of arrival.

    Story starts are drawn uniformly over ``days`` days; a story takes a random real cluster
    among those whose family is free (no story of the family within ``WINDOW_DAYS``), or waits
    for the first family to become free, so a stream needing more stories than the families can
    give at that rate runs longer than ``days``.
    """
    rng = random.Random(f"plan-{seed}")
    sizes: list[int] = []
    while sum(sizes) < n_articles:
        sizes.append(rng.randint(*STORY_ARTICLES))
    if sizes:
        sizes[-1] -= sum(sizes) - n_articles
    starts = sorted(rng.uniform(0, days) for _ in sizes)
    by_family: dict[str, list[int]] = {}
    for number, source in enumerate(sources):
        by_family.setdefault(source.family, []).append(number)
    free_on = dict.fromkeys(by_family, 0.0)
    slots: list[Slot] = []
    for story, (size, start) in enumerate(zip(sizes, starts, strict=True)):
        free = [family for family, day in free_on.items() if day <= start]
        if free:
            family = rng.choice(free)
        else:
            family = min(free_on, key=lambda name: (free_on[name], name))
            start = free_on[family]
        source = rng.choice(by_family[family])
        length = rng.randint(*STORY_DAYS)
        free_on[family] = float(int(start) + length + WINDOW_DAYS + 1)
        published = sorted(start + rng.uniform(0, length) for _ in range(size))
        outlets = rng.sample(OUTLETS, k=min(len(OUTLETS), 6 + size // 4))
        story_slots: list[Slot] = []
        for index, day in enumerate(published):
            outlet = rng.choice(outlets)
            kind, parent, when = "original", -1, day
            draw = rng.random()
            if index > 0 and draw < WIRE_COPY_SHARE + NEAR_COPY_SHARE:
                kind = "wire" if draw < WIRE_COPY_SHARE else "near"
                original = rng.choice([slot for slot in story_slots if slot.kind == "original"])
                parent = original.index
                outlet = rng.choice([name for name in outlets if name != original.outlet])
                if kind == "wire":
                    when = original.published + rng.uniform(10, 240) / 1440
            arrival = when + rng.gauss(0.0, JITTER_HOURS) / 24
            story_slots.append(Slot(arrival, story, index, source, when, outlet, kind, parent))
        slots += story_slots
    slots.sort(key=lambda slot: (slot.arrival, slot.story, slot.index))
    return slots


def story_label(story: int) -> str:
    return f"synthetic-{story:06d}"


def compose(source: Source, *, seed: int, story: int, index: int) -> tuple[list[list[str]], str]:
    """The paragraphs (lists of sentences) and title of an original synthetic article: a lead
    sentence from the opening of one of the cluster's articles, then other sentences of the
    cluster in about their original relative order, as many as a real article of the cluster
    has, in paragraphs of 1-3 sentences; the title is the first words of one of the first
    sentences."""
    rng = random.Random(f"text-{seed}-{story}-{index}")
    template = rng.choice(source.articles)
    lead = rng.choice(rng.choice(source.articles)[:2])
    pool = {
        text: position / len(sentences)
        for sentences in source.articles
        for position, text in enumerate(sentences)
        if text != lead
    }
    wanted = max(MIN_SENTENCES, round(len(template) * rng.uniform(0.7, 1.2)))
    chosen = rng.sample(sorted(pool), k=min(len(pool), wanted - 1))
    chosen.sort(key=lambda text: pool[text] + rng.gauss(0.0, 0.15))
    sentences = [lead, *chosen]
    paragraphs: list[list[str]] = []
    while sentences:
        take = rng.randint(1, 3)
        paragraphs.append(sentences[:take])
        del sentences[:take]
    title_words = rng.choice([lead, *chosen[:2]]).split()
    title = " ".join(title_words[: rng.randint(6, 12)]).strip(" ,;:.\"'“”‘’")
    return paragraphs, title


def near_copy(
    paragraphs: Sequence[Sequence[str]], source: Source, *, seed: int, story: int, index: int
) -> list[list[str]]:
    """A copy of ``paragraphs`` with one sentence (not the lead) replaced by another sentence of
    the cluster that the article does not have."""
    rng = random.Random(f"near-{seed}-{story}-{index}")
    copy = [list(paragraph) for paragraph in paragraphs]
    have = {sentence for paragraph in copy for sentence in paragraph}
    others = sorted({sentence for sentences in source.articles for sentence in sentences} - have)
    places = [(p, s) for p, paragraph in enumerate(copy) for s in range(len(paragraph))][1:]
    if not others or not places:
        copy[-1].append(rng.choice(sorted(have)))
        return copy
    p, s = rng.choice(places)
    copy[p][s] = rng.choice(others)
    return copy


def render(paragraphs: Sequence[Sequence[str]]) -> str:
    """Plain text: sentences joined by a space, paragraphs by a blank line."""
    return "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)


def synthesize(
    n_articles: int,
    *,
    seed: int = 0,
    days: int = 730,
    sources: Sequence[Source] | None = None,
) -> Iterator[tuple[Article, str]]:
    """``n_articles`` synthetic articles in order of arrival, each with its story's label.

    Only the plan is held: each text is made from its slot's seed when it is yielded (a copy
    makes its parent's text again), so memory does not grow with the texts yielded.
    """
    sources = load_sources() if sources is None else sources
    for slot in plan_stream(sources, n_articles=n_articles, seed=seed, days=days):
        source = sources[slot.source]
        if slot.kind == "original":
            paragraphs, title = compose(source, seed=seed, story=slot.story, index=slot.index)
        else:
            paragraphs, title = compose(source, seed=seed, story=slot.story, index=slot.parent)
            if slot.kind == "near":
                paragraphs = near_copy(
                    paragraphs, source, seed=seed, story=slot.story, index=slot.index
                )
        article_id = f"syn-{slot.story:06d}-{slot.index:02d}"
        published = EPOCH + timedelta(days=slot.published)
        slug = slot.outlet.lower().replace(" ", "-")
        yield (
            Article(
                id=article_id,
                text=render(paragraphs),
                source=f"https://{slug}.example/{article_id}",
                title=title,
                outlet=slot.outlet,
                published=published.replace(microsecond=0),
                published_zone="UTC",
                language="en",
            ),
            story_label(slot.story),
        )


def as_record(article: Article) -> dict[str, str | None]:
    """An article as a record of storyline's JSON Lines input (``storyline.ingest.records``)."""
    return {
        "id": article.id,
        "text": article.text,
        "title": article.title,
        "url": article.source,
        "published": None if article.published is None else article.published.isoformat(),
        "outlet": article.outlet,
        "language": article.language,
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=100_000, help="default: 100000")
    parser.add_argument("--seed", type=int, default=0, help="default: 0")
    parser.add_argument(
        "--days", type=int, default=730, help="days over which stories start (default: 730)"
    )
    parser.add_argument("--clusters", type=Path, default=DEFAULT_CLUSTERS)
    parser.add_argument(
        "--topics",
        nargs="?",
        type=Path,
        const=DEFAULT_TOPICS,
        default=None,
        help=f"also recombine Timeline17 topics (default path: {DEFAULT_TOPICS})",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="JSON Lines file to write (default: stdout)"
    )
    parser.add_argument(
        "--labels", type=Path, default=None, help="also write 'id<TAB>story label' lines here"
    )
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error(f"--articles must be >= 1; got {args.articles}")
    if args.days < 1:
        parser.error(f"--days must be >= 1; got {args.days}")
    for path in (args.clusters, args.topics):
        if path is not None and not path.is_file():
            parser.error(f"file not found: {path}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sources = load_sources(args.clusters, args.topics)
    stream = synthesize(args.articles, seed=args.seed, days=args.days, sources=sources)
    out = sys.stdout if args.out is None else args.out.open("w", encoding="utf-8")
    labels = None if args.labels is None else args.labels.open("w", encoding="utf-8")
    try:
        for article, label in stream:
            out.write(json.dumps(as_record(article), ensure_ascii=False) + "\n")
            if labels is not None:
                labels.write(f"{article.id}\t{label}\n")
    finally:
        if out is not sys.stdout:
            out.close()
        if labels is not None:
            labels.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
