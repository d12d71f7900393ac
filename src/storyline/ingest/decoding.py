"""Bytes of an input file to text: UTF-8 (with or without a BOM), UTF-16/32 with a BOM or
without one (ASCII-range text has a NUL in every other byte), cp1252, or a legacy encoding of
another script found by ``charset_normalizer`` (Shift-JIS, GB2312, cp1251, KOI8-R...). A web page
is read in the charset it declares (``decode_page``).

Anything else is refused with an ``InputError`` whose reason is "binary" (NUL bytes, or mostly
bytes that are not text) or "encoding" (text-like bytes in no encoding we accept).

Text that arrives already decoded (a JSON string, a feed entry, a page in the charset it
declares) can still hold lone surrogates ("\\ud800" in JSON): code points that are no character,
which cannot be written as UTF-8 and which no later stage can read. ``check_encodable`` refuses
them with the reason "encoding".
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata

from charset_normalizer import from_bytes

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
        without_bom = _utf16_without_bom(data)
        if without_bom is not None:
            return without_bom
        raise InputError(source, "binary", "the file holds NUL bytes, so it is not a text file")
    if _share(data, _OTHER_CONTROLS) > MAX_CONTROL_SHARE:
        raise InputError(source, "binary", "the file is mostly control bytes, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    western = None
    if _share(data, _HIGH_BYTES) <= MAX_HIGH_BYTE_SHARE:
        # Bytes cp1252 cannot read are reported below, with the UTF-8 error (its first bad byte).
        with contextlib.suppress(UnicodeDecodeError):
            western = data.decode("cp1252")
        if western is not None and not _reads_as_another_script(western):
            return western
    mostly_ascii = _share(data, _ASCII_TEXT) >= MIN_ASCII_TEXT_SHARE
    # Guess another script's encoding for cp1252 that reads as one, or for bytes mostly beyond
    # ASCII; a guess on a few odd bytes in ASCII text would be a wild one.
    if western is not None or not mostly_ascii:
        guessed = _guessed(data)
        if guessed is not None:
            return guessed
        if western is not None:
            return western
    if not mostly_ascii:
        raise InputError(
            source, "binary", "the file is mostly bytes that are not text in any encoding"
        ) from utf8_error
    raise InputError(
        source,
        "encoding",
        f"the file is neither UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at byte offset "
        f"{utf8_error.start}) nor cp1252 text; save it as UTF-8",
    ) from utf8_error


def decode_page(data: bytes, *, content_type: str | None = None, source: str) -> str:
    """A web page's text in the charset its HTTP ``content_type`` or its markup (a ``<meta>``
    in its first ``CHARSET_SNIFF_BYTES``) declares, else as ``decode_text`` reads a file. A
    declared name that is no charset of the web but one of Python's other codecs (a page saying
    "charset=punycode" or "unicode_escape") is ignored, as is one that cannot decode it. A
    byte-order mark wins over any declaration, as it does in browsers (HTML's encoding sniffing:
    a UTF-8 page with a BOM served as ISO-8859-1 read "CafÃ©"), unless the bytes after it are
    not in its encoding: the page is then read without it."""
    mark = next((bom for bom, _ in _BOMS if data.startswith(bom)), None)
    if mark is not None:
        try:
            return decode_text(data, source=source)
        except InputError:  # a wrong mark: the page is read without it, as declared
            data = data[len(mark) :]
    declared = _CHARSET.search(str(content_type or "").encode("ascii", "replace"))
    declared = declared or _CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    if declared is not None:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii"))
            if codec.name not in _NOT_WEB_CHARSETS:
                return data.decode(codec.name)
        except (LookupError, UnicodeError):  # UnicodeError: punycode raises it, not a subclass
            pass  # a wrong or unknown declaration: guess as for a file
    return decode_text(data, source=source)


# Python codecs that are no charset of the web: escapes, domain names, and UTF-7, which HTML
# forbids (it can give lone surrogates). A page that declares one is decoded as undeclared.
_NOT_WEB_CHARSETS = frozenset(
    {"idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7", "undefined"}
)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
CHARSET_SNIFF_BYTES = 2048  # where a page's <meta charset> must be
MAX_GUESS_CHAOS = 0.2  # charset_normalizer's "mess" of a guess we take: 0 for clean text
MIN_GUESS_TEXT_SHARE = 0.95  # characters of a guess that are no control, private or unassigned
_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark, told by a NUL in nearly every other byte (the
    high half of each ASCII-range character); None when the bytes are not that."""
    if len(data) < 4 or len(data) % 2:
        return None
    for encoding, halves in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if halves.count(0) >= 0.9 * len(halves):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _reads_as_another_script(text: str) -> bool:
    """Whether cp1252 text looks like the bytes of another script read wrongly: most of its
    words with letters beyond ASCII are made of them ("Ïðåçèäåíò" is "Президент" in cp1251),
    where a Western text has one or two in a word ("café", "Größe")."""
    words = _NON_ASCII_WORD.findall(text)
    if not words:
        return False
    foreign = sum(
        1
        for word in words
        if len(word) >= 3 and sum(ord(char) > 0x7F for char in word) >= 0.8 * len(word)
    )
    return foreign > len(words) / 2


def _guessed(data: bytes) -> str | None:
    """The text in the encoding ``charset_normalizer`` finds for it, when its reading is clean
    text (little mess, nearly no control, private or unassigned character); else None."""
    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_GUESS_CHAOS:
        return None
    text = str(best)
    junk = sum(1 for char in text if unicodedata.category(char)[0] == "C" and char not in "\n\r\t")
    return text if text and junk <= (1 - MIN_GUESS_TEXT_SHARE) * len(text) else None


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
