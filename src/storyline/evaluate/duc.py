"""DUC 2004 Task 2: read the clusters and published systems' summaries, run and score storyline.

The data lives outside the repository (``../shared/eval/duc2004/``); this module only reads it.
``clusters.jsonl`` has one cluster a line, ``{"id", "articles": [{"id", "text"}], "references"}``;
``peers.jsonl`` has one summary a line, ``{"id", "system", "summary"}``.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import InputError
from storyline.evaluate.rouge import RougeScores, SummaryScorer, check_max_words, mean_scores
from storyline.model import Article

logger = logging.getLogger(__name__)

STORYLINE = "storyline"
"""The system name storyline's own summaries carry in a report and a runs file."""

Summarize = Callable[[Sequence[Article]], str]
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class EvalCluster:
    """One evaluation cluster: the articles to summarize and the human reference summaries."""

    id: str
    articles: tuple[Article, ...]
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SystemScores:
    """A system's ROUGE means over the evaluated clusters.

    ``missing`` lists the clusters the system had no summary for; each counted as an empty summary.
    """

    system: str
    scores: RougeScores
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClusterRun:
    """storyline's summary of one cluster and the seconds it took to produce it."""

    id: str
    summary: str
    seconds: float


@dataclass(frozen=True, slots=True)
class EvalReport:
    """The result of an evaluation: every system's scores, and storyline's summaries and timings."""

    systems: tuple[SystemScores, ...]
    runs: tuple[ClusterRun, ...]
    max_words: int

    @property
    def storyline(self) -> SystemScores:
        return next(system for system in self.systems if system.system == STORYLINE)

    @property
    def mean_seconds(self) -> float:
        return sum(run.seconds for run in self.runs) / len(self.runs)

    @property
    def max_seconds(self) -> float:
        return max(run.seconds for run in self.runs)


def read_records(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    """Yield ``(line number, JSON object)`` for each non-blank line of a JSON Lines file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(path), "unreadable", f"cannot read the file: {e}") from e
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(str(path), "json", f"line {lineno}: not valid JSON ({e})") from e
        if not isinstance(record, dict):
            raise bad_line(path, lineno, f"expected a JSON object; got {type(record).__name__}")
        yield lineno, record


def bad_line(path: Path, lineno: int, detail: str) -> InputError:
    """The error for a malformed line of a JSON Lines file."""
    return InputError(str(path), "malformed", f"line {lineno}: {detail}")


def _string_field(record: Mapping[str, object], key: str, *, path: Path, lineno: int) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        raise bad_line(path, lineno, f"'{key}' must be a non-empty string; got {value!r:.60}")
    return value


def _parse_articles(
    value: object, *, cluster_id: str, path: Path, lineno: int
) -> tuple[Article, ...]:
    if not isinstance(value, list) or not value:
        raise bad_line(path, lineno, f"'articles' must be a non-empty list; got {value!r:.60}")
    articles = []
    for position, item in enumerate(value):
        if not isinstance(item, dict):
            raise bad_line(path, lineno, f"article {position} must be an object; got {item!r:.60}")
        article_id = _string_field(item, "id", path=path, lineno=lineno)
        text = item.get("text")
        if not isinstance(text, str):
            raise bad_line(path, lineno, f"article {article_id!r}: 'text' must be a string")
        articles.append(
            Article(id=article_id, text=text, source=f"{path}#{cluster_id}", group=cluster_id)
        )
    return tuple(articles)


def _parse_references(value: object, *, path: Path, lineno: int) -> tuple[str, ...]:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(ref, str) and ref.strip() for ref in value)
    ):
        raise bad_line(
            path, lineno, f"'references' must be a non-empty list of strings; got {value!r:.60}"
        )
    return tuple(value)


def load_clusters(path: str | Path) -> list[EvalCluster]:
    """Read a DUC-style ``clusters.jsonl``; a bad line raises InputError naming file and line."""
    path = Path(path)
    clusters: list[EvalCluster] = []
    seen: set[str] = set()
    for lineno, record in read_records(path):
        cluster_id = _string_field(record, "id", path=path, lineno=lineno)
        if cluster_id in seen:
            raise bad_line(path, lineno, f"cluster id {cluster_id!r} appears twice")
        seen.add(cluster_id)
        articles = _parse_articles(
            record.get("articles"), cluster_id=cluster_id, path=path, lineno=lineno
        )
        references = _parse_references(record.get("references"), path=path, lineno=lineno)
        clusters.append(EvalCluster(id=cluster_id, articles=articles, references=references))
    if not clusters:
        raise InputError(str(path), "empty", "the file has no clusters")
    return clusters


def load_peers(path: str | Path) -> dict[str, dict[str, str]]:
    """Read a ``peers.jsonl`` (or a runs file) into ``{system: {cluster id: summary}}``."""
    path = Path(path)
    peers: dict[str, dict[str, str]] = {}
    for lineno, record in read_records(path):
        cluster_id = _string_field(record, "id", path=path, lineno=lineno)
        system = _string_field(record, "system", path=path, lineno=lineno)
        summary = record.get("summary")
        if not isinstance(summary, str):
            raise bad_line(path, lineno, f"'summary' must be a string; got {summary!r:.60}")
        by_cluster = peers.setdefault(system, {})
        if cluster_id in by_cluster:
            raise bad_line(path, lineno, f"system {system!r} has two summaries of {cluster_id!r}")
        by_cluster[cluster_id] = summary
    return peers


def evaluate(
    clusters: Sequence[EvalCluster],
    *,
    summarize: Summarize,
    peers: Mapping[str, Mapping[str, str]] | None = None,
    max_words: int = 100,
    progress: Progress | None = None,
) -> EvalReport:
    """Summarize each cluster with ``summarize`` (timed), and score it and the peers' summaries.

    Peers are scored only on ``clusters``; a peer without a summary of one of them is scored as if
    it had given an empty one, and the cluster is listed in its ``missing``. ``progress(done,
    total)`` is called after each cluster.
    """
    check_max_words(max_words)
    if not clusters:
        raise ValueError("evaluate needs at least one cluster; got none")
    peers = peers or {}
    if STORYLINE in peers:
        raise ValueError(
            f"a peer system may not be called {STORYLINE!r}: that is the system tested"
        )
    scorer = SummaryScorer(max_words=max_words)
    runs: list[ClusterRun] = []
    per_system: dict[str, list[RougeScores]] = {STORYLINE: [], **{name: [] for name in peers}}
    missing: dict[str, list[str]] = {name: [] for name in peers}
    for done, cluster in enumerate(clusters, start=1):
        start = time.perf_counter()
        summary = summarize(cluster.articles)
        seconds = time.perf_counter() - start
        runs.append(ClusterRun(id=cluster.id, summary=summary, seconds=seconds))
        per_system[STORYLINE].append(scorer.score(summary, references=cluster.references))
        for name, summaries in peers.items():
            peer_summary = summaries.get(cluster.id)
            if peer_summary is None:
                missing[name].append(cluster.id)
                peer_summary = ""
            per_system[name].append(scorer.score(peer_summary, references=cluster.references))
        if progress is not None:
            progress(done, len(clusters))
    for name, ids in missing.items():
        if ids:
            logger.warning("%s has no summary of %d cluster(s): %s", name, len(ids), ", ".join(ids))
    systems = tuple(
        SystemScores(system=name, scores=mean_scores(scores), missing=tuple(missing.get(name, ())))
        for name, scores in per_system.items()
    )
    return EvalReport(systems=systems, runs=tuple(runs), max_words=max_words)


def write_runs(report: EvalReport, path: str | Path) -> None:
    """Write storyline's summaries as JSON Lines, ``{"id", "system": "storyline", "summary"}``."""
    lines = (
        json.dumps({"id": run.id, "system": STORYLINE, "summary": run.summary}, ensure_ascii=False)
        for run in report.runs
    )
    Path(path).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
