"""What a story's reports say beyond the summary: when things happened, the key facts, who and
where, and where the reports disagree.

Every sentence's time expressions are resolved against its article's publication time and zone;
the dated statements make the timeline. Quantities are normalised and grouped into facts;
entities are the people, places and organisations named across the reports. Disagreements come
from both: the same figure given differently, the same event dated differently.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.config import Config
from storyline.facts.claims import quantity_facts
from storyline.facts.entities import extract_entities
from storyline.facts.key_facts import date_facts, entity_facts
from storyline.facts.quantities import QuantityFinder
from storyline.model import (
    Disagreement,
    Document,
    Entity,
    Fact,
    Quantity,
    TimelineEntry,
    TimeMention,
)
from storyline.temporal import find_time_mentions
from storyline.terms import TermExtractor
from storyline.timeline.actions import action_disagreements, dated_actions, without_repeats
from storyline.timeline.entries import build_timeline

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Account:
    """A story's timeline, facts, entities and disagreements."""

    timeline: tuple[TimelineEntry, ...] = ()
    facts: tuple[Fact, ...] = ()
    entities: tuple[Entity, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()


def account_for(
    documents: Sequence[Document],
    *,
    config: Config,
    terms: TermExtractor,
    quantities: QuantityFinder,
) -> Account:
    """The timeline, facts, entities and disagreements of one story's documents."""
    mentions = time_mentions(documents)
    try:
        timeline, dating = build_timeline(documents, mentions, terms=terms, config=config)
    except OverflowError:  # dates within days of year 1 or 9999
        logger.warning("a story's dates reach the calendar's ends; no timeline")
        timeline, dating = (), ()
    found = find_quantities(documents, quantities=quantities)
    sentences = {(sent.article_id, sent.index): sent for doc in documents for sent in doc.sentences}
    texts = {doc.article.id: doc.article.text for doc in documents}
    published = {
        doc.article.id: doc.article.published.date()
        for doc in documents
        if doc.article.published is not None and not doc.article.published_inferred
    }
    figures, differing = quantity_facts(
        found, sentences=sentences, texts=texts, terms=terms, published=published
    )
    entities = extract_entities(documents)
    facts = (*entity_facts(entities), *date_facts(timeline), *figures)
    acts = action_disagreements(dated_actions(documents, mentions, entities))
    return Account(
        timeline=timeline,
        facts=facts,
        entities=entities,
        disagreements=(*differing, *dating, *without_repeats(acts, dating)),
    )


def time_mentions(documents: Sequence[Document]) -> dict[tuple[str, int], list[TimeMention]]:
    """The resolved time expressions of every sentence, by (article id, sentence index)."""
    found: dict[tuple[str, int], list[TimeMention]] = {}
    for doc in documents:
        article = doc.article
        for sent in doc.sentences:
            try:
                mentions = find_time_mentions(
                    sent, published=article.published, zone=article.published_zone
                )
            except OverflowError:
                # A date past the calendar's ends ("9999-12-31" plus a day): nothing to place.
                logger.warning(
                    "article %s, sentence %d: a date falls outside the calendar; skipped",
                    article.id,
                    sent.index,
                )
                continue
            if mentions:
                found[(sent.article_id, sent.index)] = mentions
    return found


def find_quantities(documents: Sequence[Document], *, quantities: QuantityFinder) -> list[Quantity]:
    """Every quantity stated in the documents' sentences, in reading order."""
    return [
        quantity for doc in documents for sent in doc.sentences for quantity in quantities(sent)
    ]
