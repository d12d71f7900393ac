"""Bytes of an input file to text: UTF-8 (with or without a BOM), UTF-16/32 with a BOM, cp1252.

Anything else is refused with an ``InputError`` whose reason is "binary" (NUL bytes, or mostly
bytes that are not text) or "encoding" (text-like bytes in no encoding we accept).

Text that arrives already decoded (a JSON string, a feed entry, a page in the charset it
declares) can still hold lone surrogates ("\\ud800" in JSON): code points that are no character,
which cannot be written as UTF-8 and which no later stage can read. ``check_encodable`` refuses
them with the reason "encoding".
"""

from __future__ import annotations

import codecs
import re

from storyline.errors import InputError
from storyline.model import Article

# A BOM names the encoding; UTF-32 first, since its little-endian BOM starts with UTF-16's.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = b"\t\n\r\x0b\x0c"
_OTHER_CONTROLS = bytes(byte for byte in range(0x20) if byte not in _TEXT_CONTROLS) + b"\x7f"
_HIGH_BYTES = bytes(range(0x80, 0x100))
_ASCII_TEXT = bytes(range(0x20, 0x7F)) + _TEXT_CONTROLS
MAX_CONTROL_SHARE = 0.02  # control characters in a text: rare (form feeds, stray escapes)
MAX_HIGH_BYTE_SHARE = 0.3  # bytes >= 0x80 in cp1252 text: accented letters, quotes, dashes
MIN_ASCII_TEXT_SHARE = 0.7  # below this share of printable ASCII, undecodable bytes are binary
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def decode_text(data: bytes, *, source: str) -> str:
    """The text ``data`` encodes, exactly as decoded (a BOM dropped, newlines kept)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, encoding=encoding, source=source)
    if b"\x00" in data:
        raise InputError(source, "binary", "the file holds NUL bytes, so it is not a text file")
    if _share(data, _OTHER_CONTROLS) > MAX_CONTROL_SHARE:
        raise InputError(source, "binary", "the file is mostly control bytes, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    high_share = _share(data, _HIGH_BYTES)
    if high_share <= MAX_HIGH_BYTE_SHARE:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass  # reported below, with the UTF-8 error, which names the first bad byte
    if _share(data, _ASCII_TEXT) < MIN_ASCII_TEXT_SHARE:
        raise InputError(
            source, "binary", "the file is mostly bytes that are not text in any encoding"
        ) from utf8_error
    raise InputError(
        source,
        "encoding",
        f"the file is neither UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at byte offset "
        f"{utf8_error.start}) nor cp1252 text; save it as UTF-8",
    ) from utf8_error


def _decode_with_bom(data: bytes, *, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(
            source,
            "encoding",
            f"the file starts with a {encoding} byte-order mark but byte offset {e.start} "
            f"is not valid {encoding}",
        ) from e


def _share(data: bytes, kinds: bytes) -> float:
    """The share of ``data`` that is one of the bytes in ``kinds``."""
    if not data:
        return 0.0
    return (len(data) - len(data.translate(None, kinds))) / len(data)


def check_encodable(text: str, *, source: str, what: str) -> None:
    """Raise ``InputError`` ("encoding") if ``text`` (``what``, e.g. "'text'") holds a lone
    surrogate, which is no character and cannot be encoded."""
    found = _LONE_SURROGATE.search(text)
    if found is not None:
        raise InputError(
            source,
            "encoding",
            f"{what} holds a lone surrogate (U+{ord(found.group()):04X}) at character "
            f"{found.start()}, which is not a Unicode character and cannot be stored as UTF-8",
        )


ARTICLE_TEXT_FIELDS = ("id", "text", "source", "title", "outlet", "published_zone", "group")
"""The text fields of an ``Article``: each must be encodable."""


def check_article_encodable(article: Article, *, source: str, prefix: str = "") -> None:
    """Raise ``InputError`` ("encoding") naming the first text field of ``article`` that holds
    a lone surrogate (as ``prefix`` and the quoted field name: "input 2's 'text'")."""
    for name in ARTICLE_TEXT_FIELDS:
        value = getattr(article, name)
        if value is not None:
            check_encodable(value, source=source, what=f"{prefix}{name!r}")
