"""How a store keeps an article's clustering features: a compact binary record (layout 8 on),
read back exactly; JSON as earlier layouts wrote it is still read.

The binary record is a header (format, whether the article is dated, its day, the number of
terms), the counts as little-endian doubles, then the terms in UTF-8 joined by ``SEPARATOR``.
No term holds that character (terms are stems and names of word characters and spaces); should
one ever, the features are written as JSON instead, which is read the same way.

The same record keeps an article's weighed vector (``encode_vector``: its terms heaviest first,
their weights for counts), and the store's document frequencies (``encode_frequencies``: the
number of articles observed for the day, each term's count): what a store reads back to restore
the clustering of the stories near a run's articles without replaying every stored article
(``StoryStore.restore_into``).
"""

from __future__ import annotations

import json
import struct
import sys
from array import array
from collections.abc import Mapping, Sequence

import numpy as np

from storyline.cluster.features import ArticleFeatures
from storyline.cluster.vectors import DocumentFrequencies, Vector

SEPARATOR = "\x1f"
_FORMAT = 1
_HEADER = struct.Struct("<BBqI")  # format, undated, day, number of terms


def encode_features(features: ArticleFeatures) -> bytes | str:
    """The stored form of ``features``: the binary record, or JSON when a term holds the
    separator."""
    return _pack(features.terms, features.numbers, features.day)


def _pack(terms: Sequence[str], numbers: Sequence[float], day: int | None) -> bytes | str:
    """Terms with a number each and a day as the binary record, or JSON when a term holds the
    separator."""
    joined = SEPARATOR.join(terms)
    if joined.count(SEPARATOR) != max(0, len(terms) - 1):
        return json.dumps(
            {"day": day, "terms": list(terms), "numbers": list(numbers)}, ensure_ascii=False
        )
    values = array("d", numbers)
    if sys.byteorder != "little":
        values.byteswap()
    header = _HEADER.pack(_FORMAT, day is None, day or 0, len(terms))
    return b"".join((header, values.tobytes(), joined.encode("utf-8", "surrogatepass")))


def encode_vector(vector: Mapping[str, float]) -> bytes | str:
    """The stored form of an article's weighed vector (``cluster.vectors.weigh``), its terms in
    the vector's order (heaviest first), its weights exactly."""
    return _pack(tuple(vector), tuple(vector.values()), None)


def decode_vector(stored: bytes | str, *, article_id: str) -> Vector:
    """The vector ``encode_vector`` stored, its terms in the same order."""
    features = decode_features(stored, article_id=article_id)
    return dict(zip(features.terms, features.numbers, strict=True))


def encode_frequencies(frequencies: DocumentFrequencies) -> bytes | str:
    """The stored form of document frequencies (``DocumentFrequencies.state``): the terms in the
    order first seen, their counts, and the number of articles observed in the day field."""
    n_documents, terms, counts = frequencies.state()
    return _pack(terms, counts.astype(np.float64).tolist(), n_documents)


def decode_frequencies(stored: bytes | str) -> DocumentFrequencies:
    """The document frequencies ``encode_frequencies`` stored."""
    features = decode_features(stored, article_id="document frequencies")
    if features.day is None:
        raise ValueError("stored document frequencies do not say how many articles they count")
    counts = np.array(features.numbers, dtype=np.intp)
    return DocumentFrequencies.from_state(features.day, features.terms, counts)


def decode_features(stored: bytes | str, *, article_id: str) -> ArticleFeatures:
    """Features as ``encode_features`` stores them, or as JSON (layout 7: terms and numbers;
    layouts before: pairs). Raises ``ValueError`` for a record that is neither."""
    if isinstance(stored, str):
        return _from_json(stored, article_id=article_id)
    if len(stored) < _HEADER.size:
        raise ValueError(f"stored features of {article_id!r} are cut short")
    form, undated, day, size = _HEADER.unpack_from(stored)
    if form != _FORMAT:
        raise ValueError(f"stored features of {article_id!r} have unknown format {form}")
    end = _HEADER.size + 8 * size
    numbers = array("d", stored[_HEADER.size : end])
    if sys.byteorder != "little":
        numbers.byteswap()
    text = stored[end:].decode("utf-8", "surrogatepass")
    terms = tuple(text.split(SEPARATOR)) if size else ()
    return ArticleFeatures(article_id, terms, tuple(numbers), None if undated else day)


def stored_day(stored: bytes | str, *, article_id: str) -> int | None:
    """The day of stored features (``decode_features(...).day``), read from the binary record's
    header alone."""
    if isinstance(stored, str) or len(stored) < _HEADER.size:
        return decode_features(stored, article_id=article_id).day
    form, undated, day, _ = _HEADER.unpack_from(stored)
    if form != _FORMAT:
        raise ValueError(f"stored features of {article_id!r} have unknown format {form}")
    return None if undated else int(day)


def _from_json(text: str, *, article_id: str) -> ArticleFeatures:
    fields = json.loads(text)
    if "counts" in fields:
        pairs = [(str(term), float(number)) for term, number in fields["counts"]]
        return ArticleFeatures.from_counts(article_id, pairs, fields["day"])
    return ArticleFeatures(
        article_id,
        tuple(map(str, fields["terms"])),
        tuple(map(float, fields["numbers"])),
        fields["day"],
    )
