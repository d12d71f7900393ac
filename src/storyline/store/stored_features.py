"""How a store keeps an article's clustering features: a compact binary record (layout 8 on),
read back exactly; JSON as earlier layouts wrote it is still read.

The binary record is a header (format, whether the article is dated, its day, the number of
terms), the counts as little-endian doubles, then the terms in UTF-8 joined by ``SEPARATOR``.
No term holds that character (terms are stems and names of word characters and spaces); should
one ever, the features are written as JSON instead, which is read the same way.
"""

from __future__ import annotations

import json
import struct
import sys
from array import array

from storyline.cluster.features import ArticleFeatures

SEPARATOR = "\x1f"
_FORMAT = 1
_HEADER = struct.Struct("<BBqI")  # format, undated, day, number of terms


def encode_features(features: ArticleFeatures) -> bytes | str:
    """The stored form of ``features``: the binary record, or JSON when a term holds the
    separator."""
    terms = features.terms
    joined = SEPARATOR.join(terms)
    if joined.count(SEPARATOR) != max(0, len(terms) - 1):
        return json.dumps(
            {"day": features.day, "terms": terms, "numbers": features.numbers},
            ensure_ascii=False,
        )
    numbers = array("d", features.numbers)
    if sys.byteorder != "little":
        numbers.byteswap()
    day = features.day
    header = _HEADER.pack(_FORMAT, day is None, day or 0, len(terms))
    return b"".join((header, numbers.tobytes(), joined.encode("utf-8", "surrogatepass")))


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
