"""ROUGE-1 and ROUGE-2 in the DUC 2004 setting, computed with the ``rouge-score`` package.

A summary is cut to its first ``max_words`` whitespace tokens, scored against each reference with
``RougeScorer(["rouge1", "rouge2"], use_stemmer=True)`` (Porter stemming, stopwords kept), and the
scores are averaged over the references. Scores are in percent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rouge_score import rouge_scorer

from storyline.errors import ConfigError

MAX_WORDS_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class RougeScores:
    """ROUGE recall and F1 of one summary or a mean of several, in percent (0-100)."""

    rouge1_recall: float
    rouge1_f1: float
    rouge2_recall: float
    rouge2_f1: float


def check_max_words(max_words: object) -> int:
    """Return ``max_words`` if it is an int in [1, MAX_WORDS_LIMIT]; raise ConfigError otherwise."""
    if (
        isinstance(max_words, bool)
        or not isinstance(max_words, int)
        or not 1 <= max_words <= MAX_WORDS_LIMIT
    ):
        raise ConfigError(
            f"'max_words' must be an int in [1, {MAX_WORDS_LIMIT}]; got {max_words!r}"
        )
    return max_words


def truncate_words(text: str, *, max_words: int) -> str:
    """The first ``max_words`` whitespace-separated tokens of ``text``, joined by single spaces."""
    return " ".join(text.split()[:max_words])


def mean_scores(scores: Sequence[RougeScores]) -> RougeScores:
    """The field-wise mean of ``scores``; raises ValueError on an empty sequence."""
    if not scores:
        raise ValueError("mean_scores needs at least one RougeScores; got none")
    count = len(scores)
    return RougeScores(
        rouge1_recall=sum(s.rouge1_recall for s in scores) / count,
        rouge1_f1=sum(s.rouge1_f1 for s in scores) / count,
        rouge2_recall=sum(s.rouge2_recall for s in scores) / count,
        rouge2_f1=sum(s.rouge2_f1 for s in scores) / count,
    )


class SummaryScorer:
    """Scores a summary against its references; one ``RougeScorer`` is built and reused.

    >>> scorer = SummaryScorer(max_words=100)
    >>> scorer.score("the cat sat", references=["the cat sat"]).rouge1_recall
    100.0
    """

    def __init__(self, *, max_words: int = 100) -> None:
        self.max_words = check_max_words(max_words)
        self._scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)

    def score(self, summary: str, *, references: Sequence[str]) -> RougeScores:
        """ROUGE of ``summary`` cut to ``max_words`` words, averaged over ``references``.

        Raises ValueError when ``references`` is empty (there is nothing to score against).
        """
        if not references:
            raise ValueError("a summary needs at least one reference to be scored; got none")
        prediction = truncate_words(summary, max_words=self.max_words)
        per_reference = []
        for reference in references:
            result = self._scorer.score(reference, prediction)
            per_reference.append(
                RougeScores(
                    rouge1_recall=100.0 * result["rouge1"].recall,
                    rouge1_f1=100.0 * result["rouge1"].fmeasure,
                    rouge2_recall=100.0 * result["rouge2"].recall,
                    rouge2_f1=100.0 * result["rouge2"].fmeasure,
                )
            )
        return mean_scores(per_reference)
