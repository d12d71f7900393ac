"""An article's text is bounded (``ingest.limits``): a longer one is rejected whole, never cut."""

from __future__ import annotations

import json
import time
from pathlib import Path

from storyline.config import Config
from storyline.ingest import read_inputs
from storyline.ingest.limits import MAX_ARTICLE_CHARS, MAX_TITLE_CHARS

SENTENCE = "The council said on Tuesday that the bridge would stay closed for months. "


def long_text(chars: int) -> str:
    return (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]


def test_a_text_file_longer_than_max_article_chars_is_rejected_quickly_with_its_length(
    tmp_path: Path, config: Config
) -> None:
    # A 50 MB single-line text took over ten minutes and 6 GB of memory to ingest before.
    path = tmp_path / "book.txt"
    path.write_text(long_text(5_000_000), encoding="utf-8")
    started = time.perf_counter()
    result = read_inputs([path], config=config)
    assert time.perf_counter() - started < 5.0
    assert result.articles == ()
    (rejection,) = result.rejections
    assert (rejection.source, rejection.reason) == (str(path), "too-large")
    assert rejection.detail == (
        "the article's text has 5,000,000 characters, more than MAX_ARTICLE_CHARS=500,000; "
        "a news report has a few thousand"
    )


def test_a_text_of_exactly_max_article_chars_is_read(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "long.txt"
    path.write_text(long_text(MAX_ARTICLE_CHARS), encoding="utf-8")
    (article,) = read_inputs([path], config=config).articles
    assert len(article.text) == MAX_ARTICLE_CHARS


def test_a_json_record_too_long_is_rejected_where_it_is_and_the_others_are_read(
    tmp_path: Path, config: Config
) -> None:
    records = [
        {"id": "long", "text": long_text(MAX_ARTICLE_CHARS + 1)},
        {"id": "ok", "text": SENTENCE},
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    result = read_inputs([path], config=config)
    assert [article.id for article in result.articles] == ["ok"]
    assert [(r.source, r.reason) for r in result.rejections] == [(f"{path}:1", "too-large")]
    assert result.rejections[0].detail.startswith("'text' has 500,001 characters")


def test_a_feed_entry_too_long_is_rejected_on_its_own(tmp_path: Path, config: Config) -> None:
    items = "".join(
        f"<item><link>https://coast.example/{number}</link><description>{text}</description></item>"
        for number, text in enumerate([long_text(MAX_ARTICLE_CHARS + 10), SENTENCE * 2])
    )
    path = tmp_path / "news.rss"
    path.write_text(f"<rss version='2.0'><channel>{items}</channel></rss>", encoding="utf-8")
    result = read_inputs([path], config=config)
    assert [article.source for article in result.articles] == ["https://coast.example/1"]
    assert [(r.source, r.reason) for r in result.rejections] == [(f"{path}[0]", "too-large")]
    assert "the 1st entry's text has 500,00" in result.rejections[0].detail


def test_an_html_page_whose_main_text_is_too_long_is_rejected(
    tmp_path: Path, config: Config
) -> None:
    path = tmp_path / "page.html"
    # Distinct paragraphs: trafilatura drops repeated ones.
    paragraphs = "".join(f"<p>Part {part}. {long_text(100_000)}</p>" for part in "ABCDEF")
    path.write_text(f"<html><body><article>{paragraphs}</article></body></html>", encoding="utf-8")
    (rejection,) = read_inputs([path], config=config).rejections
    assert (rejection.source, rejection.reason) == (str(path), "too-large")
    assert rejection.detail.startswith("the page's main text has 600,0")


def test_a_title_longer_than_max_title_chars_is_rejected_with_its_record(
    tmp_path: Path, config: Config
) -> None:
    records = [
        {"id": "a", "text": SENTENCE, "title": "Storm " * 400},
        {"id": "b", "text": SENTENCE},
    ]
    lines = tmp_path / "records.jsonl"
    lines.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    title = "Storm " * 400
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><head><title>{title}</title></head><body><p>{SENTENCE * 3}</p></body></html>",
        encoding="utf-8",
    )
    result = read_inputs([lines, page], config=config)
    assert [article.id for article in result.articles] == ["b"]
    assert [(r.source, r.reason) for r in result.rejections] == [
        (f"{lines}:1", "too-large"),
        (str(page), "too-large"),
    ]
    assert all(
        "the title has 2,39" in r.detail and f"MAX_TITLE_CHARS={MAX_TITLE_CHARS:,}" in r.detail
        for r in result.rejections
    )
