"""Which reader an input file needs, from its name and its first bytes."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from storyline.errors import InputError


class Format(Enum):
    TEXT = "text"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"


_SUFFIXES: dict[str, Format] = {
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
}

# Formats we know and do not read, by suffix and by signature (magic bytes).
_UNSUPPORTED_SUFFIXES: dict[str, str] = {
    suffix: kind
    for kind, suffixes in {
        "PDF": ".pdf",
        "word-processor": ".doc .docx .odt .rtf .pages",
        "spreadsheet": ".xls .xlsx .ods .csv .tsv",
        "slide": ".ppt .pptx .odp .key",
        "e-book": ".epub .mobi",
        "image": ".png .jpg .jpeg .gif .webp .bmp .tif .tiff .svg .ico .heic",
        "audio or video": ".mp3 .mp4 .wav .ogg .avi .mov .mkv .webm .flac",
        "archive": ".zip .gz .tgz .bz2 .xz .7z .rar .tar .zst .warc",
        "executable or library": ".exe .dll .so .dylib .bin .pyc .class .jar",
        "database": ".db .sqlite .sqlite3 .parquet .pickle .pkl .npy",
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
_HTML_STARTS = ("<!doctype html", "<html", "<?xml version")


def format_of(path: Path, *, head: bytes) -> Format:
    """The format of the file at ``path`` whose first bytes are ``head``.

    Raises ``InputError`` ("unsupported-format") for formats we know and do not read.
    """
    suffix = path.suffix.lower()
    kind = _UNSUPPORTED_SUFFIXES.get(suffix)
    if kind is not None:
        raise InputError(
            str(path),
            "unsupported-format",
            f"'{suffix}' files ({kind}) are not read; give plain text, HTML, JSON or JSON Lines",
        )
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            raise InputError(
                str(path),
                "unsupported-format",
                f"the file is a {name}, which is not read; give plain text, HTML, JSON or "
                "JSON Lines",
            )
    known = _SUFFIXES.get(suffix)
    if known is not None:
        return known
    return Format.HTML if looks_like_html(head) else Format.TEXT


def looks_like_html(head: bytes) -> bool:
    """Whether a file starting with ``head`` is an HTML page (whatever its name says)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].decode("ascii", errors="replace").lower()
    if start.startswith("<?xml"):
        return "<html" in head[:1024].decode("ascii", errors="replace").lower()
    return start.startswith(_HTML_STARTS)
