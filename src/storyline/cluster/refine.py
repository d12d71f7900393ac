"""Second thoughts of a batch run: move articles to the stories that suit them best at the end,
and merge stories whose centroids are very similar, so the order of arrival matters little.

Articles are visited in the order the caller gives (a batch run gives a canonical one, blind to
input order), and each move updates the two centroids at once, so two similar lone articles end
up together instead of trading places. An article that fits no story any more (not even its own,
without it) is put on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.cluster.settings import ClusterSettings
from storyline.cluster.stories import Centroid, TermIndex
from storyline.cluster.vectors import Vector, dot, top_terms
from storyline.disjoint_sets import DisjointSets


def refine_labels(
    vectors: Sequence[Vector],
    days: Sequence[int | None],
    labels: Sequence[int],
    *,
    order: Sequence[int],
    settings: ClusterSettings,
) -> list[int]:
    """Better story labels for articles given their unit vectors, days and first labels.

    ``order`` is the canonical order in which articles are reconsidered. Returns labels numbered
    from 0 in order of each story's first article.
    """
    current = list(labels)
    for _ in range(settings.refine_passes):
        moved = _reassign(vectors, days, current, order=order, settings=settings)
        merged = _merge(vectors, days, current, settings=settings)
        if not moved and not merged:
            break
    return _renumbered(current)


def _centroids(
    vectors: Sequence[Vector], days: Sequence[int | None], labels: Sequence[int]
) -> dict[int, Centroid]:
    centroids: dict[int, Centroid] = {}
    for vector, day, label in zip(vectors, days, labels, strict=True):
        centroids.setdefault(label, Centroid()).add(vector, day)
    return centroids


def _reassign(
    vectors: Sequence[Vector],
    days: Sequence[int | None],
    labels: list[int],
    *,
    order: Sequence[int],
    settings: ClusterSettings,
) -> int:
    """Move each article, in turn, to the story most similar to it without it; return the moves."""
    centroids = _centroids(vectors, days, labels)
    index = TermIndex(window_days=settings.window_days)
    for vector, day, label in zip(vectors, days, labels, strict=True):
        index.add(label, list(vector)[: settings.index_terms], day)
    next_label = max(labels, default=-1) + 1
    moves = 0
    for i in order:
        vector, day, label = vectors[i], days[i], labels[i]
        own = centroids[label]
        best_label, best_similarity = label, own.similarity_without(vector)
        if len(centroids) <= settings.max_candidates:
            candidates: Iterable[int] = list(centroids)
        else:
            candidates = index.candidates(vector.items(), day, limit=settings.max_candidates)
        for key in candidates:
            centroid = centroids.get(key)
            if key == label or centroid is None or centroid.size == 0:
                continue
            if not centroid.is_near(day, window_days=settings.window_days):
                continue
            similarity = centroid.similarity(vector)
            if similarity > best_similarity:
                best_label, best_similarity = key, similarity
        if best_similarity < settings.threshold:
            if own.size == 1:
                continue  # alone, and fits no story
            best_label = next_label  # fits no story, not even its own: on its own
            next_label += 1
        if best_label == label:
            continue
        own.remove(vector)
        target = centroids.setdefault(best_label, Centroid())
        target.add(vector, day)
        index.add(best_label, list(vector)[: settings.index_terms], day)
        labels[i] = best_label
        moves += 1
    return moves


def _merge(
    vectors: Sequence[Vector],
    days: Sequence[int | None],
    labels: list[int],
    *,
    settings: ClusterSettings,
) -> int:
    """Merge stories whose centroids are at least ``merge_threshold`` similar (and no less than
    ``threshold``); return the number of merges."""
    minimum = max(settings.merge_threshold, settings.threshold)
    centroids = _centroids(vectors, days, labels)
    keys = sorted(centroids)
    index = TermIndex(window_days=0)
    units: dict[int, Vector] = {}
    for key in keys:
        centroid = centroids[key]
        scale = centroid.norm_sq**0.5 or 1.0
        units[key] = {term: weight / scale for term, weight in centroid.total.items()}
        index.add(key, top_terms(units[key], settings.index_terms), None)
    sets = DisjointSets(keys)
    merges = 0
    for key in keys:
        unit = units[key]
        if len(keys) <= settings.max_candidates:
            candidates: Iterable[int] = keys
        else:
            candidates = index.candidates(unit.items(), None, limit=settings.max_candidates)
        for other in candidates:
            if other <= key or sets.find(other) == sets.find(key):
                continue
            if not centroids[key].overlaps(centroids[other], window_days=settings.window_days):
                continue
            small, large = sorted((unit, units[other]), key=len)
            if dot(small, large) >= minimum:
                sets.union(key, other)
                merges += 1
    for i, label in enumerate(labels):
        labels[i] = sets.find(label)
    return merges


def _renumbered(labels: Sequence[int]) -> list[int]:
    numbers: dict[int, int] = {}
    return [numbers.setdefault(label, len(numbers)) for label in labels]
