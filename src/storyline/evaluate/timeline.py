"""Timeline17: read the topics, run a timeline system on each, score it, render the report.

The data lives outside the repository (``../shared/eval/timeline17/``); this module only reads it.
``topics.jsonl`` has one topic a line, ``{"id", "keywords", "articles": [{"id", "published":
"YYYY-MM-DD", "text"}], "timelines": [[["YYYY-MM-DD", ["sentence", ...]], ...], ...]}``.

The setting is the standard one (Martschat and Markert 2018; Gholipour Ghalandari and Ifrim 2020,
news-tls ``evaluate.py``): the system is asked for as many dates as the reference timeline has and
for the reference's mean number of sentences per date, rounded; its dates are kept within the
reference's first and last date; it is scored with ``timeline_metrics``.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Protocol

from storyline.errors import InputError
from storyline.evaluate.duc import bad_line, read_records
from storyline.evaluate.timeline_metrics import (
    PRF,
    Timeline,
    TimelineScorer,
    TimelineScores,
    mean_timeline_scores,
    parse_day,
)
from storyline.model import Article

logger = logging.getLogger(__name__)

PUBLISHING_HOUR_UTC = 12
"""A Timeline17 article carries only a date; it is placed at noon UTC, so that its local date is
the given one in every zone within twelve hours of UTC."""


@dataclass(frozen=True, slots=True)
class PublishedResult:
    """A system's published figures on the whole Timeline17 set (fractions, as published)."""

    system: str
    align_rouge1_f1: float
    align_rouge2_f1: float
    date_f1: float
    source: str


PUBLISHED = (
    PublishedResult("DATEWISE", 0.120, 0.035, 0.544, "Gholipour Ghalandari and Ifrim, ACL 2020"),
    PublishedResult("CLUST", 0.082, 0.020, 0.407, "Gholipour Ghalandari and Ifrim, ACL 2020"),
    PublishedResult(
        "Martschat and Markert", 0.105, 0.030, 0.544, "Gholipour Ghalandari and Ifrim, ACL 2020"
    ),
)


@dataclass(frozen=True, slots=True)
class TimelineTopic:
    """One topic: its articles, and the reference timelines a system is scored against."""

    id: str
    keywords: tuple[str, ...]
    articles: tuple[Article, ...]
    references: tuple[Timeline, ...]

    @property
    def n_dates(self) -> int:
        """The number of dates asked of a system: the references' mean, rounded (at least 1)."""
        mean = sum(len(ref.summaries) for ref in self.references) / len(self.references)
        return max(1, round(mean))

    @property
    def sentences_per_date(self) -> int:
        """Sentences asked per date: the references' mean per date, rounded (at least 1)."""
        lengths = [len(sents) for ref in self.references for sents in ref.summaries.values()]
        return max(1, round(sum(lengths) / len(lengths)))

    @property
    def span(self) -> tuple[date, date]:
        """The first and last date of the references."""
        days = [day for ref in self.references for day in ref.summaries]
        return min(days), max(days)


class TimelineSystem(Protocol):
    """Builds a timeline of ``n_dates`` dates, within ``start``..``end``, from the articles."""

    def __call__(
        self,
        articles: Sequence[Article],
        *,
        n_dates: int,
        sentences_per_date: int,
        start: date | None,
        end: date | None,
    ) -> Sequence[tuple[str, Sequence[str]]]: ...


Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class TopicRun:
    """A system's timeline of one topic, its scores and the seconds it took to build."""

    id: str
    timeline: Timeline
    scores: TimelineScores
    seconds: float
    n_dates: int
    sentences_per_date: int


@dataclass(frozen=True, slots=True)
class TimelineReport:
    runs: tuple[TopicRun, ...]

    @property
    def mean(self) -> TimelineScores:
        return mean_timeline_scores([run.scores for run in self.runs])

    @property
    def total_seconds(self) -> float:
        return sum(run.seconds for run in self.runs)


def _read_records(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    if not path.exists():
        raise InputError(str(path), "missing", "no such file")
    yield from read_records(path)


def _string(value: object, what: str, *, path: Path, lineno: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise bad_line(path, lineno, f"{what} must be a non-empty string; got {value!r:.60}")
    return value


def _day(value: object, what: str, *, path: Path, lineno: int) -> date:
    try:
        return parse_day(_string(value, what, path=path, lineno=lineno))
    except ValueError as e:
        raise bad_line(path, lineno, f"{what}: {e}") from e


def _parse_articles(
    value: object, *, topic_id: str, path: Path, lineno: int
) -> tuple[Article, ...]:
    if not isinstance(value, list) or not value:
        raise bad_line(path, lineno, f"'articles' must be a non-empty list; got {value!r:.60}")
    articles = []
    for position, item in enumerate(value):
        if not isinstance(item, dict):
            raise bad_line(path, lineno, f"article {position} must be an object; got {item!r:.60}")
        article_id = _string(item.get("id"), f"article {position}: 'id'", path=path, lineno=lineno)
        day = _day(
            item.get("published"), f"article {article_id!r}: 'published'", path=path, lineno=lineno
        )
        text = item.get("text")
        if not isinstance(text, str):
            raise bad_line(path, lineno, f"article {article_id!r}: 'text' must be a string")
        articles.append(
            Article(
                id=article_id,
                text=text,
                source=f"{path}#{topic_id}",
                published=datetime(day.year, day.month, day.day, PUBLISHING_HOUR_UTC, tzinfo=UTC),
                group=topic_id,
            )
        )
    return tuple(articles)


def _parse_timeline(
    value: object, *, topic_id: str, path: Path, lineno: int, log_repeats: bool = True
) -> Timeline:
    """One reference: ``[["YYYY-MM-DD", ["sentence", ...]], ...]``.

    A date given twice keeps its last entry, as tilse's and news-tls's timelines (a dict) do;
    each such date is logged (with ``log_repeats``).
    """
    if not isinstance(value, list) or not value:
        raise bad_line(path, lineno, f"a timeline must be a non-empty list; got {value!r:.60}")
    summaries: dict[date, list[str]] = {}
    for entry in value:
        if (
            not isinstance(entry, list)
            or len(entry) != 2
            or not isinstance(entry[1], list)
            or not all(isinstance(sent, str) for sent in entry[1])
        ):
            raise bad_line(
                path, lineno, f"a timeline entry must be [date, [sentences]]; got {entry!r:.60}"
            )
        day = _day(entry[0], "a timeline date", path=path, lineno=lineno)
        if day in summaries and log_repeats:
            logger.warning(
                "%s line %d (%s): reference date %s is given twice; the last entry is kept, "
                "as tilse keeps it",
                path,
                lineno,
                topic_id,
                day,
            )
        summaries[day] = entry[1]
    return Timeline.from_pairs(summaries.items())


def load_topics(path: str | Path, *, log_repeats: bool = True) -> list[TimelineTopic]:
    """Read a Timeline17-style ``topics.jsonl``; a bad line raises InputError naming the line.
    A reference date given twice is logged, unless ``log_repeats`` is False (a reader of the
    articles alone, such as the clustering evaluation, has no use for it)."""
    path = Path(path)
    topics: list[TimelineTopic] = []
    seen: set[str] = set()
    for lineno, record in _read_records(path):
        topic_id = _string(record.get("id"), "'id'", path=path, lineno=lineno)
        if topic_id in seen:
            raise bad_line(path, lineno, f"topic id {topic_id!r} appears twice")
        seen.add(topic_id)
        keywords = record.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(word, str) for word in keywords):
            raise bad_line(path, lineno, f"'keywords' must be a list of strings; got {keywords!r}")
        timelines = record.get("timelines")
        if not isinstance(timelines, list) or not timelines:
            raise bad_line(
                path, lineno, f"'timelines' must be a non-empty list; got {timelines!r:.60}"
            )
        topics.append(
            TimelineTopic(
                id=topic_id,
                keywords=tuple(keywords),
                articles=_parse_articles(
                    record.get("articles"), topic_id=topic_id, path=path, lineno=lineno
                ),
                references=tuple(
                    _parse_timeline(
                        timeline,
                        topic_id=topic_id,
                        path=path,
                        lineno=lineno,
                        log_repeats=log_repeats,
                    )
                    for timeline in timelines
                ),
            )
        )
    if not topics:
        raise InputError(str(path), "empty", "the file has no topics")
    return topics


def evaluate_timelines(
    topics: Sequence[TimelineTopic],
    *,
    system: TimelineSystem,
    progress: Progress | None = None,
) -> TimelineReport:
    """Run ``system`` on each topic (timed) in the standard setting and score its timeline.

    ``progress(done, total, topic id)`` is called after each topic. A timeline the system returns
    with a malformed or repeated date raises ValueError naming the topic.
    """
    if not topics:
        raise ValueError("evaluate_timelines needs at least one topic; got none")
    scorer = TimelineScorer()
    runs: list[TopicRun] = []
    for done, topic in enumerate(topics, start=1):
        start, end = topic.span
        began = time.perf_counter()
        pairs = system(
            topic.articles,
            n_dates=topic.n_dates,
            sentences_per_date=topic.sentences_per_date,
            start=start,
            end=end,
        )
        seconds = time.perf_counter() - began
        try:
            timeline = Timeline.from_pairs(pairs)
        except ValueError as e:
            raise ValueError(f"topic {topic.id!r}: the system's timeline is malformed: {e}") from e
        runs.append(
            TopicRun(
                id=topic.id,
                timeline=timeline,
                scores=scorer.score(timeline, references=topic.references),
                seconds=seconds,
                n_dates=topic.n_dates,
                sentences_per_date=topic.sentences_per_date,
            )
        )
        logger.info("%s: %d dates in %.1f s", topic.id, len(timeline.summaries), seconds)
        if progress is not None:
            progress(done, len(topics), topic.id)
    return TimelineReport(runs=tuple(runs))


def write_timeline_runs(report: TimelineReport, path: str | Path) -> None:
    """Write each topic's timeline as JSON Lines, ``{"id", "timeline": [[date, [sentences]]]}``."""
    lines = (
        json.dumps({"id": run.id, "timeline": run.timeline.as_pairs()}, ensure_ascii=False)
        for run in report.runs
    )
    Path(path).write_text("".join(line + "\n" for line in lines), encoding="utf-8")


_HEADERS = ("topic", "L", "k", "date F1", "concat R1", "concat R2", "align R1", "align R2")


def _score_cells(scores: TimelineScores) -> tuple[str, ...]:
    values: Sequence[PRF] = (
        scores.dates,
        scores.concat_rouge1,
        scores.concat_rouge2,
        scores.align_rouge1,
        scores.align_rouge2,
    )
    return tuple(f"{value.f1:.3f}" for value in values)


def render_timeline_table(report: TimelineReport) -> str:
    """A plain-text table: F1 of each measure per topic, the mean, and published systems."""
    rows: list[tuple[str, ...]] = [
        (run.id, str(run.n_dates), str(run.sentences_per_date), *_score_cells(run.scores))
        for run in report.runs
    ]
    rows.append(("* storyline (mean)", "", "", *_score_cells(report.mean)))
    for result in PUBLISHED:
        rows.append(
            (
                f"  {result.system} (published)",
                "",
                "",
                f"{result.date_f1:.3f}",
                "-",
                "-",
                f"{result.align_rouge1_f1:.3f}",
                f"{result.align_rouge2_f1:.3f}",
            )
        )
    widths = [max(len(row[col]) for row in (_HEADERS, *rows)) for col in range(len(_HEADERS))]

    def format_row(row: Sequence[str]) -> str:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        return "  ".join(cells)

    n_topics = len(report.runs)
    lines = [format_row(_HEADERS), "  ".join("-" * width for width in widths)]
    lines += [format_row(row) for row in rows[:n_topics]]
    lines.append("  ".join("-" * width for width in widths))
    lines += [format_row(row) for row in rows[n_topics:]]
    slowest = max(report.runs, key=lambda run: run.seconds)
    lines += [
        "",
        "F1 in [0, 1]. Each topic's system timeline has L dates (the reference's) of k sentences "
        "(its mean, rounded),",
        "within the reference's first and last date. Mean: F1 of the mean precision and recall "
        f"over {n_topics} topic(s), as news-tls averages.",
        f"Published: the whole Timeline17 set ({PUBLISHED[0].source}).",
        f"{report.total_seconds:.1f} s building timelines; slowest {slowest.id} "
        f"{slowest.seconds:.1f} s.",
    ]
    return "\n".join(lines) + "\n"
