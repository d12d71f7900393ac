"""Matching reports across languages by the meaning of their leads (with a stand-in encoder)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest
from builders import make_article

from storyline.cluster import ClusterSettings
from storyline.cluster.languages import (
    LEAD_MAX_CHARS,
    CrossLanguageMatcher,
    join_across_languages,
    join_stories_across_languages,
    lead_text,
)
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


@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4, 5, 6, 7], [7, 6, 5, 4, 3, 2, 1, 0]])
def test_joining_across_languages_does_not_depend_on_the_input_order(order: list[int]) -> None:
    # An English story of four quake leads and three ferry leads, and a German ferry report:
    # a story is known by five of its leads, and which five used to be the first given (four
    # quake leads and one ferry lead keep the German report apart; three and two join it).
    # Found by helper-44: digest of the same records shuffled grouped them differently.
    given = [
        *(("en", f"Quake report {i}: the quake shook the city.") for i in range(4)),
        *(("en", f"Ferry report {i}: the ferry ran aground.") for i in range(3)),
        ("de", "Die Fähre ist auf Grund gelaufen."),
    ]
    articles = [given[i] for i in order]
    at = {i: position for position, i in enumerate(order)}
    joined = join_stories_across_languages(
        [sorted(at[i] for i in range(7)), [at[7]]],
        leads=[lead for _, lead in articles],
        languages=[language for language, _ in articles],
        days=[None] * len(articles),
        settings=ClusterSettings(),
        encoder=TopicEncoder(),
    )
    assert len(joined) == 1  # the same either way: its leads are taken earliest first, by text


def test_a_lead_is_its_title_and_first_sentences_joined() -> None:
    article = replace(
        make_article("The ferry ran aground. All were saved. Divers came. Tugs waited."),
        title="Ferry aground",
    )
    expected = "Ferry aground The ferry ran aground. All were saved. Divers came."
    assert lead_text(build_document(article)) == expected


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Ferry " * 70_000, "The ferry ran aground."),  # a 420,000-character title
        (None, "the ferry ran aground " * 20_000),  # a run-on line of 440,000 characters
    ],
    ids=["title", "run-on"],
)
def test_a_lead_is_bounded_and_cut_after_a_whole_word(title: str | None, text: str) -> None:
    document = build_document(replace(make_article(text), title=title))
    lead = lead_text(document)
    full = " ".join([*([title] if title else []), *(sent.text for sent in document.sentences[:3])])
    assert LEAD_MAX_CHARS - 30 < len(lead) <= LEAD_MAX_CHARS
    assert full.startswith(lead)
    assert full[len(lead)].isspace()
