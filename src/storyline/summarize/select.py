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

from storyline.summarize.candidates import Candidate, Concept

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ConceptWeighting:
    """How concept weights are computed.

    Each independent report that states a concept adds ``1 + lead_bonus * position_decay**p``,
    where p is the position of the report's first sentence stating it: news puts what matters
    first. Content words count too, at ``unigram_weight`` times their report count.
    Each chosen sentence also earns, per word and per independent report,
    ``centrality_weight * centrality + length_weight``: sentences close to what the other reports
    say are preferred, and the budget is filled rather than left half used.
    max_concepts, max_candidates: only the heaviest concepts and the sentences covering most
    concept weight enter the program, which bounds its size and so its solving time.
    max_similarity: two sentences more similar than this (IDF cosine) are never both chosen.
    """

    lead_bonus: float = 2.0
    position_decay: float = 0.5
    unigram_weight: float = 0.0
    max_concepts: int = 300
    centrality_weight: float = 4.0
    length_weight: float = 0.02
    max_candidates: int = 150
    max_similarity: float = 0.35


def concepts_of(cand: Candidate, weighting: ConceptWeighting) -> frozenset[Concept]:
    if weighting.unigram_weight > 0:
        return cand.all_concepts
    return frozenset(cand.concepts)


def weigh_concepts(
    candidates: Sequence[Candidate], *, n_groups: int, weighting: ConceptWeighting
) -> dict[Concept, float]:
    """Weight of each concept: the reports that contain it, more when they state it early."""
    first_position: dict[Concept, dict[int, int]] = defaultdict(dict)
    for cand in candidates:
        for concept in concepts_of(cand, weighting):
            positions = first_position[concept]
            if cand.position < positions.get(cand.group, 1 << 30):
                positions[cand.group] = cand.position
    min_reports = _min_reports(n_groups)
    weights: dict[Concept, float] = {}
    for concept, positions in first_position.items():
        if len(positions) < min_reports:
            continue
        weight = sum(
            1.0 + weighting.lead_bonus * weighting.position_decay**position
            for position in positions.values()
        )
        weights[concept] = weight * (weighting.unigram_weight if len(concept) == 1 else 1.0)
    if len(weights) > weighting.max_concepts:
        ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
        weights = dict(ranked[: weighting.max_concepts])
    return weights


def _min_reports(n_groups: int) -> int:
    """A concept must be shared by several reports to count; with few reports, by fewer."""
    if n_groups >= 6:
        return 3
    return 2 if n_groups >= 2 else 1


def shortlist(
    candidates: Sequence[Candidate],
    weights: dict[Concept, float],
    *,
    max_words: int,
    bonus: Sequence[float] | None = None,
    limit: int = 150,
) -> list[int]:
    """Indices of the candidates worth offering to the selector, at most ``limit`` of them.

    Sentences that lean on their context (a leading pronoun) or carry a quotation are offered
    only when nothing else fits; past the limit, those covering the most weight are kept.
    """
    fitting = [i for i, cand in enumerate(candidates) if cand.words <= max_words]
    usable = [i for i in fitting if not candidates[i].dangling and not candidates[i].quoted]
    usable = usable or fitting
    if len(usable) <= limit:
        return usable
    value = {
        i: sum(weights.get(c, 0.0) for c in candidates[i].all_concepts)
        + (0.0 if bonus is None else bonus[i])
        for i in usable
    }
    return sorted(sorted(usable, key=lambda i: -value[i])[:limit])


def select_sentences(
    candidates: Sequence[Candidate],
    weights: dict[Concept, float],
    *,
    max_words: int,
    among: Sequence[int] | None = None,
    bonus: Sequence[float] | None = None,
    conflicts: Sequence[tuple[int, int]] = (),
    time_limit_s: float = 5.0,
) -> list[int]:
    """Indices of the candidates that together cover the most concept weight within max_words.

    among: the candidates to choose from (default: all that fit the budget).
    bonus: ``bonus[i]`` is added to the objective when candidate i is chosen.
    conflicts: pairs of candidates that say the same thing; at most one of each pair is chosen.
    """
    usable = [
        i
        for i in (range(len(candidates)) if among is None else among)
        if candidates[i].words <= max_words
    ]
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
        if bonus is not None:
            objective[row] -= bonus[index]

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for k, concept in enumerate(concepts):
        rows.append(k)
        cols.append(column[concept])
        vals.append(1.0)
    for row, index in enumerate(usable):
        for concept in candidates[index].all_concepts:
            concept_col = column.get(concept)
            if concept_col is not None:
                rows.append(concept_col - len(usable))
                cols.append(row)
                vals.append(-1.0)
    coverage = csr_array((vals, (rows, cols)), shape=(len(concepts), n_vars))
    length = np.zeros(n_vars)
    for row, index in enumerate(usable):
        length[row] = candidates[index].words
    constraints = [
        LinearConstraint(coverage, -np.inf, 0.0),
        LinearConstraint(length.reshape(1, -1), 0.0, float(max_words)),
    ]
    exclusive = _exclusive_rows(candidates, usable, conflicts, n_vars=n_vars)
    if exclusive is not None:
        constraints.append(LinearConstraint(exclusive, -np.inf, 1.0))

    integrality = np.concatenate([np.ones(len(usable)), np.zeros(len(concepts))])
    result = milp(
        objective,
        constraints=constraints,
        integrality=integrality,
        bounds=Bounds(0.0, 1.0),
        options={"time_limit": time_limit_s, "mip_rel_gap": 1e-3},
    )
    if result.x is None:
        logger.warning(
            "sentence selection found no solution (%s); using a greedy choice", result.message
        )
        return _greedy(candidates, usable, weights, max_words=max_words)
    chosen = [index for row, index in enumerate(usable) if result.x[row] > 0.5]
    return chosen


def _exclusive_rows(
    candidates: Sequence[Candidate],
    usable: Sequence[int],
    conflicts: Sequence[tuple[int, int]],
    *,
    n_vars: int,
) -> csr_array | None:
    """Rows of variables of which at most one may be chosen: the readings of one sentence, and
    each pair of conflicting candidates."""
    row_of = {index: row for row, index in enumerate(usable)}
    readings: dict[tuple[str, int], list[int]] = defaultdict(list)
    for row, index in enumerate(usable):
        sent = candidates[index].sentence
        readings[(sent.article_id, sent.index)].append(row)
    sets = [members for members in readings.values() if len(members) > 1]
    sets += [
        [row_of[first], row_of[second]]
        for first, second in conflicts
        if first in row_of and second in row_of
    ]
    if not sets:
        return None
    rows = [k for k, members in enumerate(sets) for _ in members]
    cols = [row for members in sets for row in members]
    return csr_array((np.ones(len(cols)), (rows, cols)), shape=(len(sets), n_vars))


def _greedy(
    candidates: Sequence[Candidate],
    usable: Sequence[int],
    weights: dict[Concept, float],
    *,
    max_words: int,
) -> list[int]:
    covered: set[Concept] = set()
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
            covered |= candidates[best].all_concepts
            sent = candidates[best].sentence
            remaining = {i for i in remaining if candidates[i].sentence != sent}
    return chosen


def _gain(cand: Candidate, covered: set[Concept], weights: dict[Concept, float]) -> float:
    fresh = cand.all_concepts - covered
    return sum(weights.get(concept, 0.0) for concept in fresh) / cand.words


def _shortest_lead(
    candidates: Sequence[Candidate], usable: Sequence[int], *, max_words: int
) -> list[int]:
    """With no shared concept at all, the opening sentences of the first report that fit."""
    chosen: list[int] = []
    budget = max_words
    for index in sorted(usable, key=lambda i: (candidates[i].group, candidates[i].position)):
        if not candidates[index].compressed and candidates[index].words <= budget:
            chosen.append(index)
            budget -= candidates[index].words
        if budget < 5:
            break
    return chosen
