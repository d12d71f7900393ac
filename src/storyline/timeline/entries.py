"""A story's timeline: dated events, each stated once with every report that states it.

Every sentence that names a date becomes a statement of an event on that date (the first
day-precise mention wins; a sentence naming only a month or a year is dated at that precision).
Statements on the same date that say the same thing (content-word overlap) are one event; the
event's text is the statement that shares most with the others, and all of them are its sources.
Events far from the story's own dates ("his grandfather visited Hanoi in 1958") are kept, marked
as background. When two reports date the same statement differently (left "on Saturday" in one,
"on Sunday" in another), that is a disagreement about when it happened.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.config import Config
from storyline.model import (
    Citation,
    Claim,
    Disagreement,
    Document,
    Sentence,
    TimelineEntry,
    TimeMention,
)
from storyline.summarize.attribute import cite, figures, figures_conflict
from storyline.summarize.candidates import is_well_formed
from storyline.temporal.zones import article_zone, local_date
from storyline.terms import TermExtractor
from storyline.timeline.actions import dating_note

MentionIndex = Mapping[tuple[str, int], Sequence[TimeMention]]
_PRECISE = ("day", "time")


@dataclass(frozen=True, slots=True)
class TimelineSettings:
    """How the timeline is built.

    same_event_similarity: statements on one date whose content words overlap at least this much
    (cosine of their word sets) are one event; same_event_other_day: the higher bar above which
    statements on *different* dates are the same event dated differently.
    background_days: events further than this from every publication date are background.
    max_entries: the timeline keeps the events stated by most reports, at most this many.
    """

    same_event_similarity: float = 0.3
    same_event_other_day: float = 0.5
    background_days: int = 60
    max_entries: int = 25


@dataclass(frozen=True, slots=True)
class _Statement:
    sent: Sentence
    mention: TimeMention
    stems: frozenset[str]
    citation: Citation

    @property
    def day(self) -> str:
        return self.mention.when[:10]


def build_timeline(
    documents: Sequence[Document],
    mentions: MentionIndex,
    *,
    terms: TermExtractor,
    config: Config,
    settings: TimelineSettings | None = None,
) -> tuple[tuple[TimelineEntry, ...], tuple[Disagreement, ...]]:
    """The story's dated events in time order, and the events its reports date differently."""
    settings = settings or TimelineSettings()
    statements = _statements(documents, mentions, terms=terms, config=config)
    events = [
        part
        for event in _group_events(statements, settings=settings)
        for part in _agreeing_parts(event)
    ]
    ranked = sorted(events, key=_event_rank)[: settings.max_entries]
    story_days = _publication_days(documents)
    entries = [
        _entry(event, story_days=story_days, settings=settings)
        for event in sorted(ranked, key=lambda event: _when(event))
    ]
    disagreements = _dating_disagreements(ranked, settings=settings)
    return tuple(entries), tuple(disagreements)


def _statements(
    documents: Sequence[Document], mentions: MentionIndex, *, terms: TermExtractor, config: Config
) -> list[_Statement]:
    statements: list[_Statement] = []
    for document in documents:
        for sent in document.sentences:
            found = mentions.get((sent.article_id, sent.index), ())
            if not found or not is_well_formed(sent.text, config=config):
                continue
            precise = [mention for mention in found if mention.granularity in _PRECISE]
            mention = (precise or list(found))[0]
            statements.append(
                _Statement(
                    sent=sent,
                    mention=mention,
                    stems=frozenset(terms.content_stems(sent.text)),
                    citation=cite(sent, document.article.text),
                )
            )
    return statements


def _similarity(left: frozenset[str], right: frozenset[str]) -> float:
    if not left or not right:
        return 0.0
    return len(left & right) / math.sqrt(len(left) * len(right))


def _group_events(
    statements: Sequence[_Statement], *, settings: TimelineSettings
) -> list[list[_Statement]]:
    """Statements of one date that say the same thing, greedily grouped."""
    by_date: dict[str, list[_Statement]] = defaultdict(list)
    for statement in statements:
        key = statement.day if statement.mention.granularity in _PRECISE else statement.mention.when
        by_date[key].append(statement)
    events: list[list[_Statement]] = []
    for key in sorted(by_date):
        groups: list[list[_Statement]] = []
        for statement in by_date[key]:
            best = max(
                groups,
                key=lambda group: _similarity(statement.stems, group[0].stems),
                default=None,
            )
            if (
                best is not None
                and _similarity(statement.stems, best[0].stems) >= settings.same_event_similarity
            ):
                best.append(statement)
            else:
                groups.append([statement])
        events.extend(groups)
    return events


def _agreeing_parts(event: Sequence[_Statement]) -> list[list[_Statement]]:
    """An event split where its statements give different figures (``figures_conflict``): the
    representative statement with those that agree with it, then the same for the rest. A report
    that says "212 passengers" is not a source of "214 passengers", however alike the words; its
    statement is an event of its own on that date."""
    given = [figures(statement.sent.text) for statement in event]
    parts: list[list[_Statement]] = []
    rest = list(range(len(event)))
    while rest:
        representative = _representative([event[i] for i in rest])
        head = next(i for i in rest if event[i] is representative)
        agreeing = [i for i in rest if i == head or not figures_conflict(given[head], given[i])]
        parts.append([event[i] for i in agreeing])
        rest = [i for i in rest if i not in agreeing]
    return parts


def _event_rank(event: Sequence[_Statement]) -> tuple[int, int, str]:
    """Events stated by more reports first, then the earlier-placed statements."""
    articles = {statement.sent.article_id for statement in event}
    first = min(statement.sent.index for statement in event)
    return (-len(articles), first, _when(event))


def _representative(event: Sequence[_Statement]) -> _Statement:
    """The statement sharing most with the others; ties go to the shorter."""
    return max(
        event,
        key=lambda statement: (
            sum(_similarity(statement.stems, other.stems) for other in event),
            -len(statement.sent.text),
        ),
    )


def _when(event: Sequence[_Statement]) -> str:
    """The event's date: a clock time when every statement gives the same one, else the day."""
    mention = _representative(event).mention
    if mention.granularity not in _PRECISE:
        return mention.when
    times = {statement.mention.when for statement in event}
    if mention.granularity == "time" and len(times) == 1:
        return mention.when
    return mention.when[:10]


def _entry(
    event: Sequence[_Statement], *, story_days: Sequence[date], settings: TimelineSettings
) -> TimelineEntry:
    head = _representative(event)
    others = [statement.citation for statement in event if statement is not head]
    return TimelineEntry(
        when=_when(event),
        text=head.sent.text,
        sources=(head.citation, *others),
        background=_is_background(_when(event), story_days=story_days, settings=settings),
    )


def _publication_days(documents: Sequence[Document]) -> list[date]:
    days: list[date] = []
    for document in documents:
        published = document.article.published
        if published is None:
            continue
        zone = article_zone(document.article.published_zone, article_id=document.article.id)
        days.append(local_date(published, zone))
    return days


def _is_background(when: str, *, story_days: Sequence[date], settings: TimelineSettings) -> bool:
    if not story_days:
        return False
    margin = settings.background_days
    first = date.fromordinal(max(1, min(story_days).toordinal() - margin))
    last = date.fromordinal(min(date.max.toordinal(), max(story_days).toordinal() + margin))
    if len(when) < 10:  # a month or a year: background unless the story happens within it
        year = int(when[:4])
        month = int(when[5:7]) if len(when) >= 7 else None
        start = date(year, month or 1, 1)
        end = date(year + (month or 12) // 12, (month or 12) % 12 + 1, 1) - timedelta(days=1)
        return not any(start <= day <= end for day in story_days)
    day = date.fromisoformat(when[:10])
    return not first <= day <= last


def _dating_disagreements(
    events: Sequence[Sequence[_Statement]], *, settings: TimelineSettings
) -> list[Disagreement]:
    """Events stated alike by different reports but on different calendar days."""
    disagreements: list[Disagreement] = []
    precise = [event for event in events if _representative(event).mention.granularity in _PRECISE]
    paired: set[int] = set()
    for i, event in enumerate(precise):
        if i in paired:
            continue
        head = _representative(event)
        rivals = [
            j
            for j in range(i + 1, len(precise))
            if j not in paired
            and _when(precise[j])[:10] != _when(event)[:10]
            and _similarity(head.stems, _representative(precise[j]).stems)
            >= settings.same_event_other_day
            and {s.sent.article_id for s in precise[j]} != {s.sent.article_id for s in event}
        ]
        if not rivals:
            continue
        paired.update(rivals)
        sides = [event, *(precise[j] for j in rivals)]
        claims = tuple(_claim(side) for side in sides)
        disagreements.append(
            Disagreement(about=f"when: {head.sent.text}", claims=claims, note=dating_note(claims))
        )
    return disagreements


def _claim(event: Sequence[_Statement]) -> Claim:
    head = _representative(event)
    day = _when(event)[:10]
    return Claim(
        text=head.mention.text,
        value=day,
        unit=None,
        normalized=day,
        sources=tuple(statement.citation for statement in event),
    )
