"""Issue 7.2: properties of every parser, the cleaner and the splitter on arbitrary input.

Each test is a fuzz target: arbitrary bytes or text (hostile fragments mixed in) never raise
anything but ``InputError``, offsets stay in bounds, and each call ends within a deadline. The
examples per test are few in CI; ``STORYLINE_FUZZ_EXAMPLES=20000 python -m pytest tests/fuzz``
fuzzes longer.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import time
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from builders import make_article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.clean import clean_article
from storyline.errors import InputError
from storyline.ingest.dates import EARLIEST_YEAR, LATEST_YEAR, parse_published
from storyline.ingest.decoding import decode_text
from storyline.ingest.feeds import html_to_text, read_feed
from storyline.ingest.formats import Format, format_of
from storyline.ingest.plaintext import article_from_text
from storyline.ingest.records import read_json, read_jsonl
from storyline.ingest.warc import read_warc
from storyline.ingest.webpage import article_from_html
from storyline.model import Article, Rejection
from storyline.segment import MAX_SENTENCE_CHARS, split_sentences

EXAMPLES = int(os.environ.get("STORYLINE_FUZZ_EXAMPLES", "120"))
fuzz = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=3),  # every call is bounded; a loaded CI machine is slow
    suppress_health_check=[HealthCheck.too_slow],
)

# Any code point, surrogates included (Hypothesis leaves them out of text by default).
ANY_CHAR = st.characters(blacklist_categories=())
SENTENCE = "The council said on Tuesday that the bridge would stay closed for months. "
FRAGMENTS = [
    SENTENCE,
    "Mr. ",
    "U.S. ",
    "...",
    "!?",
    '"',
    "“",
    "”",
    "@",
    "\n",
    "\r\n",
    "\u2028",
    "\x00",
    "\ufeff",
    "\u202e",
    "👩‍👩‍👧",
    "الحكومة ",
    "<p>",
    "</p>",
    "<div>",
    "<!--",
    "<![CDATA[",
    "&#0;",
    "&#xD800;",
    "&amp;",
    "<script>",
    "<title>",
    "<meta property='article:published_time' content='9999-12-31'>",
    "32/13/2019",
    "February 30, 2019",
    "2019-02-26T25:61:61Z",
    "Tue, 26 Feb 2019 10:00:60 GMT",
    "GMT+99",
    "Photo: A/B",
    "By Jane Doe",
    "www.example.org",
    "a@b.c",
    "(@handle)",
    "{",
    "}",
    "[",
    "]",
    '"text": ',
    "\\ud800",
    "1e999",
    "9" * 50,
]
HOSTILE_TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(ANY_CHAR, max_size=30))).map(
    "".join
)
HOSTILE_BYTES = st.one_of(
    st.binary(max_size=2_000),
    HOSTILE_TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")),
    HOSTILE_TEXT.map(lambda text: text.encode("utf-16", "surrogatepass")),
    HOSTILE_TEXT.map(lambda text: text.encode("cp1252", "replace")),
)


def assert_items(items: list[Article | Rejection]) -> None:
    """Articles with text, offsets in bounds and no lone surrogate; rejections with reasons."""
    for item in items:
        if isinstance(item, Rejection):
            assert item.reason and item.detail
            continue
        assert item.text.strip()
        assert 0 <= item.body_start <= len(item.text)
        for value in (item.id, item.text, item.source, item.title or "", item.outlet or ""):
            value.encode("utf-8")  # no lone surrogate reaches the later stages


@fuzz
@given(HOSTILE_BYTES)
def test_decoding_gives_text_that_can_be_encoded_or_an_input_error(data: bytes) -> None:
    try:
        text = decode_text(data, source="f")
    except InputError as e:
        assert e.reason in {"binary", "encoding"}
        return
    text.encode("utf-8")


@fuzz
@given(st.binary(max_size=1_100), st.sampled_from(["a.txt", "a.xml", "a.warc.gz", "a", "a.pdf"]))
def test_the_format_of_any_file_is_known_or_an_input_error(head: bytes, name: str) -> None:
    try:
        assert isinstance(format_of(Path(name), head=head), Format)
    except InputError as e:
        assert e.reason == "unsupported-format"


@fuzz
@given(HOSTILE_TEXT)
def test_a_date_line_is_a_moment_in_utc_within_the_years_read_or_none(text: str) -> None:
    published = parse_published(text)
    if published is not None:
        moment, _ = published
        assert moment.tzinfo is UTC
        assert EARLIEST_YEAR - 1 <= moment.year <= LATEST_YEAR + 1


@fuzz
@given(HOSTILE_TEXT)
def test_any_plain_text_is_an_article_with_its_body_in_bounds(text: str) -> None:
    article = article_from_text(text, article_id="a", source="a.txt")
    assert article.text == text
    assert 0 <= article.body_start <= len(text)


@fuzz
@given(HOSTILE_TEXT)
def test_any_html_is_an_article_or_an_input_error(html: str) -> None:
    try:
        article = article_from_html(html, article_id="a", source="a.html")
    except InputError as e:
        assert e.reason in {"parse-error", "no-text", "too-large"}
        return
    assert_items([article])


@fuzz
@given(HOSTILE_TEXT)
def test_any_html_fragment_of_a_feed_becomes_text(html: str) -> None:
    html_to_text(html.encode("utf-8", "replace").decode("utf-8"))


@fuzz
@given(HOSTILE_TEXT)
def test_any_json_gives_inputs_or_an_input_error(text: str) -> None:
    for read in (read_json, read_jsonl):
        try:
            items = read(text, path="r.json", default_id="r")
        except InputError as e:
            assert e.reason in {"parse-error", "empty"}
            continue
        assert_items(items)
        assert items or not text.strip()


@fuzz
@given(HOSTILE_BYTES)
def test_any_feed_gives_inputs_or_an_input_error(data: bytes) -> None:
    feed = b"<?xml version='1.0'?><rss version='2.0'><channel><item><description>"
    for candidate in (data, feed + data + b"</description></item></channel></rss>"):
        try:
            items = read_feed(candidate, path="f.rss")
        except InputError as e:
            assert e.reason in {"parse-error", "empty"}
            continue
        assert items
        assert_items(items)


@fuzz
@given(HOSTILE_BYTES, st.sampled_from([b"", b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00"]))
def test_any_warc_gives_inputs_and_never_raises(data: bytes, start: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "crawl.warc"
        path.write_bytes(start + data)
        items = list(read_warc(path, max_record_bytes=100_000))
    assert items
    assert_items(items)
    assert all(item.source.startswith(str(path)) for item in items if isinstance(item, Rejection))


@fuzz
@given(HOSTILE_TEXT, st.integers(min_value=0, max_value=50))
def test_cleaning_gives_disjoint_trimmed_spans_in_bounds(text: str, body_start: int) -> None:
    body_start = min(body_start, len(text))
    document = clean_article(dataclasses.replace(make_article(text), body_start=body_start))
    spans = sorted(
        [(p.start, p.end) for p in document.paragraphs]
        + [(d.start, d.end) for d in document.debris]
    )
    previous_end = body_start
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end


@fuzz
@given(HOSTILE_TEXT)
def test_sentences_are_bounded_ordered_spans_covering_the_visible_text(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert span.end - span.start <= MAX_SENTENCE_CHARS
        previous_end = span.end
    covered = "".join(text[span.start : span.end] for span in spans)
    # Leading list markers ("- ", "1. ") are left out of sentences by design.
    assert len([c for c in covered if not c.isspace()]) <= len([c for c in text if not c.isspace()])


@pytest.mark.parametrize("unit", ["x", "a.", "Mr. A ", "“B. ", "@", "(@", "!", "<p>"])
def test_long_runs_of_one_pattern_pass_every_stage_in_bounded_time(unit: str) -> None:
    text = unit * (300_000 // len(unit))
    started = time.perf_counter()
    article = article_from_text(text, article_id="a", source="a.txt")
    document = clean_article(article)
    for paragraph in document.paragraphs:
        split_sentences(text, paragraph)
    assert time.perf_counter() - started < 10.0
