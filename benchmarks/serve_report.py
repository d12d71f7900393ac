"""Figures of the load benchmark: latencies per route, percentiles, errors, and CPU time."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

MAX_EXAMPLES = 20


@dataclass
class RouteTimes:
    """One route's latencies (seconds), with the X-Cache answer of each, and its errors."""

    seconds: list[float] = field(default_factory=list)
    caches: list[str] = field(default_factory=list)
    errors: int = 0


@dataclass
class Timings:
    """Latencies by route name, and a few errors as examples."""

    routes: dict[str, RouteTimes] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    def add(self, route: str, seconds: float, *, error: str | None, cache: str = "") -> None:
        times = self.routes.setdefault(route, RouteTimes())
        times.seconds.append(seconds)
        times.caches.append(cache)
        if error is not None:
            times.errors += 1
            if len(self.examples) < MAX_EXAMPLES:
                self.examples.append(error)


def percentile(values: Sequence[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def row(seconds: Sequence[float], errors: int, *, wall_seconds: float | None) -> dict[str, float]:
    return {
        "requests": len(seconds),
        "per_second": len(seconds) / wall_seconds if wall_seconds else float("nan"),
        "p50_ms": 1000 * percentile(seconds, 0.5),
        "p99_ms": 1000 * percentile(seconds, 0.99),
        "max_ms": 1000 * max(seconds, default=float("nan")),
        "errors": errors,
    }


def summarize(
    timings: Timings, *, wall_seconds: float | None, split: str
) -> dict[str, dict[str, float]]:
    """A row per route, the ``split`` route again as its hits and misses (``X-Cache``), and
    ``all``."""
    rows: dict[str, dict[str, float]] = {}
    everything: list[float] = []
    errors = 0
    for name, times in sorted(timings.routes.items()):
        rows[name] = row(times.seconds, times.errors, wall_seconds=wall_seconds)
        everything += times.seconds
        errors += times.errors
        if name == split:
            for cache in ("hit", "miss"):
                chosen = [
                    sec
                    for sec, said in zip(times.seconds, times.caches, strict=True)
                    if said == cache
                ]
                rows[f"{name} {cache}"] = row(chosen, 0, wall_seconds=wall_seconds)
    rows["all"] = row(everything, errors, wall_seconds=wall_seconds)
    return rows


def print_table(rows: dict[str, dict[str, float]]) -> None:
    print(
        f"  {'route':<24}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'errors':>8}"
    )
    for name, figures in rows.items():
        print(
            f"  {name:<24}{figures['requests']:>9.0f}{figures['per_second']:>9.1f}"
            f"{figures['p50_ms']:>9.1f}{figures['p99_ms']:>9.1f}{figures['max_ms']:>9.1f}"
            f"{figures['errors']:>8.0f}"
        )


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user and system) used so far by process ``pid`` and its living children
    (the server's rendering workers); NaN without psutil."""
    try:
        import psutil
    except ImportError:
        return float("nan")
    process = psutil.Process(pid)
    total = 0.0
    for member in [process, *process.children(recursive=True)]:
        try:
            times = member.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total
