"""A run's first window is planned with the stored articles near it, and a run too small to be
planned alone is planned only so (``ClusterAssigner.context_keys`` / ``plan_in_context``,
``store.update._planned``): its reports grouped with stored ones follow them into their story."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from builders import make_article

from storyline.cluster import ClusterSettings
from storyline.config import Config
from storyline.identity import content_hash
from storyline.model import Article
from storyline.preparation import ArticlePreparer, PreparedArticle
from storyline.store import StoryStore
from storyline.store.assign import ClusterAssigner
from storyline.store.sqlite import PlannedGroup, StoredArticle
from storyline.store.update import _planned, add_articles
from tests.store.test_store_stream import EVENTS

START = datetime(2025, 3, 14, 8, tzinfo=UTC)
# Eight articles make a window worth planning; a run of three is too few alone.
SETTINGS = ClusterSettings(plan_min_articles=8, plan_min_dated_articles=8)


def report(event: str, i: int, *, day: int | None = None) -> Article:
    """Report ``i`` of a made-up event: three of its sentences (no two reports share more than
    two), dated ``day`` days after START, or undated."""
    sentences = EVENTS[event]
    text = " ".join(sentences[(i + step) % len(sentences)] for step in (0, 1, 3))
    published = None if day is None else START + timedelta(days=day, hours=i)
    return make_article(text, article_id=f"{event}-{i}", published=published)


def stories(db: Path) -> dict[str, set[str]]:
    with StoryStore(db) as store:
        return {row.id: set(row.article_ids) for row in store.stories()}


def story_of(db: Path, article_id: str) -> str:
    (found,) = [story for story, members in stories(db).items() if article_id in members]
    return found


def prepared(articles: list[Article]) -> list[tuple[str, PreparedArticle]]:
    prepare = ArticlePreparer(SETTINGS)
    items = [prepare(article) for article in articles]
    assert all(isinstance(item, PreparedArticle) for item in items)
    return [
        (content_hash(item.article.text), item)
        for item in items
        if isinstance(item, PreparedArticle)
    ]


def restored(db: Path) -> ClusterAssigner:
    assigner = ClusterAssigner(SETTINGS)
    with StoryStore(db) as store:
        store.restore_into(assigner)
    return assigner


FIRST = [report("ferry", i) for i in range(3)] + [report("budget", i) for i in range(3)]
SECOND = [report("ferry", 3), report("ferry", 4), report("budget", 3)]


def test_a_small_run_is_planned_with_the_stored_articles_and_follows_their_stories(
    tmp_path: Path,
) -> None:
    db = tmp_path / "s.db"
    first = add_articles(FIRST, db=db, config=Config(), settings=SETTINGS, refresh=False)
    assert first.counts.planned_windows == 0  # 6 undated, and nothing stored to plan them with
    before = stories(db)
    second = add_articles(SECOND, db=db, config=Config(), settings=SETTINGS, refresh=False)
    assert (second.counts.planned_windows, second.counts.planned_articles) == (1, 3)
    with StoryStore(db) as store:
        plans = store.planned(content_hash(article.text) for article in SECOND)
    assert {plans[content_hash(SECOND[0].text)].group} == {story_of(db, "ferry-0")}
    assert story_of(db, "ferry-3") == story_of(db, "ferry-4") == story_of(db, "ferry-0")
    assert story_of(db, "budget-3") == story_of(db, "budget-0")
    assert set(stories(db)) == set(before)  # no story opened, none lost


def test_a_run_large_enough_alone_is_planned_with_the_stored_articles_near_its_days(
    tmp_path: Path,
) -> None:
    # Before, a window large enough alone was planned without the store: its reports of a
    # stored event made a group of their own, whose first report then had to find the stored
    # story by its centroid alone.
    db = tmp_path / "s.db"
    old = [
        *(report("ferry", i, day=0) for i in range(3)),
        *(report("budget", i, day=300) for i in range(3)),
        report("storm", 4, day=100),
    ]
    add_articles(old, db=db, config=Config(), settings=SETTINGS, refresh=False)
    before = stories(db)
    # Eight reports (a window worth planning alone) from days ten months apart.
    run = [
        *(report("ferry", i, day=1) for i in (3, 4)),
        *(report("budget", i, day=301) for i in (3, 4)),
        *(report("storm", i, day=150) for i in range(4)),
    ]
    assigner = restored(db)
    window = prepared(run)
    # Near each of its days, not its whole span: the storm report of day 100 is not.
    assert sorted(assigner.context_keys(window, limit=10)) == sorted(a.id for a in old[:6])
    second = add_articles(run, db=db, config=Config(), settings=SETTINGS, refresh=False)
    assert (second.counts.planned_windows, second.counts.planned_articles) == (1, 8)
    with StoryStore(db) as store:
        plans = store.planned(content_hash(article.text) for article in run)
    assert plans[content_hash(run[0].text)].group == story_of(db, "ferry-0")
    assert plans[content_hash(run[2].text)].group == story_of(db, "budget-0")
    assert story_of(db, "ferry-3") == story_of(db, "ferry-4") == story_of(db, "ferry-0")
    assert story_of(db, "budget-3") == story_of(db, "budget-4") == story_of(db, "budget-0")
    assert len(set(stories(db)) - set(before)) == 1  # the storm's, seven weeks after day 100


def test_a_run_too_small_even_with_the_stored_articles_is_not_planned(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    add_articles(FIRST[:3], db=db, config=Config(), settings=SETTINGS, refresh=False)
    second = add_articles(SECOND, db=db, config=Config(), settings=SETTINGS, refresh=False)
    assert second.counts.planned_windows == 0  # 3 + 3 < 8


def test_dated_context_is_the_stored_articles_within_the_window_nearest_first(
    tmp_path: Path,
) -> None:
    db = tmp_path / "s.db"
    ferry = [report("ferry", i, day=0) for i in range(3)]
    budget = [report("budget", i, day=10 + i) for i in range(3)]
    storm = [report("storm", i, day=40) for i in range(3)]
    add_articles(ferry + budget + storm, db=db, config=Config(), settings=SETTINGS, refresh=False)
    assigner = restored(db)
    window = prepared([report("budget", 3, day=14), report("budget", 4, day=15)])
    # Days 7 to 22 are within a week of the window (days 14 to 15): the budget reports (days 10
    # to 12), nearest first; the ferry (day 0) and the storm (day 40) are not.
    assert assigner.context_keys(window, limit=10) == ["budget-2", "budget-1", "budget-0"]
    assert assigner.context_keys(window, limit=2) == ["budget-2", "budget-1"]
    assert assigner.context_keys(window, limit=0) == []


def test_undated_context_is_the_undated_articles_stored_last(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    dated = [report("storm", i, day=0) for i in range(2)]
    add_articles(dated + FIRST, db=db, config=Config(), settings=SETTINGS, refresh=False)
    assigner = restored(db)
    window = prepared(SECOND)
    with StoryStore(db) as store:
        undated = [
            key
            for (key,) in store.db.execute("SELECT key FROM articles ORDER BY seq")
            if not key.startswith("storm")
        ]
    assert assigner.context_keys(window, limit=10) == undated
    assert assigner.context_keys(window, limit=4) == undated[-4:]


def test_a_run_stopped_after_its_plan_was_saved_is_finished_as_it_would_have_been(
    tmp_path: Path,
) -> None:
    whole, stopped = tmp_path / "whole.db", tmp_path / "stopped.db"
    for db in (whole, stopped):
        add_articles(FIRST, db=db, config=Config(), settings=SETTINGS, refresh=False)
    add_articles(SECOND, db=whole, config=Config(), settings=SETTINGS, refresh=False)
    # The second run plans its window with the stored articles, saves the plan, passes its
    # first article on, and is stopped before storing anything.
    with StoryStore(stopped) as store:
        sizes: list[int] = []
        stream = _planned(
            [item for _, item in prepared(SECOND)],
            store=store,
            planner=restored(stopped),
            hash_of=content_hash,
            settings=SETTINGS,
            windows=sizes,
        )
        next(stream)
        assert sizes == [3]
        assert len(store.planned(content_hash(article.text) for article in SECOND)) == 3
    add_articles(SECOND, db=stopped, config=Config(), settings=SETTINGS, refresh=False)
    assert stories(stopped) == stories(whole)


def _assigner_knowing(
    stories_of: dict[str, str], items: list[tuple[str, PreparedArticle]]
) -> ClusterAssigner:
    """A ``ClusterAssigner`` that learnt each prepared article as stored in the given story."""
    assigner = ClusterAssigner(SETTINGS)
    for _, item in items:
        key = item.article.id
        assigner.restore(
            StoredArticle(
                key=key,
                story_id=stories_of[key],
                article=item.article,
                features=item.features,
                signature=item.signature,
                lead=item.lead,
                copy_of=None,
            )
        )
    return assigner


def test_a_group_follows_a_story_holding_four_in_five_of_its_stored_ones() -> None:
    stored = prepared([report("ferry", i) for i in range(5)])
    context = [(item.article.id, item.features) for _, item in stored]
    new = prepared([make_article(EVENTS["ferry"][0] + " " + EVENTS["ferry"][2], article_id="n")])
    mostly = {f"ferry-{i}": "story-a" if i < 4 else "story-b" for i in range(5)}
    split = {f"ferry-{i}": "story-a" if i < 3 else "story-b" for i in range(5)}
    followed = _assigner_knowing(mostly, stored).plan_in_context(new, context)
    assert {group.group for group in followed.values()} == {"story-a"}
    spanning = _assigner_knowing(split, stored).plan_in_context(new, context)
    assert {group.group for group in spanning.values()} == {new[0][0]}  # named as plan names it


def test_a_first_ingest_of_a_few_dated_reports_is_planned_as_digest_groups_them(
    tmp_path: Path,
) -> None:
    # Ten dated reports into a new store: fewer than plan_min_dated_articles (100), but nothing
    # stored is near them, so they are grouped as ``digest`` groups them (from ten).
    run = [
        *(report("ferry", i, day=0) for i in range(4)),
        *(report("budget", i, day=1) for i in range(3)),
        *(report("storm", i, day=2) for i in range(3)),
    ]
    first = add_articles(run, db=tmp_path / "s.db", config=Config(), refresh=False)
    assert (first.counts.planned_windows, first.counts.planned_articles) == (1, 10)
    assert sorted(sorted(members) for members in stories(tmp_path / "s.db").values()) == [
        ["budget-0", "budget-1", "budget-2"],
        ["ferry-0", "ferry-1", "ferry-2", "ferry-3"],
        ["storm-0", "storm-1", "storm-2"],
    ]
    fewer = add_articles(run[:9], db=tmp_path / "fewer.db", config=Config(), refresh=False)
    assert fewer.counts.planned_windows == 0  # nine: one at a time
    # A later run near them is planned only with enough stored articles (100 in all).
    later = add_articles(
        [report("ferry", 4, day=1), report("storm", 3, day=2)],
        db=tmp_path / "s.db",
        config=Config(),
        refresh=False,
    )
    assert later.counts.planned_windows == 0


def test_a_run_that_failed_before_storing_anything_leaves_nothing_to_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its note of an open run must not make the next run take itself for its re-run (which
    # plans no window with stored articles, nor a first one from ten): found by helper-45.
    db = tmp_path / "s.db"
    run = [
        *(report("ferry", i, day=0) for i in range(4)),
        *(report("budget", i, day=1) for i in range(3)),
        *(report("storm", i, day=2) for i in range(3)),
    ]

    def failing(self: StoryStore, planned: dict[str, PlannedGroup]) -> None:
        raise RuntimeError("a failure before anything is stored or planned")

    with monkeypatch.context() as patched:
        patched.setattr(StoryStore, "save_plan", failing)
        with pytest.raises(RuntimeError):
            add_articles(run, db=db, config=Config(), refresh=False)
    assert stories(db) == {}
    again = add_articles(run, db=db, config=Config(), refresh=False)
    assert (again.counts.planned_windows, again.counts.planned_articles) == (1, 10)
