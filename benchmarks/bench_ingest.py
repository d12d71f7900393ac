"""Ingest a long synthetic stream into a fresh story store: speed as the store grows, and memory.

    python benchmarks/bench_ingest.py [--articles N] [--chunk N] [--db PATH] [--seed S]
                                      [--every N] [--probe N] [--refresh] [--json PATH]
                                      [--profile PATH]

The stream is ``synth_stream.synthesize`` (stories recombined from the real DUC 2004 clusters,
replayed over years, with wire copies and near copies; read from ``../shared/eval/`` beside the
repository, never copied into it). It is ingested chunk by chunk, as ``storyline update`` does it:
articles already stored (by text) are skipped, the others are prepared (``ArticlePreparer``:
cleaning, sentence splitting, clustering features, MinHash) and stored with the story
``ClusterAssigner`` decides (copies first, then the online story clusterer), in SQLite. Only that
is timed: making the synthetic texts is not. Headlines are not refreshed per chunk; ``--refresh``
times one ``refresh_stale`` (the headline of every story, as an ingest refreshes them) at the
end, apart.

Printed: per chunk of ``--chunk`` articles (every ``--every``-th chunk), the seconds of
preparation and of assignment and storage, articles per second, the stories so far and the peak
memory so far; then overall articles per second, articles per CPU second (the process runs on one
core: nothing is parallel), the peak resident memory (``ru_maxrss``: the whole process, Python,
the stream's plan and SQLite's cache included), the number of stories, and B-cubed precision,
recall and F1 of the stored stories against the synthetic labels.

On a shared machine the other processes change the speed: after each chunk, ``--probe`` articles
(the same ones every time, never stored) are prepared again and their milliseconds per article
are printed ("probe ms"), so a slower chunk can be told from a slower machine. ``--profile PATH``
runs cProfile over the ingest alone (not the synthesis, the probe or the imports), writes the
stats to PATH and prints the top functions by cumulative and by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from synth_stream import DEFAULT_CLUSTERS, load_sources, synthesize

from storyline.cluster import ClusterSettings
from storyline.collector import bulk_allocation
from storyline.config import Config
from storyline.evaluate.clusters import bcubed
from storyline.identity import arrival_key, content_hash
from storyline.model import Article, Rejection
from storyline.preparation import ArticlePreparer, PreparedArticle
from storyline.store.assign import ClusterAssigner
from storyline.store.sqlite import StoryStore, refresh_stale
from storyline.store.update import ingest_prepared, stored_headline


@dataclass(frozen=True, slots=True)
class ChunkTiming:
    """One chunk's ingest: articles offered, stored, skipped as already stored (same text),
    stored as copies of a stored article; seconds (wall) of preparation and of assignment and
    storage, CPU seconds of both; then the stories and peak memory after it."""

    total_articles: int
    articles: int
    added: int
    already: int
    copies: int
    prepare_seconds: float
    store_seconds: float
    cpu_seconds: float
    stories: int
    peak_mb: float
    probe_ms: float | None = None

    @property
    def seconds(self) -> float:
        return self.prepare_seconds + self.store_seconds

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else float("inf")


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (``ru_maxrss`` is KiB on Linux)."""
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib * (1 if sys.platform != "darwin" else 1 / 1024) / 1024


def chunks(stream: Iterator[tuple[Article, str]], size: int) -> Iterator[list[tuple[Article, str]]]:
    while chunk := list(islice(stream, size)):
        yield chunk


def ingest_chunk(
    store: StoryStore,
    articles: Sequence[Article],
    *,
    preparer: ArticlePreparer,
    assigner: ClusterAssigner,
    settings: ClusterSettings,
    total: int,
    profiler: cProfile.Profile | None = None,
) -> ChunkTiming:
    """Ingest one chunk as ``update_store`` does (skip the stored, prepare, assign and store),
    timed (and profiled, with ``profiler``)."""
    if profiler is not None:
        profiler.enable()
    cpu = time.process_time()
    start = time.perf_counter()
    with bulk_allocation():  # as add_articles collects cyclic garbage
        # Each text is hashed once, here, as update_store does.
        digests = {article.text: content_hash(article.text) for article in articles}
        # In arrival order (by publication time), as update_store takes a run's articles.
        new = sorted(
            (
                article
                for article in articles
                if not store.has_article(digests[article.text], article.id)
            ),
            key=lambda article: arrival_key(digests[article.text], article),
        )
        prepared: list[PreparedArticle] = []
        for article in new:
            item = preparer(article)
            if isinstance(item, Rejection):
                raise SystemExit(f"synthetic article rejected: {item}")
            prepared.append(item)
        prepared_at = time.perf_counter()
        counts = ingest_prepared(
            store,
            prepared,
            assigner=assigner,
            settings=settings,
            hash_of=digests.__getitem__,
            all_dated=all(article.published is not None for article in new),
        )
    end = time.perf_counter()
    cpu = time.process_time() - cpu
    if profiler is not None:
        profiler.disable()
    stories = store.db.execute("SELECT count(*) FROM stories").fetchone()[0]
    return ChunkTiming(
        total_articles=total,
        articles=len(articles),
        added=counts.added,
        already=len(articles) - len(new) + counts.already_stored,
        copies=counts.copies,
        prepare_seconds=prepared_at - start,
        store_seconds=end - prepared_at,
        cpu_seconds=cpu,
        stories=stories,
        peak_mb=peak_mb(),
    )


def probe(articles: Sequence[Article], *, preparer: ArticlePreparer) -> float:
    """Milliseconds per article to prepare ``articles`` (the machine's speed of the moment)."""
    start = time.perf_counter()
    for article in articles:
        preparer(article)
    return 1000 * (time.perf_counter() - start) / len(articles)


def stored_bcubed(store: StoryStore, labels: dict[str, str]) -> tuple[float, float, float, int]:
    """B-cubed P, R, F1 of the stored articles' stories against their synthetic labels, and the
    number of synthetic stories among them."""
    rows = store.db.execute("SELECT input_id, story_id FROM articles ORDER BY seq").fetchall()
    predicted = [story for _, story in rows]
    gold = [labels[input_id] for input_id, _ in rows]
    scores = bcubed(predicted, gold)
    return scores.precision, scores.recall, scores.f1, len(set(gold))


def column_specs(headers: Sequence[str]) -> list[str]:
    return [f">{max(len(header), 7)}" for header in headers]


def table_row(cells: Sequence[str], specs: Sequence[str]) -> str:
    return "  ".join(f"{cell:{spec}}" for cell, spec in zip(cells, specs, strict=True))


HEADERS = ["articles", "chunk s", "prepare s", "store s", "art/s", "cpu art/s", "skipped"]
HEADERS += ["copies", "stories", "peak MB", "probe ms"]


def chunk_cells(row: ChunkTiming) -> list[str]:
    cpu_rate = row.articles / row.cpu_seconds if row.cpu_seconds else float("inf")
    return [
        str(row.total_articles),
        f"{row.seconds:.2f}",
        f"{row.prepare_seconds:.2f}",
        f"{row.store_seconds:.2f}",
        f"{row.rate:.0f}",
        f"{cpu_rate:.0f}",
        str(row.already),
        str(row.copies),
        str(row.stories),
        f"{row.peak_mb:.0f}",
        "-" if row.probe_ms is None else f"{row.probe_ms:.1f}",
    ]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=100_000, help="default: 100000")
    parser.add_argument("--chunk", type=int, default=1000, help="articles a chunk (default: 1000)")
    parser.add_argument(
        "--db", type=Path, default=None, help="a new SQLite file (default: a temporary one)"
    )
    parser.add_argument("--seed", type=int, default=0, help="the stream's seed (default: 0)")
    parser.add_argument(
        "--days", type=int, default=730, help="days over which stories start (default: 730)"
    )
    parser.add_argument(
        "--every",
        type=int,
        default=0,
        help="print every N-th chunk (default: every chunk up to 20 chunks, else every 10th)",
    )
    parser.add_argument(
        "--probe",
        type=int,
        default=50,
        help="articles prepared again after each chunk to gauge the machine (default: 50; 0: none)",
    )
    parser.add_argument(
        "--profile", type=Path, default=None, help="cProfile the ingest; stats written here"
    )
    parser.add_argument(
        "--refresh", action="store_true", help="time one refresh_stale (headlines) at the end"
    )
    parser.add_argument(
        "--plan-window",
        type=int,
        default=ClusterSettings().plan_window,
        help="group each window of this many new articles of a chunk by the batch clustering "
        "before placing them, as ingest does (a chunk is one ingest; default: 2000; 0: none)",
    )
    parser.add_argument("--clusters", type=Path, default=DEFAULT_CLUSTERS)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.chunk < 1 or args.every < 0 or args.probe < 0:
        parser.error("--articles and --chunk must be >= 1, --every and --probe >= 0")
    if args.db is not None and args.db.exists():
        parser.error(f"--db must be a new file (a fresh store); {args.db} exists")
    if not args.clusters.is_file():
        parser.error(f"clusters file not found: {args.clusters}")
    return args


def run(args: argparse.Namespace, db: Path) -> dict[str, object]:
    n_chunks = -(-args.articles // args.chunk)
    every = args.every or (1 if n_chunks <= 20 else 10)
    sources = load_sources(args.clusters)
    stream = synthesize(args.articles, seed=args.seed, days=args.days, sources=sources)
    preparer = ArticlePreparer()
    probe_articles = [
        article
        for article, _ in synthesize(
            max(1, args.probe), seed=args.seed + 1, days=args.days, sources=sources
        )
    ]
    probe(probe_articles, preparer=preparer)  # warm-up: lazy resources load before timing
    profiler = None if args.profile is None else cProfile.Profile()
    baseline_mb = peak_mb()
    print(
        f"stream: {args.articles} synthetic articles from {len(sources)} real clusters "
        f"(seed {args.seed}), chunks of {args.chunk}; store: {db}"
    )
    print(f"peak memory before ingest (imports, warm-up, the stream's plan): {baseline_mb:.0f} MB")
    specs = column_specs(HEADERS)
    print(table_row(HEADERS, specs))
    print(table_row(["-" * int(spec[1:]) for spec in specs], specs))

    labels: dict[str, str] = {}
    rows: list[ChunkTiming] = []
    with StoryStore(db) as store:
        settings = ClusterSettings(plan_window=args.plan_window)
        assigner = ClusterAssigner(settings)
        total = 0
        for number, chunk in enumerate(chunks(stream, args.chunk), start=1):
            labels.update((article.id, label) for article, label in chunk)
            total += len(chunk)
            articles = [article for article, _ in chunk]
            row = ingest_chunk(
                store,
                articles,
                preparer=preparer,
                assigner=assigner,
                settings=settings,
                total=total,
                profiler=profiler,
            )
            if args.probe:
                row = replace(row, probe_ms=probe(probe_articles, preparer=preparer))
            rows.append(row)
            if number % every == 0 or number == 1 or total == args.articles:
                print(table_row(chunk_cells(row), specs), flush=True)
        precision, recall, f1, gold_stories = stored_bcubed(store, labels)
        stories = rows[-1].stories
        refresh_seconds: float | None = None
        if args.refresh:
            config = Config()
            start = time.perf_counter()
            refreshed = refresh_stale(
                store,
                headline_of=lambda stored, repeated: stored_headline(
                    stored, config=config, repeated=repeated
                ),
            )
            refresh_seconds = time.perf_counter() - start
    db_mb = db.stat().st_size / 2**20

    seconds = sum(row.seconds for row in rows)
    cpu_seconds = sum(row.cpu_seconds for row in rows)
    tenth = max(1, len(rows) // 10)
    first = statistics.fmean(row.rate for row in rows[:tenth])
    last = statistics.fmean(row.rate for row in rows[-tenth:])
    cpu_first = sum(row.articles for row in rows[:tenth]) / sum(
        row.cpu_seconds for row in rows[:tenth]
    )
    cpu_last = sum(row.articles for row in rows[-tenth:]) / sum(
        row.cpu_seconds for row in rows[-tenth:]
    )
    probes = [row.probe_ms for row in rows if row.probe_ms is not None]
    probe_first = statistics.fmean(probes[:tenth]) if probes else None
    probe_last = statistics.fmean(probes[-tenth:]) if probes else None
    summary: dict[str, object] = {
        "articles": total,
        "stored": sum(row.added for row in rows),
        "skipped_stored": sum(row.already for row in rows),
        "stored_as_copies": sum(row.copies for row in rows),
        "ingest_seconds": seconds,
        "prepare_seconds": sum(row.prepare_seconds for row in rows),
        "store_seconds": sum(row.store_seconds for row in rows),
        "articles_per_second": total / seconds,
        "articles_per_cpu_second": total / cpu_seconds,
        "first_tenth_articles_per_second": first,
        "last_tenth_articles_per_second": last,
        "first_tenth_articles_per_cpu_second": cpu_first,
        "last_tenth_articles_per_cpu_second": cpu_last,
        "first_tenth_probe_ms": probe_first,
        "last_tenth_probe_ms": probe_last,
        "peak_rss_mb": peak_mb(),
        "rss_before_ingest_mb": baseline_mb,
        "db_mb": db_mb,
        "stories": stories,
        "synthetic_stories": gold_stories,
        "bcubed": {"precision": precision, "recall": recall, "f1": f1},
        "refresh_seconds": refresh_seconds,
    }
    print()
    print(f"articles ingested:  {total} in {seconds:.1f} s (wall; making the texts not counted)")
    print(
        f"  stored {summary['stored']}, of them {summary['stored_as_copies']} as copies of a "
        f"stored article; {summary['skipped_stored']} skipped (stored already: the same text and id)"
    )
    print(
        f"  preparation {summary['prepare_seconds']:.1f} s, "
        f"assignment and storage {summary['store_seconds']:.1f} s"
    )
    print(f"articles/s:         {total / seconds:.0f} (wall)")
    print(
        f"articles/s a core:  {total / cpu_seconds:.0f} (articles / CPU seconds of the process; "
        "single-threaded: one core)"
    )
    print(
        f"trend:              {first:.0f} articles/s over the first tenth of the chunks, "
        f"{last:.0f} over the last ({last / first:.2f}x); per CPU second {cpu_first:.0f} "
        f"and {cpu_last:.0f} ({cpu_last / cpu_first:.2f}x)"
    )
    if probe_first is not None and probe_last is not None:
        print(
            f"machine (probe):    {probe_first:.1f} ms an article over the first tenth, "
            f"{probe_last:.1f} over the last (other processes slow it down)"
        )
    print(
        f"peak memory:        {summary['peak_rss_mb']:.0f} MB (ru_maxrss: the whole process; "
        f"{baseline_mb:.0f} MB before ingest); SQLite file {db_mb:.0f} MB"
    )
    print(f"stories:            {stories} stored, {gold_stories} synthetic")
    print(f"B-cubed:            P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")
    if refresh_seconds is not None:
        print(f"refresh_stale:      {len(refreshed)} headlines in {refresh_seconds:.1f} s")
    if profiler is not None and args.profile is not None:
        profiler.dump_stats(args.profile)
        print_profile(profiler, top=25)
        print(f"profile written to {args.profile}")
    return {"summary": summary, "chunks": [row_as_dict(row) for row in rows]}


def print_profile(profiler: cProfile.Profile, *, top: int) -> None:
    """The ``top`` functions of the ingest by cumulative and by own time."""
    for order in ("cumulative", "tottime"):
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text).strip_dirs().sort_stats(order)
        stats.print_stats(top)
        body = text.getvalue()
        print()
        print(f"profile of the ingest, top {top} by {order}:")
        print(body[body.index("   ncalls") :].rstrip())


def row_as_dict(row: ChunkTiming) -> dict[str, object]:
    fields = {name: getattr(row, name) for name in ChunkTiming.__slots__}
    return {**fields, "seconds": row.seconds, "articles_per_second": row.rate}


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.db is not None:
        figures = run(args, args.db)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as folder:
            figures = run(args, Path(folder) / "stories.db")
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
