"""The headline: the one sentence that best says what happened.

It is chosen from the reports' leads: each report's first ``HEADLINE_SENTENCES`` sentences, whose
concepts are also what it is weighed by. A report says what happened first; its later sentences
add context, and a later sentence rarely won anyway (early positions weigh more). On the 50 DUC
2004 clusters the headline's ROUGE-1 / ROUGE-2 precision against the reference summaries is
0.524 / 0.158 from the leads against 0.520 / 0.160 from whole reports, and choosing it reads a
seventh of the sentences: a store keeps each article's lead sentences and refreshes a story's
headline without reading its articles again.

A headline says what the reports say together, not what one of them adds: a sentence is weighed
by the square of the share of its concepts that other reports state too. On DUC 2004 d30017 (the
North Korean famine) the headline was a report's comparison of Cambodia's hunger with North
Korea's, dense in the story's concepts but about Cambodia; it is now a sentence on North Korean
children. ROUGE-1 / ROUGE-2 precision went from 0.524 / 0.158 to 0.541 / 0.165 (first 25
clusters 0.528 / 0.154 to 0.553 / 0.163, last 25 0.520 / 0.163 to 0.529 / 0.167).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from storyline.model import Document
from storyline.summarize.candidates import Candidate, Concept

HEADLINE_SENTENCES = 5
"""The sentences of each report, from its first, that a headline is chosen from."""

# A report's first sentences say what happened; later ones add context.
_POSITION_PRIOR = (1.0, 0.75, 0.6, 0.5)
_LATE_PRIOR = 0.35


def leads(documents: Sequence[Document]) -> list[Document]:
    """The documents cut to their first ``HEADLINE_SENTENCES`` sentences (paragraphs and debris
    are left out: a headline reads sentences only)."""
    return [
        replace(
            document, paragraphs=(), debris=(), sentences=document.sentences[:HEADLINE_SENTENCES]
        )
        for document in documents
    ]


def choose_headline(
    candidates: Sequence[Candidate],
    weights: dict[Concept, float],
    *,
    max_words: int,
) -> int | None:
    """Index of the best headline candidate: central concepts, early, short, self-standing, and
    focused (``focus``). Ties, such as sentences of no shared concept, go to the one of more
    concepts for its length and place, then to the earlier."""
    best: tuple[float, float, int] | None = None
    for i, cand in enumerate(candidates):
        if cand.words > max_words or cand.dangling or cand.quoted:
            continue
        coverage = sum(weights.get(concept, 0.0) for concept in cand.concepts)
        prior = (
            _POSITION_PRIOR[cand.position] if cand.position < len(_POSITION_PRIOR) else _LATE_PRIOR
        )
        score = prior * (coverage + 1.0) / math.sqrt(cand.words)
        focused = score * focus(cand, weights) ** 2
        if best is None or (focused, score) > best[:2]:
            best = (focused, score, i)
    return None if best is None else best[2]


def focus(candidate: Candidate, weights: dict[Concept, float]) -> float:
    """The share of a candidate's distinct concepts that are weighed (stated by enough reports
    to count, ``select.weigh_concepts``); 0 for a sentence of no concept."""
    concepts = set(candidate.concepts)
    if not concepts:
        return 0.0
    return sum(1 for concept in concepts if concept in weights) / len(concepts)
