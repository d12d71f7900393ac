from __future__ import annotations

import gzip
import io
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.config import Config
from storyline.ingest import read_inputs
from storyline.ingest.warc import read_warc
from storyline.model import Article, Rejection

STORM = (
    "The storm reached the coast on Tuesday morning and forced thousands of people to leave "
    "their homes, officials said."
)
SCHOOLS = (
    "Schools in the region will stay closed until Thursday while crews clear the roads of "
    "fallen trees and debris."
)


def page(title: str, *paragraphs: str, head: str = "") -> bytes:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


STATED = "<meta property='article:published_time' content='2023-02-07T09:30:00+01:00'>"


@dataclass(frozen=True)
class Capture:
    uri: str
    payload: bytes
    status: str = "200 OK"
    content_type: str | None = "text/html; charset=utf-8"
    date: str = "2023-03-01T12:00:00Z"
    record_type: str = "response"
    content_encoding: str | None = None


STORM_PAGE = Capture("https://coast.example/news/storm", page("Storm", STORM, head=STATED))
SCHOOLS_PAGE = Capture("https://coast.example/news/schools", page("Schools", SCHOOLS, STORM))
LOGO = Capture(
    "https://coast.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "200 OK", "image/png"
)
MISSING = Capture("https://coast.example/gone", page("Not found", STORM), "404 Not Found")
REQUEST = Capture("https://coast.example/news/storm", b"", record_type="request")
CRAWL = (STORM_PAGE, LOGO, MISSING, REQUEST, SCHOOLS_PAGE)


def warc_bytes(captures: tuple[Capture, ...], *, gzipped: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "tests"}))
    for capture in captures:
        headers = [("Content-Type", capture.content_type)] if capture.content_type else []
        if capture.content_encoding:
            headers.append(("Content-Encoding", capture.content_encoding))
        http_headers = StatusAndHeaders(
            capture.status if capture.record_type == "response" else "GET / HTTP/1.1",
            headers,
            protocol="HTTP/1.1" if capture.record_type == "response" else "",
            is_http_request=capture.record_type == "request",
        )
        record = writer.create_warc_record(
            capture.uri,
            capture.record_type,
            payload=io.BytesIO(capture.payload),
            length=len(capture.payload),  # without it warcio leaves a temporary file open
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": capture.date},
        )
        writer.write_record(record)
    return out.getvalue()


def record_offsets(data: bytes) -> list[int]:
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(io.BytesIO(data))
    return [records.get_record_offset() for _ in records]


def read_all(path: Path, *, max_record_bytes: int = 1_000_000) -> list[Article | Rejection]:
    return list(read_warc(path, max_record_bytes=max_record_bytes))


def read(path: Path, *, max_record_bytes: int = 1_000_000) -> list[Article | Rejection]:
    """What ``read_warc`` gives for the records that are pages (the others are "not-a-page")."""
    return pages(read_all(path, max_record_bytes=max_record_bytes))


def pages(items: Sequence[Article | Rejection]) -> list[Article | Rejection]:
    return [item for item in items if not is_not_a_page(item)]


def is_not_a_page(item: Article | Rejection) -> bool:
    return isinstance(item, Rejection) and item.reason == "not-a-page"


def split(items: list[Article | Rejection]) -> tuple[list[Article], list[Rejection]]:
    return (
        [item for item in items if isinstance(item, Article)],
        [item for item in items if isinstance(item, Rejection)],
    )


@pytest.fixture(params=[False, True], ids=["warc", "warc.gz"])
def gzipped(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


def write(tmp_path: Path, data: bytes, *, gzipped: bool, name: str = "crawl") -> Path:
    path = tmp_path / (f"{name}.warc.gz" if gzipped else f"{name}.warc")
    path.write_bytes(data)
    return path


def test_html_pages_with_status_200_become_articles_and_the_rest_is_skipped(
    tmp_path: Path, gzipped: bool
) -> None:
    path = write(tmp_path, warc_bytes(CRAWL, gzipped=gzipped), gzipped=gzipped)
    storm, schools = read(path)
    assert isinstance(storm, Article) and isinstance(schools, Article)
    assert storm.source == "https://coast.example/news/storm"
    assert storm.id.startswith("storm-")
    assert storm.title == "Storm"
    assert STORM in storm.text
    assert schools.source == "https://coast.example/news/schools"
    assert schools.text.endswith(f"{SCHOOLS}\n\n{STORM}")


def test_every_record_that_is_not_a_page_is_one_rejection_saying_what_it_is(
    tmp_path: Path, gzipped: bool
) -> None:
    path = write(tmp_path, warc_bytes(CRAWL, gzipped=gzipped), gzipped=gzipped)
    items = read_all(path)
    # warcinfo, storm, logo, 404, request, schools: one item per record, in file order.
    assert [isinstance(item, Article) for item in items] == [False, True, False, False, False, True]
    skipped = [item for item in items if isinstance(item, Rejection)]
    assert all(is_not_a_page(item) for item in skipped)
    offsets = record_offsets(path.read_bytes())
    assert [item.source for item in skipped] == [f"{path}@{offsets[i]}" for i in (0, 2, 3, 4)]
    assert [item.detail for item in skipped] == [
        "record 1 (no URI) is a warcinfo record, not an HTTP response",
        f"record 3 ({LOGO.uri}) is not an HTML page",
        f"record 4 ({MISSING.uri}) is not a page captured with HTTP status 200",
        f"record 5 ({REQUEST.uri}) is a request record, not an HTTP response",
    ]


def test_the_pages_stated_time_wins_over_the_capture_time(tmp_path: Path, gzipped: bool) -> None:
    path = write(tmp_path, warc_bytes(CRAWL, gzipped=gzipped), gzipped=gzipped)
    storm, schools = split(read(path))[0]
    assert (storm.published, storm.published_zone) == (
        datetime(2023, 2, 7, 8, 30, tzinfo=UTC),
        "UTC+01:00",
    )
    # The schools page states no time: the capture's WARC-Date stands in.
    assert (schools.published, schools.published_zone) == (
        datetime(2023, 3, 1, 12, 0, tzinfo=UTC),
        "UTC",
    )


def test_a_date_in_the_pages_url_wins_over_the_capture_time(tmp_path: Path) -> None:
    # The page states no date but its URL does; it was captured eight days later.
    dated_url = Capture(
        "https://coast.example/news/2023/02/21/schools-closed", SCHOOLS_PAGE.payload
    )
    path = write(tmp_path, warc_bytes((dated_url,), gzipped=True), gzipped=True)
    (schools,) = split(read(path))[0]
    assert schools.published == datetime(2023, 2, 21, tzinfo=UTC)


def test_a_date_the_page_states_in_json_ld_wins_over_its_urls(tmp_path: Path) -> None:
    stated = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
        '"NewsArticle", "datePublished": "2023-02-19T09:30:00Z"}</script>'
    )
    capture = Capture(
        "https://coast.example/news/2023/02/21/schools-closed",
        page("Schools", SCHOOLS, STORM, head=stated),
    )
    path = write(tmp_path, warc_bytes((capture,), gzipped=True), gzipped=True)
    (schools,) = split(read(path))[0]
    assert schools.published == datetime(2023, 2, 19, 9, 30, tzinfo=UTC)


def test_a_date_the_page_was_modified_does_not_win_over_its_urls(tmp_path: Path) -> None:
    modified = "<meta property='article:modified_time' content='2023-05-01T09:30:00Z'>"
    capture = Capture(
        "https://coast.example/news/2023/02/21/schools-closed",
        page("Schools", SCHOOLS, STORM, head=modified),
    )
    path = write(tmp_path, warc_bytes((capture,), gzipped=True), gzipped=True)
    (schools,) = split(read(path))[0]
    assert schools.published == datetime(2023, 2, 21, tzinfo=UTC)


def test_ids_come_from_the_uri_and_are_stable(tmp_path: Path) -> None:
    plain = split(read(write(tmp_path, warc_bytes(CRAWL, gzipped=False), gzipped=False)))[0]
    packed = split(read(write(tmp_path, warc_bytes(CRAWL, gzipped=True), gzipped=True)))[0]
    assert [article.id for article in plain] == [article.id for article in packed]
    assert len({article.id for article in plain}) == 2


def test_a_page_captured_twice_is_read_once_in_a_run(tmp_path: Path, config: Config) -> None:
    path = write(tmp_path, warc_bytes((STORM_PAGE, STORM_PAGE), gzipped=True), gzipped=True)
    result = read_inputs([path], config=config)
    assert len(result.articles) == 1
    assert [rejection.reason for rejection in pages(result.rejections)] == ["duplicate-input"]


def test_a_file_cut_inside_a_record_keeps_the_records_before_it(
    tmp_path: Path, gzipped: bool
) -> None:
    data = warc_bytes(CRAWL, gzipped=gzipped)
    path = write(tmp_path, data[:-30], gzipped=gzipped)
    articles, rejections = split(read(path))
    assert [article.source for article in articles] == [STORM_PAGE.uri]
    (rejection,) = rejections
    last = record_offsets(data)[-1]
    assert (rejection.source, rejection.reason) == (f"{path}@{last}", "parse-error")
    assert "record 6" in rejection.detail
    assert SCHOOLS_PAGE.uri in rejection.detail
    assert "truncated" in rejection.detail


def test_a_file_cut_inside_a_records_header_says_so(tmp_path: Path, gzipped: bool) -> None:
    data = warc_bytes(CRAWL, gzipped=gzipped)
    last = record_offsets(data)[-1]
    path = write(tmp_path, data[: last + 40], gzipped=gzipped)
    articles, rejections = split(read(path))
    assert [article.source for article in articles] == [STORM_PAGE.uri]
    (rejection,) = rejections
    assert (rejection.source, rejection.reason) == (f"{path}@{last}", "parse-error")
    assert rejection.detail.startswith("record 6")


def test_a_corrupt_member_of_a_gzipped_warc_is_rejected_and_reading_goes_on(
    tmp_path: Path,
) -> None:
    data = warc_bytes(CRAWL, gzipped=True)
    logo = record_offsets(data)[2]
    corrupt = data[: logo + 20] + bytes(30) + data[logo + 50 :]
    path = write(tmp_path, corrupt, gzipped=True)
    articles, rejections = split(read(path))
    assert [article.source for article in articles] == [STORM_PAGE.uri, SCHOOLS_PAGE.uri]
    (rejection,) = rejections
    assert (rejection.source, rejection.reason) == (f"{path}@{logo}", "parse-error")
    assert "record 3 cannot be read" in rejection.detail
    assert "reading goes on with the next record" in rejection.detail


def test_bytes_lost_inside_an_uncompressed_record_cost_only_the_records_they_touch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    later = [
        Capture(f"https://coast.example/news/later-{n}", page(f"Later {n}", SCHOOLS, STORM))
        for n in range(3)
    ]
    # A page that quotes a record header (with a Content-Length that would swallow the rest)
    # is not taken for a record (helper-48).
    quoted = (
        "<pre>\r\n\r\nWARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        "Content-Length: 200000\r\n\r\n</pre>"
    )
    about = Capture("https://coast.example/about", page("About", SCHOOLS, quoted))
    data = warc_bytes((STORM_PAGE, about, *later), gzipped=False)
    storm = record_offsets(data)[1]
    damaged = data[: storm + 600] + data[storm + 900 :]  # 300 bytes of the storm page lost
    path = write(tmp_path, damaged, gzipped=False)
    articles, rejections = split(read(path))
    # The storm page is misaligned and the next record's header was read as its end; every
    # later page is read.
    assert [article.source for article in articles] == [capture.uri for capture in later]
    assert [rejection.reason for rejection in rejections] == ["parse-error", "parse-error"]
    assert "is not followed by a record boundary" in rejections[0].detail
    assert "reading goes on with the next record" in rejections[1].detail
    assert "WARNING" not in capsys.readouterr().err  # warcio's own message, without the file


@pytest.mark.parametrize("length", ["200000", "9" * 40])
def test_after_a_damaged_record_a_cut_last_record_is_reported_and_no_length_breaks_it(
    tmp_path: Path, length: str
) -> None:
    # A quoted header's length past the end (even past any file offset) is no record; the
    # file's real last record, cut short, is reported as such (helper-49).
    quoted = (
        "<pre>\r\n\r\nWARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        f"Content-Length: {length}\r\n\r\n</pre>"
    )
    about = Capture("https://coast.example/about", page("About", SCHOOLS, quoted))
    last = Capture("https://coast.example/news/last", page("Last", SCHOOLS, STORM))
    data = warc_bytes((STORM_PAGE, about, SCHOOLS_PAGE, last), gzipped=False)
    storm = record_offsets(data)[1]
    damaged = data[: storm + 600] + data[storm + 900 : -100]  # and the last 100 bytes lost
    path = write(tmp_path, damaged, gzipped=False)
    articles, rejections = split(read(path))
    assert [article.source for article in articles] == [SCHOOLS_PAGE.uri]
    assert "cut short" in rejections[-1].detail and last.uri in rejections[-1].detail


def test_a_changed_byte_fails_the_pages_digest(tmp_path: Path) -> None:
    data = warc_bytes(CRAWL, gzipped=False)
    at = data.index(b"forced thousands")
    path = write(tmp_path, data[:at] + b"F" + data[at + 1 :], gzipped=False)
    articles, rejections = split(read(path))
    assert [article.source for article in articles] == [SCHOOLS_PAGE.uri]
    (rejection,) = rejections
    assert rejection.reason == "parse-error"
    assert "fails its digest" in rejection.detail


def test_a_page_without_main_text_is_rejected_with_its_record(
    tmp_path: Path, gzipped: bool
) -> None:
    navigation = Capture("https://coast.example/", b"<html><body><nav>Home</nav></body></html>")
    data = warc_bytes((navigation, STORM_PAGE), gzipped=gzipped)
    path = write(tmp_path, data, gzipped=gzipped)
    articles, rejections = split(read(path))
    assert [article.source for article in articles] == [STORM_PAGE.uri]
    (rejection,) = rejections
    assert (rejection.source, rejection.reason) == (
        f"{path}@{record_offsets(data)[1]}",
        "no-text",
    )
    assert "record 2 (https://coast.example/)" in rejection.detail


def test_max_file_bytes_limits_each_page_not_the_warc_file(tmp_path: Path, gzipped: bool) -> None:
    big = Capture("https://coast.example/big", page("Big", *[STORM] * 40))
    data = warc_bytes((big, STORM_PAGE), gzipped=gzipped)
    path = write(tmp_path, data, gzipped=gzipped)
    limit = len(STORM_PAGE.payload) + 100
    assert len(data) > limit
    result = read_inputs([path], config=Config(max_file_bytes=limit))
    assert [article.source for article in result.articles] == [STORM_PAGE.uri]
    (rejection,) = pages(result.rejections)
    assert rejection.reason == "too-large"
    assert big.uri in rejection.detail


def test_a_page_is_decoded_in_the_charset_its_response_declares(tmp_path: Path) -> None:
    text = "Les habitants de la côte ont dû quitter leurs maisons mardi matin, selon les autorités."
    latin = Capture(
        "https://cote.example/tempete",
        page("Tempête", text).replace(b"charset='utf-8'", b"").decode().encode("iso-8859-1"),
        content_type="text/html; charset=ISO-8859-1",
    )
    (article,) = read(write(tmp_path, warc_bytes((latin,), gzipped=True), gzipped=True))
    assert isinstance(article, Article)
    assert text in article.text
    assert article.language == "fr"


def test_a_page_compressed_with_brotli_is_read_and_a_false_claim_is_a_broken_record(
    tmp_path: Path,
) -> None:
    import brotli  # type: ignore[import-untyped]

    packed = Capture(
        "https://coast.example/news/packed",
        brotli.compress(SCHOOLS_PAGE.payload),
        content_encoding="br",
    )
    false = Capture("https://coast.example/news/plain", STORM_PAGE.payload, content_encoding="br")
    path = write(tmp_path, warc_bytes((packed, false, SCHOOLS_PAGE), gzipped=False), gzipped=False)
    first, broken, last = read(path)
    assert isinstance(first, Article) and isinstance(last, Article)
    assert first.text == last.text
    assert isinstance(broken, Rejection) and broken.reason == "parse-error"
    assert "says its body is compressed with brotli, and it is not" in broken.detail


def test_a_page_in_a_language_not_read_is_rejected_naming_its_record(tmp_path: Path) -> None:
    swedish = (
        "Tusentals invånare fick lämna sina hem på tisdagen när floden svämmade över, och "
        "räddningstjänsten arbetade hela natten för att bygga vallar längs stranden."
    )
    page_sv = Capture("https://nyheter.example/flod", page("Flod", swedish))
    path = write(tmp_path, warc_bytes((STORM_PAGE, page_sv), gzipped=True), gzipped=True)
    storm, refused = read(path)
    assert isinstance(storm, Article) and isinstance(refused, Rejection)
    assert refused.reason == "unsupported-language"
    assert refused.source == f"{path}@{record_offsets(path.read_bytes())[2]}"
    assert refused.detail.startswith(f"record 3 ({page_sv.uri}): article ")
    assert "in language 'sv'" in refused.detail


def test_a_resource_record_holding_a_page_is_read_as_one(tmp_path: Path) -> None:
    # A page archived as it is, without its HTTP exchange (WARC headers only).
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for uri, payload, content_type in (
        ("https://coast.example/news/schools", SCHOOLS_PAGE.payload, "text/html; charset=utf-8"),
        ("https://coast.example/logo.png", LOGO.payload, "image/png"),
        ("https://coast.example/news/storm", STORM_PAGE.payload, None),  # told by its bytes
    ):
        record = writer.create_warc_record(
            uri,
            "resource",
            payload=io.BytesIO(payload),
            length=len(payload),
            warc_content_type=content_type or "",
            warc_headers_dict={"WARC-Date": "2023-03-01T12:00:00Z"},
        )
        if content_type is None:
            record.rec_headers.remove_header("Content-Type")
        writer.write_record(record)
    path = write(tmp_path, out.getvalue(), gzipped=True)
    page_read, logo, untyped = read_all(path)
    assert isinstance(page_read, Article) and SCHOOLS in page_read.text
    assert isinstance(untyped, Article) and untyped.source == "https://coast.example/news/storm"
    assert page_read.source == "https://coast.example/news/schools"
    assert isinstance(logo, Rejection) and logo.reason == "not-a-page"


def test_a_byte_order_mark_wins_over_the_declared_charset(tmp_path: Path) -> None:
    # A UTF-8 page with a BOM, served as ISO-8859-1: browsers read it as UTF-8.
    text = "Les habitants de la côte ont dû quitter leurs maisons mardi matin, selon les autorités."
    marked = Capture(
        "https://cote.example/tempete",
        b"\xef\xbb\xbf" + page("Tempête", text).replace(b"charset='utf-8'", b""),
        content_type="text/html; charset=ISO-8859-1",
    )
    (article,) = read(write(tmp_path, warc_bytes((marked,), gzipped=True), gzipped=True))
    assert isinstance(article, Article)
    assert text in article.text
    # A mark the bytes after it belie (Latin-1 after a UTF-8 mark): read as declared, without it.
    latin = replace(
        marked, payload=b"\xef\xbb\xbf" + marked.payload[3:].decode().encode("iso-8859-1")
    )
    (article,) = read(write(tmp_path, warc_bytes((latin,), gzipped=True), gzipped=True))
    assert isinstance(article, Article)
    assert text in article.text


def test_a_response_without_a_content_type_is_read_when_it_is_html(tmp_path: Path) -> None:
    untyped = Capture("https://coast.example/untyped", STORM_PAGE.payload, content_type=None)
    binary = Capture("https://coast.example/blob", bytes(range(256)), content_type=None)
    items = read(write(tmp_path, warc_bytes((untyped, binary), gzipped=False), gzipped=False))
    assert [item.source for item in items] == [untyped.uri]


def test_a_file_that_is_not_a_warc_is_one_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not a web archive\n" * 10)
    (rejection,) = read(path)
    assert isinstance(rejection, Rejection)
    assert (rejection.source, rejection.reason) == (f"{path}@0", "parse-error")
    assert "not a WARC record" in rejection.detail


@settings(max_examples=40, deadline=None)
@given(
    gzipped=st.booleans(),
    cut=st.floats(min_value=0.0, max_value=1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 0.999), st.integers(1, 255)), max_size=3),
)
def test_any_damage_gives_articles_or_rejections_never_an_error(
    gzipped: bool, cut: float, flips: list[tuple[float, int]]
) -> None:
    data = bytearray(warc_bytes(CRAWL, gzipped=gzipped))
    for where, mask in flips:
        data[int(where * len(data))] ^= mask
    with tempfile.TemporaryDirectory() as directory:
        path = write(Path(directory), bytes(data[: max(1, int(cut * len(data)))]), gzipped=gzipped)
        items = read(path)
    for item in items:
        if isinstance(item, Rejection):
            assert item.reason and item.detail
            assert item.source.startswith(str(path))
        else:
            assert item.text.strip()


RSS = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Coast News</title>
<item><title>Storm</title><link>https://coast.example/rss/storm</link><description>{STORM}</description></item>
</channel></rss>"""
ATOM = f"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Coast</title>
<entry><id>urn:storm</id><title>Storm</title><link href="https://coast.example/atom/storm"/>
<summary>{STORM}</summary></entry></feed>"""


def test_read_inputs_picks_feeds_and_warcs_by_name_and_by_content(
    tmp_path: Path, config: Config
) -> None:
    named = {
        "named/coast.rss": RSS.encode(),
        "named/coast.atom": ATOM.encode(),
        "named/coast.xml": RSS.replace("/rss/", "/xml/").encode(),
        "named/crawl.warc": warc_bytes((STORM_PAGE,), gzipped=False),
        "named/crawl.warc.gz": warc_bytes((SCHOOLS_PAGE,), gzipped=True),
    }
    sniffed = {
        "sniffed/feed": RSS.replace("/rss/", "/sniffed-rss/").encode(),
        "sniffed/atom.txt": ATOM.replace("/atom/", "/sniffed-atom/")
        .replace("urn:storm", "urn:sniffed-storm")
        .encode(),
        "sniffed/capture": warc_bytes(
            (Capture(STORM_PAGE.uri + "-a", STORM_PAGE.payload),), gzipped=False
        ),
        "sniffed/capture-gz": warc_bytes(
            (Capture(STORM_PAGE.uri + "-b", STORM_PAGE.payload),), gzipped=True
        ),
    }
    for relative, data in {**named, **sniffed}.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes(data)
    result = read_inputs([tmp_path], config=config)
    assert pages(result.rejections) == []
    assert sorted(article.source for article in result.articles) == sorted(
        [
            "https://coast.example/rss/storm",
            "https://coast.example/atom/storm",
            "https://coast.example/xml/storm",
            STORM_PAGE.uri,
            SCHOOLS_PAGE.uri,
            "https://coast.example/sniffed-rss/storm",
            "https://coast.example/sniffed-atom/storm",
            STORM_PAGE.uri + "-a",
            STORM_PAGE.uri + "-b",
        ]
    )
    assert all(article.language == "en" for article in result.articles)


def test_a_gzip_file_that_is_not_a_warc_is_still_unsupported(
    tmp_path: Path, config: Config
) -> None:
    path = tmp_path / "notes.txt.gz"
    path.write_bytes(gzip.compress(b"just some notes"))
    (rejection,) = read_inputs([path], config=config).rejections
    assert rejection.reason == "unsupported-format"


@pytest.mark.parametrize("charset", ["punycode", "idna", "utf-7", "unicode_escape", "x-bogus"])
def test_a_page_declaring_a_python_codec_that_is_no_web_charset_is_read_as_undeclared(
    tmp_path: Path, charset: str
) -> None:
    # charset=punycode made the whole run fail with a UnicodeError before.
    capture = Capture(
        "https://coast.example/news/storm",
        page("Storm", STORM + " +2AA- \\ud800", SCHOOLS),
        content_type=f"text/html; charset={charset}",
    )
    (article,) = read(write(tmp_path, warc_bytes((capture,), gzipped=False), gzipped=False))
    assert isinstance(article, Article)
    assert STORM + " +2AA- \\ud800" in article.text
