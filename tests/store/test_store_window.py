"""An ingest of dated articles restores only the stories near them in time
(``StoryStore.restore_into``): the stories are those of ingests that replay the whole store, run
after run, with late articles of earlier days, wire copies and a kill midway."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from builders import DUC2004

from storyline.cluster import ClusterSettings
from storyline.cluster.features import publication_day
from storyline.config import Config
from storyline.identity import content_hash
from storyline.model import Article
from storyline.store import StoryStore
from storyline.store.assign import ClusterAssigner, FullReplayAssigner
from storyline.store.sqlite import PlannedGroup, StoredArticle
from storyline.store.update import add_articles

START = datetime(2024, 5, 1, 6, tzinfo=UTC)
CLUSTERS = 30  # stories enough that an article is not compared with every one of them


def full_replay(settings: ClusterSettings) -> dict[str, object]:
    """The ``add_articles`` arguments of a run that replays the whole store, with ``settings``."""
    return {"settings": settings, "assigner": lambda: FullReplayAssigner(settings)}


_COMMIT = ClusterAssigner.commit


def killed_after(count: int) -> Callable[[ClusterAssigner, str, str], None]:
    """``ClusterAssigner.commit`` that interrupts the run (Ctrl-C) after ``count`` commits."""
    commits: list[str] = []

    def commit(self: ClusterAssigner, key: str, story_id: str) -> None:
        if len(commits) == count:
            raise KeyboardInterrupt
        commits.append(key)
        _COMMIT(self, key, story_id)

    return commit


# Windows of 20 articles: a run is planned in several, and forgets before each.
SMALL_WINDOWS = ClusterSettings(plan_window=20, plan_min_dated_articles=10)


def dated_reports(*, spacing: int = 4) -> list[Article]:
    """The reports of the first DUC 2004 clusters, cluster ``c`` reported on days ``4c`` to
    ``4c + 2`` (``spacing`` apart: with 4, each story's window meets its neighbours'), and
    every fourth report copied word for word by another outlet a day later."""
    articles: list[Article] = []
    with (DUC2004 / "clusters.jsonl").open(encoding="utf-8") as lines:
        for number, line in zip(range(CLUSTERS), lines, strict=False):
            for index, record in enumerate(json.loads(line)["articles"]):
                published = START + timedelta(days=spacing * number + index % 3, hours=index)
                original = Article(
                    id=record["id"], text=record["text"], source="<duc>", published=published
                )
                articles.append(original)
                if index % 4 == 0:
                    articles.append(
                        replace(
                            original,
                            id=f"{record['id']}-copy",
                            published=published + timedelta(days=1),
                        )
                    )
    return articles


def runs(articles: list[Article]) -> list[list[Article]]:
    """Five runs in order of publication, then a sixth of late reports: those of the first
    stories held back until then."""
    ordered = sorted(articles, key=lambda article: (article.published, article.id))
    late = [article for i, article in enumerate(ordered[:60]) if i % 5 == 0]
    rest = [article for article in ordered if article not in late]
    size = -(-len(rest) // 5)
    return [rest[i : i + size] for i in range(0, len(rest), size)] + [late]


def stored(db: Path) -> list[tuple[str, str, str | None]]:
    with StoryStore(db) as store:
        rows = store.db.execute("SELECT key, story_id, copy_of FROM articles ORDER BY seq")
        return [(key, story_id, copy_of) for key, story_id, copy_of in rows]


def restored(monkeypatch: pytest.MonkeyPatch) -> list[StoredArticle]:
    """What each ``ClusterAssigner.restore`` call learns, from now on."""
    seen: list[StoredArticle] = []
    restore = ClusterAssigner.restore

    def counting(self: ClusterAssigner, article: StoredArticle) -> None:
        seen.append(article)
        restore(self, article)

    monkeypatch.setattr(ClusterAssigner, "restore", counting)
    return seen


@pytest.mark.parametrize("settings", [ClusterSettings(), SMALL_WINDOWS], ids=["one", "windows"])
def test_runs_restored_near_their_days_give_the_stories_of_full_replays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: ClusterSettings
) -> None:
    parts = runs(dated_reports())
    full, near = tmp_path / "full.db", tmp_path / "near.db"
    for part in parts:
        add_articles(part, db=full, config=Config(), refresh=False, **full_replay(settings))
    seen = restored(monkeypatch)
    per_run: list[tuple[int, int, int]] = []  # restored, stored before, stories before
    for part in parts:
        stories = len({story for _, story, _ in stored(near)})
        before = len(stored(near))
        add_articles(part, db=near, config=Config(), refresh=False, settings=settings)
        per_run.append((len(seen), before, stories))
        seen.clear()
    assert stored(near) == stored(full)
    assert any(copy_of for _, _, copy_of in stored(near))
    # Runs replay the whole store while it has no more than 20 stories (``max_candidates``: an
    # article is compared with every one); later ones restore only the stories near their
    # days, and the late run of the first days those of the first days.
    for count, before, stories in per_run:
        assert count == before if stories <= 20 else 0 < count < before / 2
    assert sum(stories > 20 for _, _, stories in per_run) >= 2


def restored_in_a_fourth_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: ClusterSettings
) -> tuple[list[StoredArticle], int]:
    """What a fourth run with ``settings`` restores from a store of three runs, and how many
    articles the store held."""
    first, second, third, fourth, *_ = runs(dated_reports())
    db = tmp_path / "s.db"
    add_articles(first + second + third, db=db, config=Config(), refresh=False)
    seen = restored(monkeypatch)
    add_articles(fourth, db=db, config=Config(), refresh=False, settings=settings)
    return seen, len(first) + len(second) + len(third)


def test_articles_restored_near_a_run_come_with_their_stored_vectors_not_features(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen, _ = restored_in_a_fourth_run(tmp_path, monkeypatch, ClusterSettings())
    assert seen  # restored near the run
    assert all(item.features is None and item.day is not None for item in seen)
    assert all(item.vector is not None for item in seen if item.copy_of is None)


def test_other_settings_replay_the_whole_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # State kept under other settings is not used.
    seen, stored_before = restored_in_a_fourth_run(
        tmp_path, monkeypatch, ClusterSettings(threshold=0.2)
    )
    assert len(seen) == stored_before
    assert all(item.features is not None for item in seen)


@pytest.mark.parametrize("settings", [ClusterSettings(), SMALL_WINDOWS], ids=["one", "windows"])
def test_a_run_killed_midway_is_finished_as_a_full_replay_would_finish_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: ClusterSettings
) -> None:
    first, second, third, fourth, fifth, late = runs(dated_reports())
    full, near = tmp_path / "full.db", tmp_path / "near.db"
    for part in (first + second + third, fourth + fifth, late):
        add_articles(part, db=full, config=Config(), refresh=False, **full_replay(settings))
    add_articles(first + second + third, db=near, config=Config(), refresh=False, settings=settings)
    # Transactions of ten articles: a kill after 25 leaves two whole batches stored.
    monkeypatch.setattr("storyline.store.sqlite._BATCH_ARTICLES", 10)
    monkeypatch.setattr(ClusterAssigner, "commit", killed_after(25))
    with pytest.raises(KeyboardInterrupt):
        add_articles(fourth + fifth, db=near, config=Config(), refresh=False, settings=settings)
    monkeypatch.setattr(ClusterAssigner, "commit", _COMMIT)
    assert len(stored(near)) == len(first) + len(second) + len(third) + 20
    seen = restored(monkeypatch)
    for part in (fourth + fifth, late):
        add_articles(part, db=near, config=Config(), refresh=False, settings=settings)
    # Restored near the runs, the 20 articles stored after the kept state counted in.
    assert seen and all(item.features is None for item in seen)
    assert stored(near) == stored(full)


def test_the_days_restored_are_the_index_periods_around_each_day_of_the_run() -> None:
    # Periods of 8 days.
    assigner = ClusterAssigner(ClusterSettings(window_days=7, plan_window=0))
    assert assigner.window_for([100], stories=21) == [(88, 111)]
    assert assigner.window_for([100, 108, 101], stories=21) == [(88, 119)]
    # A late article of an earlier day does not bring every story in between.
    assert assigner.window_for([300, 100], stories=21) == [(88, 111), (288, 311)]
    assert assigner.window_for([100], stories=20) is None  # compared with every story
    assert assigner.window_for([], stories=21) is None
    # However small the run (planned with the stored articles within a week of its days).
    small = ClusterAssigner(ClusterSettings(window_days=7, plan_min_dated_articles=3))
    assert small.window_for([300, 100], stories=21) == [(88, 111), (288, 311)]


@pytest.mark.parametrize("settings", [ClusterSettings(), SMALL_WINDOWS], ids=["one", "windows"])
def test_one_long_run_forgets_what_later_days_cannot_need_and_decides_the_same(
    tmp_path: Path, settings: ClusterSettings
) -> None:
    articles = dated_reports()
    add_articles(articles, db=tmp_path / "full.db", config=Config(), **full_replay(settings))
    assigner = ClusterAssigner(settings)
    add_articles(
        articles,
        db=tmp_path / "near.db",
        config=Config(),
        assigner=lambda: assigner,
        settings=settings,
    )
    assert stored(tmp_path / "near.db") == stored(tmp_path / "full.db")
    # Four months of reports: what is held at the end is that of the last weeks.
    assert assigner.partial
    assert 0 < assigner.articles_held < len(articles) / 4


def test_a_change_of_settings_weighs_every_stored_vector_again(tmp_path: Path) -> None:
    # The second run replays the store (its state was kept under other settings) and keeps
    # the vectors it weighed; the third, of the first run's days, restores those.
    ordered = sorted(dated_reports(), key=lambda article: (article.published, article.id))
    late = ordered[:200:3]
    rest = [article for article in ordered if article not in late]
    few_terms = ClusterSettings(max_terms=5, index_terms=5)
    for part, settings in ((rest[:-10], ClusterSettings()), (rest[-10:], few_terms)):
        add_articles(part, db=tmp_path / "full.db", config=Config(), **full_replay(settings))
        add_articles(part, db=tmp_path / "near.db", config=Config(), settings=settings)
    add_articles(late, db=tmp_path / "full.db", config=Config(), **full_replay(few_terms))
    add_articles(late, db=tmp_path / "near.db", config=Config(), settings=few_terms)
    assert stored(tmp_path / "near.db") == stored(tmp_path / "full.db")


def plans(db: Path) -> list[tuple[str, str, str]]:
    with StoryStore(db) as store:
        return sorted(store.db.execute("SELECT content_hash, grp, win FROM plans"))


def test_a_small_run_of_far_apart_days_is_planned_with_the_stored_articles_near_its_days(
    tmp_path: Path,
) -> None:
    reports = dated_reports(spacing=8)
    ordered = sorted(reports, key=lambda article: (article.published, article.id))
    texts = Counter(article.text for article in ordered)
    alone = [article for article in ordered if texts[article.text] == 1]  # no copy elsewhere
    stories = list(dict.fromkeys(article.id.split("-")[0] for article in alone))
    # Reports of two stories ten weeks apart: too few to be planned alone (100), so planned
    # with the stored articles within a week of their days.
    late = [article for article in alone if article.id.startswith(stories[10])][:3]
    late += [article for article in alone if article.id.startswith(stories[20])][:3]
    rest = [article for article in ordered if article not in late]
    for part in (rest, late):
        add_articles(
            part, db=tmp_path / "full.db", config=Config(), **full_replay(ClusterSettings())
        )
        add_articles(part, db=tmp_path / "near.db", config=Config())
    assert plans(tmp_path / "near.db") == plans(tmp_path / "full.db")
    assert stored(tmp_path / "near.db") == stored(tmp_path / "full.db")


def test_times_given_in_other_zones_are_days_in_utc(tmp_path: Path) -> None:
    # The same instants written in zones 24 hours apart: in arrival order, their local dates
    # would step back, and a run forgetting as days pass would forget what it still needs.
    zones = [timezone(timedelta(hours=hours)) for hours in (-11, 0, 13)]
    pick = random.Random(0)
    articles = [
        replace(article, published=article.published.astimezone(pick.choice(zones)))
        for article in dated_reports()
        if article.published is not None
    ]
    for settings in (ClusterSettings(), ClusterSettings(window_days=1)):
        full = tmp_path / f"full{settings.window_days}.db"
        near = tmp_path / f"near{settings.window_days}.db"
        add_articles(articles, db=full, config=Config(), **full_replay(settings))
        add_articles(articles, db=near, config=Config(), settings=settings)
        assert stored(near) == stored(full)
    moved = articles[1].published
    assert moved is not None and publication_day(articles[1]) == moved.astimezone(UTC).toordinal()


def test_a_run_with_undated_articles_restores_every_story_from_the_stored_vectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, third, fourth, *_ = runs(dated_reports())
    # Undated, a report is compared with every story whatever its time: all are restored, from
    # their stored vectors (no features read), as a replay weighing them again would decide.
    undated = [replace(article, published=None) for article in fourth[::4]]
    parts = [first + second, third, undated + fourth[1::4]]
    for part in parts[:2]:
        add_articles(
            part, db=tmp_path / "full.db", config=Config(), **full_replay(ClusterSettings())
        )
        add_articles(part, db=tmp_path / "near.db", config=Config())
    seen = restored(monkeypatch)
    add_articles(
        parts[2], db=tmp_path / "full.db", config=Config(), **full_replay(ClusterSettings())
    )
    assert all(item.features is not None for item in seen)  # the full replay weighs them again
    seen.clear()
    add_articles(parts[2], db=tmp_path / "near.db", config=Config())
    assert len(seen) == len(first + second + third)
    assert all(item.features is None for item in seen)
    assert stored(tmp_path / "near.db") == stored(tmp_path / "full.db")


def test_a_run_of_few_texts_and_many_copies_of_them_is_planned_near_its_days(
    tmp_path: Path,
) -> None:
    # 8 reports of two stories ten weeks apart and 96 copies of them under other ids: 104
    # articles, but 8 texts to plan, planned with the stored articles within a week of them.
    ordered = sorted(dated_reports(spacing=8), key=lambda article: (article.published, article.id))
    texts = Counter(article.text for article in ordered)
    alone = [article for article in ordered if texts[article.text] == 1]
    stories = list(dict.fromkeys(article.id.split("-")[0] for article in alone))
    late = [a for a in alone if a.id.startswith(stories[5])][:4]
    late += [a for a in alone if a.id.startswith(stories[15])][:4]
    copies = [
        replace(a, id=f"{a.id}-wire{k}", published=a.published + timedelta(days=1))
        for a in late
        if a.published is not None
        for k in range(12)
    ]
    rest = [article for article in ordered if article not in late]
    for part in (rest, late + copies):
        add_articles(
            part, db=tmp_path / "full.db", config=Config(), **full_replay(ClusterSettings())
        )
        add_articles(part, db=tmp_path / "near.db", config=Config())
    assert plans(tmp_path / "near.db") == plans(tmp_path / "full.db")
    assert stored(tmp_path / "near.db") == stored(tmp_path / "full.db")


def test_a_run_under_other_settings_drops_the_kept_state_even_when_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ordered = sorted(dated_reports(), key=lambda article: (article.published, article.id))
    late = ordered[150:250:2]
    rest = [article for article in ordered if article not in late]
    first, second, third = rest[:150], rest[150:260], rest[260:]
    other = ClusterSettings(max_terms=1, index_terms=1)  # other vectors
    monkeypatch.setattr("storyline.store.sqlite._BATCH_ARTICLES", 10)
    for name, arguments in (("full", full_replay), ("near", lambda s: {"settings": s})):
        db = tmp_path / f"{name}.db"
        add_articles(first, db=db, config=Config(), refresh=False, **arguments(ClusterSettings()))
        monkeypatch.setattr(ClusterAssigner, "commit", killed_after(100))
        with pytest.raises(KeyboardInterrupt):
            add_articles(second, db=db, config=Config(), refresh=False, **arguments(other))
        monkeypatch.setattr(ClusterAssigner, "commit", _COMMIT)
        for part in (second + third, late):
            add_articles(
                part, db=db, config=Config(), refresh=False, **arguments(ClusterSettings())
            )
    assert stored(tmp_path / "near.db") == stored(tmp_path / "full.db")


@pytest.mark.parametrize("undated_tail", [False, True], ids=["dated", "undated"])
def test_a_rerun_plans_no_window_the_interrupted_run_would_not_have(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, undated_tail: bool
) -> None:
    ordered = sorted(dated_reports(), key=lambda article: (article.published, article.id))
    first = ordered[:200]
    if undated_tail:  # two dated windows, then 15 undated articles: too few to plan alone
        first = first[:120] + [replace(a, published=None) for a in first[120:]]
        run = ordered[200:240] + [replace(a, published=None) for a in ordered[240:255]]
    else:  # windows of 20 and 20, then a tail of 9: too few to plan alone
        run = ordered[200:249]
    settings = SMALL_WINDOWS
    for name in ("whole", "killed"):
        add_articles(first, db=tmp_path / f"{name}.db", config=Config(), **full_replay(settings))
    add_articles(run, db=tmp_path / "whole.db", config=Config(), **full_replay(settings))
    monkeypatch.setattr("storyline.store.sqlite._BATCH_ARTICLES", 10)
    monkeypatch.setattr(ClusterAssigner, "commit", killed_after(35))
    with pytest.raises(KeyboardInterrupt):
        add_articles(run, db=tmp_path / "killed.db", config=Config(), **full_replay(settings))
    monkeypatch.setattr(ClusterAssigner, "commit", _COMMIT)
    add_articles(run, db=tmp_path / "killed.db", config=Config(), **full_replay(settings))
    assert plans(tmp_path / "killed.db") == plans(tmp_path / "whole.db")
    assert stored(tmp_path / "killed.db") == stored(tmp_path / "whole.db")


def test_reports_in_another_language_are_placed_as_full_replays_place_them(
    tmp_path: Path,
) -> None:
    # A report in another language is compared by meaning with the largest stories near it
    # (``StoryClusterer.near_stories``), not only those its words find: those too are restored.
    marked = [
        replace(article, language="fr") if i % 7 == 3 else article
        for i, article in enumerate(dated_reports())
    ]
    parts = runs(marked)
    full, near = tmp_path / "full.db", tmp_path / "near.db"
    for part in parts:
        add_articles(
            part, db=full, config=Config(), refresh=False, **full_replay(ClusterSettings())
        )
        add_articles(part, db=near, config=Config(), refresh=False)
    assert stored(near) == stored(full)
    story_of = {key: story for key, story, _ in stored(near)}
    foreign = {article.id for article in marked if article.language == "fr"}
    sizes = Counter(story_of.values())
    joined = [key for key in foreign if sizes[story_of[key]] > 1]
    assert len(joined) > len(foreign) / 2


@pytest.mark.parametrize("assigner", [ClusterAssigner, FullReplayAssigner])
def test_a_killed_run_planning_a_text_stored_earlier_is_finished_as_if_uninterrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, assigner: type[ClusterAssigner]
) -> None:
    # A text stored in an earlier run comes again under another id in a planned run, which is
    # killed after its plan is kept and before its articles are. Plans are kept by text: the
    # re-run used to give the earlier article the new plan's group, so the group followed it
    # into its story (found by helper-38; older than the restore near a run's days). The run
    # comes eight days after the earlier print: its story is restored (the periods near the
    # run's days reach it), but it is no copy and not among the stored articles the run is
    # planned with, so the run's reports of its event make a story of their own.
    settings = ClusterSettings(plan_window=20, plan_min_dated_articles=10)
    with (DUC2004 / "clusters.jsonl").open(encoding="utf-8") as lines:
        texts = {a["id"]: a["text"] for line in lines for a in json.loads(line)["articles"]}
    arrivals = [  # (DUC report, hours after the earlier print)
        ("d30036-D1", 191),
        ("d30042-D5", 194),
        ("d30037-D9", 204),
        ("d30046-D8", 204),
        ("d30036-D9", 208),
        ("d30042-D10", 208),
        ("d30036-D7", 209),
        ("d30036-D10", 210),
        ("d30036-D6", 211),
        ("d30036-D4", 212),
    ]
    reports = [
        Article(id=key, text=texts[key], source="<duc>", published=START + timedelta(hours=hours))
        for key, hours in arrivals
    ]
    earlier = Article(id="earlier-print", text=texts["d30036-D10"], source="<duc>", published=START)
    full, near = tmp_path / "full.db", tmp_path / "near.db"
    for part in ([earlier], reports):
        add_articles(part, db=full, config=Config(), refresh=False, **full_replay(settings))
    use = {"settings": settings, "assigner": lambda: assigner(settings)}
    add_articles([earlier], db=near, config=Config(), refresh=False, **use)
    monkeypatch.setattr("storyline.store.sqlite._BATCH_ARTICLES", 10)
    monkeypatch.setattr(ClusterAssigner, "commit", killed_after(len(reports) - 1))
    with pytest.raises(KeyboardInterrupt):
        add_articles(reports, db=near, config=Config(), refresh=False, **use)
    monkeypatch.setattr(ClusterAssigner, "commit", _COMMIT)
    assert len(stored(near)) == 1  # the plan is kept, no article of the run
    add_articles(reports, db=near, config=Config(), refresh=False, **use)
    assert stored(near) == stored(full)
    story_of = {key: story for key, story, _ in stored(full)}
    assert story_of[reports[0].id] != story_of["earlier-print"]  # the case this test is about


def flu_reports() -> list[Article]:
    """The BBC's and the Guardian's Timeline17 reports of the 2009 flu, each at an hour of its
    day: months of coverage of one topic, whose stories the planning of a window changes."""
    articles: list[Article] = []
    with (DUC2004.parent / "timeline17" / "topics.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            topic = json.loads(line)
            if topic["id"] not in ("H1N1_bbc", "H1N1_guardian"):
                continue
            for index, record in enumerate(topic["articles"]):
                day = datetime.fromisoformat(record["published"]).replace(tzinfo=UTC)
                articles.append(
                    Article(
                        id=record["id"],
                        text=record["text"],
                        source="<timeline17>",
                        published=day + timedelta(hours=index * 7 % 24),
                    )
                )
    return articles


@pytest.mark.parametrize("assigner", [ClusterAssigner, FullReplayAssigner])
def test_a_run_killed_between_its_windows_is_finished_as_if_uninterrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, assigner: type[ClusterAssigner]
) -> None:
    # A run's first window is planned with the stored articles near it, its later ones alone.
    # Killed after its first window was stored and before its second was planned, the re-run
    # used to take the second for its first and plan it with the stored articles, which are
    # now the first window's (found by helper-43).
    articles = sorted(flu_reports(), key=lambda article: (article.published, article.id))
    earlier, run = articles[:60], articles[60:140]
    full, near = tmp_path / "full.db", tmp_path / "near.db"
    for db in (full, near):
        add_articles(earlier, db=db, config=Config(), refresh=False, **full_replay(SMALL_WINDOWS))
    add_articles(run, db=full, config=Config(), refresh=False, **full_replay(SMALL_WINDOWS))
    monkeypatch.setattr("storyline.store.sqlite._BATCH_ARTICLES", 10)
    plans_saved: list[int] = []
    save_plan = StoryStore.save_plan

    def killed_at_the_second_plan(store: StoryStore, planned: dict[str, PlannedGroup]) -> None:
        plans_saved.append(len(planned))
        if len(plans_saved) == 2:
            raise KeyboardInterrupt
        save_plan(store, planned)

    with StoryStore(near) as store:
        new_texts = {  # (one report of the run is empty: refused)
            text
            for text in map(content_hash, (a.text for a in run if a.text.strip()))
            if not store.holds_text(text)
        }
    monkeypatch.setattr(StoryStore, "save_plan", killed_at_the_second_plan)
    use = {"settings": SMALL_WINDOWS, "assigner": lambda: assigner(SMALL_WINDOWS)}
    with pytest.raises(KeyboardInterrupt):
        add_articles(run, db=near, config=Config(), refresh=False, **use)
    monkeypatch.setattr(StoryStore, "save_plan", save_plan)
    assert len(stored(near)) > len(earlier)  # the first window is stored, no plan of the second
    with StoryStore(near) as store:
        # The texts of the run that the run before had not stored.
        texts = [text for text in map(content_hash, (a.text for a in run)) if text in new_texts]
        assert store.run_interrupted(texts)
    # A run with nothing new in between does not end the interrupted one (found by helper-45).
    add_articles(earlier[:3], db=near, config=Config(), refresh=False, **use)
    add_articles(run, db=near, config=Config(), refresh=False, **use)
    assert stored(near) == stored(full)
    with StoryStore(near) as store:
        assert not store.run_interrupted(texts)
