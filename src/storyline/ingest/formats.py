"""Which reader an input file needs, from its name and its first bytes."""

from __future__ import annotations

import re
import zlib
from enum import Enum
from pathlib import Path

from storyline.errors import InputError
from storyline.ingest.identifiers import path_name


class Format(Enum):
    TEXT = "text"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"
    FEED = "feed"  # RSS or Atom
    WARC = "warc"  # a web archive, gzipped or not
    CSV = "csv"  # a table of records, a row each: commas, semicolons or tabs
    TSV = "tsv"  # a table split at tabs


_SUFFIXES: dict[str, Format] = {
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
    ".xml": Format.FEED,  # unless it is an XHTML page
    ".warc": Format.WARC,
    ".csv": Format.CSV,
    ".tsv": Format.TSV,
}
_WARC_SUFFIXES = (".warc.gz", ".warc.gzip")
_READ_FORMATS = (
    "plain text, HTML, JSON, JSON Lines, CSV or TSV tables, RSS or Atom feeds, or WARC web archives"
)

# Formats we know and do not read, by suffix and by signature (magic bytes).
_UNSUPPORTED_SUFFIXES: dict[str, str] = {
    suffix: kind
    for kind, suffixes in {
        "PDF": ".pdf",
        "word-processor": ".doc .docx .odt .rtf .pages",
        "spreadsheet": ".xls .xlsx .ods",
        "slide": ".ppt .pptx .odp .key",
        "e-book": ".epub .mobi",
        "image": ".png .jpg .jpeg .gif .webp .bmp .tif .tiff .svg .ico .heic",
        "audio or video": ".mp3 .mp4 .wav .ogg .avi .mov .mkv .webm .flac",
        "archive": ".zip .gz .tgz .bz2 .xz .7z .rar .tar .zst",
        "executable or library": ".exe .dll .so .dylib .bin .pyc .class .jar",
        "database": ".parquet .pickle .pkl .npy",
    }.items()
    for suffix in suffixes.split()
}
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP archive (or a DOCX/XLSX/EPUB document)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
    (b"{\\rtf", "RTF document"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3", "SQLite database"),
)
# A story store's database and its working files: SQLite's journals and the writer's lock.
_STORE_FILE = re.compile(r"\.(?:db|sqlite3?)(?:\.lock|-wal|-shm|-journal)?$")
_HTML_STARTS = ("<!doctype html", "<html", "<?xml version")
_WARC_START = b"WARC/"
_GZIP_START = b"\x1f\x8b"
# The root element of a feed, after the XML declaration, comments and a doctype.
_XML_ROOT = re.compile(
    r"(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)*<([\w:.-]+)([^>]*)", re.IGNORECASE | re.DOTALL
)
_ATOM_NAMESPACES = ("http://www.w3.org/2005/atom", "http://purl.org/atom/ns#")


def check_not_store_file(path: Path) -> None:
    """Raise ``InputError`` ("store-file") for a database or one of its working files (a story
    store's journals and lock, empty as they may be), known by name."""
    if _STORE_FILE.search(path.name.lower()):
        raise InputError(
            path_name(path),
            "store-file",
            "a database or one of its working files (journal, lock), such as a story store "
            "keeps beside its inputs: not news, skipped",
        )


def format_of(path: Path, *, head: bytes) -> Format:
    """The format of the file at ``path`` whose first bytes are ``head``.

    A name ending ".warc", ".warc.gz", ".rss", ".atom" or ".xml" picks the reader (a file of such
    a name whose root is no feed's but a page's: as HTML when ".xml", an XHTML page; refused,
    "parse-error", when ".rss" or ".atom", a server's error page saved where its feed was
    fetched; a feed holding "<html" in its first bytes, in CDATA, is a feed); so do a WARC's
    first bytes (gzipped or not) and a feed's root element (``<rss>``, RSS 1.0's ``<rdf:RDF>``, Atom's ``<feed>``) in a file of another name.
    An ".html" or ".htm" file with no "<" in its first bytes is plain text saved under that name.
    Raises ``InputError`` ("unsupported-format") for formats we know and do not read (a
    database and its working files are told apart earlier, by ``check_not_store_file``).
    """
    name = path.name.lower()
    if name.endswith(_WARC_SUFFIXES) or looks_like_warc(head):
        return Format.WARC
    suffix = path.suffix.lower()
    kind = _UNSUPPORTED_SUFFIXES.get(suffix)
    if kind is not None:
        raise InputError(
            path_name(path),
            "unsupported-format",
            f"'{suffix}' files ({kind}) are not read; give {_READ_FORMATS}",
        )
    for signature, described in _SIGNATURES:
        if head.startswith(signature):
            raise InputError(
                path_name(path),
                "unsupported-format",
                f"the file is a {described}, which is not read; give {_READ_FORMATS}",
            )
    known = _SUFFIXES.get(suffix)
    if known is Format.FEED and looks_like_html(head) and not looks_like_feed(head):
        if suffix != ".xml":
            raise InputError(
                path_name(path),
                "parse-error",
                f"a '{suffix}' file should be an RSS or Atom feed, and this one is a web page "
                "(an error or login page where the feed was fetched?)",
            )
        return Format.HTML
    if known is Format.HTML and head.strip() and b"<" not in head:
        return Format.TEXT  # plain text saved as a page: no markup in its first bytes
    if known is not None:
        return known
    if looks_like_feed(head):
        return Format.FEED
    return Format.HTML if looks_like_html(head) else Format.TEXT


def looks_like_warc(head: bytes) -> bool:
    """Whether a file starting with ``head`` is a WARC file, plain or gzipped record by record."""
    if head.startswith(_GZIP_START):
        try:
            head = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(head, len(_WARC_START))
        except zlib.error:
            return False
    return head.startswith(_WARC_START)


def looks_like_feed(head: bytes) -> bool:
    """Whether a file starting with ``head`` is an RSS or Atom feed (by its root element)."""
    start = head.removeprefix(b"\xef\xbb\xbf").decode("ascii", errors="replace")
    match = _XML_ROOT.match(start)
    if match is None:
        return False
    root, attributes = match.group(1).lower(), match.group(2).lower()
    if root in ("rss", "rdf:rdf"):
        return root == "rss" or "http://purl.org/rss/1.0/" in attributes
    # Atom's root, its namespace the default or a prefix's ("<atom:feed xmlns:atom=...>").
    return root.rsplit(":", 1)[-1] == "feed" and any(
        namespace in attributes for namespace in _ATOM_NAMESPACES
    )


def looks_like_html(head: bytes) -> bool:
    """Whether a file starting with ``head`` is an HTML page (whatever its name says)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].decode("ascii", errors="replace").lower()
    if start.startswith("<?xml"):
        return "<html" in head[:1024].decode("ascii", errors="replace").lower()
    return start.startswith(_HTML_STARTS)
