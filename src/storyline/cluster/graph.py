"""Batch story clustering on shared neighbours: two reports of one event need not share many
words, but they share the articles most similar to them.

Each article finds its ``neighbours`` most similar articles among the candidates an inverted
index gives (flat cost per article: at most ``neighbour_candidates`` are compared, within the time
window). Its profile is its unit vector over itself and those neighbours, weighed by cosine; the
cosine of two profiles (second-order similarity) is high when two articles have the same
neighbours. Stories are then joined by average link on that similarity, over the pairs that share
a neighbour only (never all pairs), until no two stories are ``link_threshold`` similar.

Articles are identified by their rank in a canonical order, and every tie is broken by rank, so
the result does not depend on the input order.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

from storyline.cluster.settings import ClusterSettings
from storyline.cluster.stories import TermIndex
from storyline.cluster.vectors import Vector, dot

Profile = dict[int, float]
"""An article's neighbours (by rank, itself included) and their weights, unit length."""


def neighbour_profiles(
    vectors: Sequence[Vector], days: Sequence[int | None], *, settings: ClusterSettings
) -> list[Profile]:
    """Each article's profile: itself (weight 1) and its most similar candidates (weight their
    cosine, when positive and the days are within the window), scaled to unit length.

    ``vectors`` and ``days`` are in canonical order: an article's rank is its position.
    """
    window = settings.window_days
    index = TermIndex(window_days=window)
    for rank, (vector, day) in enumerate(zip(vectors, days, strict=True)):
        index.add(rank, list(vector)[: settings.index_terms], day)
    profiles = []
    for rank, (vector, day) in enumerate(zip(vectors, days, strict=True)):
        limit = settings.neighbour_candidates + 1  # the article finds itself too
        scored = []
        for other in index.candidates(vector.items(), day, limit=limit):
            other_day = days[other]
            if other == rank or (
                day is not None and other_day is not None and abs(day - other_day) > window
            ):
                continue
            small, large = sorted((vector, vectors[other]), key=len)
            similarity = dot(small, large)
            if similarity > 0.0:
                scored.append((-similarity, other))
        profile: Profile = {rank: 1.0}
        for negative, other in heapq.nsmallest(settings.neighbours, scored):
            profile[other] = -negative
        norm = math.sqrt(sum(weight * weight for weight in profile.values()))
        profiles.append({other: weight / norm for other, weight in profile.items()})
    return profiles


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
    totals: dict[int, dict[int, float]] = {rank: {} for rank in range(size)}
    for (first, second), similarity in sorted(links.items()):
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
        for other, total in sorted(totals[first].items()):
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
