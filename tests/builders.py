"""Tiny builders for test inputs."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from storyline.model import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
DUC2004 = SHARED / "eval" / "duc2004"


def make_article(
    text: str,
    *,
    article_id: str = "a1",
    published: datetime | None = None,
    group: str | None = None,
) -> Article:
    return Article(
        id=article_id, text=text, source=f"<{article_id}>", published=published, group=group
    )


def is_reading_of(text: str, quote: str) -> bool:
    """Whether ``text`` is ``quote`` itself or ``quote`` with some of its words left out."""
    if text == quote:
        return True
    source = (word.strip(",.;:").lower() for word in quote.split())
    return all(
        any(word.strip(",.;:").lower() == candidate for candidate in source)
        for word in text.split()
    )


def as_layout_11_wrote(connection: sqlite3.Connection) -> None:
    """Rewrite a store's tables as layout 11 kept them: no days, vectors or clustering state."""
    connection.executescript(
        """
        DROP INDEX articles_day;
        ALTER TABLE articles DROP COLUMN day;
        ALTER TABLE articles DROP COLUMN vector;
        DROP TABLE clustering_state;
        PRAGMA user_version = 11;
        """
    )
