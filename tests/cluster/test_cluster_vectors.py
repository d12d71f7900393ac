"""TF-IDF vectors: document frequencies and ``weigh``, checked against the formula term by term."""

from __future__ import annotations

import math

import pytest

from storyline.cluster import ArticleFeatures, DocumentFrequencies
from storyline.cluster.vectors import weigh, weigh_batch, weigh_batch_in_parts


def article(article_id: str, **counts: float) -> ArticleFeatures:
    return ArticleFeatures.from_counts(article_id, tuple(sorted(counts.items())))


def expected_vector(
    features: ArticleFeatures, frequencies: DocumentFrequencies, *, max_terms: int
) -> list[tuple[str, float]]:
    """The formula written out: weight ``ln(1 + count) * idf``, heaviest first with ties by
    term, the top ``max_terms`` scaled to unit length."""
    total = 1 + frequencies.n_documents + frequencies.background_documents
    weights = {
        term: math.log1p(count) * (math.log(total) - math.log1p(frequencies.count(term)) + 1.0)
        for term, count in features.counts
    }
    top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:max_terms]
    norm = math.sqrt(sum(weight * weight for _, weight in top))
    return [(term, weight / norm) for term, weight in top]


def test_weights_follow_the_formula_in_heaviest_first_order_with_ties_by_term() -> None:
    frequencies = DocumentFrequencies(background_documents=3)
    for number in range(4):
        frequencies.observe(article(f"seen-{number}", common=1.0, **{f"rare{number}": 1.0}))
    features = article("new", common=2.0, rare0=2.0, zeta=1.0, alpha=1.0, unseen=3.0)
    vector = weigh(features, frequencies, max_terms=10)
    expected = expected_vector(features, frequencies, max_terms=10)
    assert list(vector) == [term for term, _ in expected]
    assert list(vector.values()) == pytest.approx([weight for _, weight in expected], rel=1e-12)
    # "alpha" and "zeta" weigh the same: the term order breaks the tie.
    assert list(vector).index("alpha") < list(vector).index("zeta")
    assert math.fsum(weight * weight for weight in vector.values()) == pytest.approx(1.0)


def test_only_the_heaviest_terms_are_kept() -> None:
    features = article("a", **{f"term{number:02d}": float(number + 1) for number in range(30)})
    vector = weigh(features, DocumentFrequencies(), max_terms=5)
    assert list(vector) == ["term29", "term28", "term27", "term26", "term25"]


def test_an_article_without_terms_or_weight_has_an_empty_vector() -> None:
    assert weigh(article("empty"), DocumentFrequencies(), max_terms=10) == {}
    assert weigh(article("zero", word=0.0), DocumentFrequencies(), max_terms=10) == {}


def test_frequencies_keep_counting_past_their_first_allocation() -> None:
    frequencies = DocumentFrequencies(background_documents=0)
    for number in range(3000):
        frequencies.observe(article(f"a{number}", everywhere=1.0, **{f"only{number}": 1.0}))
    assert frequencies.n_documents == 3000
    assert frequencies.idf("everywhere") == pytest.approx(1.0)
    assert frequencies.idf("only7") == pytest.approx(math.log(3001) - math.log(2) + 1.0)
    features = article("late", everywhere=1.0, only2999=1.0, never=1.0)
    expected = expected_vector(features, frequencies, max_terms=3)
    vector = weigh(features, frequencies, max_terms=3)
    assert list(vector.items()) == [
        (term, pytest.approx(weight, rel=1e-12)) for term, weight in expected
    ]


def test_the_article_observed_last_is_weighed_as_any_other_with_its_terms() -> None:
    frequencies = DocumentFrequencies(background_documents=2)
    for number in range(1500):  # past the first allocation of columns
        frequencies.observe(article(f"a{number}", shared=1.0, **{f"own{number}": 2.0}))
    observed = article("last", shared=2.0, own3=1.0, fresh=4.0)
    frequencies.observe(observed)
    assert [frequencies.count(term) for term in ("shared", "own3", "fresh", "never")] == [
        1501,
        2,
        1,
        0,
    ]
    # The same terms in another tuple are looked up, not taken from the last observation.
    same = ArticleFeatures("copy", tuple(list(observed.terms)), observed.numbers, None)
    assert same.terms is not observed.terms
    assert frequencies.weights(observed).tolist() == frequencies.weights(same).tolist()
    expected = expected_vector(observed, frequencies, max_terms=10)
    vector = weigh(observed, frequencies, max_terms=10)
    assert list(vector.items()) == [
        (term, pytest.approx(weight, rel=1e-12)) for term, weight in expected
    ]


def test_a_batch_is_weighed_as_each_article_against_the_batch_frequencies() -> None:
    batch = [
        article("flood-1", flood=3.0, river=1.0, town=2.0, alpha=1.0, zeta=1.0),
        article("flood-2", flood=1.0, river=2.0, rescue=1.0),
        article("empty"),
        article("weightless", flood=0.0),
        article("vote", ballot=2.0, town=1.0, mayor=1.0),
    ]
    frequencies = DocumentFrequencies()
    for item in batch:
        frequencies.observe(item)
    for max_terms in (2, 3, 100):
        matrix = weigh_batch(batch, max_terms=max_terms)
        assert matrix.shape[0] == len(batch)
        column_terms: dict[int, str] = {}
        term_columns: dict[str, int] = {}
        for row, item in enumerate(batch):
            expected = weigh(item, frequencies, max_terms=max_terms)
            start, stop = matrix.indptr[row], matrix.indptr[row + 1]
            # The same values, bit for bit, in the same order (heaviest first, ties by term).
            assert matrix.data[start:stop].tolist() == list(expected.values())
            for column, term in zip(matrix.indices[start:stop].tolist(), expected, strict=True):
                assert column_terms.setdefault(column, term) == term  # a column is one term
                assert term_columns.setdefault(term, column) == column  # a term, one column


def test_an_empty_batch_has_no_rows() -> None:
    assert weigh_batch([], max_terms=10).shape[0] == 0


def test_each_part_of_a_batch_is_weighed_against_its_own_frequencies() -> None:
    batch = [
        article("en-1", flood=2.0, river=1.0, town=1.0),
        article("es-1", lluvi=2.0, rio=1.0, **{"@almeria": 1.0}),
        article("en-2", flood=1.0, rescue=1.0, town=1.0),
        article("es-2", lluvi=1.0, gobiern=1.0, **{"@almeria": 1.0}),
        article("en-3", ballot=1.0, town=2.0),
    ]
    parts = ["en", "es", "en", "es", "en"]
    matrix = weigh_batch_in_parts(batch, parts, max_terms=100)
    assert matrix.shape[0] == len(batch)
    for part in ("en", "es"):
        members = [i for i, name in enumerate(parts) if name == part]
        frequencies = DocumentFrequencies()
        for i in members:
            frequencies.observe(batch[i])
        for i in members:
            expected = weigh(batch[i], frequencies, max_terms=100)
            assert sorted(matrix.getrow(i).data.tolist()) == sorted(expected.values())

    def shared_columns(first: int, second: int) -> int:
        return len(set(matrix.getrow(first).indices) & set(matrix.getrow(second).indices))

    # A term has one column whatever part it is weighed in.
    assert shared_columns(0, 2) == 2  # flood, town
    assert shared_columns(1, 3) == 2  # lluvi, @almeria
    assert shared_columns(0, 1) == 0
    # Counted in its part alone, a word of both Spanish reports weighs less than counted among
    # the whole batch, where it looks rarer.
    whole = weigh_batch(batch, max_terms=100).getrow(1)
    parted = matrix.getrow(1)
    assert min(parted.data) < min(whole.data)


def test_parts_must_match_the_articles() -> None:
    with pytest.raises(ValueError, match="one part per article"):
        weigh_batch_in_parts([article("a", x=1.0)], [], max_terms=10)
