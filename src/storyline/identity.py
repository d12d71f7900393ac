"""What names an article's text and a story, the same in a digest and in a fresh store.

A text is named by a hash that white space and Unicode forms do not change. Articles arrive in
order of publication (as given; undated last), ties broken by that hash, so every order of the
inputs gives the same arrival order. A story is named after its first article in that order:
"story-" and the first 12 digits of its text hash. ``storyline digest`` and a store's first
ingest of the same reports therefore give a story the same id when they group it alike.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence

from storyline.model import Article

STORY_PREFIX = "story-"
_STORY_DIGITS = 12


def content_hash(text: str) -> str:
    """The identity of an article's text: white space and Unicode forms do not matter."""
    folded = " ".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def arrival_key(digest: str, article: Article) -> tuple[bool, float, str, str]:
    """Where an article (its ``content_hash`` given) comes in the arrival order: by the
    publication time the input gave, undated (or placed in time by storyline) last, then by the
    hash, then by the id (one text under two ids: which is the original and which its copy does
    not depend on the input order)."""
    published = None if article.published_inferred else article.published
    return (
        published is None,
        0.0 if published is None else published.timestamp(),
        digest,
        article.id,
    )


def opening_story_id(digest: str) -> str:
    """The id of a story opened by the article whose text has this hash."""
    return f"{STORY_PREFIX}{digest[:_STORY_DIGITS]}"


def other_story_id(digest: str, article_id: str) -> str:
    """The id of a story opened by this text when a story with its ``opening_story_id`` exists
    (the same text, another id, far in time): a hash of both; a store adds a number if even
    that is taken."""
    mixed = hashlib.sha256(f"{digest}\x1f{article_id}".encode()).hexdigest()
    return f"{STORY_PREFIX}{mixed[:_STORY_DIGITS]}"


def story_ids(stories: Sequence[Sequence[Article]]) -> list[str]:
    """An id per story of articles, as a fresh store would give it: its first article's
    ``opening_story_id``, else ``other_story_id``, else that with a number, never one twice."""
    taken: set[str] = set()
    ids = []
    for articles in stories:
        if not articles:
            raise ValueError("a story needs at least one article")
        digest, first = min(
            ((content_hash(article.text), article) for article in articles),
            key=lambda item: arrival_key(*item),
        )
        story_id = opening_story_id(digest)
        if story_id in taken:
            story_id = base = other_story_id(digest, first.id)
            number = 2
            while story_id in taken:
                story_id = f"{base}-{number}"
                number += 1
        taken.add(story_id)
        ids.append(story_id)
    return ids
