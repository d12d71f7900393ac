"""The headline: the one sentence that best says what happened."""

from __future__ import annotations

import math
from collections.abc import Sequence

from storyline.summarize.candidates import Candidate, Concept

# A report's first sentences say what happened; later ones add context.
_POSITION_PRIOR = (1.0, 0.75, 0.6, 0.5)
_LATE_PRIOR = 0.35


def choose_headline(
    candidates: Sequence[Candidate],
    weights: dict[Concept, float],
    *,
    max_words: int,
) -> int | None:
    """Index of the best headline candidate: central concepts, early, short, self-standing."""
    best: tuple[float, int] | None = None
    for i, cand in enumerate(candidates):
        if cand.words > max_words or cand.dangling or cand.quoted:
            continue
        coverage = sum(weights.get(concept, 0.0) for concept in cand.concepts)
        prior = (
            _POSITION_PRIOR[cand.position] if cand.position < len(_POSITION_PRIOR) else _LATE_PRIOR
        )
        score = prior * (coverage + 1.0) / math.sqrt(cand.words)
        if best is None or score > best[0]:
            best = (score, i)
    return None if best is None else best[1]
