"""Story clustering on labelled news: B-cubed precision, recall and F1 against gold clusters.

The data lives outside the repository (``../shared/eval/``); this module only reads it. Clusters
``{"id", "articles": [...]}`` (DUC 2004's ``clusters.jsonl``, or any file ``storyline ingest``
reads clusters from, with titles and dates) label each article with its cluster id; a
Timeline17-style ``topics.jsonl`` labels it with its topic id; several files can be mixed. Gold
ids do not always mean different stories: the five Timeline17 ``bpoil_*`` topics are the BP oil
spill as five outlets covered it, and some DUC 2004 clusters share reports. So a second
labelling, "story", merges topics with the same keywords and clusters that share a report (the
same text, at least 20 words); it is reported when it differs.

The articles are shuffled (seeded) and clustered three ways: "batch" (``cluster_documents``, as
``digest`` does: average link on shared neighbours; independent of input order by design),
"stream" (``StoryClusterer.add`` in the shuffled order, nothing revisited: what a store placing
articles one at a time gets), and "store" (``store.update.add_articles`` into a new store, as
``storyline ingest`` of all the articles does: copies, windows planned by the batch clustering,
placement in order of publication). Reading (cleaning and segmenting) is timed once, apart; the
store's time includes its own reading and the SQLite writes.

B-cubed (Bagga and Baldwin 1998; Amigó et al. 2009): for each article, precision is the share of
its predicted cluster that shares its gold label, recall the share of its gold cluster that was
predicted with it; both are averaged over articles, and F1 is their harmonic mean.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from storyline.cluster import (
    ClusterSettings,
    FeatureExtractor,
    StoryClusterer,
    cluster_documents,
)
from storyline.config import Config
from storyline.errors import InputError
from storyline.evaluate.timeline import load_topics
from storyline.ingest.identifiers import path_name
from storyline.ingest.reader import read_inputs, with_unique_id
from storyline.model import Article, Document, Rejection
from storyline.pipeline import build_document
from storyline.terms import TermExtractor

MODES = ("batch", "stream", "store")
# Two groups sharing a text of at least this many words share a report (shorter: boilerplate).
_MIN_SHARED_WORDS = 20


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> BCubed:
    """B-cubed precision and recall of predicted cluster labels against gold labels, one each per
    item, in the same order."""
    if len(predicted) != len(gold):
        raise ValueError(
            f"bcubed needs one predicted and one gold label per item; got {len(predicted)} "
            f"predicted and {len(gold)} gold"
        )
    if not gold:
        raise ValueError("bcubed needs at least one item; got none")
    predicted_sizes = Counter(predicted)
    gold_sizes = Counter(gold)
    joint = Counter(zip(predicted, gold, strict=True))
    precision = sum(n * n / predicted_sizes[p] for (p, _), n in joint.items()) / len(gold)
    recall = sum(n * n / gold_sizes[g] for (_, g), n in joint.items()) / len(gold)
    return BCubed(precision=precision, recall=recall)


@dataclass(frozen=True, slots=True)
class Labelling:
    """Gold labels of the articles, one per article, and what they stand for."""

    name: str
    description: str
    labels: tuple[str, ...]

    @property
    def n_clusters(self) -> int:
        return len(set(self.labels))


@dataclass(frozen=True, slots=True)
class LabelledArticles:
    """Articles to cluster (their declared groups removed), the gold labellings, and the records
    that could not be read or had no label."""

    source: str
    kind: str
    articles: tuple[Article, ...]
    labellings: tuple[Labelling, ...]
    rejections: tuple[Rejection, ...] = ()
    # The file each article was read from, in order (all the same when one file was read).
    origins: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LabellingScore:
    labelling: str
    gold_clusters: int
    scores: BCubed


@dataclass(frozen=True, slots=True)
class ClusteringRun:
    """One clustering of the shuffled articles: its labels (in the file's order), its scores
    against each labelling, and the seconds it took (features and clustering, not reading)."""

    mode: str
    seed: int
    labels: tuple[int, ...]
    seconds: float
    scores: tuple[LabellingScore, ...]

    @property
    def n_clusters(self) -> int:
        return len(set(self.labels))


@dataclass(frozen=True, slots=True)
class FileScore:
    """A run's scores on the articles of one input file, and how many of them share a predicted
    cluster with articles of another file (``mixed``)."""

    file: str
    articles: int
    scores: tuple[LabellingScore, ...]
    mixed: int


@dataclass(frozen=True, slots=True)
class ClusteringReport:
    data: LabelledArticles
    runs: tuple[ClusteringRun, ...]
    read_seconds: float
    settings: ClusterSettings

    def by_file(self, run: ClusteringRun) -> list[FileScore]:
        """Per input file (when articles were read from several), ``run``'s scores on that
        file's articles alone, and how many of them were clustered with another file's."""
        origins = self.data.origins
        files = list(dict.fromkeys(origins))
        if len(files) < 2:
            return []
        files_of_cluster: dict[int, set[str]] = {}
        for label, origin in zip(run.labels, origins, strict=True):
            files_of_cluster.setdefault(label, set()).add(origin)
        parts = []
        for name in files:
            members = [i for i, origin in enumerate(origins) if origin == name]
            predicted = [run.labels[i] for i in members]
            parts.append(
                FileScore(
                    file=name,
                    articles=len(members),
                    scores=tuple(
                        LabellingScore(
                            labelling=labelling.name,
                            gold_clusters=len({labelling.labels[i] for i in members}),
                            scores=bcubed(predicted, [labelling.labels[i] for i in members]),
                        )
                        for labelling in self.data.labellings
                    ),
                    mixed=sum(len(files_of_cluster[label]) > 1 for label in predicted),
                )
            )
        return parts

    def runs_of(self, mode: str) -> tuple[ClusteringRun, ...]:
        return tuple(run for run in self.runs if run.mode == mode)

    def agreement(self, mode: str) -> float | None:
        """The lowest B-cubed F1 of one seed's clusters against another's (1.0: the same
        clusters whatever the order); None with fewer than two seeds."""
        runs = self.runs_of(mode)
        values = [
            bcubed(first.labels, second.labels).f1
            for i, first in enumerate(runs)
            for second in runs[i + 1 :]
        ]
        return min(values) if values else None


def load_labelled_articles(
    paths: str | Path | Sequence[str | Path], *, config: Config | None = None
) -> LabelledArticles:
    """Read gold-labelled articles from one or more files (or directories of them).

    A Timeline17-style topics file (told by its first record having "timelines") labels each
    article with its topic id. Any other file is read as ``storyline ingest`` reads it: clusters
    ``{"id", "articles": [article, ...]}`` label their articles with the cluster id, and each
    article keeps what its record gives (title, published, url, outlet, language), so that
    clustering sees the dates a user's articles carry. An article in no cluster, and a record
    the reader refuses, is a rejection: reported, and left out. From several paths, each label is
    prefixed by its file's name (clusters of two collections never share a label), and article
    ids are made unique. A missing or empty file, or no labelled article at all, is an
    ``InputError``."""
    files = [Path(paths)] if isinstance(paths, str | Path) else [Path(path) for path in paths]
    if not files:
        raise ValueError("load_labelled_articles needs at least one path; got none")
    config = config or Config()
    labelled: list[tuple[str, Article, str]] = []  # (label, article, file)
    keywords: dict[str, str] = {}
    kinds: dict[str, None] = {}
    rejections: list[Rejection] = []
    for path in files:
        name = path_name(path)  # printable, as every file is named in reports
        prefix = f"{name}:" if len(files) > 1 else ""
        if not path.is_dir() and _is_topics_file(path):
            kinds["timeline17"] = None
            for topic in load_topics(path, log_repeats=False):
                keywords[prefix + topic.id] = " ".join(sorted(topic.keywords))
                labelled += [(prefix + topic.id, article, name) for article in topic.articles]
            continue
        kinds["clusters"] = None
        read = read_inputs([path], config=config)
        rejections += read.rejections
        for article in read.articles:
            if article.group is None:
                rejections.append(
                    Rejection(
                        article.source,
                        "unlabelled",
                        f"article {article.id!r} is in no cluster, so it has no gold label",
                    )
                )
            else:
                labelled.append((prefix + article.group, article, name))
    if not labelled:
        shown = "; ".join(f"{item.source}: {item.detail}" for item in rejections[:3])
        more = f" and {len(rejections) - 3} more" if len(rejections) > 3 else ""
        raise InputError(
            ", ".join(map(path_name, files)),
            "empty",
            'no labelled article: give clusters {"id", "articles": [...]}, records naming their '
            '"cluster", or Timeline17 topics'
            + (f" (rejected: {shown}{more})" if rejections else ""),
        )
    taken: set[str] = set()
    articles = tuple(
        with_unique_id(replace(article, group=None), ids=taken) for _, article, _ in labelled
    )
    ids = tuple(label for label, _, _ in labelled)
    unit = "topic" if set(kinds) == {"timeline17"} else "cluster"
    labellings = [Labelling(name=unit, description=f"the {unit} id given in the file", labels=ids)]
    stories = _merged_ids(ids, articles, keywords)
    if len(set(stories)) < len(set(ids)):
        labellings.append(
            Labelling(
                name="story",
                description=(
                    f"{unit}s with the same keywords or sharing a report (the same text) "
                    "merged: one real-world story"
                ),
                labels=stories,
            )
        )
    return LabelledArticles(
        source=", ".join(map(path_name, files)),
        kind="+".join(kinds),
        articles=articles,
        labellings=tuple(labellings),
        rejections=tuple(rejections),
        origins=tuple(origin for _, _, origin in labelled),
    )


def _is_topics_file(path: Path) -> bool:
    """Whether ``path`` is a Timeline17-style topics file: its first record has "timelines". A
    first line that is not a JSON object (a JSON list over many lines, a page) says no: the
    file is read as ``ingest`` reads it. A missing, unreadable or empty file is an
    ``InputError``."""
    try:
        with path.open(encoding="utf-8") as lines:
            line = next((line for line in lines if line.strip()), "")
    except FileNotFoundError as e:
        raise InputError(str(path), "missing", "no such file") from e
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(path), "unreadable", f"cannot read the file: {e}") from e
    if not line:
        raise InputError(str(path), "empty", "the file has no records")
    try:
        record = json.loads(line)
    except (RecursionError, ValueError):  # json.JSONDecodeError is a ValueError
        return False
    return isinstance(record, dict) and record.get("timelines") is not None


def _merged_ids(
    ids: Sequence[str], articles: Sequence[Article], keywords: dict[str, str]
) -> tuple[str, ...]:
    """Each article's group id after merging groups with the same keywords or a shared text; a
    merged group is named by its first id."""
    parent = {group_id: group_id for group_id in ids}
    first_position: dict[str, int] = {}
    for position, group_id in enumerate(ids):
        first_position.setdefault(group_id, position)

    def find(group_id: str) -> str:
        while parent[group_id] != group_id:
            group_id = parent[group_id]
        return group_id

    def union(first: str, second: str) -> None:
        first, second = find(first), find(second)
        if first != second:
            first, second = sorted((first, second), key=first_position.__getitem__)
            parent[second] = first

    by_keywords: dict[str, str] = {}
    for group_id, words in keywords.items():
        if words:
            union(by_keywords.setdefault(words, group_id), group_id)
    by_text: dict[str, str] = {}
    for group_id, article in zip(ids, articles, strict=True):
        text = " ".join(article.text.split())
        if len(text.split()) >= _MIN_SHARED_WORDS:
            union(by_text.setdefault(text, group_id), group_id)
    return tuple(find(group_id) for group_id in ids)


def evaluate_clustering(
    data: LabelledArticles,
    *,
    seeds: Sequence[int] = (0,),
    settings: ClusterSettings | None = None,
    modes: Sequence[str] = MODES,
) -> ClusteringReport:
    """Shuffle the articles with each seed, cluster them in each mode, and score the clusters."""
    if not seeds:
        raise ValueError("evaluate_clustering needs at least one seed; got none")
    unknown = [mode for mode in modes if mode not in MODES]
    if unknown or not modes:
        raise ValueError(f"modes must be some of {MODES}; got {tuple(modes)}")
    settings = settings or ClusterSettings()
    began = time.perf_counter()
    documents = [build_document(article) for article in data.articles]
    read_seconds = time.perf_counter() - began
    runs = []
    for seed in seeds:
        order = list(range(len(documents)))
        random.Random(seed).shuffle(order)
        shuffled = [documents[i] for i in order]
        for mode in modes:
            began = time.perf_counter()
            clusters = _cluster(shuffled, mode=mode, settings=settings)
            seconds = time.perf_counter() - began
            labels = [0] * len(documents)
            for number, members in enumerate(clusters):
                for position in members:
                    labels[order[position]] = number
            runs.append(
                ClusteringRun(
                    mode=mode,
                    seed=seed,
                    labels=tuple(labels),
                    seconds=seconds,
                    scores=tuple(
                        LabellingScore(
                            labelling=labelling.name,
                            gold_clusters=labelling.n_clusters,
                            scores=bcubed(labels, labelling.labels),
                        )
                        for labelling in data.labellings
                    ),
                )
            )
    return ClusteringReport(
        data=data, runs=tuple(runs), read_seconds=read_seconds, settings=settings
    )


def _cluster(
    documents: Sequence[Document], *, mode: str, settings: ClusterSettings
) -> list[list[int]]:
    terms = TermExtractor()
    if mode == "store":
        return _stored_stories([doc.article for doc in documents], settings=settings)
    if mode == "batch":
        return cluster_documents(documents, settings=settings, terms=terms)
    extract = FeatureExtractor(settings, terms=terms)
    clusterer = StoryClusterer(settings, frequencies=None)
    stories: dict[int, list[int]] = {}
    for position, doc in enumerate(documents):
        stories.setdefault(clusterer.add(extract(doc)), []).append(position)
    return list(stories.values())


def _stored_stories(articles: Sequence[Article], *, settings: ClusterSettings) -> list[list[int]]:
    """The stories ``add_articles`` stores for ``articles`` in a new, temporary store, as lists of
    positions in ``articles`` (whose ids must be unique)."""
    from storyline.store.sqlite import StoryStore
    from storyline.store.update import add_articles

    position = {article.id: i for i, article in enumerate(articles)}
    if len(position) != len(articles):
        raise ValueError("the store mode needs unique article ids")
    with tempfile.TemporaryDirectory(prefix="storyline-eval-") as folder:
        db = Path(folder) / "stories.db"
        add_articles(articles, db=db, config=Config(), settings=settings, refresh=False)
        with StoryStore(db) as store:
            rows = store.stories()
    stories = [[position[article_id] for article_id in row.article_ids] for row in rows]
    stored = {i for story in stories for i in story}
    # An article the store rejected (no text) is a story of its own, as batch and stream make it.
    return stories + [[i] for i in range(len(articles)) if i not in stored]


def render_clustering_table(report: ClusteringReport) -> str:
    """A plain-text table: per mode and seed, the clusters found and B-cubed per labelling."""
    data = report.data
    headers = ["mode", "seed", "clusters", "seconds", "articles/s"]
    for labelling in data.labellings:
        headers += [f"{labelling.name} P", f"{labelling.name} R", f"{labelling.name} F1"]
    rows = [
        [
            run.mode,
            str(run.seed),
            str(run.n_clusters),
            f"{run.seconds:.2f}",
            f"{len(run.labels) / run.seconds:.0f}" if run.seconds > 0 else "-",
            *(
                cell
                for score in run.scores
                for cell in (
                    f"{score.scores.precision:.3f}",
                    f"{score.scores.recall:.3f}",
                    f"{score.scores.f1:.3f}",
                )
            ),
        ]
        for run in report.runs
    ]
    widths = [max(len(row[col]) for row in (headers, *rows)) for col in range(len(headers))]

    def format_row(row: Sequence[str]) -> str:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        return "  ".join(cells)

    rule = "  ".join("-" * width for width in widths)
    lines = [format_row(headers), rule, *(format_row(row) for row in rows), rule]
    for mode in MODES:
        runs = report.runs_of(mode)
        if len(runs) < 2:
            continue
        spread = ", ".join(
            f"{labelling.name} F1 {min(f1s):.3f}-{max(f1s):.3f} (spread {max(f1s) - min(f1s):.3f})"
            for position, labelling in enumerate(data.labellings)
            for f1s in [[run.scores[position].scores.f1 for run in runs]]
        )
        lines.append(
            f"{mode}, {len(runs)} seeds: {spread}; agreement between seeds (lowest B-cubed F1 of "
            f"one seed's clusters against another's) {report.agreement(mode):.3f}"
        )
    for run in report.runs:
        for part in report.by_file(run):
            scores = ", ".join(
                f"{score.labelling} F1 {score.scores.f1:.3f}" for score in part.scores
            )
            lines.append(
                f"{run.mode} seed {run.seed}, {part.file} alone ({part.articles} articles): "
                f"{scores}; {part.mixed} clustered with another file's articles"
            )
    lines += [
        "",
        f"{len(data.articles)} articles of {data.source} ({data.kind}), shuffled with each seed"
        + (
            f"; {len(data.rejections)} records rejected (named on stderr)."
            if data.rejections
            else "."
        ),
        *(
            f"Gold '{labelling.name}': {labelling.description}; {labelling.n_clusters} clusters."
            for labelling in data.labellings
        ),
        "batch: cluster_documents, as digest does (average link on shared neighbours; the same "
        "result in any input order).",
        "stream: StoryClusterer.add in the shuffled order, nothing revisited.",
        "store: all the articles in one ingest into a new store (copies, planned windows, in "
        "order of publication).",
        "B-cubed precision, recall and F1 in [0, 1]; seconds: features and clustering, after "
        f"reading (cleaning and segmenting, {report.read_seconds:.2f} s once).",
    ]
    return "\n".join(lines) + "\n"


def clustering_report_as_dict(report: ClusteringReport) -> dict[str, object]:
    """The report as plain JSON-ready data."""
    data = report.data
    return {
        "source": data.source,
        "kind": data.kind,
        "articles": len(data.articles),
        "rejections": [
            {"source": item.source, "reason": item.reason, "detail": item.detail}
            for item in data.rejections
        ],
        "labellings": [
            {
                "name": labelling.name,
                "description": labelling.description,
                "clusters": labelling.n_clusters,
            }
            for labelling in data.labellings
        ],
        "read_seconds": report.read_seconds,
        "runs": [
            {
                "mode": run.mode,
                "seed": run.seed,
                "clusters": run.n_clusters,
                "seconds": run.seconds,
                "scores": _scores_as_dict(run.scores),
                "files": [
                    {
                        "file": part.file,
                        "articles": part.articles,
                        "mixed": part.mixed,
                        "scores": _scores_as_dict(part.scores),
                    }
                    for part in report.by_file(run)
                ],
            }
            for run in report.runs
        ],
        "agreement": {mode: report.agreement(mode) for mode in MODES if report.runs_of(mode)},
        "settings": report.settings.as_dict(),
    }


def _scores_as_dict(scores: Sequence[LabellingScore]) -> dict[str, dict[str, float]]:
    return {
        score.labelling: {
            "precision": score.scores.precision,
            "recall": score.scores.recall,
            "f1": score.scores.f1,
        }
        for score in scores
    }
