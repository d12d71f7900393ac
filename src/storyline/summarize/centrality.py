"""How central a sentence is to the story: its mean similarity to what the other reports say.

A sentence is represented by the IDF-weighted, length-normalised vector of its content stems. Its
centrality is the mean cosine similarity to the sentences of every other duplicate group; since a
mean of dot products is the dot product with the mean vector, this costs one pass over the
sentences, not one comparison per pair, and grows linearly with the size of the story.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_array

from storyline.summarize.candidates import Candidate, Concept


def embed_candidates(candidates: Sequence[Candidate]) -> csr_array:
    """One row per candidate: the IDF-weighted unit vector of its content stems, with IDF taken
    over the whole sentences."""
    whole = [i for i, cand in enumerate(candidates) if not cand.compressed]
    document_frequency: Counter[Concept] = Counter()
    for i in whole:
        document_frequency.update(candidates[i].unigrams)
    vocabulary = {stem: k for k, stem in enumerate(sorted(document_frequency))}
    idf = {stem: math.log(len(whole) / df) + 1.0 for stem, df in document_frequency.items()}
    return _unit_vectors(candidates, vocabulary=vocabulary, idf=idf)


def score_centrality(candidates: Sequence[Candidate], vectors: csr_array) -> np.ndarray:
    """Mean cosine similarity of each candidate to the whole sentences of the other groups."""
    if not candidates:
        return np.zeros(0)
    whole = [i for i, cand in enumerate(candidates) if not cand.compressed]

    groups = sorted({cand.group for cand in candidates})
    group_row = {group: k for k, group in enumerate(groups)}
    membership = csr_array(
        (np.ones(len(whole)), ([group_row[candidates[i].group] for i in whole], whole)),
        shape=(len(groups), len(candidates)),
    )
    group_sums = membership @ vectors  # one summed vector per group
    group_sizes = np.asarray(membership.sum(axis=1)).ravel()
    total = np.asarray(group_sums.sum(axis=0)).ravel()
    own_rows = np.array([group_row[cand.group] for cand in candidates])
    own = np.asarray(vectors.multiply(group_sums[own_rows]).sum(axis=1)).ravel()
    others = len(whole) - group_sizes[own_rows]
    elsewhere = vectors @ total - own
    scores: np.ndarray = np.divide(
        elsewhere, others, out=np.zeros(len(candidates)), where=others > 0
    )
    return scores


def _unit_vectors(
    candidates: Sequence[Candidate], *, vocabulary: dict[Concept, int], idf: dict[Concept, float]
) -> csr_array:
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for row, cand in enumerate(candidates):
        known = [stem for stem in cand.unigrams if stem in vocabulary]
        norm = math.sqrt(sum(idf[stem] ** 2 for stem in known)) or 1.0
        for stem in known:
            rows.append(row)
            cols.append(vocabulary[stem])
            vals.append(idf[stem] / norm)
    return csr_array((vals, (rows, cols)), shape=(len(candidates), max(len(vocabulary), 1)))


def similar_pairs(
    vectors: csr_array, among: Sequence[int], *, min_similarity: float
) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of ``among`` whose cosine similarity is at least ``min_similarity``."""
    rows = list(among)
    if len(rows) < 2:
        return []
    similarity = (vectors[rows] @ vectors[rows].T).toarray()
    firsts, seconds = np.nonzero(np.triu(similarity >= min_similarity, k=1))
    return [(rows[a], rows[b]) for a, b in zip(firsts.tolist(), seconds.tolist(), strict=True)]
