"""Load test of ``storyline serve``: concurrent readers over the pages and the JSON API, on
loopback, bounded in time and in requests.

    python benchmarks/bench_serve.py [--articles N] [--db PATH] [--seed S] [--clients N]
                                     [--seconds S] [--requests N] [--popularity uniform|zipf]
                                     [--queries N] [--cold] [--no-gzip] [--timeout S]
                                     [--json PATH]

The store is ``--db``, or by default a cached file in the temporary directory named after
``--articles``, ``--seed`` and the store layout; if it does not exist, it is built: synthetic articles
(``synth_stream.synthesize``: the real DUC 2004 clusters recombined, read from ``../shared/eval/``
beside the repository, never copied into it) are drawn until ``--articles`` distinct texts (so
the store holds exactly that many articles; exact wire copies are skipped), written as JSON Lines
and ingested with ``storyline ingest``.

``storyline serve`` then runs as a subprocess on a free port of 127.0.0.1, as a user runs it (it
renders every story ahead in a low-priority worker process after it starts). Unless ``--cold``,
each story page is first asked for once, one at a time: these first views are reported apart
(``first view``), split into those the server had rendered ahead (``X-Cache: hit``) and those it
rendered for the request (``miss``: a cold page). Then ``--clients`` simulated readers, each with
one keep-alive connection of a lean asyncio HTTP/1.1 client (``serve_client``), send requests
without pause (``serve_mix``: the story list, searches drawn from ``--queries`` distinct ones,
story pages, the API list and story JSON) until ``--seconds`` have passed or ``--requests``
were sent, whichever comes first (requests under way then are waited for, up to ``--timeout``).
With ``--cold`` that run starts as soon as the server answers, so story pages not yet rendered
are rendered while the load runs.

Printed: per route, requests, throughput, latency p50, p99 and maximum in milliseconds, errors
(a status other than 200, a failed connection, or no answer within ``--timeout`` seconds); the
story page split into hits and misses; the CPU used by the server (with its workers) and by this
load generator, as shares of one core; and the load average. The exit code is 1 if there was
any error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from serve_client import Connection, HttpError
from serve_mix import POPULARITY, Catalogue, RequestMix, search_queries
from serve_report import Timings, cpu_seconds, print_table, summarize
from synth_stream import DEFAULT_CLUSTERS, as_record, load_sources, synthesize

from storyline.store import content_hash
from storyline.store.sqlite import SCHEMA_VERSION
from storyline.web.local_server import free_port, stop_process, wait_until_answering

RUN = "from storyline.cli.app import main; main()"
HOST = "127.0.0.1"
STORY_PAGE = "/stories/{id}"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=10_000, help="default: 10000")
    parser.add_argument("--db", type=Path, default=None, help="store to reuse or build")
    parser.add_argument("--seed", type=int, default=0, help="default: 0")
    parser.add_argument("--clients", type=int, default=50, help="default: 50")
    parser.add_argument("--seconds", type=float, default=60.0, help="default: 60")
    parser.add_argument(
        "--requests", type=int, default=1_000_000, help="most requests in all (default: 1000000)"
    )
    parser.add_argument("--popularity", choices=POPULARITY, default="uniform")
    parser.add_argument(
        "--queries", type=int, default=1000, help="distinct search queries (default: 1000)"
    )
    parser.add_argument("--cold", action="store_true", help="start the load as the server starts")
    parser.add_argument("--no-gzip", action="store_true", help="do not accept gzip answers")
    parser.add_argument("--timeout", type=float, default=30.0, help="per request (default: 30)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    for name in ("articles", "clients", "requests", "queries"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be >= 1; got {getattr(args, name)}")
    if not 0 < args.seconds <= 3600:
        parser.error(f"--seconds must be in (0, 3600]; got {args.seconds}")
    if not 0 < args.timeout <= 600:
        parser.error(f"--timeout must be in (0, 600]; got {args.timeout}")
    return args


def build_store(db: Path, *, articles: int, seed: int) -> None:
    """Ingests synthetic articles into ``db`` with ``storyline ingest`` until it holds
    ``articles`` distinct texts (built beside it, then renamed: a killed build leaves no store)."""
    sources = load_sources(DEFAULT_CLUSTERS)
    partial = db.with_name(db.name + ".building")
    partial.unlink(missing_ok=True)
    stream = db.with_name(db.name + ".jsonl")
    seen: set[str] = set()
    with stream.open("w", encoding="utf-8") as out:
        for article, _ in synthesize(articles * 21 // 20 + 50, seed=seed, sources=sources):
            digest = content_hash(article.text)
            if digest in seen:
                continue
            seen.add(digest)
            out.write(json.dumps(as_record(article), ensure_ascii=False) + "\n")
            if len(seen) == articles:
                break
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", RUN, "ingest", str(stream), "--db", str(partial)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stream.unlink()
    partial.rename(db)
    print(f"built {db}: {len(seen)} articles in {time.perf_counter() - started:.0f} s")


def store_size(db: Path) -> dict[str, float]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        stories = connection.execute("SELECT count(*) FROM stories").fetchone()[0]
    return {"articles": articles, "stories": stories, "mb": db.stat().st_size / 2**20}


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    command = [sys.executable, "-c", RUN, "serve", "--db", str(db), "--host", HOST]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        env={**os.environ, "STORYLINE_TOKEN": ""},
        stdout=subprocess.DEVNULL,
    )
    if wait_until_answering(f"http://{HOST}:{port}/api/stories", server, timeout_s=120):
        return server, port
    stop_process(server)
    raise SystemExit(f"storyline serve did not answer within 120 s (exit code {server.poll()})")


async def catalogue(port: int, *, seed: int, queries: int) -> Catalogue:
    """Every story id, newest activity first, and search queries from their headlines."""
    ids: list[str] = []
    headlines: list[str] = []
    page = 1
    while True:
        body = await _get_json(port, f"/api/stories?per_page=100&page={page}")
        ids += [story["id"] for story in body["stories"]]
        headlines += [story["headline"] or "" for story in body["stories"]]
        if page * 100 >= body["total"]:
            break
        page += 1
    return Catalogue(tuple(ids), tuple(search_queries(headlines, seed=seed, count=queries)))


async def _get_json(port: int, path: str) -> dict[str, list[dict[str, str]]]:
    """``GET path`` on a connection of its own, closed after the answer."""
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
    raw = await reader.read()
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise SystemExit(f"GET {path}: {head.splitlines()[0]!r}")
    return json.loads(body)  # type: ignore[no-any-return]


async def first_views(
    port: int, story_ids: Sequence[str], *, seed: int, gzip: bool, timeout: float
) -> Timings:
    """Each story page asked for once, one at a time, in a seeded random order (not the order
    in which the server renders ahead: newest first)."""
    timings = Timings()
    connection = Connection(HOST, port, gzip=gzip)
    order = list(story_ids)
    random.Random(f"first-views-{seed}").shuffle(order)
    for number, story_id in enumerate(order, start=1):
        await _timed(connection, STORY_PAGE, f"/stories/{story_id}", timings, timeout=timeout)
        if number % 100 == 0:
            print(f"  first views: {number} of {len(story_ids)}", file=sys.stderr)
    await connection.close()
    return timings


async def _timed(
    connection: Connection, route: str, path: str, timings: Timings, *, timeout: float
) -> None:
    started = time.perf_counter()
    try:
        answer = await asyncio.wait_for(connection.get(path, keep=("x-cache",)), timeout)
    except (HttpError, TimeoutError) as e:
        await connection.close()
        timings.add(route, time.perf_counter() - started, error=f"{path}: {e or 'timeout'}")
        return
    problem = None if answer.status == 200 else f"{path}: status {answer.status}"
    timings.add(
        route, time.perf_counter() - started, error=problem, cache=answer.headers["x-cache"]
    )


async def load(
    port: int,
    mix_of: list[RequestMix],
    *,
    seconds: float,
    requests: int,
    gzip: bool,
    timeout: float,
) -> tuple[Timings, float]:
    """The readers, each with its mix, until the time or the request budget is spent; the
    timings and the wall seconds."""
    timings = Timings()
    left = [requests]
    started = time.monotonic()
    deadline = started + seconds

    async def reader(mix: RequestMix) -> None:
        connection = Connection(HOST, port, gzip=gzip)
        while time.monotonic() < deadline and left[0] > 0:
            left[0] -= 1
            route, path = mix.next()
            await _timed(connection, route, path, timings, timeout=timeout)
        await connection.close()

    await asyncio.gather(*(reader(mix) for mix in mix_of))
    return timings, time.monotonic() - started


def default_db(articles: int, seed: int) -> Path:
    """The cached store of ``articles`` and ``seed`` for this store layout (a store of another
    layout cannot be read)."""
    name = f"storyline-bench-serve-{articles}-s{seed}-layout{SCHEMA_VERSION}.db"
    return Path(tempfile.gettempdir()) / name


def run(args: argparse.Namespace) -> dict[str, object]:
    db = args.db or default_db(args.articles, args.seed)
    if not db.exists():
        build_store(db, articles=args.articles, seed=args.seed)
    size = store_size(db)
    print(
        f"store {db}: {size['articles']:.0f} articles, {size['stories']:.0f} stories, "
        f"{size['mb']:.0f} MB"
    )
    gzip = not args.no_gzip
    server, port = start_server(db)
    try:
        found = asyncio.run(catalogue(port, seed=args.seed, queries=args.queries))
        first = None
        if not args.cold:
            began = time.monotonic()
            first = asyncio.run(
                first_views(
                    port,
                    found.story_ids,
                    seed=args.seed,
                    gzip=gzip,
                    timeout=max(args.timeout, 120),
                )
            )
            print(
                f"first views of {len(found.story_ids)} story pages in "
                f"{time.monotonic() - began:.0f} s"
            )
        mixes = [
            RequestMix(found, seed=args.seed * 1000 + i, popularity=args.popularity)
            for i in range(args.clients)
        ]
        load_before = os.getloadavg()
        server_cpu = cpu_seconds(server.pid)
        own_cpu = time.process_time()
        timings, wall = asyncio.run(
            load(
                port,
                mixes,
                seconds=args.seconds,
                requests=args.requests,
                gzip=gzip,
                timeout=args.timeout,
            )
        )
        own_cpu = time.process_time() - own_cpu
        server_cpu = cpu_seconds(server.pid) - server_cpu
        load_after = os.getloadavg()
    finally:
        stop_process(server)
    print(
        f"{args.clients} clients for {wall:.1f} s ({args.popularity} stories, "
        f"gzip {'on' if gzip else 'off'}{', cold start' if args.cold else ''})"
    )
    if first is not None:
        print("first view of each story page, one at a time:")
        print_table(summarize(first, wall_seconds=None, split=STORY_PAGE))
    routes = summarize(timings, wall_seconds=wall, split=STORY_PAGE)
    print("under load:")
    print_table(routes)
    for example in timings.examples[:10]:
        print(f"  error: {example}")
    print(
        f"CPU (share of one core): server with its workers {server_cpu / wall:.2f}, "
        f"load generator {own_cpu / wall:.2f}; {os.cpu_count()} cores"
    )
    print(f"load average (1, 5, 15 min): before {_load(load_before)}, after {_load(load_after)}")
    return {
        "db": str(db),
        "store": size,
        "clients": args.clients,
        "seconds": wall,
        "popularity": args.popularity,
        "gzip": gzip,
        "cold": args.cold,
        "stories": len(found.story_ids),
        "queries": len(found.queries),
        "first_views": None
        if first is None
        else summarize(first, wall_seconds=None, split=STORY_PAGE),
        "routes": routes,
        "server_cpu_share": server_cpu / wall,
        "generator_cpu_share": own_cpu / wall,
        "cores": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": load_after,
    }


def _load(values: tuple[float, float, float]) -> str:
    return " ".join(f"{value:.2f}" for value in values)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    figures = run(args)
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    routes = figures["routes"]
    assert isinstance(routes, dict)
    return 1 if routes["all"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
