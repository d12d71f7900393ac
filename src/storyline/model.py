"""The data model: frozen dataclasses that flow through every stage.

Every derived object keeps its provenance (article id, sentence index, character offsets into
the article text as read), so attribution falls out of the model instead of being reconstructed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Article:
    """One news report, with its text exactly as read from the input.

    ``published`` is timezone-aware UTC; ``published_zone`` keeps the zone the source gave
    ("UTC+08:00", "America/Los_Angeles"). ``body_start`` is the offset where the report's body
    begins, after header lines (section, date line, title, outlet) that the reader consumed.
    ``group`` is the cluster id an input declared (JSON clusters); articles sharing one form a story.
    """

    id: str
    text: str
    source: str
    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    published_zone: str | None = None
    language: str | None = None
    body_start: int = 0
    group: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of an article's text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Debris:
    """A span the cleaner removed, and why ("caption", "related-links", "timestamp", ...)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: ``text == article.text[start:end]``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Document:
    """An article after cleaning and segmentation: the unit the summarizer reads."""

    article: Article
    paragraphs: tuple[Span, ...] = ()
    debris: tuple[Debris, ...] = ()
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Citation:
    """A verbatim span of an article: ``quote == article.text[start:end]``."""

    article: str
    sentence: int
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence of a headline or summary, in its source wording, with every source saying it.

    ``sources[0]`` is the sentence the text was taken from; the others say the same thing.
    """

    text: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    headline: SummarySentence | None
    sentences: tuple[SummarySentence, ...]


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    article_ids: tuple[str, ...]
    summary: Summary


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be used, with a machine-readable reason and a human detail."""

    source: str
    reason: str
    detail: str


@dataclass(frozen=True, slots=True)
class IngestResult:
    articles: tuple[Article, ...] = ()
    rejections: tuple[Rejection, ...] = ()


@dataclass(frozen=True, slots=True)
class Digest:
    """The result of a run: the stories, the articles they were built from, and what was rejected."""

    stories: tuple[Story, ...]
    articles: tuple[Article, ...]
    rejections: tuple[Rejection, ...] = ()
    settings: dict[str, object] = field(default_factory=dict)
