"""The embedded story store: articles and their stories in one SQLite file, no server.

Each article is kept once (keyed by a hash of its text, so re-ingesting a file adds nothing) with
the story it was assigned to. Stories get an id from the article that opened them, so the same
input gives the same ids on every run, and an id is never given to another story. Writes happen in
transactions of a thousand articles; a story whose articles changed is marked stale in the same
transaction and its headline is refreshed afterwards, so an ingest that is killed midway leaves a
consistent database and re-running it finishes the job with nothing lost and nothing doubled.

A full-text index (SQLite FTS5) over article titles and texts and story headlines is written in the
same transactions; ``search`` finds the stories whose words match. (A summary is made of sentences
of its articles, so the article texts cover it.)
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, runtime_checkable

from storyline.boilerplate import MIN_STORIES, document_keys
from storyline.cluster.features import ArticleFeatures
from storyline.cluster.settings import ClusterSettings
from storyline.errors import InputError
from storyline.identity import content_hash, opening_story_id, other_story_id
from storyline.model import Article, Rejection, Sentence
from storyline.store.stored_features import decode_features, encode_features, stored_day
from storyline.summarize.headline import HEADLINE_SENTENCES

if TYPE_CHECKING:
    from storyline.preparation import PreparedArticle

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 15
"""5: MinHash signatures of words tokenised from UTF-8 bytes (``near_duplicates.Signer``); a
store of an earlier layout holds signatures that cannot be compared with new ones. 6: an article
is identified by its text and its input id (the same text under another id is a copy, stored as
one more source), and ingest plans are kept (``plans``). 7: an article's features are stored as
its terms and their counts in two lists (faster to write and read than pairs), and the text
index keeps which column a word is in, not its positions (``detail = column``: searches match
words and prefixes, never phrases; a third smaller, and faster to fill). 8: features are written
as a binary record (``stored_features``), five times faster to write than JSON (the JSON of
earlier rows is still read), and the text index keeps only which rows hold a word
(``detail = none``: a quarter faster to fill, and searches never needed more). 9: the text
index keeps no copy of the texts it indexes (``content = ''``; the articles table holds them): a
third of a large store's file (418 MB of 1,350 MB over 100,000 articles); a row found is told
by its rowid (an article's ``seq``, or minus a story's for its headline); and MinHash signatures
are one permutation hashes (``near_duplicates.Signer``), which do not match the earlier ones:
the upgrade signs every stored article again. 10: each article keeps where its lead sentences
are in its text (``lead_spans``: the first ``summarize.headline.HEADLINE_SENTENCES``), so that a
story's headline is refreshed without cleaning and splitting its articles again; an article
stored before has none, and is read again when its story's headline is refreshed. 11: the store keeps which stories hold each sentence (``sentence_stories``: a hash of
its words, ``boilerplate.sentence_key``), so that a sentence repeated in three stories or more is
left out of them as boilerplate, as ``digest`` leaves it out; the upgrade reads every stored
article again to fill it. 12: each article keeps its publication day (``day``, indexed) and the
vector clustering weighed for it on arrival (``vector``), and the store keeps the document
frequencies of its last ingest (``clustering_state``), so that an ingest of dated articles
restores only the stories near them in time (``restore_into``) instead of replaying every stored
article; the upgrade reads each article's day from its features, and the next ingest that
replays the whole store writes the vectors of the articles stored before. 13: each plan keeps
how many articles were stored before it was made (``after_seq``), so that a restore gives a
stored article the group of a plan for its text only when the plan was made before the article
was stored (an article stored in an earlier run under another id followed a plan an
interrupted run made for its text); plans kept before have none, and are read as before. 14:
the features of an article in a language read by its own rules (``storyline.stopwords``: Arabic,
Dutch, French, German, Italian, Polish, Portuguese, Russian, Spanish, Turkish) are its
language's stems without its function words; the upgrade extracts those of the articles stored
before again (they were read as English) and drops their vectors and the kept clustering state.
15: the store notes the texts of the run under way until it ends (``open_run``), so that a run
of the rest of them after an interruption knows it finishes it (and plans no window with the
stored articles, as the interrupted run planned its later windows). A store of layout 5 to 14
is upgraded in place by the next ingest (``StoryStore.upgrade``) and can be read meanwhile."""
_READABLE_VERSIONS = (5, 6, 7, 8, 9, 10, 11, 12, 13, 14, SCHEMA_VERSION)
_ARTICLES_TABLE = """
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,
    input_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    story_id TEXT NOT NULL,
    seq INTEGER NOT NULL UNIQUE,
    copy_of TEXT,
    record TEXT NOT NULL,
    features TEXT NOT NULL,
    signature BLOB NOT NULL,
    lead TEXT NOT NULL,
    lead_spans TEXT,
    day INTEGER,
    vector BLOB,
    UNIQUE (content_hash, input_id)
);
"""
_DAY_INDEX = "CREATE INDEX IF NOT EXISTS articles_day ON articles (day)"
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS articles_story ON articles (story_id, seq)",
    "CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash, seq)",
    _DAY_INDEX,
)
# The document frequencies of story clustering after the article ``seq`` (``key``), as an
# assigner with these settings counted them (``WindowedAssigner.frequencies_state``): one row.
_STATE_TABLE = """
CREATE TABLE IF NOT EXISTS clustering_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    key TEXT NOT NULL,
    settings TEXT NOT NULL,
    frequencies BLOB NOT NULL
)
"""
# Which stories (by ``seq``) hold each sentence (``boilerplate.sentence_key``), up to
# ``boilerplate.MIN_STORIES`` of them: one B-tree, narrow rows.
_SENTENCES_TABLE = """
CREATE TABLE IF NOT EXISTS sentence_stories (
    sentence INTEGER NOT NULL,
    story INTEGER NOT NULL,
    PRIMARY KEY (sentence, story)
) WITHOUT ROWID
"""
_PLANS_TABLE = """
CREATE TABLE IF NOT EXISTS plans (
    content_hash TEXT PRIMARY KEY,
    grp TEXT NOT NULL,
    win TEXT NOT NULL,
    after_seq INTEGER
);
"""
# The texts of the run under way, until it ends (``begin_run``): after an interruption, a run
# of the rest of them finishes it.
_RUN_TABLE = """
CREATE TABLE IF NOT EXISTS open_run (
    content_hash TEXT PRIMARY KEY
) WITHOUT ROWID
"""
_TEXT_TABLE = """
CREATE VIRTUAL TABLE IF NOT EXISTS story_text USING fts5 (
    title,
    body,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2',
    detail = none
);
"""
_OTHER_TABLES = f"""
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    stale INTEGER NOT NULL DEFAULT 1,
    headline TEXT
);
CREATE TABLE IF NOT EXISTS rejections (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    UNIQUE (source, reason, detail)
);
{_TEXT_TABLE}
"""
_SCHEMA = "\n".join(
    (
        _ARTICLES_TABLE,
        *(f"{index};" for index in _INDEXES),
        _PLANS_TABLE,
        f"{_SENTENCES_TABLE};",
        f"{_STATE_TABLE};",
        f"{_RUN_TABLE};",
        _OTHER_TABLES,
    )
)
# Rows of ``story_text``: an article's under its ``seq``, a story headline's under minus the
# story's ``seq``, so either is replaced or found by rowid without scanning the index.
_STORIES_MATCHING = """
SELECT DISTINCT COALESCE(articles.story_id, stories.id) FROM story_text
LEFT JOIN articles ON articles.seq = story_text.rowid
LEFT JOIN stories ON stories.seq = -story_text.rowid
WHERE story_text MATCH ?
"""
_MAX_QUERY_TERMS = 16
# Keys bound in one statement, at most (SQLite allowed 999 parameters before 3.32).
_MAX_PARAMETERS = 900
_Bound = TypeVar("_Bound", int, str)
# What an assigner is restored from (``restore_into``), a row an article: with its features, or
# with its stored vector alone.
_RESTORED = "seq, key, story_id, record, features, signature, lead, copy_of, grp, win, day, vector"
_RESTORED_BY_VECTOR = _RESTORED.replace("features", "NULL")
# A stored article's plan: one for its text made before it was stored (or kept before plans
# recorded when they were made).
_PLANNED_BEFORE = (
    "plans.content_hash = articles.content_hash AND articles.seq > COALESCE(plans.after_seq, -1)"
)
# Runs of letters and digits: the text index's tokenizer splits words at an underscore too, and
# a quoted run it would split is a phrase, which the index cannot search.
_QUERY_TERM = re.compile(r"[^\W_]+")
# Articles a transaction: the text index writes one segment a transaction and merges them as they
# pile up, so larger transactions cost less (1,000 rather than 200: assignment and storage 5-8 %
# faster over 20,000 articles), and an interrupted ingest loses a few seconds of work at most.
_BATCH_ARTICLES = 1000


@dataclass(frozen=True, slots=True)
class PlannedGroup:
    """The group an ingest planned for an article (``ClusterAssigner.plan``), and the window of
    arriving articles it was planned in; both are names that do not depend on the run."""

    group: str
    window: str


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """A stored article as an assigner relearns it after a restart: its story, what clustering
    read of it (its features: None when the store did not read them, ``restore_into`` near a
    run's days), its publication day, its MinHash, its lead, the earlier article it copies (if
    it is a copy), the group its ingest planned for it (if any), and the vector clustering
    weighed for it on arrival (``Assignment.vector``; None if the store has none)."""

    key: str
    story_id: str
    article: Article
    features: ArticleFeatures | None
    signature: bytes
    lead: str
    copy_of: str | None
    group: PlannedGroup | None = None
    day: int | None = None
    vector: bytes | str | None = None


StoredLead = tuple[Article, tuple[Sentence, ...] | None]
"""A stored article and its lead sentences (None if the store did not keep them)."""


@dataclass(frozen=True, slots=True)
class Assignment:
    """An assigner's decision: the stored story an article reports (None: a new story), the
    stored article it is a copy of, if any, and the vector it weighed for it, to keep
    (``StoredArticle.vector``)."""

    story_id: str | None
    copy_of: str | None = None
    vector: bytes | str | None = None


class StoryAssigner(Protocol):
    """Decides which story an arriving article belongs to (see ``storyline.cluster``)."""

    def restore(self, stored: StoredArticle) -> None:
        """Learn an article already stored, in order of arrival."""

    def assign(self, prepared: PreparedArticle, *, digest: str = "") -> Assignment:
        """The stored story ``prepared`` reports (or None for a new one), and what it copies;
        ``digest`` is the ``content_hash`` of its text."""

    def commit(self, key: str, story_id: str) -> None:
        """Record that the article last assigned is now stored under ``key`` in ``story_id``."""


@runtime_checkable
class PlanningAssigner(StoryAssigner, Protocol):
    """An assigner that can group a window of arriving articles before they are assigned."""

    def plan(self, items: Sequence[tuple[str, PreparedArticle]]) -> dict[str, PlannedGroup]:
        """Group the articles (each with its ``content_hash``): content hash -> group."""

    def learn_plan(self, planned: dict[str, PlannedGroup]) -> None:
        """Take a plan made earlier."""

    def planned_hashes(self) -> set[str]:
        """The content hashes that have a plan."""


@runtime_checkable
class ContextPlanningAssigner(PlanningAssigner, Protocol):
    """A planning assigner that can also plan a window together with the stored articles near
    it: a run's first window (``store.update._planned``)."""

    def context_keys(
        self, items: Sequence[tuple[str, PreparedArticle]], *, limit: int
    ) -> list[str]:
        """The keys of at most ``limit`` stored articles to plan the window with."""

    def plan_in_context(
        self,
        items: Sequence[tuple[str, PreparedArticle]],
        context: Sequence[tuple[str, ArticleFeatures]],
    ) -> dict[str, PlannedGroup]:
        """``plan`` the articles together with stored ones (key, features)."""


@runtime_checkable
class WindowedAssigner(StoryAssigner, Protocol):
    """An assigner that can be restored near a run's days only (``StoryStore.restore_into``):
    from document frequencies the store kept and the stored vectors of the stories that can
    take the run's articles, every other story reserved under its key."""

    def fingerprint(self) -> str:
        """What the kept state depends on (the clustering settings): state kept under another
        fingerprint is not used."""

    def window_for(self, days: Sequence[int], *, stories: int) -> list[tuple[int, int]] | None:
        """The spans of days (first, last) of the stored articles whose stories can take
        articles of these days, or be planned with them, in a store of ``stories`` stories;
        None when every story must be restored."""

    def begin_window(
        self, frequencies: bytes | str, stories: Sequence[str], *, whole: bool = False
    ) -> None:
        """Start from kept document frequencies, with every story (in the order opened)
        reserved under its key; ``whole``: every story will be restored."""

    def observe(self, features: ArticleFeatures) -> None:
        """Count the terms of an article stored after the frequencies were kept."""

    def frequencies_state(self) -> bytes | str:
        """The document frequencies to keep."""

    def take_unsaved(self) -> list[tuple[str, bytes | str]]:
        """Vectors weighed while restoring articles whose stored one differs or is missing:
        (key, vector)."""

    def in_time_order(self, ordered: bool = True) -> None:
        """Whether the articles to come are all dated and in time order: if so, forget, as days
        pass, what they cannot need."""

    @property
    def partial(self) -> bool:
        """Whether only some stories were restored."""


@dataclass(frozen=True, slots=True)
class IngestCounts:
    """What an ingest did: articles added (and how many of them copy an earlier one), already
    stored, the stories touched or opened, the windows of new articles it planned (and the
    articles in them; ``store.update.ingest_prepared``), and how many of the articles stored
    before it (``stored_before``) the story assigner was restored from (``restore_into``)."""

    added: int
    already_stored: int
    stories_touched: tuple[str, ...]
    stories_opened: tuple[str, ...]
    copies: int = 0
    planned_windows: int = 0
    planned_articles: int = 0
    restored: int = 0
    stored_before: int = 0


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One line of ``storyline stories``."""

    id: str
    headline: str | None
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    first: datetime | None
    last: datetime | None

    @classmethod
    def of(
        cls,
        story_id: str,
        headline: str | None,
        articles: Sequence[tuple[str, str | None, str | None]],
        *,
        times: Sequence[datetime] | None = None,
    ) -> StoryRow:
        """A story's row from its articles' (input id, outlet, published ISO time), in arrival
        order, each id once (one stored with several texts, such as an updated article, is one
        article of the story); ``times`` are the parsed publication times when the caller has
        them."""
        if times is None:
            times = [datetime.fromisoformat(when) for _, _, when in articles if when]
        times = sorted(times)
        return cls(
            id=story_id,
            headline=headline,
            article_ids=tuple(dict.fromkeys(input_id for input_id, _, _ in articles)),
            outlets=tuple(dict.fromkeys(outlet for _, outlet, _ in articles if outlet)),
            first=times[0] if times else None,
            last=times[-1] if times else None,
        )


# Keys looked up in one query (SQLite allows 32,766 parameters; fewer keep a statement small).
_KEYS_PER_QUERY = 500


class StoryStore:
    """An SQLite database of articles and stories. Use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None
        self._next_article = 1
        self._next_story = 1
        self._vectors_known = False  # see ``restore_into``

    def __enter__(self) -> StoryStore:
        self._db, tables = connect_checked(self.path, allow_empty=True)
        # Write-ahead logging: readers never block the ingest, and a commit is one append; with
        # it, synchronous=NORMAL still never leaves a half-written database (a power cut may
        # lose the last transactions, which a re-run adds again). A 64 MB page cache keeps the
        # indexes of a large store in memory.
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute("PRAGMA cache_size = -65536")
        if not tables:  # a new database; an existing one is left unwritten by opening it
            with self._db:
                self._db.executescript(_SCHEMA)
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self._next_article = self._max_seq("articles") + 1
        self._next_story = self._max_seq("stories") + 1
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("StoryStore is used outside its 'with' block")
        return self._db

    def restore_into(
        self,
        assigner: StoryAssigner,
        *,
        after: int = 0,
        days: Sequence[int] | None = None,
        planned: Mapping[str, PlannedGroup] | None = None,
    ) -> int:
        """Teach ``assigner`` the stored articles it needs and their stories, in arrival order (a
        writer calls this: an older store is upgraded first); returns how many.

        With ``after``, every article stored after that arrival number (an assigner that knows
        the rest already). Otherwise every stored article, weighed again from its features,
        unless the assigner can be restored from stored vectors (``WindowedAssigner``, with
        state the store kept under its fingerprint). Then, when the run's articles are all dated
        (``days``: theirs), only the stories with articles in the spans ``window_for(days)`` or
        undated ones, and those that articles of the windows of ``planned`` (the plans stored
        for the run's texts) went to, are restored, every other story reserved; otherwise every story, from
        its stored vectors (about twice as fast as weighing them again). The document
        frequencies are the kept ones, with the articles stored since counted in. That is the
        state a replay of every article would give, as far as the run's articles can tell, at
        a cost that grows with the stories near the run, not with the store."""
        self.upgrade()
        self._vectors_known = False
        self._drop_state_of_others(assigner)
        if isinstance(assigner, WindowedAssigner):
            # Whether every article stored will have its vector stored (``keep_state``): a
            # full replay weighs them all (``take_unsaved``), and state was kept only when they
            # had them (articles stored since come with theirs).
            self._vectors_known = after == 0 or self._kept_state(assigner) is not None
            if after == 0:
                restored = self._restore_by_vector(assigner, days=days, planned=planned or {})
                if restored is not None:
                    return restored
        return self._restore_rows(
            assigner,
            self.db.execute(
                f"SELECT {_RESTORED} FROM articles LEFT JOIN plans ON {_PLANNED_BEFORE} "
                "WHERE seq > ? ORDER BY seq",
                (after,),
            ),
        )

    def _restore_rows(self, assigner: StoryAssigner, rows: Iterable[Sequence[Any]]) -> int:
        """``assigner.restore`` the article of each row (``_RESTORED``, or
        ``_RESTORED_BY_VECTOR``: no features) in their order."""
        count = 0
        for (
            _,
            key,
            story_id,
            record,
            features,
            signature,
            lead,
            copy_of,
            group,
            window,
            day,
            vector,
        ) in rows:
            found = None if features is None else decode_features(features, article_id=key)
            assigner.restore(
                StoredArticle(
                    key=key,
                    story_id=story_id,
                    article=_article_from_record(record),
                    features=found,
                    signature=bytes(signature),
                    lead=lead,
                    copy_of=copy_of,
                    group=None if group is None else PlannedGroup(group, window),
                    day=found.day if found is not None else day,
                    vector=vector,
                )
            )
            count += 1
        return count

    def _drop_state_of_others(self, assigner: StoryAssigner) -> None:
        """Before a run stores anything, drop state kept for other settings or by another kind
        of assigner: the run stores vectors weighed otherwise (or none), and even if it is
        interrupted, no later run may take the kept state for theirs."""
        fingerprint = assigner.fingerprint() if isinstance(assigner, WindowedAssigner) else None
        with self.db:
            self.db.execute("DELETE FROM clustering_state WHERE settings IS NOT ?", (fingerprint,))

    def _restore_by_vector(
        self,
        assigner: WindowedAssigner,
        *,
        days: Sequence[int] | None,
        planned: Mapping[str, PlannedGroup],
    ) -> int | None:
        """``restore_into`` from the kept state and stored vectors: near ``days`` (all dated),
        or every story when they are None or the assigner needs them all; None (nothing done)
        when the store kept no state for this assigner."""
        state = self._kept_state(assigner)
        if (
            state is None
            or self.key_at(state[0]) != state[1]
            or self.db.execute(  # stored since by an assigner that weighs no vectors
                "SELECT 1 FROM articles WHERE seq > ? AND vector IS NULL AND copy_of IS NULL "
                "LIMIT 1",
                (state[0],),
            ).fetchone()
        ):
            return None
        stories = [
            story_id for (story_id,) in self.db.execute("SELECT id FROM stories ORDER BY seq")
        ]
        spans = None if days is None else assigner.window_for(days, stories=len(stories))
        assigner.begin_window(state[2], stories, whole=spans is None)
        for key, features in self.db.execute(
            "SELECT key, features FROM articles WHERE seq > ? AND copy_of IS NULL ORDER BY seq",
            (state[0],),
        ):
            assigner.observe(decode_features(features, article_id=key))
        if spans is None:  # every story, read in arrival order, a row at a time
            return self._restore_rows(
                assigner,
                self.db.execute(
                    f"SELECT {_RESTORED_BY_VECTOR} FROM articles "
                    f"LEFT JOIN plans ON {_PLANNED_BEFORE} ORDER BY seq"
                ),
            )
        near = {
            story_id
            for (story_id,) in self.db.execute("SELECT story_id FROM articles WHERE day IS NULL")
        }
        for span in spans:
            near.update(
                story_id
                for (story_id,) in self.db.execute(
                    "SELECT story_id FROM articles WHERE day BETWEEN ? AND ?", span
                )
            )
        windows = sorted({group.window for group in planned.values()})
        for batch, marks in _bound_batches(windows):
            near.update(
                story_id
                for (story_id,) in self.db.execute(
                    "SELECT DISTINCT story_id FROM plans JOIN articles USING (content_hash) "
                    f"WHERE win IN ({marks})",
                    batch,
                )
            )
        rows: list[Sequence[Any]] = []
        for batch, marks in _bound_batches(sorted(near)):
            rows += self.db.execute(
                f"SELECT {_RESTORED_BY_VECTOR} FROM articles LEFT JOIN plans ON {_PLANNED_BEFORE} "
                f"WHERE story_id IN ({marks})",
                batch,
            ).fetchall()
        rows.sort(key=lambda row: int(row[0]))  # in order of arrival, all stories together
        return self._restore_rows(assigner, rows)

    def _kept_state(self, assigner: WindowedAssigner) -> tuple[int, str, bytes | str] | None:
        """The state kept for ``assigner`` (by its fingerprint): the arrival number and key of
        the article stored last when it was kept, and the document frequencies."""
        row = self.db.execute(
            "SELECT seq, key, frequencies FROM clustering_state WHERE settings = ?",
            (assigner.fingerprint(),),
        ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), row[2])

    def keep_state(self, assigner: StoryAssigner) -> None:
        """After an ingest: keep what a ``WindowedAssigner`` restores from next time, the
        vectors it weighed that differ from the stored ones and its document frequencies, with
        the article stored last. When some stored article may lack its vector, the kept state is
        dropped: the next ingest replays the whole store. (Another assigner, which stores no
        vectors, dropped it already: ``restore_into``.)"""
        if not isinstance(assigner, WindowedAssigner):
            return
        last = self.last_article()
        with self.db:
            self.db.executemany(
                "UPDATE articles SET vector = ? WHERE key = ?",
                [(vector, key) for key, vector in assigner.take_unsaved()],
            )
            if last is None or not self._vectors_known:
                self.db.execute("DELETE FROM clustering_state")
                return
            self.db.execute(
                "INSERT OR REPLACE INTO clustering_state (id, seq, key, settings, frequencies) "
                "VALUES (1, ?, ?, ?, ?)",
                (*last, assigner.fingerprint(), assigner.frequencies_state()),
            )

    def save_plan(self, planned: dict[str, PlannedGroup]) -> None:
        """Keep an ingest's plan (content hash -> group, ``ClusterAssigner.plan``) before its
        articles are stored, so that a re-run after an interruption follows it."""
        with self.db:
            self.db.executemany(
                "INSERT OR IGNORE INTO plans (content_hash, grp, win, after_seq) "
                "VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) FROM articles))",
                [(digest, item.group, item.window) for digest, item in planned.items()],
            )

    def planned(self, digests: Iterable[str]) -> dict[str, PlannedGroup]:
        """The groups planned earlier for these content hashes (those that have one)."""
        found: dict[str, PlannedGroup] = {}
        for digest in digests:
            row = self.db.execute(
                "SELECT grp, win FROM plans WHERE content_hash = ?", (digest,)
            ).fetchone()
            if row is not None:
                found[digest] = PlannedGroup(row[0], row[1])
        return found

    def begin_run(self, hashes: Iterable[str]) -> None:
        """Note the texts (``content_hash``) of a run about to store them, in place of any
        note left: until ``end_run``, a run of the rest of them finishes it
        (``run_interrupted``)."""
        with self.db:
            self.db.execute("DELETE FROM open_run")
            self.db.executemany(
                "INSERT OR IGNORE INTO open_run (content_hash) VALUES (?)",
                ((digest,) for digest in hashes),
            )

    def end_run(self) -> None:
        """Note that the run has ended: every text it was given is stored or refused."""
        with self.db:
            self.db.execute("DELETE FROM open_run")

    def run_interrupted(self, hashes: Iterable[str]) -> bool:
        """Whether these texts are the rest of a run that stored some of its texts and did not
        end (``begin_run``): all of them noted, and a noted one stored."""
        wanted = set(hashes)
        noted = {digest for (digest,) in self.db.execute("SELECT content_hash FROM open_run")}
        if not wanted or not noted.issuperset(wanted):
            return False
        stored = self.db.execute(
            "SELECT 1 FROM open_run JOIN articles USING (content_hash) LIMIT 1"
        ).fetchone()
        return stored is not None

    def holds_text(self, digest: str) -> bool:
        """Whether an article with this ``content_hash`` is stored (under any id)."""
        row = self.db.execute(
            "SELECT 1 FROM articles WHERE content_hash = ? LIMIT 1", (digest,)
        ).fetchone()
        return row is not None

    def count_articles(self) -> int:
        """How many articles the store holds."""
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def last_article(self) -> tuple[int, str] | None:
        """The arrival number and key of the article stored last, or None when there is none."""
        row = self.db.execute("SELECT seq, key FROM articles ORDER BY seq DESC LIMIT 1").fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def key_at(self, seq: int) -> str | None:
        """The key of the article with this arrival number, or None."""
        row = self.db.execute("SELECT key FROM articles WHERE seq = ?", (seq,)).fetchone()
        return None if row is None else str(row[0])

    def features_of(self, keys: Sequence[str]) -> list[tuple[str, ArticleFeatures]]:
        """The stored features of the articles with these keys, in the order given (keys not
        stored are left out)."""
        found: dict[str, ArticleFeatures] = {}
        for start in range(0, len(keys), _KEYS_PER_QUERY):
            chunk = keys[start : start + _KEYS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            for key, blob in self.db.execute(
                f"SELECT key, features FROM articles WHERE key IN ({marks})", chunk
            ):
                found[key] = decode_features(blob, article_id=key)
        return [(key, found[key]) for key in keys if key in found]

    def has_article(self, digest: str, input_id: str) -> bool:
        """Whether an article with this ``content_hash`` of its text and this input id is
        stored (the same text under another id is another source: a copy)."""
        row = self.db.execute(
            "SELECT 1 FROM articles WHERE content_hash = ? AND input_id = ?", (digest, input_id)
        ).fetchone()
        return row is not None

    def upgrade(self, settings: ClusterSettings | None = None) -> bool:
        """Bring a store of an earlier layout to this one (``SCHEMA_VERSION``) in one
        transaction: a layout-5 store's articles table is rebuilt with the new identity and the
        plans table added; the text index of a store before layout 9 is rebuilt as layout 9
        keeps it (which rows hold each word, and no copy of the texts), and its articles are
        signed again (about half a millisecond an article: they are cleaned and split again).
        Stored features are read in any form, so they are left as they are (new articles' are
        written in the binary form), and so are articles without lead spans (layout 10); every
        story is marked stale, so that the ingest's refresh chooses its headline as layout 10
        does. Every article's day is written (layout 12); the vectors are written by the next
        full replay (``keep_state``). Plans gain the count of articles stored before them
        (layout 13), left empty for those kept before. The features of articles in a language
        read by its own rules (``storyline.stopwords``) are extracted again under ``settings``
        (the ingest's; by default ``ClusterSettings()``), since layouts before 14 read them as
        English, and their vectors and the kept clustering state are dropped: the next ingest
        replays the store and weighs them again. Layout 15 adds the note of an open run.
        Returns whether anything changed. Only a writer (holding ``locking.writer_lock``) calls
        this."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return False
        statements: list[str] = []
        present = {row[1] for row in self.db.execute("PRAGMA table_info(articles)")}
        if version >= 6:  # (a layout-5 store's articles table is made anew, with them)
            statements += [
                f"ALTER TABLE articles ADD COLUMN {column} {kind}"
                for column, kind in (("day", "INTEGER"), ("vector", "BLOB"))
                if column not in present
            ]
            planned = {row[1] for row in self.db.execute("PRAGMA table_info(plans)")}
            if "after_seq" not in planned:
                statements.append("ALTER TABLE plans ADD COLUMN after_seq INTEGER")
        if version < 6:
            columns = "key, input_id, content_hash, story_id, seq, copy_of, record, features, "
            statements += [
                "ALTER TABLE articles RENAME TO articles_old",
                "DROP INDEX IF EXISTS articles_story",
                _ARTICLES_TABLE,
                f"INSERT INTO articles ({columns} signature, lead) "
                f"SELECT {columns} signature, lead FROM articles_old",
                "DROP TABLE articles_old",
                *_INDEXES,
                _PLANS_TABLE,
            ]
        elif version < 10:
            statements.append("ALTER TABLE articles ADD COLUMN lead_spans TEXT")
        statements += [_DAY_INDEX, _STATE_TABLE, _RUN_TABLE]
        if version < 11:
            statements.append(_SENTENCES_TABLE)
            # Headlines are chosen from the reports' leads since layout 10: every story's is
            # made again by the refresh that follows (once, reading its articles in full).
            statements.append("UPDATE stories SET stale = 1")
        if version < 9:
            statements += [
                "ALTER TABLE story_text RENAME TO story_text_old",
                _TEXT_TABLE,
                # Every layout before 9 kept the texts in the index: they are indexed from it.
                "INSERT INTO story_text (rowid, title, body) SELECT rowid, title, body "
                "FROM story_text_old",
                "DROP TABLE story_text_old",
            ]
        statements.append(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements:
                self.db.execute(statement)
            if version < 9:
                self._sign_again()
            if version < 11:
                self._note_stored_sentences()
            if version < 14:
                self._read_other_languages_again(settings or ClusterSettings())
            self._note_days()
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()
        return True

    def _sign_again(self) -> None:
        """Sign every stored article as ``near_duplicates.Signer`` signs now, from its record
        (the same text, cleaned and split again), a batch of rows at a time."""
        from storyline.near_duplicates import Signer
        from storyline.pipeline import build_document  # here: only an upgrade needs it

        sign = Signer()
        total = self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        logger.info("signing the %d stored articles again (store layout %d)", total, SCHEMA_VERSION)
        last = 0
        while rows := self.db.execute(
            "SELECT seq, record FROM articles WHERE seq > ? ORDER BY seq LIMIT ?",
            (last, _BATCH_ARTICLES),
        ).fetchall():
            self.db.executemany(
                "UPDATE articles SET signature = ? WHERE seq = ?",
                [(sign(build_document(_article_from_record(record))), seq) for seq, record in rows],
            )
            last = rows[-1][0]

    def _read_other_languages_again(self, settings: ClusterSettings) -> None:
        """Extract again the features of the stored articles in a language read by its own
        rules (they were read as English before layout 14), a batch of rows at a time; their
        vectors and the kept clustering state are dropped (a full replay weighs them again)."""
        from storyline.cluster.features import FeatureExtractor
        from storyline.pipeline import build_document  # here: only an upgrade needs it
        from storyline.stopwords import STEMMER_NAMES

        extract = FeatureExtractor(settings)
        languages = sorted(STEMMER_NAMES)
        marks = ", ".join("?" * len(languages))
        last = 0
        changed = 0
        while rows := self.db.execute(
            f"SELECT seq, record FROM articles WHERE seq > ? "
            f"AND json_extract(record, '$.language') IN ({marks}) ORDER BY seq LIMIT ?",
            (last, *languages, _BATCH_ARTICLES),
        ).fetchall():
            self.db.executemany(
                "UPDATE articles SET features = ?, vector = NULL WHERE seq = ?",
                [
                    (encode_features(extract(build_document(_article_from_record(record)))), seq)
                    for seq, record in rows
                ],
            )
            changed += len(rows)
            last = rows[-1][0]
        if changed:
            logger.info("read %d stored articles in other languages again (layout 14)", changed)
            self.db.execute("DELETE FROM clustering_state")

    def _note_days(self) -> None:
        """Write every stored article's publication day, from its stored features."""
        self.db.executemany(
            "UPDATE articles SET day = ? WHERE seq = ?",
            [
                (stored_day(features, article_id=key), seq)
                for seq, key, features in self.db.execute("SELECT seq, key, features FROM articles")
            ],
        )

    def _note_stored_sentences(self) -> None:
        """Note the sentences of every stored article (``_note_sentences``), from its record
        cleaned and split again, a batch of rows at a time; its lead spans are written again
        too, as this release's cleaning splits it (a heading run into a first sentence is
        debris now)."""
        from storyline.pipeline import build_document  # here: only an upgrade needs it

        last = 0
        while rows := self.db.execute(
            "SELECT seq, story_id, record FROM articles WHERE seq > ? ORDER BY seq LIMIT ?",
            (last, _BATCH_ARTICLES),
        ).fetchall():
            spans: list[tuple[str, int]] = []
            for seq, story_id, record in rows:
                document = build_document(_article_from_record(record))
                self._note_sentences(story_id, document_keys(document))
                spans.append((_spans(document.sentences[:HEADLINE_SENTENCES]), seq))
            self.db.executemany("UPDATE articles SET lead_spans = ? WHERE seq = ?", spans)
            last = rows[-1][0]

    def _note_sentences(self, story_id: str, keys: Iterable[int]) -> None:
        """Record that the story holds these sentences (``boilerplate.sentence_key``). A
        sentence is recorded for ``boilerplate.MIN_STORIES`` stories at most: it is boilerplate
        from then on, whatever other story holds it, so the table and the cost of a look-up
        stay bounded however often a site repeats it. When a sentence comes to be in that many
        stories, they go stale: their headlines are chosen again without it."""
        story = self._story_seq(story_id)
        rows: list[tuple[int, int]] = []
        crossed: list[int] = []
        for key in dict.fromkeys(keys):
            holders = [
                holder
                for (holder,) in self.db.execute(
                    "SELECT story FROM sentence_stories WHERE sentence = ? LIMIT ?",
                    (key, MIN_STORIES),
                )
            ]
            if story in holders or len(holders) >= MIN_STORIES:
                continue
            rows.append((key, story))
            if len(holders) + 1 == MIN_STORIES:
                crossed += holders
        self.db.executemany("INSERT INTO sentence_stories (sentence, story) VALUES (?, ?)", rows)
        for batch, marks in _bound_batches(list(dict.fromkeys(crossed))):
            self.db.execute(f"UPDATE stories SET stale = 1 WHERE seq IN ({marks})", batch)

    def _story_seq(self, story_id: str) -> int:
        row = self.db.execute("SELECT seq FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise ValueError(f"no story {story_id!r} in the store")
        return int(row[0])

    def repeated(self, keys: Iterable[int]) -> frozenset[int]:
        """Those of ``keys`` (``boilerplate.sentence_key``) held by ``boilerplate.MIN_STORIES``
        stories or more: boilerplate. None of them in a store of a layout before 11, which does
        not know yet."""
        found: set[int] = set()
        try:
            for batch, marks in _bound_batches(list(dict.fromkeys(keys))):
                found.update(
                    key
                    for (key,) in self.db.execute(
                        f"SELECT sentence FROM sentence_stories WHERE sentence IN ({marks}) "
                        "GROUP BY sentence HAVING count(*) >= ?",
                        (*batch, MIN_STORIES),
                    )
                )
        except sqlite3.OperationalError as e:
            if "no such table" in str(e):
                return frozenset()
            raise
        return frozenset(found)

    def ingest(
        self,
        prepared: Iterable[PreparedArticle],
        *,
        assigner: StoryAssigner,
        hash_of: Callable[[str], str] | None = None,
    ) -> IngestCounts:
        """Store the new ones of the articles, each assigned to a story; stories touched go
        stale. Articles are written in transactions of ``_BATCH_ARTICLES``: an interruption loses
        at most the batch under way, and a re-run adds it. ``hash_of`` gives a text's
        ``content_hash`` (a caller that has hashed the texts already passes a look-up)."""
        self.upgrade()
        hash_of = hash_of or content_hash
        added = already = copies = 0
        touched: dict[str, None] = {}
        opened: dict[str, None] = {}
        for batch in _batches(prepared, size=_BATCH_ARTICLES):
            next_article, next_story = self._next_article, self._next_story
            stale: dict[str, None] = {}  # the batch's stories, marked stale as it ends
            try:
                with self.db:  # one transaction per batch
                    for item in batch:
                        digest = hash_of(item.article.text)
                        if self.has_article(digest, item.article.id):
                            already += 1
                            continue
                        decision = assigner.assign(item, digest=digest)
                        story_id = decision.story_id
                        if story_id is None:
                            story_id = self._open_story(digest, item.article.id)
                            opened[story_id] = None
                        key = self._insert(
                            item,
                            digest=digest,
                            story_id=story_id,
                            copy_of=decision.copy_of,
                            vector=decision.vector,
                        )
                        assigner.commit(key, story_id)
                        stale[story_id] = None
                        added += 1
                        copies += decision.copy_of is not None
                    self.db.executemany(
                        "UPDATE stories SET stale = 1 WHERE id = ?", [(s,) for s in stale]
                    )
            except BaseException:
                self._next_article, self._next_story = next_article, next_story
                raise
            touched.update(stale)
        return IngestCounts(added, already, tuple(touched), tuple(opened), copies)

    def reject(self, rejections: Iterable[Rejection]) -> None:
        """Record inputs that could not be used (a rejection recorded before is not repeated)."""
        with self.db:
            self.db.executemany(
                "INSERT OR IGNORE INTO rejections (source, reason, detail) VALUES (?, ?, ?)",
                [(item.source, item.reason, item.detail) for item in rejections],
            )

    def rejections(self) -> list[Rejection]:
        """Every rejection recorded, oldest first."""
        rows = self.db.execute("SELECT source, reason, detail FROM rejections ORDER BY seq")
        return [Rejection(source, reason, detail) for source, reason, detail in rows]

    def stale_stories(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT id FROM stories WHERE stale = 1")]

    def set_headline(self, story_id: str, headline: str | None) -> None:
        """Store a refreshed story's headline, and index it in place of the old one, and mark
        the story current."""
        self.upgrade()
        with self.db:
            row = self.db.execute(
                "SELECT seq, headline FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            self.db.execute(
                "UPDATE stories SET headline = ?, stale = 0 WHERE id = ?", (headline, story_id)
            )
            if row is None:
                return
            seq, old = row
            if old:  # the index keeps no copy of a text: a row is deleted by giving its words
                self.db.execute(
                    "INSERT INTO story_text (story_text, rowid, title, body) "
                    "VALUES ('delete', ?, ?, '')",
                    (-seq, old),
                )
            if headline:
                self.db.execute(
                    "INSERT INTO story_text (rowid, title, body) VALUES (?, ?, '')",
                    (-seq, headline),
                )

    def leads_of(self, story_id: str) -> list[StoredLead]:
        """The story's articles, each with its lead sentences as stored (None for an article
        stored before the store kept them: layout 10), in order of arrival. A writer calls
        this (the store is upgraded first)."""
        self.upgrade()
        rows = self.db.execute(
            "SELECT record, lead_spans FROM articles WHERE story_id = ? ORDER BY seq", (story_id,)
        )
        found: list[StoredLead] = []
        for record, spans in rows:
            article = _article_from_record(record)
            found.append((article, None if spans is None else _sentences(article, spans)))
        return found

    def articles_of(self, story_id: str) -> list[Article]:
        rows = self.db.execute(
            "SELECT record FROM articles WHERE story_id = ? ORDER BY seq", (story_id,)
        )
        return [_article_from_record(record) for (record,) in rows]

    def article(self, article_id: str) -> tuple[Article, str] | None:
        """The stored article with this key (or, failing that, the first stored with this input
        id) and its story id; None if there is none."""
        row = self.db.execute(
            "SELECT record, story_id FROM articles WHERE key = ?", (article_id,)
        ).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT record, story_id FROM articles WHERE input_id = ? ORDER BY seq LIMIT 1",
                (article_id,),
            ).fetchone()
        return None if row is None else (_article_from_record(row[0]), row[1])

    def story_version(self, story_id: str) -> int:
        """The arrival number of the story's newest article (0 if none): it changes exactly when
        articles join the story, so a digest computed at one version stays valid until then."""
        row = self.db.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM articles WHERE story_id = ?", (story_id,)
        ).fetchone()
        return int(row[0])

    def store_version(self) -> tuple[int, int]:
        """The arrival number of the newest article and the number of stale stories: it changes
        when articles are added and when headlines are refreshed."""
        row = self.db.execute(
            "SELECT (SELECT COALESCE(MAX(seq), 0) FROM articles), "
            "(SELECT count(*) FROM stories WHERE stale = 1)"
        ).fetchone()
        return int(row[0]), int(row[1])

    def search(self, query: str) -> set[str]:
        """The ids of the stories whose headline or an article's title or text contains every word
        of ``query`` (each word also matches as a prefix: "evacu" finds "evacuated"). Case and
        accents do not matter; FTS5 syntax in ``query`` is not interpreted. A query without
        words matches nothing."""
        rows = fts_rows(self.db, _STORIES_MATCHING, query)
        return {story_id for (story_id,) in rows}

    def has_story(self, story_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone()
        return row is not None

    def stories(self) -> list[StoryRow]:
        """Every story with articles, most recently opened last."""
        rows: list[StoryRow] = []
        for story_id, headline in self.db.execute(
            "SELECT id, headline FROM stories ORDER BY seq"
        ).fetchall():
            articles = self.articles_of(story_id)
            if not articles:
                continue
            rows.append(
                StoryRow.of(
                    story_id,
                    headline,
                    [
                        (input_id, article.outlet, None)
                        for input_id, article in zip(
                            self._input_ids(story_id), articles, strict=True
                        )
                    ],
                    times=[a.published for a in articles if a.published is not None],
                )
            )
        return rows

    def _input_ids(self, story_id: str) -> list[str]:
        rows = self.db.execute(
            "SELECT input_id FROM articles WHERE story_id = ? ORDER BY seq", (story_id,)
        )
        return [input_id for (input_id,) in rows]

    def _max_seq(self, table: str) -> int:
        row = self.db.execute(f"SELECT COALESCE(MAX(seq), 0) FROM {table}").fetchone()
        return int(row[0])

    def _open_story(self, digest: str, input_id: str) -> str:
        """Open a story for the article with this text hash and input id; return its id.

        The id is ``identity.opening_story_id``, the same in any fresh store (and in a digest);
        when a story has that id already (the same text, far in time, opened it),
        ``identity.other_story_id``, then with a number, until the id is new: an id is never
        given twice."""
        story_id = opening_story_id(digest)
        if self.has_story(story_id):
            story_id = base = other_story_id(digest, input_id)
            number = 2
            while self.has_story(story_id):
                story_id = f"{base}-{number}"
                number += 1
        self.db.execute(
            "INSERT INTO stories (id, seq, stale) VALUES (?, ?, 1)", (story_id, self._next_story)
        )
        self._next_story += 1
        return story_id

    def _insert(
        self,
        prepared: PreparedArticle,
        *,
        digest: str,
        story_id: str,
        copy_of: str | None,
        vector: bytes | str | None,
    ) -> str:
        article = prepared.article
        key = article.id
        suffix = 2
        while self.db.execute("SELECT 1 FROM articles WHERE key = ?", (key,)).fetchone():
            key = f"{article.id}-{suffix}"
            suffix += 1
        self.db.execute(
            "INSERT INTO articles (key, input_id, content_hash, story_id, seq, copy_of, record, "
            "features, signature, lead, lead_spans, day, vector) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                article.id,
                digest,
                story_id,
                self._next_article,
                copy_of,
                _record(article, key=key),
                encode_features(prepared.features),
                prepared.signature,
                prepared.lead,
                _spans(prepared.document.sentences[:HEADLINE_SENTENCES]),
                prepared.features.day,
                vector,
            ),
        )
        self.db.execute(
            "INSERT INTO story_text (rowid, title, body) VALUES (?, ?, ?)",
            (self._next_article, article.title or "", article.text),
        )
        self._note_sentences(story_id, document_keys(prepared.document))
        self._next_article += 1
        return key


def _bound_batches(items: Sequence[_Bound]) -> Iterator[tuple[Sequence[_Bound], str]]:
    """``items`` in batches a statement can bind (``_MAX_PARAMETERS``), each with its "?, ?"
    placeholders."""
    for start in range(0, len(items), _MAX_PARAMETERS):
        batch = items[start : start + _MAX_PARAMETERS]
        yield batch, ", ".join("?" * len(batch))


def connect_checked(
    path: Path, *, allow_empty: bool, **options: Any
) -> tuple[sqlite3.Connection, bool]:
    """A connection to the store at ``path`` (``options`` go to ``sqlite3.connect``) and whether
    it holds tables; raises ``InputError`` when it is not an SQLite database, or holds tables of
    another layout than ``SCHEMA_VERSION`` (or none, unless ``allow_empty``)."""
    db: sqlite3.Connection | None = None
    try:
        db = sqlite3.connect(path, **options)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as e:
        if db is not None:
            db.close()
        raise InputError(str(path), "unreadable", f"not a storyline database: {e}") from e
    if tables and version == 0:  # storyline always sets a layout version
        db.close()
        raise InputError(
            str(path),
            "unreadable",
            "not a storyline database this version reads: it has tables but no layout "
            "version (another program's database, or a store older than layout "
            f"{_READABLE_VERSIONS[0]}); give a new file to --db",
        )
    if (tables or not allow_empty) and version not in _READABLE_VERSIONS:
        db.close()
        raise InputError(
            str(path),
            "unsupported-version",
            f"the database has layout version {version}; this storyline reads versions "
            f"{', '.join(map(str, _READABLE_VERSIONS[:-1]))} and {_READABLE_VERSIONS[-1]}: "
            "ingest the articles again into a new database",
        )
    return db, bool(tables)


def fts_query(text: str) -> str | None:
    """An FTS5 query matching rows that contain every word of ``text`` (up to 16), each word
    quoted (so operators and punctuation are plain text) and matched as a prefix; None if ``text``
    has no word."""
    terms = _QUERY_TERM.findall(text)[:_MAX_QUERY_TERMS]
    if not terms:
        return None
    return " ".join(f'"{term}"*' for term in terms)


def fts_rows(db: sqlite3.Connection, sql: str, query: str) -> list[Any]:
    """The rows of ``sql``, whose one parameter is the ``fts_query`` of the words ``query``;
    none when ``query`` has no word, or when the index cannot run it: a word its tokenizer
    splits further is a phrase (letters of a script newer than SQLite's Unicode tables)."""
    match = fts_query(query)
    if match is None:
        return []
    try:
        return db.execute(sql, (match,)).fetchall()
    except sqlite3.OperationalError as e:
        if "phrase queries are not supported" in str(e):
            return []
        raise


def refresh_stale(
    store: StoryStore,
    *,
    headline_of: Callable[
        [Sequence[StoredLead], Callable[[Iterable[int]], frozenset[int]]], str | None
    ],
) -> list[str]:
    """Recompute the headline of every stale story from its articles' leads
    (``StoryStore.leads_of``), given which sentences are boilerplate (``StoryStore.repeated``);
    returns the ids refreshed."""
    refreshed: list[str] = []
    for story_id in store.stale_stories():
        store.set_headline(story_id, headline_of(store.leads_of(story_id), store.repeated))
        refreshed.append(story_id)
    return refreshed


def _batches(items: Iterable[PreparedArticle], *, size: int) -> Iterator[list[PreparedArticle]]:
    batch: list[PreparedArticle] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _spans(sentences: Sequence[Sentence]) -> str:
    """Where sentences are in their article's text, as JSON: ``[[start, end, paragraph], ...]``."""
    return json.dumps([[sent.start, sent.end, sent.paragraph] for sent in sentences])


def _sentences(article: Article, spans: str) -> tuple[Sentence, ...]:
    """The sentences of ``article`` that ``_spans`` wrote down, numbered from 0."""
    return tuple(
        Sentence(article.id, index, start, end, article.text[start:end], paragraph)
        for index, (start, end, paragraph) in enumerate(json.loads(spans))
    )


def _record(article: Article, *, key: str) -> str:
    # An ASCII text is written the same either way, and twice as fast with escaping on (a field
    # with other characters is then escaped, and read back the same); other texts keep their
    # characters, which take half the bytes of their escapes or less.
    return json.dumps(
        {
            "id": key,
            "text": article.text,
            "source": article.source,
            "title": article.title,
            "outlet": article.outlet,
            "published": None if article.published is None else article.published.isoformat(),
            "published_zone": article.published_zone,
            "language": article.language,
            "body_start": article.body_start,
            "group": article.group,
        },
        ensure_ascii=article.text.isascii(),
    )


def _article_from_record(record: str) -> Article:
    fields = json.loads(record)
    published = fields.pop("published")
    return Article(
        **fields, published=None if published is None else datetime.fromisoformat(published)
    )
