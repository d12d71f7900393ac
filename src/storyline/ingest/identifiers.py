"""Article ids for records that carry a name of their own: feed entries and archived web pages.

An id is a readable slug of the record's URL or id and a short hash of all of it, so the same
entry or page gets the same id in every run, and two different ones do not share an id even when
their slugs agree: "https://coast.example/news/storm-hits.html" -> "storm-hits-3f2a9c1b0d".

``path_name`` names a file as text that can be printed and stored, whatever bytes its name holds.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

MAX_SLUG_CHARS = 40
HASH_CHARS = 10  # 40 bits: a collision among a million records has odds of about 1 in 2,000

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_PAGE_EXTENSION = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cgi|xml|rss|atom)$", re.IGNORECASE)


def article_id_for(key: str) -> str:
    """A stable article id for ``key``, an entry id, a URL or any other name of a record."""
    digest = hashlib.sha1(key.encode("utf-8", "backslashreplace")).hexdigest()[:HASH_CHARS]
    slug = _slug(_readable_part(key))
    return f"{slug}-{digest}" if slug else digest


def _readable_part(key: str) -> str:
    """The part of ``key`` that names the record: a URL's last path segment, else its host."""
    try:
        parts = urlsplit(key.strip())
    except ValueError:  # "http://[broken": not a URL
        return key
    if parts.scheme in ("http", "https") and parts.netloc:
        segments = [segment for segment in unquote(parts.path).split("/") if segment]
        return _PAGE_EXTENSION.sub("", segments[-1]) if segments else parts.netloc
    return re.split(r"[:/]", key.strip().rstrip(":/"))[-1]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) <= MAX_SLUG_CHARS:
        return slug
    cut = slug[:MAX_SLUG_CHARS]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut  # at a word boundary when there is one


def path_name(path: Path) -> str:
    """``path`` as text, its bytes that are not UTF-8 written as escapes ("caf\\xe9.txt").

    ``str(path)`` keeps such bytes as lone surrogates, which cannot be printed or stored.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")
