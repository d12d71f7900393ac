"""Load test of ``storyline serve``: concurrent clients over the pages and the JSON API.

    python benchmarks/bench_serve.py [--articles N] [--db PATH] [--seed S] [--clients N]
                                     [--seconds S] [--requests N] [--stories N] [--no-warm]
                                     [--json PATH]

The store is ``--db`` if that file exists; otherwise ``--articles`` synthetic articles
(``synth_stream.synthesize``: the real DUC 2004 clusters recombined, read from ``../shared/eval/``
beside the repository) are written as JSON Lines and ingested with ``storyline ingest`` into
``--db`` (or a temporary store, removed afterwards). ``storyline serve`` then runs as a
subprocess on a free loopback port (127.0.0.1 only) and ``--clients`` threads, each with its own
HTTP connection, send requests until ``--seconds`` have passed or ``--requests`` have been sent
in all, whichever comes first. Each request picks, by seeded chance, one of: the home page
``/`` (20 %), a story page ``/stories/{id}`` (30 %), ``/api/stories`` (20 %) and
``/api/stories/{id}`` (30 %), over the ``--stories`` newest stories. Unless ``--no-warm``, each of
those stories' pages is asked for once before the clock starts, so the figures are those of a
server whose digests are cached (the first view of a story computes its digest; ``--no-warm``
measures that too).

Printed: per route, requests, throughput (requests per second), latency p50, p99 and maximum in
milliseconds, and errors (a status other than 200, or a failed connection); then the totals.
The exit code is 1 when there was any error.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from synth_stream import DEFAULT_CLUSTERS, as_record, load_sources, synthesize

from storyline.web.local_server import free_port, stop_process, wait_until_answering

RUN = "from storyline.cli.app import main; main()"
ROUTES = {  # route name -> share of requests
    "/": 0.2,
    "/stories/{id}": 0.3,
    "/api/stories": 0.2,
    "/api/stories/{id}": 0.3,
}


@dataclass
class RouteTimes:
    """One route's latencies (seconds) and errors (a few kept as examples)."""

    seconds: list[float] = field(default_factory=list)
    errors: int = 0
    examples: list[str] = field(default_factory=list)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=10_000, help="default: 10000")
    parser.add_argument("--db", type=Path, default=None, help="store to reuse or build")
    parser.add_argument("--seed", type=int, default=0, help="default: 0")
    parser.add_argument("--clients", type=int, default=50, help="default: 50")
    parser.add_argument("--seconds", type=float, default=60.0, help="default: 60")
    parser.add_argument(
        "--requests", type=int, default=200_000, help="most requests in all (default: 200000)"
    )
    parser.add_argument(
        "--stories", type=int, default=200, help="newest stories to ask for (default: 200)"
    )
    parser.add_argument("--no-warm", action="store_true", help="do not view each story first")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    for name in ("articles", "clients", "requests", "stories"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be >= 1; got {getattr(args, name)}")
    if not 0 < args.seconds <= 3600:
        parser.error(f"--seconds must be in (0, 3600]; got {args.seconds}")
    return args


def build_store(db: Path, *, articles: int, seed: int) -> None:
    """Ingests ``articles`` synthetic articles into ``db`` with ``storyline ingest``."""
    sources = load_sources(DEFAULT_CLUSTERS)
    stream = db.with_suffix(".jsonl")
    with stream.open("w", encoding="utf-8") as out:
        for article, _ in synthesize(articles, seed=seed, sources=sources):
            out.write(json.dumps(as_record(article), ensure_ascii=False) + "\n")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", RUN, "ingest", str(stream), "--db", str(db)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stream.unlink()
    print(f"built {db}: {articles} articles in {time.perf_counter() - started:.1f} s")


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-c", RUN, "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(
        command, env={**os.environ, "STORYLINE_TOKEN": ""}, stdout=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    if wait_until_answering(f"{base}/api/stories", server, timeout_s=60):
        return server, base
    if server.poll() is not None:
        raise SystemExit(f"storyline serve exited with {server.returncode}")
    stop_process(server)
    raise SystemExit("storyline serve did not answer within 60 s")


def newest_story_ids(base: str, *, count: int) -> list[str]:
    ids: list[str] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        page = 1
        while len(ids) < count:
            body = client.get("/api/stories", params={"page": page, "per_page": 100}).json()
            ids += [story["id"] for story in body["stories"]]
            if page * 100 >= body["total"]:
                break
            page += 1
    return ids[:count]


def warm(base: str, story_ids: Sequence[str]) -> float:
    started = time.perf_counter()
    with httpx.Client(base_url=base, timeout=120) as client:
        for story_id in story_ids:
            client.get(f"/api/stories/{story_id}")
    return time.perf_counter() - started


class Budget:
    """A count of requests left, shared by the client threads."""

    def __init__(self, requests: int) -> None:
        self._left = requests
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self._left <= 0:
                return False
            self._left -= 1
            return True


def drive(
    base: str,
    *,
    story_ids: Sequence[str],
    seed: int,
    deadline: float,
    budget: Budget,
    times: dict[str, RouteTimes],
) -> None:
    """One client: requests over the route mix until the deadline or the budget is spent."""
    chance = random.Random(seed)
    names = list(ROUTES)
    weights = list(ROUTES.values())
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.monotonic() < deadline and budget.take():
            name = chance.choices(names, weights)[0]
            story_id = chance.choice(story_ids)
            path = name.replace("{id}", story_id)
            if name == "/api/stories":
                path += f"?page={chance.randint(1, 3)}"
            started = time.perf_counter()
            try:
                status = client.get(path).status_code
                problem = None if status == 200 else f"{path}: status {status}"
            except httpx.HTTPError as e:
                problem = f"{path}: {type(e).__name__}: {e}"
            elapsed = time.perf_counter() - started
            route = times[name]
            route.seconds.append(elapsed)  # list.append is atomic under the GIL
            if problem is not None:
                route.errors += 1
                if len(route.examples) < 3:
                    route.examples.append(problem)


def percentile(values: Sequence[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def report(times: dict[str, RouteTimes], *, wall_seconds: float) -> dict[str, object]:
    rows: dict[str, object] = {}
    print(
        f"{'route':<20}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'errors':>8}"
    )
    everything = RouteTimes()
    for name, route in [*times.items(), ("all", everything)]:
        if name != "all":
            everything.seconds += route.seconds
            everything.errors += route.errors
            everything.examples += route.examples
        row = {
            "requests": len(route.seconds),
            "per_second": len(route.seconds) / wall_seconds,
            "p50_ms": 1000 * percentile(route.seconds, 0.5),
            "p99_ms": 1000 * percentile(route.seconds, 0.99),
            "max_ms": 1000 * max(route.seconds, default=float("nan")),
            "errors": route.errors,
        }
        rows[name] = row
        print(
            f"{name:<20}{row['requests']:>9}{row['per_second']:>9.1f}{row['p50_ms']:>9.1f}"
            f"{row['p99_ms']:>9.1f}{row['max_ms']:>9.1f}{row['errors']:>8}"
        )
    for example in everything.examples[:10]:
        print(f"  error: {example}")
    return rows


def run(args: argparse.Namespace, db: Path) -> dict[str, object]:
    if not db.exists():
        build_store(db, articles=args.articles, seed=args.seed)
    server, base = start_server(db)
    try:
        story_ids = newest_story_ids(base, count=args.stories)
        if not story_ids:
            raise SystemExit(f"the store {db} has no stories")
        warm_seconds = None if args.no_warm else warm(base, story_ids)
        if warm_seconds is not None:
            print(f"warmed {len(story_ids)} story digests in {warm_seconds:.1f} s")
        times = {name: RouteTimes() for name in ROUTES}
        budget = Budget(args.requests)
        started = time.monotonic()
        deadline = started + args.seconds
        clients = [
            threading.Thread(
                target=drive,
                kwargs={
                    "base": base,
                    "story_ids": story_ids,
                    "seed": args.seed * 1000 + i,
                    "deadline": deadline,
                    "budget": budget,
                    "times": times,
                },
            )
            for i in range(args.clients)
        ]
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        wall_seconds = time.monotonic() - started
    finally:
        stop_process(server)
    print(
        f"store {db}: {len(story_ids)} stories asked for; {args.clients} clients for "
        f"{wall_seconds:.1f} s"
    )
    rows = report(times, wall_seconds=wall_seconds)
    return {
        "db": str(db),
        "clients": args.clients,
        "seconds": wall_seconds,
        "stories": len(story_ids),
        "warm_seconds": warm_seconds,
        "routes": rows,
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.db is not None:
        figures = run(args, args.db)
    else:
        with tempfile.TemporaryDirectory() as folder:
            figures = run(args, Path(folder) / "stories.db")
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    routes = figures["routes"]
    assert isinstance(routes, dict)
    return 1 if routes["all"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
