"""Matching reports across languages by the meaning of their leads (with a stand-in encoder)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from builders import make_article

from storyline.cluster import ClusterSettings
from storyline.cluster.languages import CrossLanguageMatcher, join_across_languages
from storyline.pipeline import build_document


class TopicEncoder:
    """A stand-in encoder: a text's vector counts its topic words ("ferry", "quake")."""

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        rows = [
            [text.lower().count("ferry") + text.lower().count("fähre"), text.count("quake"), 0.1]
            for text in texts
        ]
        vectors = np.asarray(rows, dtype=np.float32)
        result: np.ndarray = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        return result


def test_a_lead_joins_the_story_closest_in_meaning_only_above_the_threshold() -> None:
    matcher = CrossLanguageMatcher(TopicEncoder(), min_similarity=0.9)
    matcher.remember("ferry", "The ferry ran aground.")
    matcher.remember("quake", "A quake shook the city.")
    assert matcher.best_story("Die Fähre ist auf Grund gelaufen.", ["ferry", "quake"])[0] == "ferry"
    assert matcher.best_story("Parliament met.", ["ferry", "quake"])[0] is None
    assert matcher.best_story("Die Fähre ist auf Grund gelaufen.", ["quake"])[0] is None


def test_story_embeddings_are_computed_once_and_only_when_asked() -> None:
    encoder = TopicEncoder()
    matcher = CrossLanguageMatcher(encoder, min_similarity=0.5)
    for i in range(5):
        matcher.remember("ferry", f"Ferry report {i}.")
    assert encoder.calls == 0
    matcher.best_story("Fähre", ["ferry"])
    matcher.best_story("Fähre", ["ferry"])
    assert encoder.calls == 3  # the story once, then one query each


def test_a_story_told_only_in_another_language_joins_the_main_language_story() -> None:
    documents = [
        build_document(replace(make_article(text, article_id=name), language=language))
        for name, text, language in [
            ("en", "The ferry ran aground off the island on Friday morning.", "en"),
            ("de", "Die Fähre ist am Freitag vor der Insel auf Grund gelaufen.", "de"),
            ("es", "Un fuerte quake sacudió la ciudad el viernes por la noche.", "es"),
        ]
    ]
    joined = join_across_languages(
        documents, [[0], [1], [2]], settings=ClusterSettings(), encoder=TopicEncoder()
    )
    assert joined == [[0, 1], [2]]
