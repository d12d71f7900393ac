"""Sparse TF-IDF vectors of articles, with document frequencies counted as articles arrive.

IDF is computed incrementally: ``DocumentFrequencies`` counts, for each term, the articles seen
so far that contain it, and gives the smoothed ``idf = ln((1 + n) / (1 + df)) + 1``. Nothing is
bundled or downloaded: the collection being clustered is its own reference. Early in a stream
every term weighs about the same (plain term frequency over content words, which still works);
a batch run counts all its articles before clustering, and a store keeps the counts with the
stories.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from itertools import accumulate, chain, pairwise, repeat
from operator import mul

import numpy as np
from scipy import sparse

from storyline.cluster.features import ArticleFeatures

Vector = dict[str, float]
"""A sparse vector: term -> weight; absent terms weigh 0."""

BACKGROUND_DOCUMENTS = 100
"""Imagined articles about other things in every document frequency (``DocumentFrequencies``)."""


class DocumentFrequencies:
    """Per term, the number of articles observed that contain it.

    ``background_documents`` are imagined articles about other things, none containing the term:
    they keep IDF from telling apart, in a handful of reports of one event, the words all of them
    share (which should weigh most) from the incidental ones each has.

    The counts are a numpy array with a column per term seen (column 0 stands for every term not
    seen, and stays 0). An article is usually weighed right after it is observed: the columns of
    its terms found by ``observe`` serve ``weights`` too, so each term is looked up once.
    """

    def __init__(self, *, background_documents: int = BACKGROUND_DOCUMENTS) -> None:
        self.background_documents = background_documents
        self.n_documents = 0
        self._column_of: dict[str, int] = {}
        self._counts = np.zeros(1024, dtype=np.intp)
        # ln(1 + df) for every document frequency df possible so far (0 to n_documents), and
        # room for more (``_with_room``, as for the counts).
        self._log_df = np.zeros(1024)
        # The terms observed last (the tuple itself) and their columns.
        self._observed: tuple[tuple[str, ...], np.ndarray] = ((), np.zeros(0, dtype=np.intp))

    def observe(self, features: ArticleFeatures) -> None:
        """Count an article's terms (once each: an article's terms are distinct)."""
        self.n_documents += 1
        self._log_df = _with_room(self._log_df, self.n_documents)
        self._log_df[self.n_documents] = math.log1p(self.n_documents)
        terms = features.terms
        column_of = self._column_of
        try:  # usually every term has been seen before
            columns = np.fromiter(map(column_of.__getitem__, terms), np.intp, len(terms))
        except KeyError:
            for term in terms:
                column_of.setdefault(term, len(column_of) + 1)
            self._counts = _with_room(self._counts, len(column_of))
            columns = np.fromiter(map(column_of.__getitem__, terms), np.intp, len(terms))
        self._counts[columns] += 1
        self._observed = (terms, columns)

    def state(self) -> tuple[int, tuple[str, ...], np.ndarray]:
        """What the counts are: the number of articles observed, the terms seen (in the order
        first seen) and each one's count (a copy), so that ``from_state`` builds them again."""
        terms = tuple(self._column_of)
        return self.n_documents, terms, self._counts[1 : len(terms) + 1].copy()

    @classmethod
    def from_state(
        cls,
        n_documents: int,
        terms: Sequence[str],
        counts: np.ndarray,
        *,
        background_documents: int = BACKGROUND_DOCUMENTS,
    ) -> DocumentFrequencies:
        """The counts ``state`` described: the same weights as the counts it was taken from."""
        if len(terms) != len(counts) or n_documents < 0:
            raise ValueError(
                f"document frequencies need a count per term and a number of articles; got "
                f"{len(terms)} terms, {len(counts)} counts, {n_documents} articles"
            )
        frequencies = cls(background_documents=background_documents)
        frequencies.n_documents = n_documents
        frequencies._column_of = dict(zip(terms, range(1, len(terms) + 1), strict=True))
        if len(frequencies._column_of) != len(terms):
            raise ValueError("document frequencies name a term twice")
        frequencies._counts = _with_room(np.zeros(1, dtype=np.intp), len(terms))
        frequencies._counts[1 : len(terms) + 1] = counts
        frequencies._log_df = _with_room(np.zeros(1), n_documents)
        # Computed one by one, as ``observe`` does: the same logarithms to the last bit.
        frequencies._log_df[: n_documents + 1] = np.fromiter(
            map(math.log1p, range(n_documents + 1)), np.float64, n_documents + 1
        )
        return frequencies

    def count(self, term: str) -> int:
        return int(self._counts[self._column_of.get(term, 0)])

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency: 1 for a term in every article, more when rarer."""
        total = 1 + self.n_documents + self.background_documents
        return math.log(total) - float(self._log_df[self.count(term)]) + 1.0

    def weights(self, features: ArticleFeatures) -> np.ndarray:
        """The weight ``ln(1 + count) * idf`` of each of the article's terms, in their order."""
        terms = features.terms
        base = math.log(1 + self.n_documents + self.background_documents) + 1.0
        observed_terms, columns = self._observed
        if observed_terms is not terms:
            get = self._column_of.get
            columns = np.fromiter(map(get, terms, repeat(0)), np.intp, len(terms))
        frequency = self._counts[columns]
        # math.log1p, not numpy's: the same weights to the last bit on every platform.
        term_frequency = np.fromiter(map(math.log1p, features.numbers), np.float64, len(terms))
        weights: np.ndarray = term_frequency * (base - self._log_df[frequency])
        return weights


def _with_room(array: np.ndarray, index: int) -> np.ndarray:
    """``array``, or a copy twice as long with zeros after its values, so that ``index`` is in
    it."""
    if index < len(array):
        return array
    grown = np.zeros(2 * index, dtype=array.dtype)
    grown[: len(array)] = array
    return grown


def _heaviest_first(weights: np.ndarray, max_terms: int) -> np.ndarray:
    """The positions of the ``max_terms`` largest weights, largest first; ties keep their order
    (terms are in term order, so ties go by term)."""
    order: np.ndarray = np.argsort(-weights, kind="stable")[:max_terms]
    return order


def weigh(features: ArticleFeatures, frequencies: DocumentFrequencies, *, max_terms: int) -> Vector:
    """The article's unit-length vector: ``ln(1 + count) * idf`` for its heaviest ``max_terms``
    terms. Terms are ordered heaviest first (ties by term), so ``list(vector)[:k]`` is the top k."""
    weights = frequencies.weights(features)
    top = _heaviest_first(weights, max_terms)
    heaviest: list[float] = weights[top].tolist()
    # Summed in order, in Python: the same norm as ever, to the last bit.
    norm = math.sqrt(sum(map(mul, heaviest, heaviest)))
    if norm == 0.0:
        return {}
    terms = features.terms
    return dict(
        zip(
            map(terms.__getitem__, top.tolist()),
            [weight / norm for weight in heaviest],
            strict=True,
        )
    )


def weigh_batch(
    features: Sequence[ArticleFeatures],
    *,
    max_terms: int,
    background_documents: int = BACKGROUND_DOCUMENTS,
) -> sparse.csr_matrix:
    """``weigh`` of every article of a batch against the batch's own document frequencies
    (``DocumentFrequencies`` that observed each article once), as the rows of a sparse matrix:
    row ``i`` holds article ``i``'s vector, its entries heaviest first (ties by term), and a
    term's entries share a column (where the term first occurs in the batch: other columns stay
    empty). The same weights to the last bit as ``weigh``, computed for the whole batch at once
    instead of article by article."""
    lengths = [len(item.terms) for item in features]
    size = sum(lengths)
    # A term's column is where it first occurs in the batch (numbered in one pass).
    column_of: dict[str, int] = {}
    terms = chain.from_iterable(item.terms for item in features)
    columns = np.fromiter(map(column_of.setdefault, terms, range(size)), np.int64, size)
    # Each article holds a term once: a term's document frequency is how often it occurs.
    frequency = np.bincount(columns, minlength=size)
    log_frequency = np.fromiter(map(math.log1p, range(len(features) + 1)), np.float64)
    base = math.log(1 + len(features) + background_documents) + 1.0
    counts = chain.from_iterable(item.numbers for item in features)
    term_frequency = np.fromiter(map(math.log1p, counts), np.float64, size)
    weights = term_frequency * (base - log_frequency[frequency[columns]])
    # Article by article, as ``weigh`` orders them: a sort of each article's few hundred terms
    # is faster than one sort of the batch by article and weight.
    starts = accumulate(lengths, initial=0)
    tops = [_heaviest_first(weights[a:b], max_terms) + a for a, b in pairwise(starts)]
    kept = np.concatenate([np.zeros(0, dtype=np.int64), *tops])
    kept_lengths = list(map(len, tops))
    kept_rows = np.repeat(np.arange(len(features)), kept_lengths)
    heaviest = weights[kept]
    squares = (heaviest * heaviest).tolist()
    bounds = list(accumulate(kept_lengths, initial=0))
    # Summed in order, in Python, as ``weigh`` sums them: the same norms to the last bit.
    norms = np.array([math.sqrt(sum(squares[a:b])) for a, b in pairwise(bounds)])[kept_rows]
    weighty = norms > 0.0  # an article whose terms all weigh 0 has an empty vector, as in weigh
    if not weighty.all():
        heaviest, norms, kept, kept_rows = (
            heaviest[weighty],
            norms[weighty],
            kept[weighty],
            kept_rows[weighty],
        )
    values = heaviest / norms
    pointers = np.searchsorted(kept_rows, np.arange(len(features) + 1))
    shape = (len(features), max(1, size))
    return sparse.csr_matrix((values, columns[kept], pointers), shape=shape)


def weigh_batch_in_parts(
    features: Sequence[ArticleFeatures],
    parts: Sequence[Hashable],
    *,
    max_terms: int,
    background_documents: int = BACKGROUND_DOCUMENTS,
) -> sparse.csr_matrix:
    """``weigh_batch`` of each part of a batch (the articles with one value of ``parts``, one
    per article) against that part's own document frequencies, as the rows of one sparse matrix
    in the batch's order, a term's entries sharing a column across parts."""
    if len(parts) != len(features):
        raise ValueError(f"one part per article is needed; got {len(parts)} for {len(features)}")
    members: dict[Hashable, list[int]] = {}
    for i, part in enumerate(parts):
        members.setdefault(part, []).append(i)
    column_of: dict[str, int] = {}
    rows: list[np.ndarray] = []
    columns: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for indices in members.values():
        chosen = [features[i] for i in indices]
        matrix = weigh_batch(
            chosen, max_terms=max_terms, background_documents=background_documents
        ).tocoo()
        flat = list(chain.from_iterable(item.terms for item in chosen))
        global_column = np.fromiter(
            (column_of.setdefault(flat[column], len(column_of)) for column in matrix.col),
            np.int64,
            len(matrix.col),
        )
        rows.append(np.asarray(indices, dtype=np.int64)[matrix.row])
        columns.append(global_column)
        values.append(matrix.data)
    shape = (len(features), max(1, len(column_of)))
    combined = sparse.csr_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(columns))), shape=shape
    )
    return combined


def dot(small: Mapping[str, float], large: Mapping[str, float]) -> float:
    """The dot product of two sparse vectors; fastest with the shorter one first."""
    total: float = sum(map(mul, small.values(), map(large.get, small, repeat(0.0))))
    return total


def add_into(total: Vector, vector: Mapping[str, float], *, scale: float = 1.0) -> None:
    """``total += scale * vector``, in place."""
    get = total.get
    for term, weight in vector.items():
        total[term] = get(term, 0.0) + scale * weight


def top_terms(vector: Mapping[str, float], count: int) -> list[str]:
    """The ``count`` heaviest terms of a vector (ties by term)."""
    return [term for term, _ in sorted(vector.items(), key=lambda item: (-item[1], item[0]))][
        :count
    ]
