"""How stored values are shown on pages: outlets, times, time spans and outbound links."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from storyline.model import Article

_LINK_SCHEMES = frozenset({"http", "https"})


def outlet_name(article: Article) -> str:
    """The article's outlet; failing that the host of its URL, or its id."""
    if article.outlet:
        return article.outlet
    url = outbound_url(article.source)
    if url is not None:
        return urlsplit(url).hostname or article.id
    return article.id


def outbound_url(source: str | None) -> str | None:
    """``source`` if it is an absolute http(s) URL with a host (the only links a page makes),
    else None: ``javascript:``, ``data:`` and file paths never become links."""
    if not source:
        return None
    text = source.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in _LINK_SCHEMES or not parts.hostname:
        return None
    if any(char.isspace() or ord(char) < 32 for char in text):
        return None
    return text


def source_label(source: str) -> str:
    """A non-link source as shown: the file name of a path (the server's folders stay private)."""
    return source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or source


def format_time(when: datetime | None) -> str:
    """A UTC time for people: "2025-03-14 17:05 UTC"; "undated" for None."""
    if when is None:
        return "undated"
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def format_span(first: datetime | None, last: datetime | None) -> str:
    """A story's time span: "2025-03-14 17:05 – 2025-03-15 07:30 UTC" (one time if equal)."""
    if first is None or last is None:
        return "undated"
    if first == last:
        return format_time(first)
    start = first.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
    return f"{start} – {format_time(last)}"


def describe_published(article: Article) -> str:
    """When the article was published, with the zone the source gave or a note that the date
    was inferred from the story."""
    if article.published is None:
        return "undated"
    if article.published_inferred:
        return article.published.astimezone(UTC).strftime("%Y-%m-%d") + " (inferred)"
    zone = f" ({article.published_zone})" if article.published_zone else ""
    return format_time(article.published) + zone
