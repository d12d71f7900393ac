"""Wire copies and near-duplicates in a stream: MinHash signatures found through LSH.

An article's signature is the MinHash (datasketch) of its word 4-grams (shingles), taken over its
cleaned sentences, so bylines and captions a copy may add or drop do not count. Two articles whose
signatures agree on a share ``s`` of their hash values have an estimated shingle Jaccard of ``s``;
``NearDuplicateIndex`` finds, among the articles it holds, those above a threshold without
comparing with each of them (locality-sensitive hashing in bands), so a copy is found in flat time
however large the store grows.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.config import check_float, check_int
from storyline.model import Document
from storyline.terms import TermExtractor

SHINGLE_WORDS = 4
SCHEME = "affine32"
SIGNATURE_DTYPE = np.dtype("<u4")


class Signer:
    """Turns a document into its MinHash signature (``num_perm`` 32-bit values, as bytes)."""

    def __init__(
        self, *, num_perm: int = 64, seed: int = 1, terms: TermExtractor | None = None
    ) -> None:
        check_int("num_perm", num_perm, 8, 1024)
        self.num_perm = num_perm
        self.seed = seed
        self.terms = terms or TermExtractor()
        self._template: MinHash | None = None

    def __call__(self, document: Document) -> bytes:
        words: list[str] = []
        for sent in document.sentences:
            words.extend(self.terms.words(sent.text))
        return self.sign_words(words)

    def sign_words(self, words: Sequence[str]) -> bytes:
        """The signature of a word sequence (an empty one for fewer than ``SHINGLE_WORDS`` words
        hashes a single shingle of what there is)."""
        if self._template is None:  # built on first use: the permutations cost 0.3 ms to draw
            self._template = MinHash(
                num_perm=self.num_perm, seed=self.seed, hashfunc=zlib.crc32, scheme=SCHEME
            )
        minhash = self._template.copy()
        count = max(1, len(words) - SHINGLE_WORDS + 1)
        minhash.update_batch(
            [" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(count)]
        )
        return bytes(minhash.hashvalues.astype(SIGNATURE_DTYPE).tobytes())


def estimated_jaccard(first: bytes, second: bytes) -> float:
    """The share of hash values two signatures agree on: an estimate of their shingle Jaccard."""
    a = np.frombuffer(first, dtype=SIGNATURE_DTYPE)
    b = np.frombuffer(second, dtype=SIGNATURE_DTYPE)
    if a.shape != b.shape or not len(a):
        raise ValueError(
            f"signatures must have the same, non-zero length; got {len(a)} and {len(b)} values"
        )
    return float(np.count_nonzero(a == b)) / len(a)


class NearDuplicateIndex:
    """Signatures of the articles seen, and the earlier article each new one copies, if any.

    ``threshold`` is the estimated Jaccard of word 4-grams above which an article is a copy: 0.7
    takes in a wire story re-run with a new opening, a sign-off or a changed figure, and leaves
    apart two reports that only share quotations (their Jaccard is rarely above 0.3).
    """

    def __init__(self, *, num_perm: int = 64, threshold: float = 0.7) -> None:
        check_int("num_perm", num_perm, 8, 1024)
        check_float("threshold", threshold, 0.05, 1.0)
        self.num_perm = num_perm
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, bytes] = {}
        self._order: dict[str, int] = {}

    def original_of(self, signature: bytes) -> str | None:
        """The earliest-added article whose signature is at or above the threshold, or None."""
        values = np.frombuffer(signature, dtype=SIGNATURE_DTYPE)
        if len(values) != self.num_perm:
            raise ValueError(f"a signature must have {self.num_perm} values; got {len(values)}")
        matches = [
            key
            for key in self._lsh.query(_minhash(values))
            if estimated_jaccard(signature, self._signatures[key]) >= self.threshold
        ]
        return min(matches, key=self._order.__getitem__) if matches else None

    def add(self, key: str, signature: bytes) -> None:
        """Hold an article's signature under ``key`` (a key already held is left as it was)."""
        if key in self._signatures:
            return
        values = np.frombuffer(signature, dtype=SIGNATURE_DTYPE)
        self._lsh.insert(key, _minhash(values))
        self._signatures[key] = signature
        self._order[key] = len(self._order)

    def __len__(self) -> int:
        return len(self._signatures)


def _minhash(values: np.ndarray) -> MinHash:
    return MinHash(num_perm=len(values), hashvalues=values.astype(np.uint32), scheme=SCHEME)
