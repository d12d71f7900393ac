"""Web archives (WARC files, gzipped record by record or not): one article per captured HTML page.

The file is streamed one record at a time with warcio, never read whole, so the run's
``max_file_bytes`` does not limit a WARC file: it limits each page in it (a larger page is
rejected "too-large" and the next record is read).

A ``response`` record with HTTP status 200 and an HTML content type, or a ``resource`` record of
an HTML page (archived without its HTTP exchange), is read as any HTML page
(``article_from_html``), with
- ``source``: the record's WARC-Target-URI;
- ``id``: from that URI (``article_id_for``), the same in every run;
- ``published``: the time the page itself states (its meta tags, ``<time>``, JSON-LD, the day in
  its URL, other dates of its markup: ``article_from_html``) wins; the
  capture time (WARC-Date) is used only when the page states none, since a page is captured at or
  after, often long after, it was published.

Every other record (warcinfo, requests, metadata, non-HTML responses, statuses other than 200)
is one input that is not a page: it becomes a ``Rejection`` "not-a-page" whose detail says what it
is, so that a run accounts for every record. A record that cannot be used becomes a ``Rejection`` whose
source is "FILE@OFFSET" (the record's byte offset in the file, compressed for .warc.gz, as in a
CDX index) and whose detail names the record's number (from 1) and URI: "parse-error" when the
record is cut short (the file is truncated), has no or a wrong Content-Length, or fails its digest;
the page's own reasons ("no-text", "encoding", "too-large") otherwise. When warcio cannot read a
record at all, that is a "parse-error" too, and reading goes on at the next gzip member holding a
record in a .warc.gz file, or at the next line "WARC/1.0" that opens a record header in an
uncompressed file. Either way the articles read before it are kept.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import zlib
from collections import Counter
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import brotli  # type: ignore[import-untyped]
from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]
from warcio.statusandheaders import (  # type: ignore[import-untyped]
    StatusAndHeadersParserException,
)

from storyline.errors import InputError
from storyline.ingest.dates import parse_published
from storyline.ingest.decoding import CHARSET_SNIFF_BYTES, decode_page
from storyline.ingest.formats import looks_like_html, looks_like_warc
from storyline.ingest.identifiers import article_id_for, path_name
from storyline.ingest.webpage import article_from_html
from storyline.language import language_rejection
from storyline.model import Article, Rejection

logger = logging.getLogger(__name__)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
WARC_SNIFF_BYTES = 1024
RESYNC_CHUNK_BYTES = 1 << 20
_GZIP_MEMBER = b"\x1f\x8b\x08"  # the start of a gzip member (deflate)
_PLAIN_RECORD = b"\r\n\r\nWARC/1."  # the end of a record and the next one's first line
_WARC_VERSION = b"WARC/"
_MAX_HEADER_BYTES = 1 << 16  # a record header block is at most this long, when looked for
# What warcio raises on a record it cannot parse (its iterator is spent after it): its own errors,
# and on damaged input also whatever its parser trips over (a response without a URI: an
# AttributeError), found by fuzzing cut and altered files.
_ARCHIVE_ERRORS = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    EOFError,
    OSError,
    zlib.error,
    ValueError,
    AttributeError,
    IndexError,
    KeyError,
    TypeError,
)


@dataclass(frozen=True, slots=True)
class _Capture:
    """What a record holds for us: a page, or why it is skipped, or what is wrong with it."""

    number: int
    offset: int
    uri: str
    skip: str | None = None  # not a page: "not-response", "not-html" or "not-200"
    kind: str = ""  # the record's WARC-Type
    problem: str | None = None  # a broken record
    payload: bytes = b""
    content_type: str | None = None
    captured: str | None = None  # the WARC-Date


@dataclass(frozen=True, slots=True)
class _RunEnd:
    """How a run of records read with one warcio iterator ended."""

    records: int  # records met in the file so far
    resume: int | None  # where the next run starts (past an unreadable record of a .warc.gz)
    end: int | None  # where the last whole record ends; None when warcio failed


def read_warc(path: Path, *, max_record_bytes: int) -> Iterator[Article | Rejection]:
    """The articles of the HTML pages captured in the WARC file at ``path`` (see module)."""
    source = path_name(path)
    try:
        handle = path.open("rb")
    except OSError as e:
        yield Rejection(source, "unreadable", f"the file cannot be read: {e.strerror}")
        return
    counts: Counter[str] = Counter()
    with handle:
        head = handle.read(WARC_SNIFF_BYTES)
        if not looks_like_warc(head):
            yield Rejection(
                f"{source}@0",
                "parse-error",
                "record 1 is not a WARC record: the file starts neither with 'WARC/' nor with a "
                "gzip member holding a WARC record",
            )
            return
        run = _RunEnd(records=0, resume=0, end=None)
        while run.resume is not None:
            run = yield from _read_run(
                handle,
                start=run.resume,
                records=run.records,
                gzipped=head.startswith(_GZIP_MEMBER),
                path=source,
                max_record_bytes=max_record_bytes,
                counts=counts,
            )
        size = os.fstat(handle.fileno()).st_size
    if run.end is not None and run.end < size:
        yield Rejection(
            f"{source}@{run.end}",
            "parse-error",
            f"record {run.records + 1}: the file ends inside it (the last {size - run.end} bytes "
            "are not a whole record): the WARC is truncated",
        )
    logger.debug(
        "%s: %d records; %d not responses, %d not HTML, %d not status 200",
        source,
        run.records,
        counts["not-response"],
        counts["not-html"],
        counts["not-200"],
    )


def _read_run(
    handle: BinaryIO,
    *,
    start: int,
    records: int,
    gzipped: bool,
    path: str,
    max_record_bytes: int,
    counts: Counter[str],
) -> Generator[Article | Rejection, None, _RunEnd]:
    """The pages of the records from byte ``start`` on, until the file ends or warcio fails.

    ``records`` is the number of records met before ``start``; ``counts`` counts the records met
    by what became of them ("read", or why they were skipped).
    """
    handle.seek(start)
    iterator = _QuietArchiveIterator(handle, check_digests=True)
    while True:
        offset = iterator.offset  # where the next record starts
        try:
            record = next(iterator)
            capture = _capture(
                record, records=iterator, number=records + 1, max_record_bytes=max_record_bytes
            )
        except StopIteration:
            return _RunEnd(records=records, resume=None, end=iterator.offset)
        except _ARCHIVE_ERRORS as e:
            # Past ``start`` whatever warcio says the offset is, so that reading always moves on.
            after = max(offset, start)
            resume = (
                _next_member(handle, after=after)
                if gzipped
                else _next_plain_record(handle, after=after)
            )
            yield _unreadable(e, path=path, offset=offset, number=records + 1, resume=resume)
            return _RunEnd(records=records + 1, resume=resume, end=None)
        records += 1
        counts[capture.skip or "read"] += 1
        if capture.skip is None:
            yield _article_or_rejection(capture, path=path, max_record_bytes=max_record_bytes)
        else:
            yield _not_a_page(capture, path=path)


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator without the warning it writes to stderr for a record not followed by
    a boundary: that record is rejected naming the file, its offset and what is wrong."""

    INC_RECORD = ""


def _next_plain_record(handle: BinaryIO, *, after: int) -> int | None:
    """Where the first record of an uncompressed WARC file after byte ``after`` starts, or None:
    after a blank line, a line "WARC/1.0" (or 1.1) opening a header block that names a WARC-Type
    and a WARC-Record-ID and whose Content-Length ends where another record begins, or at the
    end of the file, or past it when no other record follows (the file's last record, cut
    short: it is then rejected as such). A page may quote a record header (one about web
    archives), so the header alone is not trusted. (helper-47's file lost 300 bytes inside its
    4th record, and its four whole pages after the 5th were neither read nor counted.)"""
    size = os.fstat(handle.fileno()).st_size
    return _first_start(
        handle,
        after=after,
        size=size,
        marker=_PLAIN_RECORD,
        skip=len(b"\r\n\r\n"),
        accepts=lambda start, last: _record_starts_at(handle, start, size=size, last=last),
    )


def _first_start(
    handle: BinaryIO,
    *,
    after: int,
    size: int,
    marker: bytes,
    skip: int,
    accepts: Callable[[int, bool], bool],
) -> int | None:
    """The first place after byte ``after`` where a record may start (``skip`` bytes into an
    occurrence of ``marker``) that ``accepts`` takes, given whether it is the file's last such
    place; or None. The file (of ``size`` bytes) is read a chunk at a time, each chunk once."""
    position = after + 1
    while position < size:
        handle.seek(position)
        chunk = handle.read(RESYNC_CHUNK_BYTES + len(marker))
        index = chunk.find(marker)
        while 0 <= index < RESYNC_CHUNK_BYTES:
            following = chunk.find(marker, index + 1)
            last = following == -1 and position + len(chunk) >= size  # no candidate after it
            if accepts(position + index + skip, last):
                return position + index + skip
            index = following
        position += RESYNC_CHUNK_BYTES
    return None


def _record_starts_at(handle: BinaryIO, start: int, *, size: int, last: bool) -> bool:
    """Whether a WARC record (uncompressed) starts at byte ``start`` of a file of ``size``
    bytes: a version line, a header block with a WARC-Type, a WARC-Record-ID and a
    Content-Length, and after that many bytes the blank lines that end a record, then another
    record or the end of the file; or a block that runs past the end when it is the ``last``
    candidate of the file."""
    handle.seek(start)
    head = handle.read(_MAX_HEADER_BYTES)
    version, _, rest = head.partition(b"\r\n")
    header, ended, _ = rest.partition(b"\r\n\r\n")
    if version not in (b"WARC/1.0", b"WARC/1.1") or not ended:
        return False
    fields = {
        name.strip().lower(): value.strip()
        for name, _, value in (line.partition(b":") for line in header.split(b"\r\n"))
    }
    length = fields.get(b"content-length", b"")
    if b"warc-type" not in fields or b"warc-record-id" not in fields or not length.isdigit():
        return False
    end = start + len(version) + 2 + len(header) + 4 + int(length)
    if end > size:  # cut short, or a quoted header: only the file's last record may be cut
        return last
    handle.seek(end)
    after = handle.read(4 + len(_WARC_VERSION))
    return after == b"\r\n\r\n" or after == b"\r\n\r\n" + _WARC_VERSION


def _next_member(handle: BinaryIO, *, after: int) -> int | None:
    """Where the first gzip member after byte ``after`` that holds a WARC record starts, or None.

    Each record of a .warc.gz file is a gzip member of its own, so reading can go on there.
    """

    def holds_a_record(start: int, last: bool) -> bool:
        handle.seek(start)
        return looks_like_warc(handle.read(WARC_SNIFF_BYTES))

    size = os.fstat(handle.fileno()).st_size
    return _first_start(
        handle, after=after, size=size, marker=_GZIP_MEMBER, skip=0, accepts=holds_a_record
    )


def _capture(record: Any, *, records: Any, number: int, max_record_bytes: int) -> _Capture:
    """What ``record`` holds, its payload read (up to one byte over the limit) if it is a page."""
    uri = str(record.rec_headers.get_header("WARC-Target-URI") or "")
    skip = _skip_reason(record)
    payload = b""
    content_type = None
    undecodable = None
    if skip is None:
        headers = _page_headers(record)
        encoding = str(headers.get_header("Content-Encoding") or "").strip().lower()
        if encoding == "br":
            payload, undecodable = _brotli_payload(
                record, headers, uri=uri, limit=max_record_bytes + 1
            )
        else:
            payload = record.content_stream().read(max_record_bytes + 1)
        content_type = headers.get_header("Content-Type")
        if _media_type(content_type) in _UNTYPED and not looks_like_html(
            payload[:CHARSET_SNIFF_BYTES]
        ):
            skip = "not-html"
    misaligned_before = records.err_count
    offset = records.get_record_offset()  # reads the rest of the record
    problem = _framing_problem(
        record, uri=uri or "no URI", misaligned=records.err_count > misaligned_before
    )
    if problem is not None or undecodable is not None:
        return _Capture(number, offset, uri, problem=problem or undecodable)
    if skip is not None:
        return _Capture(number, offset, uri, skip=skip, kind=str(record.rec_type or ""))
    if record.digest_checker.passed is False:
        problem = f"({uri}) fails its digest: {'; '.join(record.digest_checker.problems)}"
        return _Capture(number, offset, uri, problem=problem)
    return _Capture(
        number,
        offset,
        uri,
        payload=payload,
        content_type=str(content_type) if content_type is not None else None,
        captured=record.rec_headers.get_header("WARC-Date"),
    )


def _brotli_payload(record: Any, headers: Any, *, uri: str, limit: int) -> tuple[bytes, str | None]:
    """The body of a response compressed with brotli ("Content-Encoding: br"), at most ``limit``
    bytes of it, or what keeps it from being read. warcio decodes gzip and deflate itself, and
    brotli only with an API the brotli package no longer has (it failed on every such record)."""
    if "chunked" in str(headers.get_header("Transfer-Encoding") or "").lower():
        return b"", f"({uri}) is compressed with brotli and sent in chunks, which is not read"
    compressed = record.raw_stream.read(limit)  # a body longer than this is a page longer too
    try:
        return brotli.Decompressor().process(compressed, output_buffer_limit=limit)[:limit], None
    except brotli.error as e:
        return b"", f"({uri}) says its body is compressed with brotli, and it is not ({e})"


def _framing_problem(record: Any, *, uri: str, misaligned: bool) -> str | None:
    """What is wrong with the record's length, once it is read to its end, or None."""
    if record.length is None:
        return (
            f"({uri}) has no Content-Length: its header is cut short or broken, and the rest of "
            "the file was read as its content"
        )
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        return (
            f"({uri}) is cut short: {missing} of its {record.length} bytes are missing "
            "(the WARC is truncated)"
        )
    if misaligned:
        return (
            f"({uri}) is not followed by a record boundary where its Content-Length says "
            f"({record.length} bytes): bytes were lost or inserted"
        )
    return None


# What a record says when it does not say what it holds (warcio writes the first by default).
_UNTYPED = frozenset({"", "application/warc-record", "application/octet-stream"})


def _media_type(content_type: object) -> str:
    """ "text/html" of "text/html; charset=utf-8"; "" for no Content-Type."""
    return str(content_type or "").split(";")[0].strip().lower()


def _page_headers(record: Any) -> Any:
    """The headers that describe a page record's content: a response's HTTP headers, or the WARC
    headers of a resource record (a page archived as it is, without its HTTP exchange)."""
    return record.rec_headers if record.rec_type == "resource" else record.http_headers


def _skip_reason(record: Any) -> str | None:
    """Why a record is not read as a page ("not-response", "not-html", "not-200"), or None."""
    if record.rec_type != "resource":
        if record.rec_type != "response" or record.http_headers is None:
            return "not-response"
        if record.http_headers.get_statuscode() != "200":
            return "not-200"
    media_type = _media_type(_page_headers(record).get_header("Content-Type"))
    if media_type in _UNTYPED:
        return None  # decided by the payload's first bytes
    return None if media_type in _HTML_TYPES else "not-html"


def _article_or_rejection(
    capture: _Capture, *, path: str, max_record_bytes: int
) -> Article | Rejection:
    where = f"{path}@{capture.offset}"
    if capture.problem is not None:
        return Rejection(where, "parse-error", f"record {capture.number} {capture.problem}")
    try:
        article = _article(capture, max_record_bytes=max_record_bytes)
    except InputError as e:
        return Rejection(where, e.reason, f"record {capture.number} ({capture.uri}): {e.detail}")
    # Named by its record here; later, only by its URL.
    refused = language_rejection(
        article, source=where, found_in=f"record {capture.number} ({capture.uri}): "
    )
    return article if refused is None else refused


_SKIP_DETAILS = {
    "not-response": "is not an HTTP response (a warcinfo, request or metadata record)",
    "not-html": "is not an HTML page",
    "not-200": "is not a page captured with HTTP status 200",
}


def _not_a_page(capture: _Capture, *, path: str) -> Rejection:
    what = _SKIP_DETAILS[capture.skip or "not-response"]
    if capture.skip == "not-response" and capture.kind not in ("", "response"):
        what = f"is a {capture.kind} record, not an HTTP response"
    return Rejection(
        f"{path}@{capture.offset}",
        "not-a-page",
        f"record {capture.number} ({capture.uri or 'no URI'}) {what}",
    )


def _article(capture: _Capture, *, max_record_bytes: int) -> Article:
    uri = capture.uri
    if len(capture.payload) > max_record_bytes:
        raise InputError(
            uri, "too-large", f"the page has more than max_file_bytes={max_record_bytes} bytes"
        )
    html = decode_page(capture.payload, content_type=capture.content_type, source=uri)
    article = article_from_html(html, article_id=article_id_for(uri), source=uri, url=uri)
    if article.published is not None or capture.captured is None:
        return article
    captured = parse_published(capture.captured)
    if captured is None:
        return article
    return dataclasses.replace(article, published=captured[0], published_zone=captured[1])


def _unreadable(
    error: Exception, *, path: str, offset: int, number: int, resume: int | None
) -> Rejection:
    then = (
        "the records after it are not read"
        if resume is None
        else f"reading goes on with the next record, at byte {resume}"
    )
    return Rejection(
        f"{path}@{max(offset, 0)}", "parse-error", f"record {number} {_why(error)}; {then}"
    )


def _why(error: Exception) -> str:
    """Why a record cannot be read, in words: warcio's own message when it has one that says
    something, else what its parser tripping over damaged bytes means."""
    message = str(error)
    if isinstance(error, ArchiveLoadFailed) and "recompress" in message:
        return (
            "cannot be read: the file is compressed as one gzip stream, not a gzip member per "
            "record as a .warc.gz must be ('warcio recompress FILE NEW_FILE' rewrites it)"
        )
    if isinstance(error, _PARSER_SLIPS) or not message.strip():
        return "cannot be read: it is damaged or cut short (a truncated WARC ends so)"
    return f"cannot be read ({type(error).__name__}: {_printable(message)})"


# What warcio's parser raises when damaged bytes leave it without a field it expects: its message
# names Python's objects ("'NoneType' object has no attribute ..."), not the record.
_PARSER_SLIPS = (AttributeError, IndexError, KeyError, TypeError, EOFError, zlib.error)


def _printable(message: str) -> str:
    """``message`` on one line, without control characters, and at most 100 characters.

    warcio quotes the bytes it could not read ("..., first line: ..."): those are left out.
    """
    message = message.split(", first line:")[0]
    shown = " ".join("".join(char if char.isprintable() else " " for char in message).split())
    return shown if len(shown) <= 100 else shown[:97] + "..."
