"""Shared-neighbour profiles: who an article's neighbours are (ties, the time window, undated
articles), and the links between profiles."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from storyline.cluster import ClusterSettings
from storyline.cluster.graph import (
    DateGate,
    average_link_labels,
    cap_neighbours,
    neighbour_profiles,
    shared_neighbour_links,
)


def unit_rows(rows: list[list[float]]) -> sparse.csr_matrix:
    matrix = np.array(rows, dtype=float)
    return sparse.csr_matrix(matrix / np.linalg.norm(matrix, axis=1, keepdims=True))


def neighbours_of(profiles: sparse.csr_matrix, rank: int) -> list[int]:
    row = profiles.getrow(rank)
    return sorted(int(column) for column in row.indices if column != rank)


def test_a_tie_at_the_cut_goes_to_the_lowest_ranks() -> None:
    # Article 0 is equally like 1, 2 and 3 and room is left for two of them.
    vectors = unit_rows([[1, 1, 0], [1, 0, 0], [1, 0, 0], [1, 0, 0], [0, 0, 1]])
    settings = ClusterSettings(neighbours=2)
    profiles = neighbour_profiles(vectors, [1, 1, 1, 1, 1], settings=settings)
    assert neighbours_of(profiles, 0) == [1, 2]
    assert neighbours_of(profiles, 3) == [1, 2]  # 1 and 2 are identical to it, 0 less so
    assert neighbours_of(profiles, 4) == []  # nothing in common: no neighbour at all


def test_only_articles_within_the_window_or_undated_are_neighbours() -> None:
    vectors = unit_rows([[1, 0], [1, 0.1], [1, 0.2], [1, 0.3], [1, 0.4]])
    days: list[int | None] = [10, 12, 30, 31, None]
    profiles = neighbour_profiles(vectors, days, settings=ClusterSettings(window_days=3))
    assert neighbours_of(profiles, 0) == [1, 4]
    assert neighbours_of(profiles, 2) == [3, 4]
    # An undated article is near all: its nearest, whatever their days (three in a batch of
    # five, ``cap_neighbours``).
    assert neighbours_of(profiles, 4) == [1, 2, 3]


def test_a_small_batch_gives_each_article_fewer_neighbours() -> None:
    assert [cap_neighbours(size, neighbours=10) for size in (2, 5, 10, 15, 16, 80, 81, 500)] == [
        2,
        3,
        4,
        4,
        5,
        9,
        10,
        10,
    ]
    assert cap_neighbours(500, neighbours=4) == 4


def test_profiles_are_unit_rows_led_by_the_article_itself() -> None:
    vectors = unit_rows([[1, 0.5, 0], [1, 0.4, 0.1], [0.2, 1, 0], [0, 0.1, 1]])
    profiles = neighbour_profiles(vectors, [1, 1, 2, 2], settings=ClusterSettings())
    dense = profiles.toarray()
    assert np.allclose(np.linalg.norm(dense, axis=1), 1.0)
    assert all(dense[rank, rank] == dense[rank].max() for rank in range(4))
    links = shared_neighbour_links(profiles)
    assert all(first < second for first, second in links)
    assert links[(0, 1)] == pytest.approx(float(dense[0] @ dense[1]))


def test_articles_must_come_ranked_by_day() -> None:
    vectors = unit_rows([[1, 0], [1, 0.1]])
    for days in ([5, 2], [None, 2]):
        with pytest.raises(ValueError, match="ranked by day"):
            neighbour_profiles(vectors, days, settings=ClusterSettings())


def test_no_articles_no_profiles() -> None:
    profiles = neighbour_profiles(sparse.csr_matrix((0, 1)), [], settings=ClusterSettings())
    assert profiles.shape[0] == 0
    assert shared_neighbour_links(profiles) == {}


def test_a_pair_joined_by_no_third_article_needs_a_cosine_of_its_own() -> None:
    # 0 and 1 are each other's only neighbour, at cosine 0.1; 2, 3 and 4 are alike.
    vectors = unit_rows(
        [[1, 0, 0, 0.34], [0, 1, 0, 0.34], [0, 0, 1, 0], [0, 0, 1, 0.2], [0, 0, 1, 0.3]]
    )
    cosine = float((vectors[0] @ vectors[1].T).toarray()[0, 0])
    assert 0.09 < cosine < 0.11
    profiles = neighbour_profiles(vectors, [1] * 5, settings=ClusterSettings(neighbours=1))
    assert neighbours_of(profiles, 0) == [1] and neighbours_of(profiles, 1) == [0]
    every = shared_neighbour_links(profiles)
    assert every[(0, 1)] > 0.15  # alike profiles: each holds little but the other
    kept = shared_neighbour_links(profiles, vectors, min_direct=0.17)
    assert (0, 1) not in kept
    assert kept == {pair: value for pair, value in every.items() if pair != (0, 1)}
    assert shared_neighbour_links(profiles, vectors, min_direct=0.05) == every


def test_a_third_article_joins_two_only_when_both_are_near_enough_to_it() -> None:
    # 0, 1 and 2 share a weak common word (cosines near 0.06); 3 and 4 are alike, and near 0.
    vectors = unit_rows(
        [
            [1, 0, 0, 0.25, 0],
            [0, 1, 0, 0.25, 0],
            [0, 0, 1, 0.25, 0],
            [0.6, 0, 0, 0, 1],
            [0.5, 0, 0, 0, 1],
        ]
    )
    cosines = (vectors @ vectors.T).toarray()
    assert 0.05 < cosines[0, 1] < 0.08 and cosines[3, 4] > 0.9 and cosines[0, 3] > 0.45
    profiles = neighbour_profiles(vectors, [1] * 5, settings=ClusterSettings(neighbours=2))
    assert neighbours_of(profiles, 1) == [0, 2]
    loose = shared_neighbour_links(profiles, vectors, min_direct=0.17)
    assert loose[(1, 2)] > 0.1  # through 0, weakly near both
    strict = shared_neighbour_links(profiles, vectors, min_direct=0.17, min_support=0.08)
    assert (1, 2) not in strict
    assert strict[(3, 4)] == loose[(3, 4)]  # 3 and 4 are near each other: unchanged
    # Joined only through a weak third, a pair needs its own cosine (0.06 here) to reach
    # ``min_weak_direct`` rather than ``min_direct``.
    for needed, linked in ((0.05, True), (0.12, False)):
        links = shared_neighbour_links(
            profiles, vectors, min_direct=0.17, min_support=0.08, min_weak_direct=needed
        )
        assert ((1, 2) in links) is linked


def test_neighbours_are_counted_among_the_articles_within_the_window() -> None:
    # Twenty articles, ten a day apart and ten a year later: each has ten within its window,
    # so four neighbours (five for a batch of twenty).
    rng = np.random.default_rng(0)
    vectors = unit_rows(rng.random((20, 6)).tolist())
    days: list[int | None] = [day for day in range(10)] + [365 + day for day in range(10)]
    profiles = neighbour_profiles(vectors, days, settings=ClusterSettings(window_days=10))
    assert all(len(neighbours_of(profiles, rank)) == 4 for rank in range(20))
    undated = neighbour_profiles(vectors, [None] * 20, settings=ClusterSettings())
    assert all(len(neighbours_of(undated, rank)) == 5 for rank in range(20))


def test_a_story_of_undated_articles_joins_a_dated_one_only_when_alike_enough() -> None:
    # Ranks 0 and 1 are dated, 2 and 3 undated; every pair is linked strongly.
    links = {(0, 1): 0.9, (0, 2): 0.5, (1, 2): 0.5, (2, 3): 0.9, (0, 3): 0.5, (1, 3): 0.5}
    unlike = unit_rows([[1, 0.1], [1, 0], [0.1, 1], [0, 1]])  # cosines 0-0.2 across
    alike = unit_rows([[1, 0.1], [1, 0], [1, 0.2], [1, 0.3]])
    days = [5, 5, None, None]
    assert average_link_labels(4, links, 0.15) == [0, 0, 0, 0]
    gate = DateGate(unlike, days, min_cosine=0.17)
    assert average_link_labels(4, links, 0.15, gate=gate) == [0, 0, 2, 2]
    assert average_link_labels(4, links, 0.15, gate=DateGate(alike, days, 0.17)) == [0, 0, 0, 0]
    # Stories all dated, or all undated, are not gated by their words.
    assert average_link_labels(4, links, 0.15, gate=DateGate(unlike, [5] * 4, 0.17)) == [0] * 4
    assert average_link_labels(4, links, 0.15, gate=DateGate(unlike, [None] * 4, 0.17)) == [0] * 4


def test_dated_stories_join_only_within_the_window_even_through_undated_articles() -> None:
    # Ranks 0-1 are of day 10, 2-3 of day 60; 4 is undated and like all of them, so every
    # article's profile holds it, and the two dated stories were joined through it.
    links = {(0, 1): 0.9, (2, 3): 0.9, (0, 4): 0.6, (1, 4): 0.6, (2, 4): 0.6, (3, 4): 0.6}
    links |= {(0, 2): 0.3, (0, 3): 0.3, (1, 2): 0.3, (1, 3): 0.3}
    alike = unit_rows([[1, 0]] * 5)
    days = [10, 10, 60, 60, None]
    assert average_link_labels(5, links, 0.15, gate=DateGate(alike, days, 0.17)) == [0] * 5
    apart = DateGate(alike, days, 0.17, window_days=7)
    assert average_link_labels(5, links, 0.15, gate=apart) == [0, 0, 2, 2, 0]
    near = DateGate(alike, [10, 10, 17, 17, None], 0.17, window_days=7)
    assert average_link_labels(5, links, 0.15, gate=near) == [0] * 5
