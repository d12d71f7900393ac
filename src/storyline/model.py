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
    ``published_inferred`` is set when the input gave no publication time and storyline placed the
    article in time from the rest of its story.
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
    published_inferred: bool = False


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

    ``sources[0]`` is the sentence the text was taken from: the text is that sentence or a shorter
    reading of it with some words left out (an attribution, a parenthetical); the other sources
    say the same thing.
    """

    text: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    headline: SummarySentence | None
    sentences: tuple[SummarySentence, ...]


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression in a sentence, resolved to a calendar value.

    ``when`` is ISO 8601 at the precision the text gives: "2019", "2019-02", "2019-02-26", or a
    full time "2019-02-26T08:15:00+07:00" (with the offset the text or the article implies).
    ``granularity`` is "year", "month", "day" or "time". ``relative`` is True when the value
    was computed from the publication time ("on Tuesday", "last June", "yesterday").
    Offsets ``start``/``end`` are into the article text: ``text == article.text[start:end]``.
    """

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    when: str
    granularity: str
    relative: bool


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated event of a story, with every report that states it.

    ``background`` marks events far from the story's own dates ("visited Hanoi in 1958").
    """

    when: str
    text: str
    sources: tuple[Citation, ...]
    background: bool = False


@dataclass(frozen=True, slots=True)
class Quantity:
    """An amount stated in a sentence, with its unit and its value in the unit's base unit.

    ``kind`` is "distance", "duration", "people", "money", "percentage", "speed", "count", ...;
    ``normalized`` is ``value`` in ``base_unit`` ("4,500 km" -> 4500000.0 "meter"); ``qualifier``
    is a phrase that changes what is measured ("as the crow flies"), or None; ``approximate`` is set
    by "about", "nearly", "more than" and the like.
    """

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    kind: str
    normalized: float
    base_unit: str | None
    qualifier: str | None = None
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, place or organisation, its spellings merged, with every sentence naming it."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Fact:
    """One statement of a slot of the story (the journey's length, the summit's place) and all the
    reports that make it. ``value`` is the normalised value when it is a quantity."""

    kind: str
    about: str
    text: str
    value: str | float
    unit: str | None
    sources: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Claim:
    """One side of a disagreement: what some reports say, as written and normalised."""

    text: str
    value: str | float
    unit: str | None
    normalized: str | float
    sources: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Reports that state the same slot differently, and a plain-words note on what differs."""

    about: str
    claims: tuple[Claim, ...]
    note: str


@dataclass(frozen=True, slots=True)
class Story:
    """One event: its articles, summary, and what happened when, who says what, where they differ.

    ``unread_article_ids``: articles of the story that its summary, timeline and facts were not
    made from, because the story has more than ``Config.max_story_articles``; empty otherwise.
    """

    id: str
    article_ids: tuple[str, ...]
    summary: Summary
    timeline: tuple[TimelineEntry, ...] = ()
    facts: tuple[Fact, ...] = ()
    entities: tuple[Entity, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    unread_article_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be used, with a machine-readable reason and a human detail."""

    source: str
    reason: str
    detail: str

    @property
    def is_failure(self) -> bool:
        """Whether the input was meant to be read and could not be. Records that are not news
        by nature (a WARC file's requests, metadata and images; a story store's files in a
        folder read), and a file named again (a link to a file read, a folder given twice):
        ``SKIPPED_REASONS``, are accounted for like any rejection, but are not failures of the
        run."""
        return self.reason not in SKIPPED_REASONS


SKIPPED_REASONS = frozenset({"not-a-page", "store-file", "duplicate-input"})


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What reading gave: one article or one rejection per input record (a text or HTML file, a
    JSON Lines line, a feed entry, a WARC record; a file that cannot be read at all, and the
    unreadable rest of a file read in part, are one rejected input each)."""

    articles: tuple[Article, ...] = ()
    rejections: tuple[Rejection, ...] = ()

    @property
    def inputs(self) -> int:
        """How many input records were read: each gave one article or one rejection."""
        return len(self.articles) + len(self.rejections)


@dataclass(frozen=True, slots=True)
class RunReport:
    """The accounting of one ingest run: every input was stored, recognised as a duplicate (the
    same text under the same id is stored already) or rejected, so
    ``inputs == stored + duplicates + rejected``. Copies (the same or nearly the same text under
    another id) are stored."""

    inputs: int
    stored: int
    duplicates: int
    rejections: tuple[Rejection, ...] = ()

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    @property
    def by_reason(self) -> dict[str, int]:
        """How many inputs were rejected for each reason, most frequent first."""
        counts: dict[str, int] = {}
        for rejection in self.rejections:
            counts[rejection.reason] = counts.get(rejection.reason, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    @property
    def balanced(self) -> bool:
        """Whether every input is accounted for."""
        return self.inputs == self.stored + self.duplicates + self.rejected


@dataclass(frozen=True, slots=True)
class Digest:
    """The result of a run: the stories, the articles they were built from, and what was rejected."""

    stories: tuple[Story, ...]
    articles: tuple[Article, ...]
    rejections: tuple[Rejection, ...] = ()
    settings: dict[str, object] = field(default_factory=dict)
