"""The ``storyline`` command. Commands parse options, call the Python API and render results."""

from __future__ import annotations

import json
import logging
import socket
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from storyline.cli.interrupts import Terminated, articles_in, interrupted, stops_as_interrupts
from storyline.cli.outputs import (
    check_folder,
    check_writable,
    input_paths,
    named,
    output_file,
    write_output,
)
from storyline.config import MAX_ARTICLE_CHARS, Config
from storyline.errors import StorylineError
from storyline.model import Article, Rejection, Story
from storyline.render.words import counted, shortened

if TYPE_CHECKING:
    from storyline.engine import Engine

app = typer.Typer(
    name="storyline",
    help="Many news reports in, one trustworthy attributed account of each story out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2


class OutputFormat(str, Enum):
    md = "md"
    json = "json"


class ReportFormat(str, Enum):
    table = "table"
    json = "json"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"storyline: error: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


_T = TypeVar("_T")


def _first_or_last(items: list[_T], *, first: int | None, last: int | None) -> list[_T]:
    """The first or the last ``first`` / ``last`` items (all when neither is given)."""
    if first is not None and last is not None:
        raise _fail("give --first or --last, not both")
    if first is not None:
        return items[:first]
    if last is not None:
        return items[-last:]
    return items


def _output_file(name: str | None, *, keep: Sequence[Path] = ()) -> Path | None:
    """The output file named on the command line (``outputs.output_file``), checked writable
    (``outputs.check_writable``), or a usage error."""
    try:
        path = output_file(name)
        check_writable(path, keep=keep)
    except StorylineError as e:
        raise _fail(str(e)) from e
    return path


def _config(**settings: object) -> Config:
    try:
        return Config(**settings)  # type: ignore[arg-type]
    except StorylineError as e:
        raise _fail(str(e)) from e


class EngineKind(str, Enum):
    local = "local"
    dask = "dask"


def _engine(
    kind: EngineKind, *, scheduler: str | None, connect_timeout_s: float
) -> AbstractContextManager[Engine]:
    """The engine ``--engine`` names, not yet entered (entering a Dask engine connects)."""
    from storyline.engine import LocalEngine

    if kind is EngineKind.local:
        if scheduler is not None:
            raise _fail(
                f"--scheduler applies only with --engine dask; got --scheduler {scheduler} "
                f"with --engine {kind.value}"
            )
        return nullcontext(LocalEngine())
    try:
        from storyline.engine.dask import DaskEngine
    except ImportError as e:
        raise _fail(f"--engine dask needs Dask: pip install 'storyline[dask]' ({e})") from e
    # Importing distributed sets its loggers to INFO; the command reports warnings only.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    try:
        return DaskEngine(scheduler, connect_timeout_s=connect_timeout_s)
    except StorylineError as e:
        raise _fail(str(e)) from e


EngineOption = Annotated[
    EngineKind,
    typer.Option(
        "--engine",
        help="Where files are read and articles prepared: local (this process) or dask "
        "(tasks on the cluster at --scheduler, or on a local cluster started for the run). "
        "Stories are decided here either way, with the same result.",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        metavar="ADDRESS",
        help="The Dask scheduler to use with --engine dask, e.g. tcp://host:8786.",
    ),
]
ConnectTimeoutOption = Annotated[
    float,
    typer.Option(
        min=0.1,
        metavar="SECONDS",
        help="How long to try to reach the --scheduler, and to wait for its first worker.",
    ),
]


MaxFileBytesOption = Annotated[
    int,
    typer.Option(
        min=1,
        metavar="BYTES",
        help="Input files larger than this are rejected ('too-large'), never cut; in a WARC "
        "file, each page.",
    ),
]
MaxArticleCharsOption = Annotated[
    int,
    typer.Option(
        min=1,
        max=MAX_ARTICLE_CHARS,
        metavar="CHARS",
        help=f"Articles whose text is longer are rejected ('too-large'), never cut (at most "
        f"{MAX_ARTICLE_CHARS:,}).",
    ),
]
MaxStoryArticlesOption = Annotated[
    int,
    typer.Option(
        min=2,
        metavar="N",
        help="A story with more articles is digested from N of them, spread over its time "
        "span; the output says so and lists the others as unread.",
    ),
]
_DEFAULTS = Config()


def _echo_unread(stories: Sequence[Story]) -> None:
    """Say on stderr which stories were digested from part of their articles."""
    for story in stories:
        if story.unread_article_ids:
            total = len(story.article_ids)
            read = total - len(story.unread_article_ids)
            typer.echo(
                f"storyline: story {story.id} has {total:,} articles; its digest reads {read:,} "
                f"of them (--max-story-articles {read}; raise it to read more)",
                err=True,
            )


# What each kind of skipped input is, for people.
_SKIPPED_NOUNS = {"not-a-page": "WARC record", "store-file": "file", "duplicate-input": "input"}


def _echo_rejections(rejections: Sequence[Rejection]) -> bool:
    """Name each failed input on stderr and count the skipped ones (records that are not pages);
    True when some input failed (the exit code is then ``EXIT_REJECTED``)."""
    skipped: dict[str, int] = {}
    failed = False
    for rejection in rejections:
        if rejection.is_failure:
            source = rejection.source or "''"  # an empty path given
            typer.echo(f"storyline: rejected {source}: {rejection.detail}", err=True)
            failed = True
        else:
            skipped[rejection.reason] = skipped.get(rejection.reason, 0) + 1
    for reason, count in sorted(skipped.items()):
        skipped_inputs = counted(count, _SKIPPED_NOUNS.get(reason, "input"))
        typer.echo(f"storyline: skipped {skipped_inputs} ({reason}; listed in reports)", err=True)
    return failed


@app.command()
def digest(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH", help="Files or directories of news reports.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="md for people, json for programs.")
    ] = OutputFormat.md,
    max_words: Annotated[int, typer.Option(metavar="N", help="Word budget of the summary.")] = 120,
    output_name: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write here instead of stdout."),
    ] = None,
    engine_kind: EngineOption = EngineKind.local,
    scheduler: SchedulerOption = None,
    connect_timeout: ConnectTimeoutOption = 10.0,
    max_file_bytes: MaxFileBytesOption = _DEFAULTS.max_file_bytes,
    max_article_chars: MaxArticleCharsOption = _DEFAULTS.max_article_chars,
    max_story_articles: MaxStoryArticlesOption = _DEFAULTS.max_story_articles,
) -> None:
    """Digest news reports into stories: headline, attributed summary, sources."""
    from storyline.pipeline import digest as run_digest
    from storyline.render import render_json, render_markdown

    config = _config(
        max_words=max_words,
        max_file_bytes=max_file_bytes,
        max_article_chars=max_article_chars,
        max_story_articles=max_story_articles,
    )
    inputs = input_paths(paths)
    output = _output_file(output_name, keep=named(inputs))
    engine_context = _engine(engine_kind, scheduler=scheduler, connect_timeout_s=connect_timeout)
    try:
        with engine_context as engine:
            result = run_digest(inputs, config=config, engine=engine)
    except StorylineError as e:
        raise _fail(str(e)) from e
    failed = _echo_rejections(result.rejections)
    _echo_unread(result.stories)
    text = render_json(result) if output_format is OutputFormat.json else render_markdown(result)
    if output is None:
        typer.echo(text, nl=False)
    else:
        try:
            write_output(output, text)
        except OSError as e:
            raise _fail(f"cannot write {output}: {e.strerror}") from e
    failures = sum(rejection.is_failure for rejection in result.rejections)
    skipped = len(result.rejections) - failures
    typer.echo(
        f"storyline: {counted(len(result.articles), 'article')}, "
        f"{counted(len(result.stories), 'story', 'stories')}, {failures} rejected"
        + (f", {skipped} skipped" if skipped else ""),
        err=True,
    )
    if failed:
        raise typer.Exit(EXIT_REJECTED)


@app.command("eval")
def evaluate_command(
    clusters_path: Annotated[
        Path, typer.Argument(metavar="CLUSTERS", help="Clusters in the DUC JSON Lines format.")
    ],
    peers: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Other systems' summaries to score side by side."),
    ] = None,
    max_words: Annotated[
        int, typer.Option(metavar="N", help="Summaries are cut to this many words.")
    ] = 100,
    runs_name: Annotated[
        str | None,
        typer.Option(
            "--runs", metavar="FILE", help="Write storyline's summaries here (JSON Lines)."
        ),
    ] = None,
    first: Annotated[
        int | None,
        typer.Option(min=1, metavar="N", help="Only the first N clusters (e.g. a tuning half)."),
    ] = None,
    last: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="Only the last N clusters.")
    ] = None,
) -> None:
    """Score storyline's summaries with ROUGE beside published systems."""
    from storyline.evaluate.duc import evaluate, load_clusters, load_peers, write_runs
    from storyline.evaluate.table import render_table
    from storyline.pipeline import build_documents
    from storyline.summarize import summarize as summarize_documents
    from storyline.terms import TermExtractor

    config = _config(max_words=max_words)
    runs = _output_file(runs_name, keep=[clusters_path, *([peers] if peers is not None else [])])
    try:
        clusters = load_clusters(clusters_path)
        peer_summaries = load_peers(peers) if peers is not None else None
    except (StorylineError, OSError) as e:
        raise _fail(str(e)) from e
    clusters = _first_or_last(clusters, first=first, last=last)
    terms = TermExtractor()

    def summarize(articles: Sequence[Article]) -> str:
        summary = summarize_documents(build_documents(articles), config=config, terms=terms)
        return " ".join(sent.text for sent in summary.sentences)

    with typer.progressbar(length=len(clusters), label="summarizing", file=sys.stderr) as bar:
        report = evaluate(
            clusters,
            summarize=summarize,
            peers=peer_summaries,
            max_words=max_words,
            progress=lambda done, total: bar.update(1),
        )
    typer.echo(render_table(report))
    if runs is not None:
        try:
            write_runs(report, runs)
        except OSError as e:
            raise _fail(f"cannot write {runs}: {e.strerror}") from e
        typer.echo(f"storyline: summaries written to {runs}", err=True)


@app.command("eval-timeline")
def evaluate_timeline_command(
    topics_path: Annotated[
        Path,
        typer.Argument(metavar="TOPICS", help="Topics in the Timeline17 JSON Lines format."),
    ],
    runs_name: Annotated[
        str | None,
        typer.Option(
            "--runs", metavar="FILE", help="Write storyline's timelines here (JSON Lines)."
        ),
    ] = None,
    first: Annotated[
        int | None,
        typer.Option(min=1, metavar="N", help="Only the first N topics (e.g. a tuning half)."),
    ] = None,
    last: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="Only the last N topics.")
    ] = None,
) -> None:
    """Score storyline's timelines (date F1, concat and alignment ROUGE) beside published systems."""
    from storyline.evaluate.timeline import (
        evaluate_timelines,
        load_topics,
        render_timeline_table,
        write_timeline_runs,
    )
    from storyline.timeline.tls import summarize_timeline

    runs = _output_file(runs_name, keep=[topics_path])
    try:
        topics = load_topics(topics_path)
    except StorylineError as e:
        raise _fail(str(e)) from e
    topics = _first_or_last(topics, first=first, last=last)
    with typer.progressbar(length=len(topics), label="timelines", file=sys.stderr) as bar:
        report = evaluate_timelines(
            topics,
            system=summarize_timeline,
            progress=lambda done, total, topic: bar.update(1),
        )
    typer.echo(render_timeline_table(report), nl=False)
    if runs is not None:
        try:
            write_timeline_runs(report, runs)
        except OSError as e:
            raise _fail(f"cannot write {runs}: {e.strerror}") from e
        typer.echo(f"storyline: timelines written to {runs}", err=True)


@app.command("eval-clusters")
def evaluate_clusters_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Labelled articles: clusters {id, articles} as ingest reads them (DUC-style "
            "clusters.jsonl; titles and dates are used), records (JSON Lines, CSV) that each "
            "name their cluster, or Timeline17-style topics.jsonl. Several files are mixed, "
            "each keeping its own labels.",
        ),
    ],
    shuffle_seeds: Annotated[
        list[int] | None,
        typer.Option(
            "--shuffle-seed",
            metavar="SEED",
            help="Seed of the shuffle before clustering; repeat it to see how order matters.",
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="table for people, json for programs.")
    ] = ReportFormat.table,
) -> None:
    """Score story clustering by B-cubed precision, recall and F1 against gold clusters."""

    from storyline.evaluate.clusters import (
        clustering_report_as_dict,
        evaluate_clustering,
        load_labelled_articles,
        render_clustering_table,
    )

    if "" in paths:
        raise _fail("an input path is an empty string")
    try:
        data = load_labelled_articles([Path(path) for path in paths])
    except StorylineError as e:
        raise _fail(str(e)) from e
    failed = _echo_rejections(data.rejections)
    report = evaluate_clustering(data, seeds=shuffle_seeds or [0])
    if output_format is ReportFormat.json:
        typer.echo(json.dumps(clustering_report_as_dict(report), indent=2))
    else:
        typer.echo(render_clustering_table(report), nl=False)
    if failed:
        raise typer.Exit(EXIT_REJECTED)


class ListFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


_DEFAULT_DB = Path("storyline.db")


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH", help="Files or directories of news reports.")
    ],
    db: Annotated[
        Path, typer.Option(metavar="FILE", help="The SQLite story store (created if absent).")
    ] = _DEFAULT_DB,
    report_name: Annotated[
        str | None,
        typer.Option(
            "--report",
            metavar="FILE",
            help="Write the run's accounting here as JSON: inputs, stored, duplicates, "
            "rejected, by_reason, rejections.",
        ),
    ] = None,
    engine_kind: EngineOption = EngineKind.local,
    scheduler: SchedulerOption = None,
    connect_timeout: ConnectTimeoutOption = 10.0,
    max_file_bytes: MaxFileBytesOption = _DEFAULTS.max_file_bytes,
    max_article_chars: MaxArticleCharsOption = _DEFAULTS.max_article_chars,
    plan_window: Annotated[
        int | None,
        typer.Option(
            min=0,
            metavar="N",
            help="Group each N new articles by the batch clustering before placing them, "
            "the last window only if it has 100 (undated: 300) (default: 2000); 0: place them "
            "one at a time, as a live feed would.",
        ),
    ] = None,
) -> None:
    """Add articles to the story store, each to the story it reports or to a new one.

    Every input (a text or HTML file, a JSON Lines line, a feed entry, a WARC record) is stored,
    a duplicate of an article stored before (the same text under the same id), or rejected with
    a reason. The same text under another id is stored as a copy: one more source."""
    from storyline.cluster import ClusterSettings
    from storyline.render import render_run_report
    from storyline.store.locking import store_files
    from storyline.store.update import update_store

    config = _config(max_file_bytes=max_file_bytes, max_article_chars=max_article_chars)
    inputs = input_paths(paths)
    try:
        # The store may sit in a folder read (its files are skipped), not be a file given to
        # read; it is made under its writer lock.
        check_folder(db, keep=[path for path in named(inputs) if not path.is_dir()])
        report_path = output_file(report_name)
        check_writable(report_path, keep=[*named(inputs), *store_files(db)])
    except StorylineError as e:
        raise _fail(str(e)) from e
    settings = (
        ClusterSettings() if plan_window is None else ClusterSettings(plan_window=plan_window)
    )
    engine_context = _engine(engine_kind, scheduler=scheduler, connect_timeout_s=connect_timeout)
    stored_before: list[int] = []  # the store's articles when this run got the writer lock
    try:
        with stops_as_interrupts(), engine_context as engine:
            update = update_store(
                inputs,
                db=db,
                config=config,
                settings=settings,
                engine=engine,
                on_wait=lambda message: typer.echo(f"storyline: {message}", err=True),
                on_locked=lambda: stored_before.append(articles_in(db)),
            )
    except StorylineError as e:
        raise _fail(str(e)) from e
    except KeyboardInterrupt as e:
        # Before it held the lock, the run stored nothing (another writer may have).
        stored = articles_in(db) - stored_before[0] if stored_before else 0
        terminated = isinstance(e, Terminated)
        raise interrupted(
            db, stored=stored, report_path=report_path, terminated=terminated
        ) from None
    failed = _echo_rejections(update.rejections)
    counts, report = update.counts, update.report
    opened = set(counts.stories_opened)
    if report_path is not None:
        try:
            write_output(report_path, render_run_report(report))
        except OSError as e:
            raise _fail(f"cannot write the report {report_path}: {e.strerror}") from e
    typer.echo(
        f"storyline: {counted(report.inputs, 'input')} = {report.stored} stored "
        f"+ {report.duplicates} duplicates + {report.rejected} rejected; "
        f"{counts.copies} stored as copies of other articles; "
        f"{counted(len(opened), 'new story', 'new stories')}, "
        f"{counted(len(set(counts.stories_touched) - opened), 'earlier story', 'earlier stories')}"
        f" updated, {counted(len(update.refreshed), 'headline')} refreshed; "
        f"{_planned_summary(counts.planned_windows, counts.planned_articles)}"
        f"{_restored_summary(counts.restored, counts.stored_before)} ({db})",
        err=True,
    )
    if failed:
        raise typer.Exit(EXIT_REJECTED)


def _check_store_exists(db: Path) -> None:
    """Fail with a usage error, saying what to do, when there is no store at ``db``."""
    if db.is_dir():
        raise _fail(
            f"{db} is a directory; --db names the story store's file, such as {db / _DEFAULT_DB}"
        )
    if not db.is_file():
        raise _fail(f"no story store at {db}; run 'storyline ingest PATH --db {db}' first")


def _restored_summary(restored: int, stored_before: int) -> str:
    """How many of the articles stored before the run its story assignment read back."""
    if not stored_before:
        return ""
    if restored >= stored_before:
        return f"; {counted(stored_before, 'stored article')} replayed"
    return (
        f"; {restored} of the {counted(stored_before, 'stored article')} restored"
        " (the stories near the run's days)"
    )


def _planned_summary(windows: int, articles: int) -> str:
    """What the run planned (an interrupted run's plan, followed again, is not counted)."""
    if not windows:
        return "no window planned in this run"
    return (
        f"{counted(articles, 'article', 'articles')} grouped first in "
        f"{counted(windows, 'planned window', 'planned windows')}"
    )


@app.command()
def stories(
    db: Annotated[Path, typer.Option(metavar="FILE", help="The SQLite story store.")] = _DEFAULT_DB,
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="table for people, jsonl for programs.")
    ] = ListFormat.table,
) -> None:
    """List the stories in the store."""

    from storyline.store import StoryStore

    _check_store_exists(db)
    try:
        with StoryStore(db) as store:
            rows = store.stories()
    except StorylineError as e:
        raise _fail(str(e)) from e
    if output_format is ListFormat.jsonl:
        for row in rows:
            record = {
                "id": row.id,
                "headline": row.headline,
                "articles": list(row.article_ids),
                "outlets": list(row.outlets),
                "first": None if row.first is None else row.first.isoformat(),
                "last": None if row.last is None else row.last.isoformat(),
            }
            typer.echo(json.dumps(record, ensure_ascii=False))
        return
    typer.echo(f"{'story':17s}  {'articles':>8s}  {'first':16s}  {'last':16s}  headline / outlets")
    for row in rows:
        first = row.first.strftime("%Y-%m-%d %H:%M") if row.first else "-"
        last = row.last.strftime("%Y-%m-%d %H:%M") if row.last else "-"
        headline = shortened(row.headline or "(no headline)", 90)
        typer.echo(f"{row.id:17s}  {len(row.article_ids):8d}  {first:16s}  {last:16s}  {headline}")
        if row.outlets:
            typer.echo(f"{'':65s}{shortened(', '.join(row.outlets), 90)}")


@app.command()
def show(
    story_id: Annotated[
        str, typer.Argument(metavar="STORY_ID", help="A story id, as 'storyline stories' lists it.")
    ],
    db: Annotated[Path, typer.Option(metavar="FILE", help="The SQLite story store.")] = _DEFAULT_DB,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="md for people, json for programs.")
    ] = OutputFormat.md,
    max_story_articles: MaxStoryArticlesOption = _DEFAULTS.max_story_articles,
) -> None:
    """Print one stored story's digest: summary, timeline, facts, disagreements."""
    from storyline.render import render_json, render_markdown
    from storyline.store.update import stored_digest

    _check_store_exists(db)
    try:
        result = stored_digest(
            story_id, db=db, config=_config(max_story_articles=max_story_articles)
        )
    except StorylineError as e:
        raise _fail(str(e)) from e
    if result is None:
        raise _fail(f"no story {story_id!r} in {db}; 'storyline stories --db {db}' lists them")
    _echo_unread(result.stories)
    text = render_json(result) if output_format is OutputFormat.json else render_markdown(result)
    typer.echo(text, nl=False)


@app.command()
def serve(
    db: Annotated[Path, typer.Option(metavar="FILE", help="The SQLite story store.")] = _DEFAULT_DB,
    host: Annotated[
        str, typer.Option(metavar="HOST", help="The address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(min=1, max=65535, metavar="PORT", help="The port to listen on.")
    ] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="STORYLINE_TOKEN",
            metavar="TOKEN",
            help="Bearer token that POST /api/articles requires (also from STORYLINE_TOKEN); "
            "without one the server refuses writes.",
        ),
    ] = None,
    max_story_articles: MaxStoryArticlesOption = _DEFAULTS.max_story_articles,
) -> None:
    """Serve the story pages and the JSON API (docs at /docs) over the store."""
    import uvicorn

    from storyline.web import create_app

    _check_store_exists(db)
    try:
        web_app = create_app(
            db,
            token=token or None,
            config=_config(max_story_articles=max_story_articles),
        )
    except StorylineError as e:
        raise _fail(str(e)) from e
    try:  # a port in use is a usage error before "serving" is announced
        socket.create_server((host, port)).close()
    except OSError as e:
        raise _fail(f"cannot listen on {host}:{port}: {e.strerror or e}") from e
    writes = "POST /api/articles needs the token" if token else "read-only (no --token)"
    typer.echo(f"storyline: serving {db} at http://{host}:{port}/ ({writes})", err=True)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="storyline: %(levelname)s: %(message)s")
    # trafilatura logs what it cannot extract ("parsed tree length: 0"); the page is rejected
    # with its reason anyway, so its lines would read like failures of storyline.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        app()
    except StorylineError as e:
        typer.echo(f"storyline: error: {e}", err=True)
        sys.exit(EXIT_USAGE)
