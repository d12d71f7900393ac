"""HTML pages: main text, title, site name and stated date, extracted with trafilatura.

A page is parsed (lxml, fast) before its text is extracted (trafilatura, whose time grows with the
number of elements: about ten seconds for a million). A page the parser cut short, because it
nests elements deeper than libxml2 reads (``PARSER_MAX_DEPTH``; the rest of the page is then
lost), is rejected ("parse-error"), and so is a page of more than ``MAX_PAGE_ELEMENTS`` elements
("too-large"): both are named with the reason, never read in part.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from lxml import etree  # type: ignore[import-untyped]
from trafilatura.settings import Document

from storyline.errors import InputError
from storyline.ingest.dates import parse_published
from storyline.ingest.limits import check_article_size, check_page_size
from storyline.language import identify_language
from storyline.model import Article
from storyline.scripts import word_count

# Without a paragraph this long the extracted text is navigation debris, not an article.
MIN_PARAGRAPH_WORDS = 10
# libxml2 stops reading a page where elements nest this deep (without its "huge" option): a tree
# this deep was cut there, and everything after that point is missing.
PARSER_MAX_DEPTH = 256
# News pages have a few thousand elements; trafilatura reads 20,000 in about a second.
MAX_PAGE_ELEMENTS = 20_000

# Only dates the page states (meta tags, <time>): no opportunistic search of the text; the URL's
# (read first by ``_url_published``) only after the markup's.
_DATE_PARAMS: dict[str, object] = {
    "extensive_search": False,
    "original_date": True,
    "deferred_url_extractor": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


def article_from_html(
    html: str, *, article_id: str, source: str, url: str | None = None
) -> Article:
    """An ``Article`` of the main text of an HTML page (fetched from ``url``, when known: a date
    in its path, "/2024/03/12/", is a date the page states).

    ``text`` is the extracted main text, one paragraph per block separated by blank lines; when
    it begins with the page title, ``body_start`` skips that line. Raises ``InputError``
    ("parse-error" when the page cannot be parsed, "no-text" when it has no main text).
    """
    check_page_size(html, source=source)
    tree = trafilatura.load_html(html)
    if tree is None:
        raise InputError(source, "parse-error", "the file could not be parsed as an HTML page")
    _check_tree(tree, source=source)
    document = trafilatura.bare_extraction(
        tree,
        url=_without_query(url),  # the site's name falls back to the URL's host
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    extracted = document.text if isinstance(document, Document) else None
    paragraphs = [line.strip() for line in (extracted or "").splitlines() if line.strip()]
    text = "\n\n".join(paragraphs)
    has_main_text = any(word_count(paragraph) >= MIN_PARAGRAPH_WORDS for paragraph in paragraphs)
    if not isinstance(document, Document) or not has_main_text:
        raise InputError(
            source,
            "no-text",
            f"the HTML page has no main text (no paragraph of {MIN_PARAGRAPH_WORDS} words or "
            f"more among the {len(paragraphs)} extracted)",
        )
    check_article_size(text, source=source, what="the page's main text")
    title = _clean(document.title)
    body_start = (
        len(paragraphs[0]) + 2 if title and paragraphs[0] == title and len(paragraphs) > 1 else 0
    )
    # The publication time the markup states; else the day in the URL, which the page was
    # published under; else any date the markup gives (a time it was modified, perhaps).
    published = (
        _meta_published(tree)
        or (_url_published(url) if url else None)
        or _stated_date(document.date, html=html)
    )
    return Article(
        id=article_id,
        text=text,
        source=source,
        title=title,
        outlet=_clean(document.sitename),
        published=published[0] if published else None,
        published_zone=published[1] if published else None,
        language=identify_language(text),
        body_start=body_start,
    )


def check_page_whole(html: str, *, source: str) -> None:
    """Raise ``InputError`` ("truncated") for an HTML file cut short (a download that stopped):
    a page that opens ``<html>`` or ``<body>``, closes neither, and ends inside its text or a
    tag, its last paragraph cut with it. HTML lets a page leave out its closing tags, so one
    that ends with a tag, or a fragment without ``<html>``/``<body>``, is whole. A page in a WARC
    archive is not checked: crawlers cut long records on purpose (Common Crawl at 1 MiB, saying
    so in the record), after the article as a rule."""
    if html.rstrip().endswith(">"):
        return
    lowered = html.lower()
    opened = "<html" in lowered or "<body" in lowered
    if opened and "</html" not in lowered and "</body" not in lowered:
        ending = " ".join(html[-60:].split())
        raise InputError(
            source,
            "truncated",
            f"the HTML page ends inside its text or a tag (...{ending!r}): the file was cut "
            "short; fetch it again",
        )


def _check_tree(tree: Any, *, source: str) -> None:
    """Raise ``InputError`` for a page the parser cut short or too large to extract in time."""
    depth = deepest = elements = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        elements += 1
        deepest = max(deepest, depth)
        if elements > MAX_PAGE_ELEMENTS:
            raise InputError(
                source,
                "too-large",
                f"the HTML page has more than MAX_PAGE_ELEMENTS={MAX_PAGE_ELEMENTS} elements; "
                "news pages have a few thousand",
            )
    if deepest >= PARSER_MAX_DEPTH:
        raise InputError(
            source,
            "parse-error",
            f"the HTML page nests elements {PARSER_MAX_DEPTH} deep, where the HTML parser stops "
            "reading: the rest of the page would be lost",
        )


# Where pages state the full publication time (trafilatura keeps only the day).
_PUBLISHED_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@property="og:published_time"]/@content',
    '//meta[@name="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//meta[@name="pubdate"]/@content',
    '//time[@itemprop="datePublished"]/@datetime',
    "//article//time[@datetime]/@datetime",
)


def _meta_published(tree: Any) -> tuple[datetime, str | None] | None:
    """The publication time from the page's own markup (meta tags, ``<time>``, JSON-LD's
    "datePublished"), with its time of day and zone."""
    values = [value for xpath in _PUBLISHED_XPATHS for value in tree.xpath(xpath)[:3]]
    for script in tree.xpath('//script[@type="application/ld+json"]/text()')[:5]:
        values += _json_ld_published(str(script))
    for value in values:
        published = parse_published(str(value).strip())
        if published is not None:
            return published
    return None


def _json_ld_published(script: str) -> list[str]:
    """The "datePublished" of the article a JSON-LD script describes: of its nodes (the
    script's object, its list, or its "@graph") whose "@type" is an article's, not of a video,
    a site or a list of related articles nested in them."""
    try:
        data = json.loads(script)
    except (ValueError, RecursionError):
        return []
    nodes = data if isinstance(data, list) else [data]
    nodes += [node for item in nodes if isinstance(item, dict) for node in item.get("@graph", [])]
    found = []
    for node in nodes:
        if not isinstance(node, dict):
            continue
        kinds = node.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        value = node.get("datePublished")
        if isinstance(value, str) and any(
            isinstance(kind, str) and kind.endswith(_ARTICLE_TYPES) for kind in kinds
        ):
            found.append(value)
    return found[:3]


# schema.org types of a report: Article, NewsArticle, ReportageNewsArticle, BlogPosting, ...
_ARTICLE_TYPES = ("Article", "BlogPosting", "LiveBlogPosting")


def _without_query(url: str | None) -> str | None:
    """The URL without its query and fragment, whose dates are none of the page's own
    ("?ref=/2019/01/01/"), or None."""
    if url is None:
        return None
    try:
        return urlsplit(url)._replace(query="", fragment="").geturl()
    except ValueError:
        return None


def _url_published(url: str) -> tuple[datetime, str | None] | None:
    """The day a page's address names in its path ("/2024/03/12/", "/2024-03-12-"), at
    midnight UTC with no zone, or None (a date in its query or fragment does not count)."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    found = _URL_DAY.search(path)
    if found is None:
        return None
    try:
        day = datetime(int(found["year"]), int(found["month"]), int(found["day"]), tzinfo=UTC)
    except ValueError:  # "/2024/02/31/"
        return None
    return day, None


_URL_DAY = re.compile(
    r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>0?[1-9]|1[0-2])[/-](?P<day>0?[1-9]|[12]\d|3[01])"
    r"(?=[/_.-]|$)"
)


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _stated_date(value: object, *, html: str) -> tuple[datetime, str | None] | None:
    """The page's date, unless it is today's and the page does not state it (a guess)."""
    if not isinstance(value, str) or not value:
        return None
    published = parse_published(value)
    if published is None:
        return None
    day = value[:10]
    today = datetime.now(UTC).date().isoformat()
    local_today = datetime.now().astimezone().date().isoformat()
    if day in (today, local_today) and day not in html:
        return None
    return published
