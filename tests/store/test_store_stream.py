"""The store with its real assigner: wire copies, rejections, restarts and kills."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.errors import InputError
from storyline.store import StoryStore
from storyline.store.sqlite import _BATCH_ARTICLES
from storyline.store.update import update_store

# Three made-up events, each told in several different reports.
EVENTS = {
    "ferry": [
        "The ferry Sula Marren ran aground on a ledge near the island of Vask on Friday morning.",
        "Coastguard boats took all 212 passengers of the ferry ashore within five hours.",
        "Divers inspected the damaged hull of the Sula Marren for leaking fuel near Vask.",
        "The ferry operator suspended its island timetable after the grounding at Vask.",
        "Passengers of the grounded ferry described a loud bang and a sudden stop.",
    ],
    "budget": [
        "The city council of Nordvik approved the harbour budget on Monday after a long debate.",
        "Nordvik councillors voted 23 to 18 for the harbour budget, which raises mooring fees.",
        "The approved Nordvik budget sets aside money for dredging the harbour channel.",
        "Opposition councillors in Nordvik said the harbour budget favours cruise operators.",
        "Fishermen protested outside the Nordvik council hall during the budget vote.",
    ],
    "storm": [
        "A winter storm cut power to forty thousand homes across the Lerin valley on Tuesday.",
        "Falling trees blocked the main road through the Lerin valley during the storm.",
        "Electricity crews worked through the night to restore power in the Lerin valley.",
        "Schools in the Lerin valley stayed closed as the storm brought heavy snow.",
        "The storm's gusts reached 140 kilometres an hour on the ridges above Lerin.",
    ],
}
START = datetime(2025, 3, 14, 8, tzinfo=UTC)


def _records(copies: int = 0) -> list[dict[str, object]]:
    """Reports of the three events: each tells three of its event's sentences (no two reports
    share more than two), and the first ``copies`` reports are reprinted with a sign-off."""
    records: list[dict[str, object]] = []
    for day, (event, sentences) in enumerate(EVENTS.items()):
        for i in range(len(sentences)):
            text = " ".join(sentences[(i + step) % len(sentences)] for step in (0, 1, 3))
            records.append(
                {
                    "id": f"{event}-{i}",
                    "text": text,
                    "outlet": f"Outlet {i}",
                    "published": (START + timedelta(days=day * 30, hours=i)).isoformat(),
                }
            )
    for i in range(copies):
        wire = dict(records[i])
        wire["id"] = f"copy-{i}"
        wire["outlet"] = "Reprint Daily"
        wire["text"] = str(wire["text"]) + " Reporting by the wire desk."
        wire["published"] = (
            datetime.fromisoformat(str(wire["published"])) + timedelta(hours=2)
        ).isoformat()
        records.append(wire)
    return records


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def _stories(db: Path) -> list[tuple[str, tuple[str, ...]]]:
    with StoryStore(db) as store:
        return [(row.id, row.article_ids) for row in store.stories()]


def test_each_event_becomes_one_story(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    update_store([_write(tmp_path / "a.jsonl", _records())], db=db, config=Config(), refresh=False)
    stories = [sorted(ids) for _, ids in _stories(db)]
    assert stories == [[f"{event}-{i}" for i in range(5)] for event in EVENTS]


def test_a_wire_copy_joins_its_original_story_as_a_copy(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    update = update_store(
        [_write(tmp_path / "a.jsonl", _records(copies=2))], db=db, config=Config(), refresh=False
    )
    assert update.counts.added == 17
    assert update.counts.copies == 2
    with StoryStore(db) as store:
        rows = store.db.execute("SELECT key, copy_of FROM articles WHERE copy_of IS NOT NULL")
        assert sorted(rows) == [("copy-0", "ferry-0"), ("copy-1", "ferry-1")]
    (ferry, *_) = _stories(db)
    assert {"copy-0", "copy-1"} <= set(ferry[1])


def test_ingesting_in_two_runs_gives_the_stories_of_one_run(tmp_path: Path) -> None:
    records = sorted(_records(copies=1), key=lambda record: str(record["published"]))
    whole = tmp_path / "whole.db"
    update_store([_write(tmp_path / "all.jsonl", records)], db=whole, config=Config())
    parts = tmp_path / "parts.db"
    # A store is a stream: the first run holds the earliest reports, the second all of them.
    first, second = _write(tmp_path / "1.jsonl", records[:7]), _write(tmp_path / "2.jsonl", records)
    update_store([first], db=parts, config=Config())
    again = update_store([second], db=parts, config=Config())
    assert again.counts.already_stored == 7
    assert _stories(parts) == _stories(whole)


def test_rejections_are_recorded_once_with_their_reasons(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    swahili = {
        "id": "sw",
        "language": "sw",
        "text": "Meli ya abiria ilikwama karibu na kisiwa siku ya Ijumaa asubuhi na abiria wote "
        "waliokolewa salama na walinzi wa pwani.",
    }
    inputs = [_write(tmp_path / "a.jsonl", [*_records()[:2], swahili]), empty, tmp_path / "gone"]
    for _ in range(2):
        update = update_store(inputs, db=db, config=Config(), refresh=False)
        assert {item.reason for item in update.rejections} == {
            "empty",
            "not-found",
            "unsupported-language",
        }
    with StoryStore(db) as store:
        assert sorted(item.reason for item in store.rejections()) == [
            "empty",
            "not-found",
            "unsupported-language",
        ]


def test_a_database_of_another_layout_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE articles (key TEXT)")
    with pytest.raises(InputError, match="has tables but no layout version"), StoryStore(db):
        pass
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA user_version = 3")
    with pytest.raises(InputError, match="layout version 3"), StoryStore(db):
        pass


def _synthetic_stream(count: int) -> list[dict[str, object]]:
    """``count`` reports of many small made-up events (words drawn per event), spread in time."""
    records = []
    for i in range(count):
        event = i // 6
        words = [f"w{event}x{j}" for j in range(12)] + [f"common{j}" for j in range(6)]
        text = " ".join(words[(i + k) % len(words)] for k in range(60)) + "."
        records.append(
            {
                "id": f"r{i}",
                "text": text,
                "published": (START + timedelta(hours=event * 30)).isoformat(),
            }
        )
    return records


def test_a_killed_ingest_leaves_a_consistent_store_and_a_rerun_finishes_it(
    tmp_path: Path,
) -> None:
    inputs = _write(tmp_path / "stream.jsonl", _synthetic_stream(3500))
    reference = tmp_path / "reference.db"
    update_store([inputs], db=reference, config=Config(), refresh=False)
    with sqlite3.connect(reference) as connection:
        total = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    # Killed once the first transaction is stored; a kill that comes after the last one (the
    # run was quicker than the look) is tried again in a new store.
    for attempt in range(3):
        db = tmp_path / f"killed-{attempt}.db"
        stored = _kill_once_stored(inputs, db)
        if stored < total:
            break
    assert 0 < stored < total, "the ingest was not caught midway"
    with sqlite3.connect(db) as connection:
        counted = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert counted % _BATCH_ARTICLES == 0  # whole transactions only
    update_store([inputs], db=db, config=Config(), refresh=False)
    assert _stories(db) == _stories(reference)


def _kill_once_stored(inputs: Path, db: Path) -> int:
    """Run ``storyline ingest`` in a process, ``kill -9`` it once it has stored articles (or
    after two minutes), and return how many it had stored when last looked at."""
    run = "from storyline.cli.app import main; main()"
    command = [sys.executable, "-c", run, "ingest", str(inputs), "--db", str(db)]
    process = subprocess.Popen(command, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=0.1) as connection:
                    stored = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored > 0:
                break
    process.send_signal(signal.SIGKILL)
    process.wait()
    return int(stored)


def test_ingesting_the_same_files_in_another_order_gives_the_same_stories(tmp_path: Path) -> None:
    records = _records(copies=2)
    files = [_write(tmp_path / f"{i}.jsonl", [record]) for i, record in enumerate(records)]
    forward, backward = tmp_path / "forward.db", tmp_path / "backward.db"
    update_store(files, db=forward, config=Config(), refresh=False)
    update_store(list(reversed(files)), db=backward, config=Config(), refresh=False)
    assert _stories(forward) == _stories(backward)


def _stored(db: Path) -> list[tuple[str, str]]:
    """Each stored article's input id and key, in order of arrival."""
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT input_id, key FROM articles ORDER BY seq").fetchall()
    finally:
        connection.close()


def test_files_of_one_name_are_told_apart_by_text_whatever_else_a_run_reads(
    tmp_path: Path,
) -> None:
    # A mirror of a site: every article an index.html in a folder of its own.
    site = tmp_path / "site"
    for name, sentences in list(EVENTS.items())[:2]:
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(
            f"<html><body><p>{' '.join(sentences[:3])}</p></body></html>", encoding="utf-8"
        )
    db = tmp_path / "s.db"
    first = update_store([site], db=db, config=Config())
    assert first.report.stored == 2
    # A third page arrives in a folder that sorts first: the stored two are not stored again.
    (site / "aaa").mkdir()
    (site / "aaa" / "index.html").write_text(
        f"<html><body><p>{' '.join(EVENTS['storm'][:3])}</p></body></html>", encoding="utf-8"
    )
    second = update_store([site], db=db, config=Config())
    assert (second.report.stored, second.report.duplicates, second.counts.copies) == (1, 2, 0)
    # The same files named in the other order: all duplicates.
    folders = sorted(site.iterdir(), reverse=True)
    third = update_store(folders, db=db, config=Config())
    assert (third.report.stored, third.report.duplicates) == (0, 3)
    stored = _stored(db)
    assert [input_id for input_id, _ in stored] == ["index"] * 3  # the id each file gives
    assert len({key for _, key in stored}) == 3  # under keys of their own
    assert sorted(len(ids) for _, ids in _stories(db)) == [1, 1, 1]


def test_a_record_given_twice_in_one_run_is_stored_once(tmp_path: Path) -> None:
    records = _records()[:3]
    again = [
        dict(records[0]),
        {**records[1], "text": "Another text under the same id, of no event."},
    ]
    path = _write(tmp_path / "twice.jsonl", records + again)
    db = tmp_path / "s.db"
    update = update_store([path], db=db, config=Config())
    assert (update.report.stored, update.report.duplicates) == (4, 1)
    assert update.report.balanced
    assert sorted(input_id for input_id, _ in _stored(db)) == sorted(
        ["ferry-0", "ferry-1", "ferry-1", "ferry-2"]
    )
    # Two feeds of one run carrying the same record: the second is a duplicate too.
    other = _write(tmp_path / "other.jsonl", records)
    rerun = update_store([other, path], db=db, config=Config())
    assert (rerun.report.stored, rerun.report.duplicates) == (0, 8)


_TWICE_PRINTED = [
    "The city council approved a new budget on Tuesday after a long debate over school "
    "funding and road repairs in the northern districts.",
    "An earthquake of magnitude 6.1 struck off the coast on Monday, shaking buildings in the "
    "capital but causing no reported deaths, officials said.",
]


@pytest.mark.parametrize("undated_first", [True, False])
def test_an_undated_copy_does_not_join_reports_years_apart_into_one_story(
    tmp_path: Path, undated_first: bool
) -> None:
    # The same texts dated 2025, undated, and dated 2019 (a template, a reprint): the undated
    # ones are copies of both, but no story takes reports six years apart. Before, the undated
    # copies carried the 2019 reports into the 2025 stories, run after run.
    def records(prefix: str, published: str | None) -> Path:
        rows = [
            {"id": f"{prefix}{i}", "text": text, **({"published": published} if published else {})}
            for i, text in enumerate(_TWICE_PRINTED)
        ]
        path = tmp_path / f"{prefix}.jsonl"
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        return path

    recent, undated, old = (
        records("r", "2025-06-02"),
        records("u", None),
        records("o", "2019-02-26"),
    )
    runs = [[undated], [recent], [old]] if undated_first else [[recent, undated], [old]]
    db = tmp_path / "s.db"
    for paths in runs:
        update_store(paths, db=db, config=Config(), refresh=False)
    with StoryStore(db) as store:
        stories = sorted(sorted(row.article_ids) for row in store.stories())
    assert stories == [["o0"], ["o1"], ["r0", "u0"], ["r1", "u1"]]
