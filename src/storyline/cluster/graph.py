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
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from storyline.cluster.settings import ClusterSettings


def neighbour_profiles(
    vectors: sparse.csr_matrix, days: Sequence[int | None], *, settings: ClusterSettings
) -> sparse.csr_matrix:
    """Each article's profile, a row of the result: itself (weight 1) and its
    ``settings.neighbours`` most similar articles, fewer where few are within its window
    (``cap_neighbours``), weighed by their cosine when positive and within the window (ties to
    the lower rank), scaled to unit length.

    ``vectors`` (unit rows, ``vectors.weigh_batch``) and ``days`` are in canonical order: an
    article's rank is its position, and its profile's columns are ranks. The cosines are exact:
    a sparse product of the vectors with all of them, a block of rows at a time (at most
    ``_BLOCK_CELLS`` similarities in memory at once), and each block's neighbours are chosen at
    once, without a loop over its rows.
    """
    size = vectors.shape[0]
    if size == 0:
        return sparse.csr_matrix((0, 0))
    columns = vectors.T.tocsr()
    near, dated = _near_columns(days, settings.window_days)
    block = max(1, _BLOCK_CELLS // size)
    undated = size - dated
    # How many neighbours each article has: fewer where few articles are within its window.
    wanted = np.array(
        [
            min(cap_neighbours(last - first + undated, neighbours=settings.neighbours), size - 1)
            for first, last in near
        ]
    )
    parts = []
    for start in range(0, size, block):
        stop = min(size, start + block)
        similarity = (vectors[start:stop] @ columns).toarray()
        rows = np.arange(stop - start)
        similarity[rows, np.arange(start, stop)] = 0.0  # not its own neighbour
        for row, (first, last) in enumerate(near[start:stop]):
            if first > 0 or last < dated:  # too early, too late (undated ones are near all)
                similarity[row, :first] = 0.0
                similarity[row, last:dated] = 0.0
        chosen = np.zeros(similarity.shape, dtype=bool)
        for count in np.unique(wanted[start:stop]).tolist():
            alike = np.flatnonzero(wanted[start:stop] == count)
            chosen[alike] = _nearest(similarity[alike], count)
        chosen[rows, np.arange(start, stop)] = True
        similarity[rows, np.arange(start, stop)] = 1.0  # an article weighs 1 in its profile
        picked = sparse.csr_matrix(np.where(chosen, similarity, 0.0))
        norms = np.sqrt(np.asarray(picked.multiply(picked).sum(axis=1)).ravel())
        parts.append(sparse.csr_matrix(sparse.diags(1.0 / norms) @ picked))
    profiles: sparse.csr_matrix = sparse.vstack(parts, format="csr")
    return profiles


def cap_neighbours(near: int, *, neighbours: int) -> int:
    """How many neighbours an article has when ``near`` articles of its batch (itself included)
    are within its time window: ``neighbours``, at most the square root of ``near`` plus one.
    Where few are near, a fixed number is most of them: in ten reports of two events, each
    report's nine others were all its neighbours, every two profiles were alike, and two ferry
    accidents in one week became one story. In five sets a reviewer wrote of two or three
    events of one topic in one week (10-15 reports each), ``digest`` joined the events of every
    set, and now keeps them apart in four (B-cubed F1 0.576-0.787 -> 1.0; the fifth, the Fed's
    and the ECB's rate rises a day apart, 0.576). DUC 2004 batches
    (``benchmarks/bench_small_batches.py``, 120 draws): 5 articles of each of 2 clusters 0.972
    -> 0.984, 5 of 4 0.955 -> 0.974, 3 of 5 0.939 -> 0.957, 2 of 10 0.901 -> 0.908; undated
    batches of 81 articles or more are unchanged (the 500 DUC articles: 0.881). Counted within
    each article's window, not over the batch: the reviewer's 82 dated reports of 16 events over
    eight years, 0.879 -> 0.930 (the confusable events of one week are within each other's
    windows, and few others are)."""
    return min(neighbours, math.isqrt(near) + 1)


# The most cosines held at once while finding neighbours (8 bytes each: 32 MB).
_BLOCK_CELLS = 1 << 22


def _near_columns(
    days: Sequence[int | None], window_days: int
) -> tuple[list[tuple[int, int]], int]:
    """For each article (ranked by day, undated last), the ranks of the dated articles within
    ``window_days`` of it, as a range ``[first, last)``, and the number of dated articles. An
    undated article's range is all the dated ones; every article is near the undated ones."""
    dated = np.array([day for day in days if day is not None], dtype=np.int64)
    if np.any(dated[1:] < dated[:-1]) or None in days[: len(dated)]:
        raise ValueError("articles must be ranked by day, undated last")
    firsts = np.searchsorted(dated, dated - window_days, side="left").tolist()
    lasts = np.searchsorted(dated, dated + window_days, side="right").tolist()
    everything = (0, len(dated))
    ranges = [*zip(firsts, lasts, strict=True), *[everything] * (len(days) - len(dated))]
    return ranges, len(dated)


def _nearest(similarity: np.ndarray, wanted: int) -> np.ndarray:
    """Per row of cosines, the ``wanted`` highest that are positive (where the cut falls inside
    a tie, the lowest columns of the tie), as a mask."""
    if wanted <= 0:
        return np.zeros(similarity.shape, dtype=bool)
    size = similarity.shape[1]
    cut = np.partition(similarity, size - wanted, axis=1)[:, size - wanted, None]
    chosen = similarity > cut
    tied = similarity == cut
    room = wanted - chosen.sum(axis=1)
    # Where more are tied at the cut than there is room for, the lowest columns of the tie.
    crowded = np.flatnonzero(tied.sum(axis=1) > room)
    tied[crowded] &= np.cumsum(tied[crowded], axis=1) <= room[crowded, None]
    chosen |= tied
    chosen &= similarity > 0.0
    return chosen


def shared_neighbour_links(
    profiles: sparse.csr_matrix,
    vectors: sparse.csr_matrix | None = None,
    *,
    min_direct: float = 0.0,
    min_support: float = 0.0,
    min_weak_direct: float | None = None,
) -> dict[tuple[int, int], float]:
    """Second-order similarity (the cosine of profiles) of each pair of articles whose profiles
    share an article, keyed by the pair of ranks, lower first.

    With ``vectors`` (the rows the profiles were made from), a pair that shares no third article
    (each is in the other's profile, and nothing else joins them) is linked only when its own
    cosine reaches ``min_direct``. Two such profiles are alike whatever their cosine, since each
    holds little but the other: in a batch of two unrelated reports that share a town's name
    (cosine 0.12) their second-order similarity was 0.23, and they became one story. On the 500
    DUC 2004 articles nothing changes (B-cubed F1 0.881); two reports of different clusters are
    now kept apart in all of 30 random pairs (29 before).

    A third article joins two only when each one's own cosine with it reaches ``min_support``:
    a few unrelated reports that share common words ("thousands", "celebrated", "government",
    cosines 0.08-0.11) are each other's only neighbours, so their profiles are alike and they
    became one story. A pair joined only through such weak thirds is linked when its own cosine
    reaches ``min_weak_direct`` (by default ``min_direct``): two reports of one event, alone in
    a small batch with reports of other events, are often near each other (0.12-0.17) and near
    nothing else. In batches of one DUC 2004 article from each of 10 (20) clusters, 120 draws,
    B-cubed precision went from 0.793 (0.688) to 0.898 (0.813) at 0.08 and 0.12, and F1 in
    batches of two articles from each of 10 clusters from 0.894 to 0.901 (0.868 with 0.17 for
    weakly joined pairs too); the 500 articles cluster as before
    (``benchmarks/bench_small_batches.py``).
    """
    if profiles.shape[0] == 0:
        return {}
    pairs = sparse.triu(profiles @ profiles.T, k=1).tocsr()
    if vectors is not None:
        others = (profiles - sparse.diags(profiles.diagonal())).tocsr()
        others.eliminate_zeros()
        near = others
        if min_support > 0.0:
            # A profile's weight of another article over its weight of its own article is
            # their cosine.
            own = np.repeat(profiles.diagonal(), np.diff(others.indptr))
            near = others.copy()
            near.data[near.data < min_support * own] = 0.0
            near.eliminate_zeros()
        through = _sharing_a_third(near)
        lone = (pairs - pairs.multiply(through)).tocoo()  # linked through no (near) third article
        lone_cosines = np.asarray(vectors[lone.row].multiply(vectors[lone.col]).sum(axis=1)).ravel()
        needed = np.full(len(lone_cosines), min_direct)
        if min_support > 0.0 and min_weak_direct is not None and len(lone_cosines):
            # Joined through thirds, all of them too far from one of the two.
            through_any = _sharing_a_third(others)
            joined_weakly = np.asarray(through_any[lone.row, lone.col]).ravel() > 0
            needed[joined_weakly] = min_weak_direct
        weak = lone_cosines < needed
        if weak.any():
            drop = sparse.csr_matrix(
                (lone.data[weak], (lone.row[weak], lone.col[weak])), shape=pairs.shape
            )
            pairs = (pairs - drop).tocsr()
            pairs.eliminate_zeros()
    pairs = pairs.tocoo()
    keys = zip(pairs.row.tolist(), pairs.col.tolist(), strict=True)
    return dict(zip(keys, pairs.data.tolist(), strict=True))


def _sharing_a_third(others: sparse.csr_matrix) -> sparse.csr_matrix:
    """The pairs (upper triangle, value 1) whose rows of ``others`` share a column."""
    through = sparse.triu(others @ others.T, k=1).tocsr()
    through.data[:] = 1.0
    return through


@dataclass(frozen=True, slots=True)
class DateGate:
    """What two stories need to join besides their links, by their articles' days (``days``,
    by rank): a story of undated articles and a story with a dated one, that the mean cosine of
    their articles' ``vectors`` (rows by rank) reaches ``min_cosine``; two stories with dated
    articles, that these come within ``window_days`` of each other (when given).

    Undated articles are within every article's time window, so average link on shared
    neighbours alone joined them to dated stories of other years on the same broad topic: mixed
    with the 1,866 dated Timeline17 pages (2009-2011), 82 of the 500 undated DUC 2004 reports
    (1998) shared a story with them (Libyan news of 2010 with Kofi Annan's 1998 visit to Libya,
    rigs moved to Brazil with Brazil's IMF loan). Those pages' mean cosine with the DUC story
    they joined was 0.05-0.22, against 0.23-0.48 within it; a report of the same event has the
    words and names of its story. With the gate at the online clusterer's ``threshold`` (0.17),
    9 did (``benchmarks/bench_undated.py``), and Timeline17 pages with their date removed (one in
    seven) went more with the stories they form when dated (item B-cubed F1 0.744 -> 0.777
    alone, 0.706 -> 0.752 mixed with DUC). Batches all dated or all undated are not affected.

    An undated article is also in the neighbours of dated articles of any time, so two dated
    stories weeks or years apart were joined through it: a cup's semi-final and its final six
    weeks later, by an undated report naming both; an ASEAN summit of 2015 and that of 2019
    (helper-46). Hence the window between dated stories (the same item F1: 0.790 alone, 0.775
    mixed with DUC).

    Ranks are in canonical order (by day, undated last), so a story's lowest rank, which
    ``average_link_labels`` keeps first among its members, is dated when any of its articles is.
    """

    vectors: sparse.csr_matrix
    days: Sequence[int | None]
    min_cosine: float
    window_days: int | None = None

    def allows(self, first: list[int], second: list[int]) -> bool:
        """Whether stories of these ranks may join, each led by its lowest rank: its earliest
        article, which is dated when any of them is (undated articles rank last)."""
        first_day, second_day = self.days[first[0]], self.days[second[0]]
        if first_day is not None and second_day is not None:
            return self.window_days is None or self._near(first, second)
        if first_day is None and second_day is None:
            return True
        return self._cosine_sum(first, second) >= self.min_cosine * len(first) * len(second)

    def _cosine_sum(self, first: list[int], second: list[int]) -> float:
        """The sum of the cosines of every pair of articles across two stories: for small
        stories a sparse product of their rows (a dense sum of either spans the vocabulary:
        7 ms a check), for large ones one story's summed row against the other's rows (the
        product holds every pair: 3,000 x 3,000 took 0.7 s and 150 MB)."""
        vectors = self.vectors
        if len(first) * len(second) <= _PAIRWISE_CELLS:
            return float((vectors[first] @ vectors[second].T).sum())
        small, large = sorted((first, second), key=len)
        return float((vectors[large] @ np.asarray(vectors[small].sum(axis=0)).ravel()).sum())

    def _near(self, first: list[int], second: list[int]) -> bool:
        """Whether the dated articles of two stories come within ``window_days`` of each other."""
        assert self.window_days is not None
        (start, end), (other_start, other_end) = self._span(first), self._span(second)
        return other_start - end <= self.window_days and start - other_end <= self.window_days

    def _span(self, story: list[int]) -> tuple[int, int]:
        """The first and last day of a story's dated articles (it has one: its first rank)."""
        last = max(story)
        if self.days[last] is None:  # undated members rank after every dated one
            last = max(rank for rank in story if self.days[rank] is not None)
        first_day, last_day = self.days[story[0]], self.days[last]
        assert first_day is not None and last_day is not None
        return first_day, last_day


# Up to this many pairs, DateGate sums two stories' cosines pair by pair.
_PAIRWISE_CELLS = 10_000


def average_link_labels(
    size: int,
    links: dict[tuple[int, int], float],
    threshold: float,
    *,
    gate: DateGate | None = None,
) -> list[int]:
    """Stories of ``size`` articles joined by average link: repeatedly join the two stories whose
    mean pairwise similarity (pairs without a link count 0) is highest, while it reaches
    ``threshold``, and ``gate`` allows it (a pair it refuses is looked at again when one of the
    two grows). Returns each article's label: the lowest rank in its story."""
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
        if gate is not None and not gate.allows(members[first], members[second]):
            continue
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
