"""Growing the store from input files, and reading a stored story back as a digest."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.boilerplate import document_keys, keys_of, without_boilerplate
from storyline.cluster import ClusterSettings
from storyline.cluster.features import publication_day
from storyline.collector import bulk_allocation
from storyline.config import Config
from storyline.identity import arrival_key, content_hash
from storyline.ingest.records import missing_text
from storyline.model import Article, Digest, Document, Rejection, RunReport
from storyline.preparation import PreparedArticle
from storyline.store.locking import writer_lock
from storyline.store.sqlite import (
    ContextPlanningAssigner,
    IngestCounts,
    PlanningAssigner,
    StoredLead,
    StoryAssigner,
    StoryStore,
    WindowedAssigner,
    refresh_stale,
)

if TYPE_CHECKING:
    from storyline.engine import Engine
    from storyline.facts.quantities import QuantityFinder
    from storyline.terms import TermExtractor

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class KeptAssigner:
    """The assigner of a process's last run on a store, kept for its next run (the server's
    writes): the next run replays only the articles stored since (by other processes), not the
    whole store. It is used while the store still holds, at arrival number ``seq``, the article
    ``key`` it saw last, and with the same settings; a run that fails drops it. (Its state is
    the one a replay of the store would give: the store's tests replay after kills.)"""

    assigner: StoryAssigner | None = None
    settings: ClusterSettings | None = None
    seq: int = 0
    key: str | None = None

    def for_run(
        self, store: StoryStore, settings: ClusterSettings
    ) -> tuple[StoryAssigner | None, int]:
        """The kept assigner and the arrival number to replay after, or None and 0."""
        if (
            self.assigner is None
            or self.settings != settings
            or (self.key is not None and store.key_at(self.seq) != self.key)
        ):
            return None, 0
        return self.assigner, self.seq

    def keep(self, assigner: StoryAssigner, store: StoryStore, settings: ClusterSettings) -> None:
        """Keep the assigner of a run that ended well, with the article the store holds last."""
        last = store.last_article()
        self.assigner, self.settings = assigner, settings
        self.seq, self.key = last if last is not None else (0, None)


@dataclass(frozen=True, slots=True)
class StoreUpdate:
    """What ``update_store`` did, and the inputs it could not use (also recorded in the store).

    ``inputs`` is how many input records the run was given (see ``report``)."""

    counts: IngestCounts
    refreshed: tuple[str, ...]
    rejections: tuple[Rejection, ...]
    inputs: int

    @property
    def report(self) -> RunReport:
        """The run's accounting: inputs = stored + duplicates + rejected."""
        return RunReport(
            inputs=self.inputs,
            stored=self.counts.added,
            duplicates=self.counts.already_stored,
            rejections=self.rejections,
        )


def update_store(
    paths: Sequence[str | Path],
    *,
    db: str | Path,
    config: Config,
    settings: ClusterSettings | None = None,
    engine: Engine | None = None,
    assigner: Callable[[], StoryAssigner] | None = None,
    refresh: bool = True,
    lock_timeout_s: float | None = None,
    on_wait: Callable[[str], None] | None = None,
    on_locked: Callable[[], None] | None = None,
) -> StoreUpdate:
    """Read ``paths``, add their new articles to the store at ``db``, each to the story it
    reports, and refresh the headlines of the stories touched (unless ``refresh`` is False).

    ``engine`` reads the files and prepares the articles (``LocalEngine`` by default); story
    assignment (``assigner`` makes the object that decides, ``ClusterAssigner`` by default) runs
    here, in order of publication (``_in_arrival_order``), so every engine and every order of the
    inputs gives the same stories. Articles already stored are not prepared again. Inputs that
    cannot be used (unreadable files, broken records, unsupported languages) are returned and
    recorded in the store's rejections. One process writes to a store at a time
    (``locking.writer_lock``): this waits for another writer for ``lock_timeout_s`` seconds
    (forever if None; ``on_wait`` is told once), then raises ``StoreBusyError``; ``on_locked``
    is called once this run holds the lock.
    """
    from storyline.engine import LocalEngine
    from storyline.ingest import read_inputs

    engine = engine or LocalEngine()
    result = read_inputs(
        paths,
        config=config,
        reader=lambda files: engine.read(files, config=config),
        unique_ids=False,  # the store keeps an article under the id its input gives
    )
    return add_articles(
        result.articles,
        db=db,
        config=config,
        rejections=result.rejections,
        settings=settings,
        engine=engine,
        assigner=assigner,
        refresh=refresh,
        lock_timeout_s=lock_timeout_s,
        on_wait=on_wait,
        on_locked=on_locked,
    )


def add_articles(
    articles: Sequence[Article],
    *,
    db: str | Path,
    config: Config,
    rejections: Sequence[Rejection] = (),
    settings: ClusterSettings | None = None,
    engine: Engine | None = None,
    assigner: Callable[[], StoryAssigner] | None = None,
    refresh: bool = True,
    lock_timeout_s: float | None = None,
    on_wait: Callable[[str], None] | None = None,
    on_locked: Callable[[], None] | None = None,
    kept: KeptAssigner | None = None,
) -> StoreUpdate:
    """Add the new ones of ``articles`` (read already, e.g. from a request) to the store at
    ``db``, as ``update_store`` does with the articles of its files. ``rejections`` are inputs
    already refused while reading; they are recorded and returned with those found here. With
    ``kept``, the assigner of this process's last run is used again when it can be (it
    replays only what was stored since), and this run's is kept.

    Each article and each rejection given is one input of the run's ``report``: it ends up
    stored, a duplicate (its text stored already, or read earlier in the run) or rejected.
    The writer lock is taken as ``update_store`` says."""
    from storyline.engine import LocalEngine

    engine = engine or LocalEngine()
    settings = settings or ClusterSettings()
    refused = list(rejections)
    with (
        writer_lock(db, timeout_s=lock_timeout_s, on_wait=on_wait, on_locked=on_locked),
        StoryStore(db) as store,
    ):
        store.upgrade(settings)  # first, so that articles read again are read with the run's
        hashed = [
            (content_hash(article.text), article) for article in _with_text(articles, refused)
        ]
        new = _in_arrival_order(
            [item for item in hashed if not store.has_article(item[0], item[1].id)]
        )
        already = len(hashed) - len(new)
        if not new and kept is None:
            # Nothing to assign: the stored articles need not be replayed (at 100,000 of them
            # that took 21 s and 1 GB for a run of duplicates alone).
            counts = IngestCounts(added=0, already_stored=0, stories_touched=(), stories_opened=())
        else:
            counts = _assign_new(
                store,
                new,
                hashed,
                settings=settings,
                engine=engine,
                assigner=assigner,
                kept=kept,
                refused=refused,
            )
        store.reject(refused)
        refreshed = (
            refresh_stale(
                store,
                headline_of=lambda stored, repeated: stored_headline(
                    stored, config=config, repeated=repeated
                ),
            )
            if refresh
            else []
        )
    counts = replace(counts, already_stored=counts.already_stored + already)
    update = StoreUpdate(
        counts=counts,
        refreshed=tuple(refreshed),
        rejections=tuple(refused),
        inputs=len(articles) + len(rejections),
    )
    if not update.report.balanced:
        logger.warning("the run does not account for every input: %s", update.report)
    return update


def _in_arrival_order(hashed: list[tuple[str, Article]]) -> list[Article]:
    """The articles of one run (each with its ``content_hash``) in the order a live stream would
    have brought them: by publication time, undated ones last, ties by text, then by id. Story
    assignment then does not depend on the order in which files were named or listed: ingesting
    the same files in any order gives the same stories, and the same originals and copies. (The
    same text under the same id keeps its input order, so the first named is the one stored.)"""
    hashed = sorted(hashed, key=lambda item: arrival_key(*item))
    return [article for _, article in hashed]


def _assign_new(
    store: StoryStore,
    new: list[Article],
    hashed: list[tuple[str, Article]],
    *,
    settings: ClusterSettings,
    engine: Engine,
    assigner: Callable[[], StoryAssigner] | None,
    kept: KeptAssigner | None,
    refused: list[Rejection],
) -> IngestCounts:
    """Prepare the run's ``new`` articles and assign them to stories (``ingest_prepared``) with
    an assigner that has replayed the store (or ``kept``'s, which replays only what was stored
    since its run); rejections found on the way are added to ``refused``."""
    from storyline.preparation import ArticlePreparer
    from storyline.store.assign import ClusterAssigner

    # Preparation and assignment make no reference cycles: the collector may run rarely.
    with bulk_allocation():
        warm, after = kept.for_run(store, settings) if kept is not None else (None, 0)
        deciding = warm or (assigner() if assigner is not None else ClusterAssigner(settings))
        if kept is not None:
            kept.assigner = None  # until this run ends well
        known = {article.text: digest for digest, article in hashed}
        days = [day for day in map(publication_day, new) if day is not None]
        hashes = [known[article.text] for article in new]
        store.upgrade()  # an older store may have no plans yet
        planned = store.planned(hashes)
        stored_before = store.count_articles()
        restored = store.restore_into(
            deciding,
            after=after,
            days=days if days and len(days) == len(new) else None,
            planned=planned,
        )
        # A plan for a text not stored yet was made by an interrupted run of these articles; a
        # run that stored some of its texts and did not end was interrupted after that (its
        # first window passed, it plans no window with the stored articles).
        # (A run with nothing new, such as a server's request of duplicates, leaves the note.)
        interrupted = store.run_interrupted(hashes)
        resumed = interrupted or any(not store.holds_text(digest) for digest in planned)
        if hashes and not interrupted:
            store.begin_run(hashes)
        if isinstance(deciding, PlanningAssigner) and settings.plan_window > 0:
            # The plans an interrupted run made for these articles, all known before any is
            # placed, as when the run planned them (``_planned`` looks for no other).
            deciding.learn_plan(planned)
        prepared = engine.prepare(new, preparer=ArticlePreparer(settings))

        def hash_of(text: str) -> str:
            return known.get(text) or content_hash(text)

        counts = ingest_prepared(
            store,
            _accepted(prepared, refused),
            assigner=deciding,
            settings=settings,
            hash_of=hash_of,
            # Articles placed in time by storyline come last in arrival order, out of time order.
            all_dated=all(a.published is not None and not a.published_inferred for a in new),
            resumed=resumed,
        )
        if hashes:
            store.end_run()  # every article of the run is stored now (or refused)
        store.keep_state(deciding)
        if kept is not None and not (isinstance(deciding, WindowedAssigner) and deciding.partial):
            kept.keep(deciding, store, settings)
        del deciding  # its state need not be walked by the collections to come
    return replace(counts, restored=restored, stored_before=stored_before)


def ingest_prepared(
    store: StoryStore,
    prepared: Iterable[PreparedArticle],
    *,
    assigner: StoryAssigner,
    settings: ClusterSettings,
    hash_of: Callable[[str], str] = content_hash,
    all_dated: bool = False,
    resumed: bool = False,
) -> IngestCounts:
    """``store.ingest`` of prepared articles in arrival order, planned in windows first when the
    assigner plans (``PlanningAssigner``) and ``settings.plan_window`` is not 0 (``_planned``).
    Each text is hashed once: the hashes the plan took are handed on to the ingest. When the
    caller knows the articles are ``all_dated`` (and in arrival order, as they must be), an
    assigner that can (``WindowedAssigner.in_time_order``) forgets as days pass what the
    articles to come cannot need, so that the memory held does not grow with the stream.
    ``resumed``: the run finishes an interrupted one, which planned its first window already
    (so no window of this run is its first, planned with stored articles)."""
    windows: list[int] = []
    if isinstance(assigner, WindowedAssigner):
        assigner.in_time_order(all_dated)
    if isinstance(assigner, PlanningAssigner) and settings.plan_window > 0:
        held: dict[str, str] = {}  # the texts planned and not yet stored: their hashes

        def hash_and_hold(text: str) -> str:
            held[text] = digest = hash_of(text)
            return digest

        def held_hash(text: str) -> str:
            digest = held.pop(text, None)
            return hash_of(text) if digest is None else digest

        prepared = _planned(
            prepared,
            store=store,
            planner=assigner,
            hash_of=hash_and_hold,
            settings=settings,
            windows=windows,
            resumed=resumed,
        )
        counts = store.ingest(prepared, assigner=assigner, hash_of=held_hash)
    else:
        counts = store.ingest(prepared, assigner=assigner, hash_of=hash_of)
    return replace(counts, planned_windows=len(windows), planned_articles=sum(windows))


def _planned(
    items: Iterable[PreparedArticle],
    *,
    store: StoryStore,
    planner: PlanningAssigner,
    hash_of: Callable[[str], str],
    settings: ClusterSettings,
    windows: list[int],
    resumed: bool = False,
) -> Iterator[PreparedArticle]:
    """``items`` unchanged, in order; each window of ``settings.plan_window`` texts without a
    plan is grouped by ``planner.plan`` and the plan saved in the store before any of them is
    passed on. A run's first window is planned with the stored articles near it
    (``ContextPlanningAssigner.context_keys``: at most ``plan_window`` of them), and its articles
    grouped with stored ones follow them into their story (``ClusterAssigner.plan_in_context``):
    the same articles given in several runs then make stories closer to those of one run (three
    Timeline17 topics in two shuffled runs: agreement 0.767 / 0.742 with one run before, 0.869 /
    0.857 now; all eight topics given a run per outlet and topic: 0.733 before, 0.819;
    ``benchmarks/bench_incremental.py``). The last window is planned only when it has
    ``settings.plan_min_dated_articles`` texts (undated: ``plan_min_articles``; or
    ``plan_window``, if fewer): in fewer, the reports of an event are too few for the batch
    clustering (one at a time is better), unless the stored articles near it make up the
    number, in a run's first window, or it is a run's first window of dated articles with none
    stored near it (from ``_FEWEST_DATED_ALONE``). Texts
    planned by an interrupted run keep their plan (the store has it) and do not count towards a
    window, so a re-run cuts the rest into the windows the interrupted run would have. Dated and
    undated articles are never in one window (undated ones, compared with every story whatever
    its time, would be split between the last dated window and their own), and a window of
    undated articles is ``_UNDATED_WINDOWS`` times larger. The size of each window planned is
    appended to ``windows``."""
    held: list[PreparedArticle] = []
    unplanned: list[tuple[str, PreparedArticle]] = []
    seen = planner.planned_hashes()
    # Whether any article was passed on yet (by this run, or by the interrupted one it resumes).
    passed = resumed

    def context(window: list[tuple[str, PreparedArticle]]) -> list[str] | None:
        """The stored articles near the run's first window, which it is planned with (when the
        planner can; None for any other window): they are then those stored before the run,
        the same after an interruption. A later window's neighbours in the store are this
        run's articles, which the assignment compares its articles with. At most
        ``plan_window`` of them: a first window is clustered among up to twice ``plan_window``
        dated articles (planning 2,000 takes about a second)."""
        if passed or not isinstance(planner, ContextPlanningAssigner):
            return None
        return planner.context_keys(window, limit=settings.plan_window)

    def plan(window: list[tuple[str, PreparedArticle]], keys: list[str] | None) -> None:
        if keys and isinstance(planner, ContextPlanningAssigner):
            store.save_plan(planner.plan_in_context(window, store.features_of(keys)))
        else:
            store.save_plan(planner.plan(window))
        windows.append(len(window))

    def plan_if_enough(window: list[tuple[str, PreparedArticle]]) -> None:
        """Plan a window if it is large enough, alone or with the stored articles near it; a
        run's first window of dated articles with none stored near it, from
        ``_FEWEST_DATED_ALONE``, as ``digest`` groups them."""
        dated = _dated(window[-1][1])
        fewest = settings.plan_min_dated_articles if dated else settings.plan_min_articles
        keys = context(window)
        alone = dated and keys == []  # a first window, with no stored article near it
        if len(window) + len(keys or ()) >= min(fewest, settings.plan_window) or (
            alone and len(window) >= _FEWEST_DATED_ALONE
        ):
            plan(window, keys)

    for item in items:
        if unplanned and _dated(unplanned[-1][1]) != _dated(item):
            # Undated articles come last in arrival order: they make windows of their own.
            plan_if_enough(unplanned)
            yield from held
            passed = True
            held, unplanned = [], []
        held.append(item)
        digest = hash_of(item.article.text)
        if digest not in seen:
            seen.add(digest)
            earlier = store.planned((digest,))
            if earlier:
                planner.learn_plan(earlier)
            else:
                unplanned.append((digest, item))
        if len(unplanned) >= settings.plan_window * (1 if _dated(item) else _UNDATED_WINDOWS):
            plan(unplanned, context(unplanned))
            yield from held
            passed = True
            held, unplanned = [], []
    if unplanned:
        plan_if_enough(unplanned)
    yield from held


# A run's first window of dated articles with no stored article near it (a first ingest, or
# news of another time) is planned from this many: in 82 reports we did not write, of 16 events
# over eight years, the store's B-cubed F1 went from 0.859 placed one at a time to 0.949
# planned (``digest``: 0.930); in fresh runs of DUC 2004 clusters given days (8 draws each of
# 5 shapes, 20-80 articles, events within 10 or 60 days), planned won in 7 of 10, by 0.020 on
# average within 10 days and 0.027 within 60. A smaller run planned with stored articles still
# needs ``plan_min_dated_articles`` with them (Timeline17 in 20 runs: planning more of them
# lowered the agreement with one ingest, 0.702 -> 0.685); and undated runs ``plan_min_articles``
# (fresh undated DUC runs: planning won in 2 shapes of 4).
_FEWEST_DATED_ALONE = 10

# Undated articles are in no time order, so a window of them holds few reports of each event
# unless it is large (DUC 2004, 500 undated articles in windows of 200: B-cubed F1 0.746; in one
# window: 0.872): their windows are this many times ``plan_window``. Planning 8,000 undated
# articles takes about 6 s (2,000: 1 s).
_UNDATED_WINDOWS = 4


def _dated(item: PreparedArticle) -> bool:
    return item.article.published is not None


def _with_text(articles: Sequence[Article], rejections: list[Rejection]) -> list[Article]:
    """The articles with some text; the others go to ``rejections`` (``missing_text``)."""
    kept = []
    for article in articles:
        refused = missing_text(article)
        if refused is None:
            kept.append(article)
        else:
            rejections.append(refused)
    return kept


def _accepted(
    items: Iterable[PreparedArticle | Rejection], rejections: list[Rejection]
) -> Iterator[PreparedArticle]:
    """The prepared articles of ``items``; their rejections go to ``rejections``."""
    for item in items:
        if isinstance(item, Rejection):
            rejections.append(item)
        else:
            yield item


def stored_digest(story_id: str, *, db: str | Path, config: Config) -> Digest | None:
    """The digest of one stored story (summary, timeline, facts), or None if there is no such id."""
    from storyline.pipeline import build_document

    with StoryStore(db) as store:
        if not store.has_story(story_id):
            return None
        documents = [build_document(article) for article in store.articles_of(story_id)]
        boilerplate = store.repeated(keys_of(documents))
    return story_digest(story_id, documents, config=config, boilerplate=boilerplate)


def story_digest(
    story_id: str,
    documents: Sequence[Document],
    *,
    config: Config,
    terms: TermExtractor | None = None,
    quantities: QuantityFinder | None = None,
    boilerplate: frozenset[int] = frozenset(),
) -> Digest:
    """The digest of a stored story's documents (``pipeline.build_document`` of its articles),
    under its stored id, their ``boilerplate`` sentences left out (``StoryStore.repeated``), as
    ``pipeline.digest`` makes it; ``terms`` and ``quantities`` may be kept from story to story
    (they are built afresh otherwise)."""
    from storyline.pipeline import place_in_time, story_from_documents

    placed = place_in_time([without_boilerplate(doc, boilerplate) for doc in documents])
    story = story_from_documents(placed, config=config, terms=terms, quantities=quantities)
    return Digest(
        stories=(replace(story, id=story_id),),
        articles=tuple(doc.article for doc in placed),
        settings=config.as_dict(),
    )


def stored_headline(
    stored: Sequence[StoredLead],
    *,
    config: Config,
    repeated: Callable[[Iterable[int]], frozenset[int]] | None = None,
) -> str | None:
    """The headline the story's digest has: from the same ``config.max_story_articles`` of its
    articles (a large story costs no more to refresh than to show), read from their stored
    leads. An article stored without its lead, and a story none of whose leads has a headline
    (``summarize.headline_of``), are read in full; so is a story with undated articles and more
    than that many, since which articles a digest reads then depends on when it places the
    undated ones (``pipeline.place_in_time`` reads their texts). The sentences ``repeated``
    says are boilerplate (``StoryStore.repeated``) are left out, as the digest leaves them
    out."""
    from storyline.pipeline import build_document, place_in_time, spread_over_time
    from storyline.summarize import headline_of
    from storyline.summarize.languages import in_language

    def cleaned(documents: Sequence[Document]) -> list[Document]:
        """The documents without their boilerplate; a lead that held some is read in full
        first, so that as many lead sentences are left as the digest's lead has."""
        if repeated is None:
            return list(documents)
        boilerplate = repeated(keys_of(documents))
        if not boilerplate:
            return list(documents)
        return [
            without_boilerplate(
                build_document(doc.article)
                # a stored lead (sentences only, no paragraphs) that held boilerplate
                if not doc.paragraphs and not boilerplate.isdisjoint(document_keys(doc))
                else doc,
                boilerplate,
            )
            for doc in documents
        ]

    articles = [article for article, _ in stored]
    if len(articles) > config.max_story_articles and any(
        article.published is None for article in articles
    ):
        documents = place_in_time(cleaned([build_document(article) for article in articles]))
    else:
        documents = cleaned(
            [
                build_document(article) if lead is None else Document(article, sentences=lead)
                for article, lead in stored
            ]
        )
    told = in_language(
        spread_over_time(documents, limit=config.max_story_articles),
        language=config.summary_language,
    )
    return headline_of(told, config=config) or headline_of(
        cleaned([build_document(doc.article) for doc in told]), config=config
    )
