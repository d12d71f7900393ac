"""Who, where and when: the story's key facts from its entities and its timeline.

The people, places and organisations most reports name, and the dates of the events most reports
state, each as a ``Fact`` with every citation behind it, beside the quantity facts ("how many").
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Entity, Fact, TimelineEntry

_SLOTS = {"person": "who", "organisation": "who", "place": "where"}
_GIST_WORDS = 12
"""Words of its sentence that say what a date fact is about."""


def entity_facts(
    entities: Sequence[Entity], *, per_kind: int = 4, min_reports: int = 2
) -> list[Fact]:
    """The most widely named people, organisations and places, at most ``per_kind`` of each."""
    facts: list[Fact] = []
    taken: dict[str, int] = {}
    ranked = sorted(entities, key=lambda entity: -_reports(entity))
    name_words = {word for entity in ranked if " " in entity.name for word in entity.name.split()}
    for entity in ranked:
        if " " not in entity.name and entity.name in name_words:
            continue  # a one-word name ("Kim") that is part of longer ones: too ambiguous
        slot = _SLOTS.get(entity.kind)
        if slot is None or _reports(entity) < min_reports or taken.get(entity.kind, 0) >= per_kind:
            continue
        taken[entity.kind] = taken.get(entity.kind, 0) + 1
        facts.append(
            Fact(
                kind=entity.kind,
                about=slot,
                text=entity.name,
                value=entity.name,
                unit=None,
                sources=entity.mentions,
            )
        )
    return facts


def date_facts(
    timeline: Sequence[TimelineEntry], *, limit: int = 3, min_reports: int = 2
) -> list[Fact]:
    """The dates of the events stated by most reports (background left out): the fact's text is
    the date, and what it is about the first words of the event's statement ("when: More than
    200 people were evacuated from a passenger ferry that ran …")."""
    events = [entry for entry in timeline if not entry.background and len(entry.when) >= 10]
    ranked = sorted(events, key=lambda entry: -len({c.article for c in entry.sources}))
    return [
        Fact(
            kind="date",
            about=f"when: {_gist(entry.text)}",
            text=entry.when,
            value=entry.when,
            unit=None,
            sources=entry.sources,
        )
        for entry in ranked[:limit]
        if len({c.article for c in entry.sources}) >= min_reports
    ]


def _gist(sentence: str, *, words: int = _GIST_WORDS) -> str:
    """The sentence's first ``words`` words, marked as cut when it has more."""
    parts = sentence.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


def _reports(entity: Entity) -> int:
    return len({citation.article for citation in entity.mentions})
