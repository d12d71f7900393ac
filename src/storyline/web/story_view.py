"""A stored story's digest arranged for its page: numbered sources, markers with the quoted
source sentence, facts by agreement, disagreements side by side, the coverage grid."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from storyline.model import Article, Citation, Digest, Fact, Story
from storyline.web.display import describe_published, outbound_url, outlet_name, source_label
from storyline.web.timeline_chart import TimelineChart, chart_timeline


@dataclass(frozen=True, slots=True)
class SourceMarker:
    """A numbered reference to an article, with the sentence of it that is cited."""

    number: int
    article_id: str
    outlet: str
    quote: str


@dataclass(frozen=True, slots=True)
class CitedText:
    """A sentence, fact or claim and the markers of every article stating it."""

    text: str
    markers: tuple[SourceMarker, ...]


@dataclass(frozen=True, slots=True)
class FactRow:
    """A row of the facts table: what it is about, the statement, and how many sources agree."""

    about: str
    text: str
    agree: int
    markers: tuple[SourceMarker, ...]
    outlets: frozenset[str]


@dataclass(frozen=True, slots=True)
class DisagreementView:
    about: str
    note: str
    claims: tuple[CitedText, ...]


@dataclass(frozen=True, slots=True)
class ArticleView:
    """A row of the article list; ``url`` is set only for http(s) sources, ``source`` is the
    file name of any other source."""

    number: int
    id: str
    outlet: str
    title: str
    published: str
    language: str
    url: str | None
    source: str


@dataclass(frozen=True, slots=True)
class TimelineItem:
    when: str
    text: str
    background: bool
    cited: CitedText


@dataclass(frozen=True, slots=True)
class StoryView:
    """Everything the story page shows."""

    id: str
    headline: str
    headline_markers: tuple[SourceMarker, ...]
    sentences: tuple[CitedText, ...]
    chart: TimelineChart
    timeline: tuple[TimelineItem, ...]
    facts: tuple[FactRow, ...]
    disagreements: tuple[DisagreementView, ...]
    outlets: tuple[str, ...]
    articles: tuple[ArticleView, ...]
    unread: int = 0
    """Articles the digest was not made from (over ``Config.max_story_articles``)."""


def story_view(digest: Digest, *, fallback_headline: str | None = None) -> StoryView:
    """The page of the (first) story of ``digest``."""
    story = digest.stories[0]
    by_id = {article.id: article for article in digest.articles}
    sources = _Sources(story, by_id)
    headline = story.summary.headline
    facts = tuple(
        sorted((sources.fact_row(fact) for fact in story.facts), key=lambda row: -row.agree)
    )
    return StoryView(
        id=story.id,
        headline=headline.text if headline is not None else fallback_headline or "(no headline)",
        headline_markers=() if headline is None else sources.markers(headline.sources),
        sentences=tuple(sources.cite(sent.text, sent.sources) for sent in story.summary.sentences),
        chart=chart_timeline(story.timeline),
        timeline=tuple(
            TimelineItem(
                when=entry.when,
                text=entry.text,
                background=entry.background,
                cited=sources.cite(entry.text, entry.sources),
            )
            for entry in story.timeline
        ),
        facts=facts,
        disagreements=tuple(
            DisagreementView(
                about=item.about,
                note=item.note,
                claims=tuple(sources.cite(claim.text, claim.sources) for claim in item.claims),
            )
            for item in story.disagreements
        ),
        outlets=tuple(dict.fromkeys(sources.outlet_of(key) for key in story.article_ids)),
        articles=tuple(sources.article_views()),
        unread=len(story.unread_article_ids),
    )


class _Sources:
    """Numbers the story's articles in order and turns citations into markers."""

    def __init__(self, story: Story, by_id: dict[str, Article]) -> None:
        self._story = story
        self._by_id = by_id
        self._number = {key: n for n, key in enumerate(story.article_ids, start=1)}

    def outlet_of(self, article_id: str) -> str:
        article = self._by_id.get(article_id)
        return article_id if article is None else outlet_name(article)

    def markers(self, citations: Iterable[Citation]) -> tuple[SourceMarker, ...]:
        """One marker per cited article (its first cited sentence), in article order."""
        first: dict[str, Citation] = {}
        for citation in citations:
            if citation.article in self._number:
                first.setdefault(citation.article, citation)
        return tuple(
            SourceMarker(
                number=self._number[key],
                article_id=key,
                outlet=self.outlet_of(key),
                quote=citation.quote,
            )
            for key, citation in sorted(first.items(), key=lambda item: self._number[item[0]])
        )

    def cite(self, text: str, citations: Iterable[Citation]) -> CitedText:
        return CitedText(text=text, markers=self.markers(citations))

    def fact_row(self, fact: Fact) -> FactRow:
        markers = self.markers(fact.sources)
        return FactRow(
            about=fact.about,
            text=fact.text,
            agree=len(markers),
            markers=markers,
            outlets=frozenset(marker.outlet for marker in markers),
        )

    def article_views(self) -> Iterable[ArticleView]:
        for key, number in self._number.items():
            article = self._by_id.get(key)
            if article is None:
                continue
            yield ArticleView(
                number=number,
                id=key,
                outlet=outlet_name(article),
                title=article.title or "(untitled)",
                published=describe_published(article),
                language=article.language or "unknown",
                url=outbound_url(article.source),
                source=source_label(article.source),
            )
