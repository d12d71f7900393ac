"""Batch story clustering on shared neighbours: two reports of one event need not share many
words, but they share the articles most similar to them.

Each article finds its ``neighbours`` most similar articles within the time window (exact
cosines: a sparse matrix product, a block of rows at a time). Its profile is its unit vector over
itself and those neighbours, weighed by cosine; the cosine of two profiles (second-order
similarity) is high when two articles have the same neighbours. Stories are then joined by
average link on that similarity, over the pairs that share a neighbour only (never all pairs),
until no two stories are ``link_threshold`` similar.

Articles are identified by their rank in a canonical order, and every tie is broken by rank, so
the result does not depend on the input order.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from itertools import accumulate, chain

import numpy as np
from scipy import sparse

from storyline.cluster.settings import ClusterSettings
from storyline.cluster.vectors import Vector

Profile = dict[int, float]
"""An article's neighbours (by rank, itself included) and their weights, unit length."""


def neighbour_profiles(
    vectors: Sequence[Vector], days: Sequence[int | None], *, settings: ClusterSettings
) -> list[Profile]:
    """Each article's profile: itself (weight 1) and its ``settings.neighbours`` most similar
    articles (weight their cosine, when positive and the days are within the window; ties to the
    lower rank), scaled to unit length.

    ``vectors`` and ``days`` are in canonical order: an article's rank is its position. The
    cosines are exact: a sparse product of the vectors with all of them, a block of rows at a
    time (at most ``_BLOCK_CELLS`` similarities in memory at once).
    """
    size = len(vectors)
    if size == 0:
        return []
    matrix = _sparse_rows(vectors)
    columns = matrix.T.tocsr()
    day = np.array([np.nan if d is None else float(d) for d in days])
    block = max(1, _BLOCK_CELLS // size)
    wanted = min(settings.neighbours, size - 1)
    profiles: list[Profile] = []
    for start in range(0, size, block):
        stop = min(size, start + block)
        similarity = (matrix[start:stop] @ columns).toarray()
        rows = np.arange(stop - start)
        similarity[rows, np.arange(start, stop)] = 0.0  # not its own neighbour
        far = np.abs(day[start:stop, None] - day[None, :]) > settings.window_days
        similarity[far] = 0.0  # NaN (undated) compares False: undated articles are near all
        for row in rows:
            profiles.append(_profile(start + int(row), similarity[row], wanted))
    return profiles


# The most cosines held at once while finding neighbours (8 bytes each: 32 MB).
_BLOCK_CELLS = 1 << 22


def _sparse_rows(vectors: Sequence[Vector]) -> sparse.csr_matrix:
    """The vectors as the rows of a sparse matrix (terms numbered as first met)."""
    terms = list(chain.from_iterable(vectors))
    number = {term: i for i, term in enumerate(dict.fromkeys(terms))}
    columns = np.fromiter(map(number.__getitem__, terms), dtype=np.int64, count=len(terms))
    values = np.fromiter(
        chain.from_iterable(vector.values() for vector in vectors),
        dtype=np.float64,
        count=len(terms),
    )
    pointers = np.fromiter(accumulate(map(len, vectors), initial=0), dtype=np.int64)
    return sparse.csr_matrix((values, columns, pointers), shape=(len(vectors), max(1, len(number))))


def _profile(rank: int, similarity: np.ndarray, wanted: int) -> Profile:
    """An article's unit profile from its cosines with every article (its own set to 0)."""
    profile: Profile = {rank: 1.0}
    if wanted > 0:
        if wanted < len(similarity):
            candidates = np.argpartition(-similarity, wanted - 1)[:wanted]
            # The cut may fall inside a tie: take every article as similar as the last one.
            cut = similarity[candidates].min()
            candidates = np.flatnonzero(similarity >= cut)
        else:
            candidates = np.arange(len(similarity))
        ranked = sorted(
            (-float(similarity[other]), int(other))
            for other in candidates
            if similarity[other] > 0.0
        )
        for negative, other in ranked[:wanted]:
            profile[other] = -negative
    norm = math.sqrt(sum(weight * weight for weight in profile.values()))
    return {other: weight / norm for other, weight in profile.items()}


def shared_neighbour_links(profiles: Sequence[Profile]) -> dict[tuple[int, int], float]:
    """Second-order similarity (the cosine of profiles) of each pair of articles whose profiles
    share an article, keyed by the pair of ranks, lower first."""
    holders: dict[int, list[tuple[int, float]]] = {}
    for rank, profile in enumerate(profiles):
        for other, weight in profile.items():
            holders.setdefault(other, []).append((rank, weight))
    links: dict[tuple[int, int], float] = {}
    for members in holders.values():
        for position, (first, first_weight) in enumerate(members):
            for second, second_weight in members[position + 1 :]:
                pair = (first, second)
                links[pair] = links.get(pair, 0.0) + first_weight * second_weight
    return links


def average_link_labels(
    size: int, links: dict[tuple[int, int], float], threshold: float
) -> list[int]:
    """Stories of ``size`` articles joined by average link: repeatedly join the two stories whose
    mean pairwise similarity (pairs without a link count 0) is highest, while it reaches
    ``threshold``. Returns each article's label: the lowest rank in its story."""
    # No order needs sorting: the heap's entries are totally ordered (mean, then ranks), so what
    # is joined when does not depend on the order links are met in.
    totals: dict[int, dict[int, float]] = {rank: {} for rank in range(size)}
    for (first, second), similarity in links.items():
        totals[first][second] = similarity
        totals[second][first] = similarity
    sizes = dict.fromkeys(range(size), 1)
    heap = [
        (-similarity, first, second)
        for (first, second), similarity in links.items()
        if similarity >= threshold
    ]
    heapq.heapify(heap)
    label = list(range(size))
    members: dict[int, list[int]] = {rank: [rank] for rank in range(size)}
    while heap:
        negative, first, second = heapq.heappop(heap)
        if first not in sizes or second not in sizes:
            continue  # one of them was joined to another story since
        mean = totals[first].get(second, 0.0) / (sizes[first] * sizes[second])
        if not math.isclose(mean, -negative):
            continue  # a stale entry: the pair was scored again when a story grew
        _join(first, second, totals, sizes, members, label)
        for other, total in totals[first].items():
            mean = total / (sizes[first] * sizes[other])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(first, other), max(first, other)))
    return label


def _join(
    first: int,
    second: int,
    totals: dict[int, dict[int, float]],
    sizes: dict[int, int],
    members: dict[int, list[int]],
    label: list[int],
) -> None:
    """Join story ``second`` into story ``first`` (the lower rank), summing their links."""
    for other, total in totals.pop(second).items():
        del totals[other][second]
        if other != first:
            totals[first][other] = totals[first].get(other, 0.0) + total
            totals[other][first] = totals[first][other]
    sizes[first] += sizes.pop(second)
    for rank in members[second]:
        label[rank] = first
    members[first].extend(members.pop(second))
