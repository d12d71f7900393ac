"""Instructions per article, counted by valgrind: a speed figure that other tenants cannot move.

    python benchmarks/bench_instructions.py [--articles N] [--seed S] [--json PATH]

Seconds measured on a shared machine move with the other tenants' load (up to 3x from one
minute to the next); the number of instructions a process executes does not. This runs one
workload three times under ``valgrind --tool=cachegrind --cache-sim=no`` (``apt install
valgrind``), each run doing one stage more:

1. make the first ``--articles`` articles of the synthetic stream (``synth_stream``, from the
   DUC 2004 clusters in ``../shared/eval/``), and open a new store;
2. also prepare them (cleaning, segmentation, features, MinHash: ``ArticlePreparer``);
3. also ingest them into the store in one planned ingest (``store.update.ingest_prepared``:
   plan, copy look-up, story assignment, SQLite), as ``bench_ingest.py`` times it.

Stages 2 and 3 run in ``collector.bulk_allocation``, as ``storyline ingest`` runs them.

Printed: millions of instructions per article for preparation (run 2 minus run 1) and for
planning, assignment and storage (run 3 minus run 2), and their sum. The runs use a fixed hash
seed (``PYTHONHASHSEED=0``); what is left to chance (addresses, temporary names) still moves the
figures by about 1 % from run to run (13.14 and 13.27 million in two runs of the same code).
With ``--workload`` the script is the workload itself (what valgrind runs).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

STAGES = ("make", "prepare", "ingest")
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def workload(stage: str, articles: int, seed: int) -> None:
    """One run: make the articles, then prepare them, then ingest them, up to ``stage``."""
    from synth_stream import synthesize

    from storyline.cluster import ClusterSettings
    from storyline.collector import bulk_allocation
    from storyline.model import Rejection
    from storyline.preparation import ArticlePreparer
    from storyline.store.assign import ClusterAssigner
    from storyline.store.sqlite import StoryStore
    from storyline.store.update import ingest_prepared

    stream = [article for article, _ in synthesize(articles, seed=seed)]
    with tempfile.TemporaryDirectory() as folder, StoryStore(Path(folder) / "s.db") as store:
        if stage == "make":
            return
        with bulk_allocation():
            preparer = ArticlePreparer()
            prepared = []
            for article in stream:
                item = preparer(article)
                if isinstance(item, Rejection):
                    raise SystemExit(f"synthetic article rejected: {item}")
                prepared.append(item)
            if stage == "ingest":
                ingest_prepared(
                    store, prepared, assigner=ClusterAssigner(), settings=ClusterSettings()
                )


def count(stage: str, articles: int, seed: int) -> int:
    """Instructions of one workload run under valgrind."""
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        str(Path(__file__).resolve()),
        "--workload",
        stage,
        "--articles",
        str(articles),
        "--seed",
        str(seed),
    ]
    # A fixed hash seed: the orders of sets and dicts of strings are the same every run.
    environment = os.environ | {"PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    found = _REFS.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"valgrind run of stage {stage!r} failed:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=1000, help="default: 1000")
    parser.add_argument("--seed", type=int, default=0, help="the stream's seed (default: 0)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--workload", choices=STAGES, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be >= 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.workload is not None:
        workload(args.workload, args.articles, args.seed)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt install valgrind)", file=sys.stderr)
        return 2
    totals = {stage: count(stage, args.articles, args.seed) for stage in STAGES}
    per_article = {
        "prepare": (totals["prepare"] - totals["make"]) / args.articles / 1e6,
        "plan_assign_store": (totals["ingest"] - totals["prepare"]) / args.articles / 1e6,
    }
    per_article["total"] = per_article["prepare"] + per_article["plan_assign_store"]
    print(f"synthetic articles: {args.articles} (seed {args.seed}), one planned ingest")
    print("millions of instructions per article:")
    print(f"  preparation                          {per_article['prepare']:6.2f}")
    print(f"  planning, assignment and storage     {per_article['plan_assign_store']:6.2f}")
    print(f"  total                                {per_article['total']:6.2f}")
    if args.json is not None:
        payload = {"articles": args.articles, "seed": args.seed, "instructions": totals}
        args.json.write_text(json.dumps(payload | {"per_article_millions": per_article}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
