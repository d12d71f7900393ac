"""How much text one article may hold, so that every later stage runs in bounded time and memory.

The run's ``max_file_bytes`` bounds a file; these bound what is read from it. A news report has a
few thousand characters and long-form journalism a few hundred thousand; a text longer than
``MAX_ARTICLE_CHARS`` is a book, a log or a dump, and the stages after reading (sentence
splitting, near-duplicate signatures, facts) cost time and memory in proportion to it or worse:
a 50 MB single-line text file took over ten minutes and 6 GB to ingest. Such a text is rejected
("too-large") with its length, never cut. ``Config.max_article_chars`` (``--max-article-chars``)
may set a lower limit, which ``reader.read_file`` applies to every article read. An HTML page is bounded before its text is extracted
(``MAX_PAGE_CHARS``), since extraction costs about a second per megabyte. A title is bounded too
(``MAX_TITLE_CHARS``): it is read whole as the lead of the article where stories are matched
across languages.
"""

from __future__ import annotations

from storyline.config import MAX_ARTICLE_CHARS
from storyline.errors import InputError

__all__ = ["MAX_ARTICLE_CHARS", "check_article_size", "check_page_size", "check_title_size"]
MAX_PAGE_CHARS = 10_000_000
MAX_TITLE_CHARS = 2_000


def check_article_size(text: str, *, source: str, what: str = "the article's text") -> None:
    """Raise ``InputError`` ("too-large") when ``text`` has more than ``MAX_ARTICLE_CHARS``."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(
            source,
            "too-large",
            f"{what} has {len(text):,} characters, more than MAX_ARTICLE_CHARS="
            f"{MAX_ARTICLE_CHARS:,}; a news report has a few thousand",
        )


def check_page_size(html: str, *, source: str) -> None:
    """Raise ``InputError`` ("too-large") when ``html`` has more than ``MAX_PAGE_CHARS``."""
    if len(html) > MAX_PAGE_CHARS:
        raise InputError(
            source,
            "too-large",
            f"the HTML page has {len(html):,} characters, more than MAX_PAGE_CHARS="
            f"{MAX_PAGE_CHARS:,}; news pages have well under a million",
        )


def check_title_size(title: str | None, *, source: str) -> None:
    """Raise ``InputError`` ("too-large") when ``title`` has more than ``MAX_TITLE_CHARS``."""
    if title is not None and len(title) > MAX_TITLE_CHARS:
        raise InputError(
            source,
            "too-large",
            f"the title has {len(title):,} characters, more than MAX_TITLE_CHARS="
            f"{MAX_TITLE_CHARS:,}; a headline has a few dozen words",
        )
