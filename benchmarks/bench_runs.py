"""Separate ingests into a large store, as a feed brings news every hour: the cost of each run.

    python benchmarks/bench_runs.py --db STORE [--runs 5] [--articles 1000] [--full]

``STORE`` is a store built before, e.g. by ``bench_ingest.py --db STORE`` (100,000 synthetic
articles over three years). This copies it, then ingests ``--runs`` runs of ``--articles`` new
synthetic articles each into the copy (``add_articles``, one run per process, as ``storyline
ingest`` runs), each run's articles published in the hours after the store's last one, and prints
each run's wall and CPU seconds and the process's peak memory. The new articles are
``synth_stream.synthesize`` with seed 1000 + the run's number, moved in time.

A run of dated articles restores only the stories near them in time from the store
(``StoryStore.restore_into``); ``--full`` makes every run replay the whole store instead, as every
ingest did before layout 12, for comparison. The first run into a store of an earlier layout
upgrades it and replays it once, to write the vectors it keeps from then on.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from synth_stream import synthesize

from storyline.config import Config
from storyline.store.assign import FullReplayAssigner
from storyline.store.update import add_articles


def last_published(db: Path) -> datetime:
    connection = sqlite3.connect(db)
    try:
        (last,) = connection.execute(
            "SELECT max(json_extract(record, '$.published')) FROM articles"
        ).fetchone()
    finally:
        connection.close()
    if last is None:
        raise SystemExit(f"{db}: the store holds no dated article")
    return datetime.fromisoformat(last)


def one_run(db: Path, *, number: int, articles: int, full: bool) -> dict[str, float]:
    """Ingest run ``number`` (in this process) and return its figures."""
    made = [article for article, _ in synthesize(articles, seed=1000 + number, days=1)]
    shift = last_published(db) - min(a.published for a in made if a.published) + timedelta(hours=1)
    made = [
        replace(a, id=f"{a.id}-run{number}", published=a.published + shift)
        for a in made
        if a.published is not None
    ]
    began, cpu = time.perf_counter(), time.process_time()
    update = add_articles(
        made,
        db=db,
        config=Config(),
        refresh=False,
        assigner=FullReplayAssigner if full else None,
    )
    return {
        "run": number,
        "articles": update.counts.added,
        "wall_s": time.perf_counter() - began,
        "cpu_s": time.process_time() - cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the store to copy and grow")
    parser.add_argument("--runs", type=int, default=5, help="ingests, one after another")
    parser.add_argument("--articles", type=int, default=1000, help="new articles a run")
    parser.add_argument("--full", action="store_true", help="replay the whole store each run")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--one-run", type=int, help=argparse.SUPPRESS)  # a child process's run
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.one_run is not None:
        figures = one_run(args.db, number=args.one_run, articles=args.articles, full=args.full)
        print(json.dumps(figures))
        return 0
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no such store (build one with bench_ingest.py --db)")
    rows: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="storyline-runs-") as folder:
        db = Path(folder) / "store.db"
        shutil.copy(args.db, db)
        connection = sqlite3.connect(db)
        (stored,) = connection.execute("SELECT count(*) FROM articles").fetchone()
        connection.close()
        mode = "every run replays the whole store" if args.full else "runs restore near their days"
        print(f"store: a copy of {args.db} ({stored} articles); {mode}")
        print(f"{'run':>3}  {'articles':>8}  {'wall s':>7}  {'cpu s':>7}  {'peak MB':>7}")
        for number in range(1, args.runs + 1):
            command = [sys.executable, __file__, "--db", str(db), "--one-run", str(number)]
            command += ["--articles", str(args.articles)] + (["--full"] if args.full else [])
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise SystemExit(f"run {number} failed:\n{done.stderr}")
            row = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(row)
            print(
                f"{row['run']:>3}  {row['articles']:>8}  {row['wall_s']:>7.1f}  "
                f"{row['cpu_s']:>7.1f}  {row['peak_mb']:>7.0f}"
            )
    if args.json:
        args.json.write_text(json.dumps({"full": args.full, "runs": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
