"""ROUGE scoring in the DUC setting, on tiny hand-made texts."""

from __future__ import annotations

import pytest

from storyline.errors import ConfigError
from storyline.evaluate.rouge import RougeScores, SummaryScorer, mean_scores, truncate_words

REFERENCE = "The storm hit the coast on Monday and flooded three towns."


def test_summary_identical_to_the_reference_has_full_recall_and_f1() -> None:
    scores = SummaryScorer().score(REFERENCE, references=[REFERENCE])

    assert scores == RougeScores(100.0, 100.0, 100.0, 100.0)


def test_scores_are_averaged_over_the_references() -> None:
    unrelated = "Quarterly earnings beat analyst expectations at the bank."

    scores = SummaryScorer().score(REFERENCE, references=[REFERENCE, unrelated])

    assert scores.rouge1_recall == pytest.approx(50.0 + 0.5 * 100 * 1 / 8)  # "the" is shared
    assert scores.rouge2_recall == pytest.approx(50.0)


def test_stemming_matches_inflected_forms() -> None:
    scores = SummaryScorer().score("storms flooding towns", references=["storm floods town"])

    assert scores.rouge1_recall == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("text", "max_words", "expected"),
    [
        ("one two three four", 2, "one two"),
        ("one  two\nthree", 5, "one two three"),
        ("", 3, ""),
    ],
)
def test_truncate_words_keeps_the_first_whitespace_tokens(
    text: str, max_words: int, expected: str
) -> None:
    assert truncate_words(text, max_words=max_words) == expected


def test_summary_is_cut_to_max_words_before_scoring() -> None:
    reference = "alpha beta gamma delta"
    summary = "alpha beta gamma delta epsilon zeta eta theta"

    cut = SummaryScorer(max_words=4).score(summary, references=[reference])
    uncut = SummaryScorer(max_words=100).score(summary, references=[reference])

    assert cut.rouge1_f1 == pytest.approx(100.0)
    assert uncut.rouge1_recall == pytest.approx(100.0)
    assert uncut.rouge1_f1 < 100.0


def test_words_beyond_max_words_cannot_earn_recall() -> None:
    scores = SummaryScorer(max_words=2).score(
        "filler words storm coast", references=["storm coast"]
    )

    assert scores.rouge1_recall == 0.0


def test_empty_summary_scores_zero() -> None:
    assert SummaryScorer().score("", references=[REFERENCE]) == RougeScores(0.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize("max_words", [0, -3, 1001, 2.5, True])
def test_max_words_out_of_range_is_a_config_error(max_words: object) -> None:
    with pytest.raises(ConfigError, match=r"'max_words' must be an int in \[1, 1000\]; got"):
        SummaryScorer(max_words=max_words)  # type: ignore[arg-type]


def test_scoring_without_references_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one reference"):
        SummaryScorer().score(REFERENCE, references=[])


def test_mean_scores_is_field_wise() -> None:
    mean = mean_scores([RougeScores(10.0, 20.0, 30.0, 40.0), RougeScores(30.0, 40.0, 50.0, 60.0)])

    assert mean == RougeScores(20.0, 30.0, 40.0, 50.0)
