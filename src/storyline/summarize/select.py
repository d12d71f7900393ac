"""Choosing summary sentences: maximum weighted concept coverage under a word budget.

Concepts are stemmed word bigrams; a concept's weight is the number of independent reports
(duplicate groups) that contain it, with a bonus when a report states it early. The choice is an
integer linear program (Gillick and Favre 2009) solved exactly by HiGHS through scipy; covering a
concept twice earns nothing, which is what keeps the summary free of repetition.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from storyline.summarize.candidates import Bigram, Candidate

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ConceptWeighting:
    """How concept weights are computed.

    lead_sentences: a report's first sentences count extra (news puts what matters first).
    lead_bonus: the extra weight of a concept in a report's lead.
    max_concepts: only the heaviest concepts enter the program, which bounds its size.
    """

    lead_sentences: int = 3
    lead_bonus: float = 0.5
    max_concepts: int = 800
    dangling_penalty: float = 0.0


def weigh_concepts(
    candidates: Sequence[Candidate], *, n_groups: int, weighting: ConceptWeighting
) -> dict[Bigram, float]:
    """Weight of each concept: the reports that contain it, with a bonus for leads."""
    seen: dict[Bigram, set[int]] = defaultdict(set)
    in_lead: dict[Bigram, set[int]] = defaultdict(set)
    for cand in candidates:
        for concept in cand.concepts:
            seen[concept].add(cand.group)
            if cand.position < weighting.lead_sentences:
                in_lead[concept].add(cand.group)
    min_reports = _min_reports(n_groups)
    weights = {
        concept: len(groups) + weighting.lead_bonus * len(in_lead.get(concept, ()))
        for concept, groups in seen.items()
        if len(groups) >= min_reports
    }
    if len(weights) > weighting.max_concepts:
        kept = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[
            : weighting.max_concepts
        ]
        weights = dict(kept)
    return weights


def _min_reports(n_groups: int) -> int:
    """A concept must be shared by several reports to count; with few reports, by fewer."""
    if n_groups >= 6:
        return 3
    return 2 if n_groups >= 2 else 1


def select_sentences(
    candidates: Sequence[Candidate],
    weights: dict[Bigram, float],
    *,
    max_words: int,
    time_limit_s: float = 5.0,
) -> list[int]:
    """Indices of the candidates that together cover the most concept weight within max_words."""
    usable = [i for i, cand in enumerate(candidates) if cand.words <= max_words]
    if not usable:
        return []
    concepts = sorted(weights)
    if not concepts:
        return _shortest_lead(candidates, usable, max_words=max_words)
    column = {concept: len(usable) + k for k, concept in enumerate(concepts)}
    n_vars = len(usable) + len(concepts)

    objective = np.zeros(n_vars)
    for concept, col in column.items():
        objective[col] = -weights[concept]
    # A tiny preference for shorter sentences breaks ties towards concise choices.
    for row, index in enumerate(usable):
        objective[row] += 1e-4 * candidates[index].words

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for k, concept in enumerate(concepts):
        rows.append(k)
        cols.append(column[concept])
        vals.append(1.0)
    for row, index in enumerate(usable):
        for concept in candidates[index].concepts:
            concept_col = column.get(concept)
            if concept_col is not None:
                rows.append(concept_col - len(usable))
                cols.append(row)
                vals.append(-1.0)
    coverage = csr_array((vals, (rows, cols)), shape=(len(concepts), n_vars))
    length = np.zeros(n_vars)
    for row, index in enumerate(usable):
        length[row] = candidates[index].words

    integrality = np.concatenate([np.ones(len(usable)), np.zeros(len(concepts))])
    result = milp(
        objective,
        constraints=[
            LinearConstraint(coverage, -np.inf, 0.0),
            LinearConstraint(length.reshape(1, -1), 0.0, float(max_words)),
        ],
        integrality=integrality,
        bounds=Bounds(0.0, 1.0),
        options={"time_limit": time_limit_s},
    )
    if result.x is None:
        logger.warning(
            "sentence selection found no solution (%s); using a greedy choice", result.message
        )
        return _greedy(candidates, usable, weights, max_words=max_words)
    chosen = [index for row, index in enumerate(usable) if result.x[row] > 0.5]
    return chosen


def _greedy(
    candidates: Sequence[Candidate],
    usable: Sequence[int],
    weights: dict[Bigram, float],
    *,
    max_words: int,
) -> list[int]:
    covered: set[Bigram] = set()
    chosen: list[int] = []
    budget = max_words
    remaining = set(usable)
    while remaining:
        gains = {index: _gain(candidates[index], covered, weights) for index in sorted(remaining)}
        best = max(gains, key=lambda index: gains[index])
        if gains[best] <= 0:
            break
        remaining.discard(best)
        if candidates[best].words <= budget:
            chosen.append(best)
            budget -= candidates[best].words
            covered |= candidates[best].concepts
    return chosen


def _gain(cand: Candidate, covered: set[Bigram], weights: dict[Bigram, float]) -> float:
    fresh = cand.concepts - covered
    return sum(weights.get(concept, 0.0) for concept in fresh) / cand.words


def _shortest_lead(
    candidates: Sequence[Candidate], usable: Sequence[int], *, max_words: int
) -> list[int]:
    """With no shared concept at all, the opening sentences of the first report that fit."""
    chosen: list[int] = []
    budget = max_words
    for index in sorted(usable, key=lambda i: (candidates[i].group, candidates[i].position)):
        if candidates[index].words <= budget:
            chosen.append(index)
            budget -= candidates[index].words
        if budget < 5:
            break
    return chosen
