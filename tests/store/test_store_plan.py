"""Planned ingests (``store.update._planned``), exact copies under another id, and the upgrade of
stores of layouts 5 to 8."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from builders import as_layout_11_wrote, make_article

from storyline.cluster import ClusterSettings
from storyline.config import Config
from storyline.preparation import ArticlePreparer, PreparedArticle
from storyline.store import StoryStore
from storyline.store.reading import StoreReader
from storyline.store.sqlite import (
    SCHEMA_VERSION,
    Assignment,
    PlannedGroup,
    StoredArticle,
    content_hash,
)
from storyline.store.stored_features import decode_features
from storyline.store.update import _planned, add_articles

SETTINGS = ClusterSettings(plan_window=3, plan_min_articles=2)


class RecordingPlanner:
    """A ``PlanningAssigner`` double: every window it is given is one group, and it records the
    windows; assignment puts every article in one story."""

    def __init__(self) -> None:
        self.windows: list[list[str]] = []
        self.learnt: dict[str, PlannedGroup] = {}

    def plan(self, items: Sequence[tuple[str, PreparedArticle]]) -> dict[str, PlannedGroup]:
        hashes = [digest for digest, _ in items]
        self.windows.append(hashes)
        group = PlannedGroup(min(hashes), min(hashes))
        planned = dict.fromkeys(hashes, group)
        self.learn_plan(planned)
        return planned

    def learn_plan(self, planned: dict[str, PlannedGroup]) -> None:
        self.learnt.update(planned)

    def planned_hashes(self) -> set[str]:
        return set(self.learnt)

    def restore(self, stored: StoredArticle) -> None:
        pass

    def assign(self, prepared: PreparedArticle, *, digest: str = "") -> Assignment:
        return Assignment(None)

    def commit(self, key: str, story_id: str) -> None:
        pass


def _prepared(count: int, *, undated: int = 0) -> list[PreparedArticle]:
    """``count`` dated reports, an hour apart, then ``undated`` ones."""
    prepare = ArticlePreparer()
    start = datetime(2025, 3, 14, 8, tzinfo=UTC)
    items = [
        prepare(
            make_article(
                f"Report number {i} of the harbour works in Nordvik.",
                article_id=f"a{i}",
                published=start + timedelta(hours=i) if i < count else None,
            )
        )
        for i in range(count + undated)
    ]
    assert all(isinstance(item, PreparedArticle) for item in items)
    return [item for item in items if isinstance(item, PreparedArticle)]


def _hash(item: PreparedArticle) -> str:
    return content_hash(item.article.text)


def _windows_of(
    items: Sequence[PreparedArticle], store: StoryStore, planner: RecordingPlanner
) -> tuple[Iterator[PreparedArticle], list[int]]:
    """``_planned`` over ``items`` with ``SETTINGS``, and the list it records window sizes in."""
    sizes: list[int] = []
    stream = _planned(
        items,
        store=store,
        planner=planner,
        hash_of=content_hash,
        settings=SETTINGS,
        windows=sizes,
    )
    return stream, sizes


def test_windows_are_planned_and_saved_before_their_articles_pass(tmp_path: Path) -> None:
    items = _prepared(7)
    planner = RecordingPlanner()
    with StoryStore(tmp_path / "s.db") as store:
        passed = []
        stream, sizes = _windows_of(items, store, planner)
        for item in stream:
            # The plan of the article's window is in the store before the article goes on.
            assert store.planned([_hash(item)]) or item is items[6]
            passed.append(item)
        assert passed == items  # unchanged, in order
        # Two windows of 3; the last article alone is fewer than plan_min_articles: no plan.
        assert planner.windows == [
            [_hash(item) for item in part] for part in (items[:3], items[3:6])
        ]
        assert sizes == [3, 3]
        assert set(store.planned(_hash(item) for item in items)) == {
            _hash(item) for item in items[:6]
        }


def test_a_rerun_cuts_the_windows_an_interrupted_run_would_have(tmp_path: Path) -> None:
    items = _prepared(7)
    with StoryStore(tmp_path / "s.db") as store:
        first = RecordingPlanner()
        stream, _ = _windows_of(items, store, first)
        next(stream)  # the first window is planned and saved; then the run is "killed"
        assert first.windows == [[_hash(item) for item in items[:3]]]
        # The re-run gets what was not stored: the first article was, the rest was not.
        again = RecordingPlanner()
        stream, sizes = _windows_of(items[1:], store, again)
        assert list(stream) == items[1:]
        assert again.windows == [[_hash(item) for item in items[3:6]]]  # as the first run would
        assert sizes == [3]
        assert set(again.learnt) == {_hash(item) for item in items[1:6]}


def test_undated_articles_make_larger_windows_of_their_own(tmp_path: Path) -> None:
    # 4 dated, then 13 undated: the dated ones are a window of 3 and a last one of 1 (fewer than
    # plan_min_articles: one at a time); the undated ones never share a window with them, and
    # their windows are _UNDATED_WINDOWS (4) times larger: 12, then a last one of 1.
    items = _prepared(4, undated=13)
    planner = RecordingPlanner()
    with StoryStore(tmp_path / "s.db") as store:
        stream, sizes = _windows_of(items, store, planner)
        assert list(stream) == items
    assert sizes == [3, 12]
    assert planner.windows == [[_hash(item) for item in part] for part in (items[:3], items[4:16])]


def test_a_small_window_is_planned_when_dated_but_not_when_undated(tmp_path: Path) -> None:
    # Dated articles arrive in time order, so even a small window holds several reports of an
    # event; undated ones need more (plan_min_dated_articles 1 here, plan_min_articles 5).
    settings = ClusterSettings(plan_window=10, plan_min_articles=5, plan_min_dated_articles=1)
    for items, expected in ((_prepared(4), [4]), (_prepared(0, undated=4), [])):
        sizes: list[int] = []
        with StoryStore(tmp_path / f"s{len(expected)}.db") as store:
            stream = _planned(
                items,
                store=store,
                planner=RecordingPlanner(),
                hash_of=content_hash,
                settings=settings,
                windows=sizes,
            )
            assert list(stream) == items
        assert sizes == expected


def test_a_short_ingest_is_not_planned(tmp_path: Path) -> None:
    items = _prepared(1)
    planner = RecordingPlanner()
    with StoryStore(tmp_path / "s.db") as store:
        stream, sizes = _windows_of(items, store, planner)
        assert list(stream) == items
    assert planner.windows == []
    assert sizes == []


FERRY = "The ferry Sula Marren ran aground on a ledge near the island of Vask on Friday morning."
QUAKE = (
    "A strong earthquake shook the coastal town of Pellin on Tuesday, damaging the harbour wall "
    "and the old church of Pellin."
)
QUAKE_REPORT = (
    "The earthquake that hit Pellin on Tuesday damaged the harbour wall and cracked the old "
    "church, the mayor of Pellin said."
)


def test_the_same_text_under_another_id_is_stored_as_a_copy_and_once(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    articles = [make_article(FERRY, article_id="wire"), make_article(FERRY, article_id="paper")]
    update = add_articles(articles, db=db, config=Config(), refresh=False)
    assert (update.report.stored, update.report.duplicates, update.counts.copies) == (2, 0, 1)
    with StoryStore(db) as store:
        rows = store.stories()
        copies = store.db.execute("SELECT input_id, copy_of FROM articles ORDER BY seq").fetchall()
    assert [sorted(row.article_ids) for row in rows] == [["paper", "wire"]]
    assert copies[0][1] is None and copies[1][1] == copies[0][0]
    again = add_articles(articles, db=db, config=Config(), refresh=False)
    assert (again.report.stored, again.report.duplicates) == (0, 2)


def test_which_of_one_text_under_two_ids_is_the_original_does_not_depend_on_input_order(
    tmp_path: Path,
) -> None:
    def originals(order: list[str], db: Path) -> list[tuple[str, str | None]]:
        add_articles(
            [make_article(FERRY, article_id=article_id) for article_id in order],
            db=db,
            config=Config(),
            refresh=False,
        )
        with StoryStore(db) as store:
            rows = store.db.execute(
                "SELECT a.input_id, b.input_id FROM articles a "
                "LEFT JOIN articles b ON a.copy_of = b.key ORDER BY a.seq"
            ).fetchall()
        return [(row[0], row[1]) for row in rows]

    forward = originals(["wire", "paper"], tmp_path / "forward.db")
    backward = originals(["paper", "wire"], tmp_path / "backward.db")
    assert forward == backward == [("paper", None), ("wire", "paper")]


def _as_earlier_layouts_wrote(connection: sqlite3.Connection, *, detail: str) -> None:
    """Rewrite what layouts 5 to 8 wrote otherwise than layout 9: the text index with a copy of
    every text, each row's story id, and ``detail`` ("full": word positions, "column" or "none");
    and signatures that no signature of layout 9 matches, as those layouts' MinHash were; and
    no lead spans (``_downgrade_to_layout_9``)."""
    _without_lead_spans(connection)
    connection.execute("UPDATE articles SET signature = zeroblob(length(signature))")
    connection.executescript(
        f"""
        DROP TABLE story_text;
        CREATE VIRTUAL TABLE story_text USING fts5 (
            story_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2',
            detail = {detail}
        );
        INSERT INTO story_text (rowid, story_id, title, body)
            SELECT seq, story_id, COALESCE(json_extract(record, '$.title'), ''),
                json_extract(record, '$.text') FROM articles;
        INSERT INTO story_text (rowid, story_id, title, body)
            SELECT -seq, id, headline, '' FROM stories WHERE headline IS NOT NULL;
        """
    )


def _without_lead_spans(connection: sqlite3.Connection) -> None:
    """Drop the column of lead spans (layout 10), as layouts before it had none (nor what
    layout 12 added)."""
    as_layout_11_wrote(connection)
    connection.execute("ALTER TABLE articles DROP COLUMN lead_spans")


def _downgrade_to_layout_9(db: Path) -> None:
    """Rewrite a store as storyline wrote layout 9: no lead spans."""
    connection = sqlite3.connect(db)
    _without_lead_spans(connection)
    connection.execute("PRAGMA user_version = 9")
    connection.commit()
    connection.close()


def test_a_layout_9_store_gets_lead_spans_for_every_article_and_keeps_its_text_index(
    tmp_path: Path,
) -> None:
    db = _old_store_read_then_ingested_into(tmp_path, downgrade=_downgrade_to_layout_9)
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        spans = dict(connection.execute("SELECT input_id, lead_spans FROM articles"))
    finally:
        connection.close()
    # The upgrade to layout 11 writes the spans of the articles stored before (it reads them
    # again); the new ones have theirs; one sentence each.
    assert all(spans[key] is not None for key in ("wire", "quake"))
    assert json.loads(spans["r2"]) == [[0, len(QUAKE_REPORT), 0]]
    with StoryStore(db) as store:
        assert len(store.search("ferry")) == 1 and len(store.search("pellin")) == 1
        # Each article of the story is read back with its lead.
        (quake_story,) = store.search("pellin")
        leads = {article.id: sentences for article, sentences in store.leads_of(quake_story)}
    assert leads["quake"] is not None
    (sentence,) = leads["r2"] or ()
    assert (sentence.article_id, sentence.index, sentence.text) == ("r2", 0, QUAKE_REPORT)


def test_an_upgrade_to_layout_10_makes_every_headline_again(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    add_articles([make_article(FERRY, article_id="wire")], db=db, config=Config())
    _downgrade_to_layout_9(db)
    connection = sqlite3.connect(db)
    with connection:  # a headline the earlier layout chose otherwise
        connection.execute("UPDATE stories SET headline = 'Chosen by layout 9.'")
    connection.close()
    add_articles([make_article(QUAKE, article_id="quake")], db=db, config=Config())
    with StoryStore(db) as store:
        headlines = {row.article_ids: row.headline for row in store.stories()}
    assert headlines == {("wire",): FERRY, ("quake",): QUAKE}


def _downgrade_to_layout_5(db: Path) -> None:
    """Rewrite a store as storyline wrote layout 5: one article per text, no plans."""
    connection = sqlite3.connect(db)
    _as_earlier_layouts_wrote(connection, detail="full")
    connection.executescript(
        """
        ALTER TABLE articles RENAME TO articles_new;
        DROP INDEX articles_story;
        DROP INDEX articles_hash;
        CREATE TABLE articles (
            key TEXT PRIMARY KEY, input_id TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE,
            story_id TEXT NOT NULL, seq INTEGER NOT NULL UNIQUE, copy_of TEXT,
            record TEXT NOT NULL, features TEXT NOT NULL, signature BLOB NOT NULL,
            lead TEXT NOT NULL
        );
        INSERT INTO articles SELECT * FROM articles_new;
        DROP TABLE articles_new;
        CREATE INDEX articles_story ON articles (story_id, seq);
        DROP TABLE plans;
        PRAGMA user_version = 5;
        """
    )
    connection.close()


def test_a_layout_5_store_is_read_as_it_is_and_upgraded_by_the_next_ingest(
    tmp_path: Path,
) -> None:
    db = tmp_path / "s.db"
    add_articles([make_article(FERRY, article_id="wire")], db=db, config=Config(), refresh=False)
    _downgrade_to_layout_5(db)
    with StoryStore(db) as store:  # what `stories` and `show` open: read as it is
        assert [row.article_ids for row in store.stories()] == [("wire",)]
    with StoreReader(db) as reader:  # what `serve` opens
        assert len(reader.heads()) == 1
    update = add_articles(
        [make_article(FERRY, article_id="paper")], db=db, config=Config(), refresh=False
    )
    assert update.counts.copies == 1
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = connection.execute("SELECT input_id, story_id FROM articles ORDER BY seq").fetchall()
    finally:
        connection.close()
    assert [input_id for input_id, _ in rows] == ["wire", "paper"]
    assert rows[0][1] == rows[1][1]


def test_an_article_without_text_is_rejected_and_the_rest_stored(tmp_path: Path) -> None:
    articles = [make_article(FERRY, article_id="ferry"), make_article(" \n", article_id="blank")]
    update = add_articles(articles, db=tmp_path / "s.db", config=Config(), refresh=False)
    assert (update.report.stored, update.report.rejected) == (1, 1)
    assert update.report.balanced
    assert [(item.reason, item.detail) for item in update.rejections] == [
        ("no-text", "article 'blank': 'text' is empty")
    ]


def test_pages_that_clean_to_nothing_are_not_copies_of_each_other(tmp_path: Path) -> None:
    # All debris: no sentence is left, so their MinHash says nothing about the text.
    articles = [
        make_article("Advertisement", article_id="ad"),
        make_article("Photo: Reuters", article_id="photo"),
        make_article(FERRY, article_id="ferry"),
    ]
    update = add_articles(articles, db=tmp_path / "s.db", config=Config(), refresh=False)
    assert (update.report.stored, update.counts.copies) == (3, 0)
    with StoryStore(tmp_path / "s.db") as store:
        assert sorted(row.article_ids for row in store.stories()) == [
            ("ad",),
            ("ferry",),
            ("photo",),
        ]


def test_the_same_text_a_year_later_is_no_copy_but_the_same_week_is(tmp_path: Path) -> None:
    # A template text (a results table, a market report) recurs; a copy is printed soon after.
    day = datetime(2025, 3, 14, 8, tzinfo=UTC)
    articles = [
        make_article(FERRY, article_id="first", published=day),
        make_article(FERRY, article_id="same-week", published=day + timedelta(days=3)),
        make_article(FERRY, article_id="next-year", published=day + timedelta(days=365)),
    ]
    update = add_articles(articles, db=tmp_path / "s.db", config=Config(), refresh=False)
    assert (update.report.stored, update.counts.copies) == (3, 1)
    with StoryStore(tmp_path / "s.db") as store:
        stories = sorted(row.article_ids for row in store.stories())
    assert stories == [("first", "same-week"), ("next-year",)]


def _old_store_read_then_ingested_into(
    tmp_path: Path, *, downgrade: Callable[[Path], None]
) -> Path:
    """A store of two stories rewritten by ``downgrade`` as an earlier layout; checks that it is
    read as it is, then ingests into it (which upgrades it) and returns its path."""
    db = tmp_path / "s.db"
    first = [make_article(FERRY, article_id="wire"), make_article(QUAKE, article_id="quake")]
    add_articles(first, db=db, config=Config(), refresh=False)
    downgrade(db)
    with StoryStore(db) as store:
        assert sorted(row.article_ids for row in store.stories()) == [("quake",), ("wire",)]
        assert len(store.search("ferry")) == 1
    with StoreReader(db) as reader:
        assert len(reader.heads()) == 2
    # The stored features, in the old form, are read back when the next ingest restores them:
    # the same text under another id is still a copy, and a report of the quake joins it.
    update = add_articles(
        [make_article(FERRY, article_id="paper"), make_article(QUAKE_REPORT, article_id="r2")],
        db=db,
        config=Config(),
        refresh=False,
    )
    assert update.counts.copies == 1
    assert len(update.counts.stories_opened) == 0
    return db


def _downgrade_to_layout_6(db: Path) -> None:
    """Rewrite a store as storyline wrote layout 6: features as pairs, word positions indexed."""
    connection = sqlite3.connect(db)
    rows = connection.execute("SELECT key, features FROM articles").fetchall()
    for key, stored in rows:
        features = decode_features(stored, article_id=key)
        connection.execute(
            "UPDATE articles SET features = ? WHERE key = ?",
            (json.dumps({"day": features.day, "counts": features.counts}), key),
        )
    _as_earlier_layouts_wrote(connection, detail="full")
    connection.execute("PRAGMA user_version = 6")
    connection.commit()
    connection.close()


def test_a_layout_6_store_is_read_as_it_is_and_upgraded_by_the_next_ingest(
    tmp_path: Path,
) -> None:
    db = _old_store_read_then_ingested_into(tmp_path, downgrade=_downgrade_to_layout_6)
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        table = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'story_text'"
        ).fetchone()[0]
    finally:
        connection.close()
    assert "detail = none" in table and "content = ''" in table
    with StoryStore(db) as store:
        assert len(store.search("ferr")) == 1  # a prefix still matches
        assert store.search("ferry aground") == store.search("ferry")
        assert not store.search("ferry earthquake")


def _downgrade_to_layout_7(db: Path) -> None:
    """Rewrite a store as storyline wrote layout 7: features as JSON terms and numbers."""
    connection = sqlite3.connect(db)
    for key, stored in connection.execute("SELECT key, features FROM articles").fetchall():
        features = decode_features(stored, article_id=key)
        columns = {"day": features.day, "terms": features.terms, "numbers": features.numbers}
        connection.execute(
            "UPDATE articles SET features = ? WHERE key = ?", (json.dumps(columns), key)
        )
    _as_earlier_layouts_wrote(connection, detail="column")
    connection.execute("PRAGMA user_version = 7")
    connection.commit()
    connection.close()


def test_a_layout_7_store_keeps_its_json_features_and_new_ones_are_binary(tmp_path: Path) -> None:
    db = _old_store_read_then_ingested_into(tmp_path, downgrade=_downgrade_to_layout_7)
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        kinds = connection.execute("SELECT input_id, typeof(features) FROM articles").fetchall()
    finally:
        connection.close()
    assert dict(kinds) == {"wire": "text", "quake": "text", "paper": "blob", "r2": "blob"}


def _downgrade_to_layout_8(db: Path) -> None:
    """Rewrite a store as storyline wrote layout 8: a text index with a copy of every text."""
    connection = sqlite3.connect(db)
    _as_earlier_layouts_wrote(connection, detail="none")
    connection.execute("PRAGMA user_version = 8")
    connection.commit()
    connection.close()


def test_a_layout_8_store_gets_an_index_without_texts_and_its_articles_signed_again(
    tmp_path: Path,
) -> None:
    db = tmp_path / "s.db"
    first = [make_article(FERRY, article_id="wire"), make_article(QUAKE, article_id="quake")]
    add_articles(first, db=db, config=Config())  # headlines written and indexed
    with StoryStore(db) as store:
        found_before = {word: store.search(word) for word in ("ferry", "earthquake", "quake")}
    _downgrade_to_layout_8(db)
    with StoryStore(db) as store:  # read as it is: the same stories found
        assert {word: store.search(word) for word in found_before} == found_before
    with StoreReader(db) as reader:
        assert sorted(reader.match("ferry")) == [-2, 2]  # its article and its headline
    update = add_articles(
        [make_article(QUAKE_REPORT, article_id="r2"), make_article(FERRY, article_id="paper")],
        db=db,
        config=Config(),
    )
    assert update.counts.copies == 1  # the stored articles were signed again
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        table = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'story_text'"
        ).fetchone()[0]
        connection.execute("INSERT INTO story_text (story_text) VALUES ('integrity-check')")
    finally:
        connection.close()
    assert "content = ''" in table
    with StoryStore(db) as store:
        assert store.search("ferry") == found_before["ferry"]
        assert store.search("earthquake") == found_before["earthquake"]
        # A headline replaced in the index: the old one's words no longer find the story.
        (ferry_story,) = found_before["ferry"]
        store.set_headline(ferry_story, "Zanzibarian placeholder headline")
        assert store.search("zanzibarian") == {ferry_story}
        store.set_headline(ferry_story, "Quixotic wording")
        assert (store.search("zanzibarian"), store.search("quixotic")) == (set(), {ferry_story})
        store.set_headline(ferry_story, None)
        assert store.search("quixotic") == set()
        assert store.search("ferry") == {ferry_story}


def test_a_run_of_stored_articles_alone_replays_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    articles = [make_article(FERRY, article_id="wire"), make_article(QUAKE_REPORT, article_id="q")]
    add_articles(articles, db=db, config=Config(), refresh=False)
    made: list[RecordingPlanner] = []

    def assigner() -> RecordingPlanner:
        made.append(RecordingPlanner())
        return made[-1]

    again = add_articles(articles, db=db, config=Config(), refresh=False, assigner=assigner)
    assert (again.report.stored, again.report.duplicates) == (0, 2)
    assert made == []  # no assigner made, so no stored article replayed into one
    more = [*articles, make_article(QUAKE_REPORT + " Aftershocks followed.", article_id="q2")]
    third = add_articles(more, db=db, config=Config(), refresh=False, assigner=assigner)
    assert (third.report.stored, third.report.duplicates) == (1, 2)
    assert len(made) == 1


def _downgrade_to_layout_14(db: Path) -> None:
    """Rewrite a store as storyline wrote layout 14: no note of an open run."""
    connection = sqlite3.connect(db)
    connection.execute("DROP TABLE open_run")
    connection.execute("PRAGMA user_version = 14")
    connection.commit()
    connection.close()


def test_a_layout_14_store_gains_the_note_of_an_open_run(tmp_path: Path) -> None:
    db = _old_store_read_then_ingested_into(tmp_path, downgrade=_downgrade_to_layout_14)
    with StoryStore(db) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        (text,) = store.db.execute("SELECT content_hash FROM articles LIMIT 1").fetchone()
        assert not store.run_interrupted([text])  # the ingest that upgraded it ended
        store.begin_run([text, "not stored"])
        assert store.run_interrupted([text]) and store.run_interrupted(["not stored"])
        assert not store.run_interrupted(["another"])
        assert not store.run_interrupted([])  # a run with nothing new finishes nothing
