"""Issue 7, point 1: every input of an ingest run is stored, a duplicate or rejected."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.config import Config
from storyline.model import RunReport
from storyline.store.update import update_store

FERRY = (
    "The ferry from Nordvik ran aground on a sandbank on Saturday morning, and all 212 "
    "passengers were taken ashore by lifeboats, the coastguard said."
)
BRIDGE = (
    "The city council voted on Monday to close the old harbour bridge for repairs, which will "
    "take at least eight months and cost 14 million euros."
)
FESTIVAL = (
    "The summer music festival in Lindholm sold out within two hours on Wednesday, its "
    "organisers said, with 40,000 tickets gone before noon."
)
STRIKE = (
    "Dock workers in the port of Skerra began a two-day strike on Thursday over pay, halting "
    "the loading of container ships, the union said."
)
MUSEUM = (
    "The maritime museum reopened on Friday after a three-year renovation, showing a restored "
    "whaling boat and a new gallery on the history of the harbour."
)
ELECTION = (
    "Voters in the island district elected a new mayor on Sunday, choosing a former teacher "
    "who promised to keep the village school open, officials said."
)


def warc(*pages: tuple[str, str, bytes]) -> bytes:
    """A WARC file: a warcinfo record, then one response per (uri, content type, payload)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "tests"}))
    for uri, content_type, payload in pages:
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), length=len(payload), http_headers=http
        )
        writer.write_record(record)
    return out.getvalue()


def html(title: str, text: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1><p>{text}</p></article></body></html>"
    )


def make_corpus(root: Path) -> Counter[str]:
    """Every kind of input, good and bad, in ``root``; the rejection reasons it must give."""
    files: dict[str, str | bytes] = {
        "ferry.txt": FERRY,
        "ferry-again.txt": FERRY,  # the same text under another name: a copy, stored as a source
        "bridge.html": html("Bridge", BRIDGE),
        "records.jsonl": "\n".join(
            [
                json.dumps({"id": "festival", "text": FESTIVAL}),
                "{not json",  # parse-error
                "",  # a blank line is no record
                json.dumps({"id": "nothing"}),  # invalid-record: no "text"
                json.dumps({"id": "strike", "text": STRIKE}),
                json.dumps({"id": "strike", "text": STRIKE}),  # again: a duplicate
            ]
        ),
        "feed.rss": (
            "<?xml version='1.0'?><rss version='2.0'><channel><title>Coast News</title>"
            f"<item><title>Museum</title><link>https://coast.example/museum</link>"
            f"<description>{MUSEUM}</description></item>"
            "<item><title>Empty</title><link>https://coast.example/empty</link></item>"
            "</channel></rss>"
        ),
        "crawl.warc": warc(
            ("https://coast.example/election", "text/html", html("Vote", ELECTION).encode()),
            ("https://coast.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(32)),
        ),
        "fake.warc": b"this is not a web archive\n" * 5,
        "empty.txt": b"",
        "blank.txt": "   \n\n  ",
        "blob.bin": bytes(range(256)) * 4,
    }
    for name, data in files.items():
        path = root / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return Counter(
        {
            "parse-error": 2,  # the broken JSON line, fake.warc
            "invalid-record": 1,  # the JSON record without text
            "no-text": 1,  # the feed entry without text
            "not-a-page": 2,  # the warcinfo record and the PNG response
            "empty": 2,  # empty.txt, blank.txt
            "unsupported-format": 1,  # blob.bin
        }
    )


def _assert_accounts_for_every_input(report: RunReport) -> None:
    assert report.inputs == report.stored + report.duplicates + report.rejected
    assert report.balanced
    assert sum(report.by_reason.values()) == report.rejected


def test_every_input_is_stored_a_duplicate_or_rejected(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    reasons = make_corpus(corpus)
    update = update_store([corpus], db=tmp_path / "news.db", config=Config(), refresh=False)
    report = update.report
    _assert_accounts_for_every_input(report)
    # Stored: ferry, bridge, festival, strike, museum, election, and as a copy (the same text
    # under another id: one more source) ferry-again. The second strike record, the same text
    # under the same id, is a duplicate of the first, as it would be in a later run.
    assert (report.stored, report.duplicates) == (7, 1)
    assert update.counts.copies == 1
    assert report.by_reason == dict(reasons)
    assert report.inputs == 8 + sum(reasons.values())
    assert all(rejection.reason and rejection.detail for rejection in report.rejections)


def test_a_second_run_of_the_same_inputs_stores_nothing_and_still_balances(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    reasons = make_corpus(corpus)
    db = tmp_path / "news.db"
    first = update_store([corpus], db=db, config=Config(), refresh=False).report
    again = update_store([corpus], db=db, config=Config(), refresh=False).report
    _assert_accounts_for_every_input(again)
    assert again.inputs == first.inputs
    assert (again.stored, again.duplicates) == (0, 8)  # every article: the same id and text
    assert again.by_reason == dict(reasons)


def test_a_file_named_twice_is_one_rejected_input_the_second_time(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(FERRY, encoding="utf-8")
    report = update_store([path, path], db=tmp_path / "news.db", config=Config()).report
    _assert_accounts_for_every_input(report)
    assert (report.inputs, report.stored, report.duplicates) == (2, 1, 0)
    assert report.by_reason == {"duplicate-input": 1}


@pytest.mark.parametrize(
    ("inputs", "stored", "duplicates", "reasons", "balanced"),
    [
        (0, 0, 0, (), True),
        (3, 1, 1, ("empty",), True),
        (4, 1, 1, ("empty",), False),
    ],
)
def test_a_report_balances_only_when_it_accounts_for_every_input(
    inputs: int, stored: int, duplicates: int, reasons: tuple[str, ...], balanced: bool
) -> None:
    from storyline.model import Rejection

    rejections = tuple(Rejection(f"file{i}", reason, "why") for i, reason in enumerate(reasons))
    report = RunReport(inputs=inputs, stored=stored, duplicates=duplicates, rejections=rejections)
    assert report.balanced is balanced
