"""Near-duplicate reports (wire copies): grouped so that a copy adds sources, not weight."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from storyline.disjoint_sets import DisjointSets
from storyline.model import Document
from storyline.terms import TermExtractor

_SHINGLE_WORDS = 4
# Keep one shingle in this many (chosen by hash): a sketch whose Jaccard estimates the full one.
_SAMPLE_MODULUS = 4


def group_near_duplicates(
    documents: Sequence[Document], *, terms: TermExtractor, min_jaccard: float = 0.5
) -> list[int]:
    """A group number per document; documents whose shingle sketches overlap enough share one."""
    sketches = [_sketch(document, terms=terms) for document in documents]
    sets = DisjointSets(range(len(documents)))
    postings: dict[int, list[int]] = {}
    for i, sketch in enumerate(sketches):
        for shingle in sketch:
            postings.setdefault(shingle, []).append(i)
    shared: dict[tuple[int, int], int] = {}
    for ids in postings.values():
        if len(ids) > 50:
            continue  # boilerplate shared by many reports says nothing about copying
        for a_pos, a in enumerate(ids):
            for b in ids[a_pos + 1 :]:
                shared[(a, b)] = shared.get((a, b), 0) + 1
    for (a, b), common in shared.items():
        union = len(sketches[a]) + len(sketches[b]) - common
        if union and common / union >= min_jaccard:
            sets.union(a, b)
    roots: dict[int, int] = {}
    return [roots.setdefault(sets.find(i), len(roots)) for i in range(len(documents))]


def _sketch(document: Document, *, terms: TermExtractor) -> frozenset[int]:
    words: list[str] = []
    for sent in document.sentences:
        words.extend(terms.words(sent.text))
    shingles = (
        zlib.crc32(" ".join(words[i : i + _SHINGLE_WORDS]).encode())
        for i in range(max(0, len(words) - _SHINGLE_WORDS + 1))
    )
    return frozenset(s for s in shingles if s % _SAMPLE_MODULUS == 0)
