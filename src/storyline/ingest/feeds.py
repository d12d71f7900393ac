"""RSS and Atom feeds: one article per entry, read with feedparser.

An entry's article has
- ``text``: the entry's content, else its summary; HTML becomes plain text, one paragraph per
  block separated by blank lines;
- ``title``: the entry's title, as text;
- ``source``: the entry's link when it is a web address, else "FEED#ENTRY-ID" (or "FEED[INDEX]");
- ``id``: from the entry's id, else its link (``article_id_for``), the same in every run;
- ``published`` / ``published_zone``: from the entry's published time, else its updated time,
  in UTC with the zone the feed gave (``None`` when it gave none, the time then taken as UTC);
- ``outlet``: the feed's title;
- ``language``: the identified one, or the entry's or the feed's stated language for a text of
  fewer than ``MIN_IDENTIFIED_WORDS`` words or one the model is unsure of.

An entry with no text becomes a ``Rejection`` ("no-text") whose source is "FEED[INDEX]" (index from
0, as in JSON lists) and whose detail names the entry, counted from 1 for people ("the 3rd
entry"); the other entries are read. A file feedparser cannot read and that gives no entries is
rejected whole ("parse-error", with feedparser's message); a well-formed feed without entries is
"empty". A feed that is not well-formed XML but still gives entries (cut short, say) gives its
entries and a "parse-error" for the file, since entries after the error may be missing. A feed
that declares XML entities (a DOCTYPE with ``<!ENTITY``: the "billion laughs") is rejected whole
("parse-error") unread.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXException

import feedparser  # type: ignore[import-untyped]
import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from storyline.errors import InputError
from storyline.ingest.dates import EARLIEST_YEAR, LATEST_YEAR, parse_published
from storyline.ingest.identifiers import article_id_for
from storyline.ingest.limits import check_article_size
from storyline.language import (
    SUPPORTED_LANGUAGES,
    identify_language,
    language_code,
    language_rejection,
)
from storyline.model import Article, Rejection
from storyline.render.words import ordinal
from storyline.scripts import dominant_script, word_count

logger = logging.getLogger(__name__)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_DROPPED_TAGS = ("script", "style", "noscript", "template")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)
_TAG = re.compile(r"<[^>]*>?")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # lxml refuses these
_BREAK = "\u2029"  # marks the bounds of block elements; newlines in HTML are only spaces
_DATE_KEYS = ("published", "updated", "created")
_WEB_SCHEMES = ("http", "https")
# An entity declaration, in any encoding an XML file may have. Expat stops an expansion only past
# a hundred times the size of the file: 500 bytes of nested entities cost feedparser a second.
_ENTITY_DECLARATIONS = tuple(
    "<!ENTITY".encode(encoding)
    for encoding in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


def read_feed(data: bytes, *, path: str) -> list[Article | Rejection]:
    """The articles of the entries of the feed ``data`` read from ``path`` (see module)."""
    if any(declaration in data for declaration in _ENTITY_DECLARATIONS):
        raise InputError(
            path,
            "parse-error",
            "the feed declares XML entities (<!ENTITY ...>), which can expand a small file to "
            "gigabytes of text; feeds do not need them, and storyline does not read such feeds",
        )
    # A stream, never the bytes themselves: feedparser fetches a str that looks like a URL and
    # opens one that names a file.
    try:
        feed = feedparser.parse(io.BytesIO(data))
    except (ValueError, LookupError) as e:  # a broken encoding declaration, a NUL byte
        raise InputError(path, "parse-error", f"feedparser cannot read the feed: {e}") from e
    if not feed.entries:
        if feed.bozo:
            raise InputError(
                path, "parse-error", f"feedparser cannot read the feed: {feed.bozo_exception}"
            )
        if not feed.get("version"):
            raise InputError(path, "parse-error", "the file is not an RSS or Atom feed")
        raise InputError(path, "empty", "the feed has no entries")
    outlet = _one_line(_detail_text(feed.feed.get("title_detail"))) or None
    feed_language = language_code(feed.feed.get("language"))
    home = _text_field(feed.feed, "link")
    items = [
        _article_or_rejection(
            entry,
            index=index,
            path=path,
            outlet=outlet,
            feed_language=feed_language,
            home=home if _is_web_address(home) else "",
        )
        for index, entry in enumerate(feed.entries)
    ]
    if isinstance(feed.get("bozo_exception"), SAXException):
        items.append(
            Rejection(
                path,
                "parse-error",
                f"the feed is not well-formed XML ({feed.bozo_exception}); its "
                f"{len(feed.entries)} entries were read as feedparser recovered them, and "
                "entries after the error may be missing",
            )
        )
    elif feed.bozo:
        logger.info("%s: feedparser read the feed with a warning: %s", path, feed.bozo_exception)
    return items


def _article_or_rejection(
    entry: Any,
    *,
    index: int,
    path: str,
    outlet: str | None,
    feed_language: str | None,
    home: str = "",
) -> Article | Rejection:
    """The entry's article, or why it has none. A link relative to the feed's own (``home``,
    an RSS channel's link) is resolved against it; the id is made from a link only when it is
    a whole web address as written."""
    text = _entry_text(entry)
    if not text:
        return Rejection(
            f"{path}[{index}]",
            "no-text",
            f"the {ordinal(index + 1)} entry ({_describe(entry)}) has no text in its content "
            "or summary",
        )
    try:
        check_article_size(
            text, source=f"{path}[{index}]", what=f"the {ordinal(index + 1)} entry's text"
        )
    except InputError as e:
        return Rejection(e.source, e.reason, e.detail)
    entry_id = _text_field(entry, "id")
    link = _text_field(entry, "link")
    whole = _is_web_address(link)  # only a whole address makes the id, as in earlier releases
    address = link if whole else _resolved(link, home)
    # An address that names only the feed's own page would be every such entry's source.
    if _is_web_address(address) and not _names_only(address, home):
        source = address
    else:
        source = f"{path}#{entry_id}" if entry_id else f"{path}[{index}]"
    published = _entry_published(entry)
    article = Article(
        id=article_id_for(entry_id or (link if whole else "") or f"{path}[{index}]"),
        text=text,
        source=source,
        title=_one_line(_detail_text(entry.get("title_detail"))) or None,
        outlet=outlet,
        published=published[0] if published else None,
        published_zone=published[1] if published else None,
        language=_language(text, stated=_stated_language(entry) or feed_language),
    )
    # Named by its entry here; later, only by its link.
    refused = language_rejection(
        article,
        source=f"{path}[{index}]",
        found_in=f"the {ordinal(index + 1)} entry ({_describe(entry)}): ",
    )
    return article if refused is None else refused


MIN_IDENTIFIED_WORDS = 10


def _language(text: str, *, stated: str | None) -> str | None:
    """An entry's language. A text of ``MIN_IDENTIFIED_WORDS`` words or more is identified:
    a feed's stated language is often its software's default, the same for every entry
    (English entries of a feed saying "sv-SE" were refused as Swedish). On a shorter text the
    model is often sure and wrong within a script ("Kabinet valt", Dutch, read as Finnish;
    "Brand in Rotterdam" as English), so the stated language wins there when it is of the
    script its text is written in (a Chinese headline in a feed saying "en" is Chinese), unless
    storyline reads the identified one and not the stated one (a headline is not refused on a
    feed's default)."""
    identified = identify_language(text)
    if stated is None or identified is None:
        return identified or stated
    if word_count(text) >= MIN_IDENTIFIED_WORDS or dominant_script(text) not in _scripts_of(stated):
        return identified
    if identified in SUPPORTED_LANGUAGES and stated not in SUPPORTED_LANGUAGES:
        return identified
    return stated


def _scripts_of(language: str) -> frozenset[str]:
    """The scripts a language is written in, as ``scripts.dominant_script`` names them: Latin
    unless ``_SCRIPTS`` says otherwise."""
    return _SCRIPTS.get(language, frozenset({"LATIN"}))


_SCRIPTS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("ar", "fa", "ur", "ps"), frozenset({"ARABIC"})),
    **dict.fromkeys(
        ("ru", "uk", "bg", "mk", "be", "kk", "ky", "mn", "tg", "tt", "ba"), frozenset({"CYRILLIC"})
    ),
    "sr": frozenset({"CYRILLIC", "LATIN"}),
    **dict.fromkeys(("hi", "mr", "ne"), frozenset({"DEVANAGARI"})),
    **dict.fromkeys(("he", "yi"), frozenset({"HEBREW"})),
    "el": frozenset({"GREEK"}),
    "ja": frozenset({"CJK", "HIRAGANA", "KATAKANA"}),
    "zh": frozenset({"CJK"}),
    "ko": frozenset({"HANGUL"}),
    "th": frozenset({"THAI"}),
    "ka": frozenset({"GEORGIAN"}),
    "hy": frozenset({"ARMENIAN"}),
    "bn": frozenset({"BENGALI"}),
    "ta": frozenset({"TAMIL"}),
    "te": frozenset({"TELUGU"}),
}


def _entry_text(entry: Any) -> str:
    """The text of the entry's first non-empty content, else of its summary."""
    details = [*(entry.get("content") or []), entry.get("summary_detail")]
    for detail in details:
        text = _detail_text(detail)
        if text:
            return text
    return ""


def _detail_text(detail: Any) -> str:
    """The plain text of one of feedparser's text constructs (``{"type", "value", ...}``)."""
    if not detail:
        return ""
    value = detail.get("value")
    if not isinstance(value, str) or not value.strip():
        return ""
    if detail.get("type") in _HTML_TYPES:
        return html_to_text(value)
    paragraphs = (" ".join(block.split()) for block in value.replace("\r\n", "\n").split("\n\n"))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def html_to_text(html: str) -> str:
    """The text of an HTML fragment: one paragraph per block element, separated by blank lines.
    A fragment lxml cannot parse (a bare "<html" or "<HTML>", which it calls empty or
    bodiless) is read as its text between the tags, in one paragraph."""
    fragment = _NOT_XML.sub("", html)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, AssertionError):
        return " ".join(_TAG.sub(" ", fragment).split())
    for element in [element for element in root.iter(*_DROPPED_TAGS)]:
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.text = _BREAK + (element.text or "")
            element.tail = _BREAK + (element.tail or "")
    paragraphs = (" ".join(part.split()) for part in root.text_content().split(_BREAK))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _entry_published(entry: Any) -> tuple[datetime, str | None] | None:
    """The entry's publication time in UTC and the zone it was given in (see module)."""
    for key in _DATE_KEYS:
        value = _text_field(entry, key)
        if not value:
            continue
        published = parse_published(value)
        if published is not None:
            return published
        # feedparser's reading, in UTC, of other date forms; read as a plain dict, since its own
        # lookup maps a missing "updated" to "published" with a deprecation warning.
        parsed = dict.get(entry, f"{key}_parsed")
        if parsed and EARLIEST_YEAR <= parsed[0] <= LATEST_YEAR:
            year, month, day, hour, minute, second = parsed[:6]
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC), None
    return None


def _stated_language(entry: Any) -> str | None:
    """The language the entry states: of its content or summary (xml:lang), or dc:language."""
    details = [*(entry.get("content") or []), entry.get("summary_detail")]
    for value in [*(detail.get("language") for detail in details if detail), entry.get("language")]:
        language = language_code(value)
        if language is not None:
            return language
    return None


def _resolved(link: str, home: str) -> str:
    """A relative link made whole against the feed's own (``home``), or "" when it cannot be:
    none given, no ``home``, or a link that is no address ("http://[broken")."""
    if not link or not home:
        return ""
    try:
        return urljoin(home, link)
    except ValueError:
        return ""


def _names_only(address: str, home: str) -> bool:
    """Whether a web address (``_is_web_address``) names only a site or the feed's own page:
    no path and no query ("https://site/", "#top"), or the channel's link itself, its
    fragment aside."""
    parts = urlsplit(address)
    bare = not parts.path.strip("/") and not parts.query
    return bare or address.split("#")[0] == home.split("#")[0]


def _is_web_address(link: str) -> bool:
    try:
        return urlsplit(link).scheme.lower() in _WEB_SCHEMES
    except ValueError:  # "http://[broken" is no address
        return False


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _text_field(entry: Any, key: str) -> str:
    value = dict.get(entry, key)  # no feedparser fallbacks (see _entry_published)
    return value.strip() if isinstance(value, str) else ""


def _describe(entry: Any) -> str:
    """The entry's id, link and title, as far as it has them (feedparser gives an Atom entry
    without a link its id as one: said once)."""
    named: dict[str, str] = {}
    for key in ("id", "link", "title"):
        value = _text_field(entry, key)
        if value and value not in named.values():
            named[key] = value
    return ", ".join(f"{key} {value!r}" for key, value in named.items()) or "no id, link or title"
