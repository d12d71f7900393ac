"""The stored form of clustering features: binary records read back exactly, JSON of earlier
layouts still read, damaged records refused; weighed vectors and document frequencies read back
exactly."""

from __future__ import annotations

import json

import pytest
from builders import make_article

from storyline.cluster import ArticleFeatures, DocumentFrequencies, FeatureExtractor
from storyline.cluster.vectors import weigh
from storyline.pipeline import build_document
from storyline.store.stored_features import (
    SEPARATOR,
    decode_features,
    decode_frequencies,
    decode_vector,
    encode_features,
    encode_frequencies,
    encode_vector,
)

REPORT = (
    "Kim Jong Un's armoured train crossed into China on Sunday on its way to Hanoi, a journey "
    "of about 4,500 km. Officials in Dong Dang prepared a welcome for the North Korean leader."
)


def features_of(text: str, **fields: object) -> ArticleFeatures:
    return FeatureExtractor()(build_document(make_article(text, article_id="a", **fields)))


@pytest.mark.parametrize(
    "features",
    [
        features_of(REPORT),
        ArticleFeatures.from_counts("undated", (("hanoi", 2.0), ("@kim jong un", 1.5)), None),
        ArticleFeatures.from_counts(
            "dated", (("ciudad", 1.0), ("niño", 0.1), ("zürich", 3.25)), 738_000
        ),
        ArticleFeatures.from_counts("empty", (), 737_000),
        ArticleFeatures.from_counts("nothing", ()),
    ],
)
def test_features_come_back_exactly_as_they_were_stored(features: ArticleFeatures) -> None:
    stored = encode_features(features)
    assert isinstance(stored, bytes)
    again = decode_features(stored, article_id=features.article_id)
    assert again == features
    assert (again.terms, again.numbers, again.day) == (
        features.terms,
        features.numbers,
        features.day,
    )


def test_a_term_holding_the_separator_is_stored_as_json_and_read_the_same() -> None:
    features = ArticleFeatures.from_counts("odd", (("a" + SEPARATOR + "b", 1.0), ("c", 2.0)), 5)
    stored = encode_features(features)
    assert isinstance(stored, str)
    assert decode_features(stored, article_id="odd") == features


def test_features_stored_by_earlier_layouts_are_read() -> None:
    columns = json.dumps({"day": 9, "terms": ["flood", "river"], "numbers": [2.0, 1.0]})
    pairs = json.dumps({"day": None, "counts": [["flood", 2.0], ["river", 1.0]]})
    assert decode_features(columns, article_id="x") == ArticleFeatures.from_counts(
        "x", (("flood", 2.0), ("river", 1.0)), 9
    )
    assert decode_features(pairs, article_id="y") == ArticleFeatures.from_counts(
        "y", (("flood", 2.0), ("river", 1.0)), None
    )


def test_a_damaged_record_is_refused_with_the_article_named() -> None:
    stored = encode_features(ArticleFeatures.from_counts("a", (("flood", 2.0), ("river", 1.0)), 9))
    assert isinstance(stored, bytes)
    with pytest.raises(ValueError, match=r"'a'.*cut short"):
        decode_features(stored[:5], article_id="a")
    with pytest.raises(ValueError, match="unknown format 7"):
        decode_features(bytes([7]) + stored[1:], article_id="a")
    with pytest.raises(ValueError):
        decode_features(stored[:-10], article_id="a")  # the terms cut: one term missing


def test_a_vector_comes_back_with_its_terms_in_order_and_its_weights_exactly() -> None:
    frequencies = DocumentFrequencies()
    features = features_of(REPORT)
    frequencies.observe(features)
    vector = weigh(features, frequencies, max_terms=12)
    again = decode_vector(encode_vector(vector), article_id="a")
    assert list(again.items()) == list(vector.items())


def test_document_frequencies_come_back_weighing_every_article_the_same() -> None:
    reports = [
        features_of(REPORT),
        features_of(REPORT.replace("Hanoi", "Beijing")),
        *[
            ArticleFeatures.from_counts(f"other{i}", ((f"term{i}", 1.0), ("hanoi", 2.0)))
            for i in range(1500)  # past the first allocation of the counts
        ],
    ]
    frequencies = DocumentFrequencies()
    for item in reports:
        frequencies.observe(item)
    again = decode_frequencies(encode_frequencies(frequencies))
    assert again.n_documents == frequencies.n_documents == len(reports)
    for item in reports[:3]:
        assert weigh(item, again, max_terms=50) == weigh(item, frequencies, max_terms=50)
    # Counting goes on from them as from the counts they were taken from.
    later = features_of(REPORT.replace("China", "Vietnam"))
    frequencies.observe(later)
    again.observe(later)
    assert again.weights(later).tolist() == frequencies.weights(later).tolist()
    assert again.idf("vietnam") == frequencies.idf("vietnam")
