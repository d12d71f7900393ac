"""Timeline metrics on tiny hand-made timelines, against values worked out by hand.

Tokens: lower case, SMART stopwords out, Porter stems ("sinks" -> "sink"). The content overlap of
the alignment costs uses whitespace tokens with case kept. Values were also checked against tilse
0.2.1 with the original ROUGE-1.5.5 script.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pytest

from storyline.evaluate.timeline_metrics import (
    PRF,
    Timeline,
    TimelineScorer,
    TimelineScores,
    approximate_rouge1,
    mean_timeline_scores,
    score_dates,
)


def jan(day: int) -> date:
    return date(2010, 1, day)


def make_timeline(summaries: Mapping[int, Sequence[str]]) -> Timeline:
    return Timeline.from_pairs((jan(day), sents) for day, sents in summaries.items())


def assert_prf(actual: PRF, precision: float, recall: float, f1: float) -> None:
    assert actual.precision == pytest.approx(precision)
    assert actual.recall == pytest.approx(recall)
    assert actual.f1 == pytest.approx(f1)


# Predicted Jan 1 and Jan 3; reference Jan 1 and Jan 4.
PREDICTED = make_timeline({1: ["oil spill"], 3: ["rig sinks"]})
REFERENCE = make_timeline({1: ["oil leak"], 4: ["rig sinks today"]})


@pytest.fixture()
def scorer() -> TimelineScorer:
    return TimelineScorer()


def test_tokens_are_lower_case_stemmed_without_stopwords_or_punctuation(
    scorer: TimelineScorer,
) -> None:
    tokens = scorer.tokens("The wells were capped, killing 11 workers on Tuesday.")
    assert tokens == ("well", "cap", "kill", "11", "worker", "tuesday")


def test_date_selection_is_precision_and_recall_of_shared_dates() -> None:
    predicted = make_timeline({1: ["a"], 2: ["b"], 3: ["c"]})
    reference = make_timeline({2: ["b"], 3: ["c"], 4: ["d"], 5: ["e"]})
    # 2 shared dates: P = 2/3, R = 2/4, F1 = 4/7
    assert_prf(score_dates(predicted, [reference]), 2 / 3, 1 / 2, 4 / 7)


def test_concat_rouge_counts_ngrams_of_all_days_joined(scorer: TimelineScorer) -> None:
    rouge1, rouge2 = scorer.score_concat(PREDICTED, references=[REFERENCE])
    # unigrams: oil spill rig sink (4) vs oil leak rig sink today (5); 3 shared
    assert_prf(rouge1, 3 / 4, 3 / 5, 2 / 3)
    # bigrams run across days: (oil spill)(spill rig)(rig sink) vs 4 bigrams; (rig sink) shared
    assert_prf(rouge2, 1 / 3, 1 / 4, 2 / 7)


def test_approximate_rouge1_keeps_case_and_drops_punctuation_tokens() -> None:
    assert approximate_rouge1(["rig sinks ."], [["rig sinks today"]]) == pytest.approx(0.8)
    assert approximate_rouge1(["Rig sinks"], [["rig sinks today"]]) == pytest.approx(0.4)
    assert approximate_rouge1([], [["rig"]]) == 0.0


def test_alignment_weights_hits_by_date_distance(scorer: TimelineScorer) -> None:
    rouge1, rouge2 = scorer.score_alignment(PREDICTED, references=[REFERENCE])
    # Jan 1 -> Jan 1 (cost 0); Jan 3 -> Jan 4 (cost (1 - 1/2) * (1 - 0.8) = 0.1 < 2/3), both ways.
    # hits 1 * 1 + 2 * 1/2 = 2; P = 2/4, R = 2/5
    assert_prf(rouge1, 1 / 2, 2 / 5, 4 / 9)
    # (rig sink) hit at weight 1/2; P = 0.5/2, R = 0.5/3
    assert_prf(rouge2, 1 / 4, 1 / 6, 1 / 5)


def test_alignment_is_many_to_one_and_ties_go_to_the_earliest_date(
    scorer: TimelineScorer,
) -> None:
    predicted = make_timeline({1: ["oil spill"], 2: ["oil leak"]})
    reference = make_timeline({1: ["oil leak"]})
    rouge1, rouge2 = scorer.score_alignment(predicted, references=[reference])
    # Both predicted days align to Jan 1 (costs 0 and 0.5 * 0); Jan 1 of the reference aligns to
    # the first of the tied predicted days, Jan 1.
    # R-1 precision: (1 * 1 + 2 * 1/2) / 4; recall: 1 / 2
    assert_prf(rouge1, 1 / 2, 1 / 2, 1 / 2)
    # R-2 precision: (0 + 1 * 1/2) / 2; recall: 0 / 1
    assert_prf(rouge2, 1 / 4, 0.0, 0.0)


def test_several_references_form_one_ground_truth(scorer: TimelineScorer) -> None:
    predicted = make_timeline({1: ["oil spill"]})
    references = [make_timeline({1: ["oil leak"]}), make_timeline({2: ["spill"]})]
    scores = scorer.score(predicted, references=references)
    assert_prf(scores.dates, 1.0, 1 / 2, 2 / 3)
    # hits: oil (first) + spill (second) = 2; predicted unigrams counted once per reference: 4
    assert_prf(scores.concat_rouge1, 2 / 4, 2 / 3, 4 / 7)
    # Jan 1 -> Jan 1: hits 1 of 4. Reference Jan 1 -> Jan 1: 1 of 2; Jan 2 -> Jan 1: 1 * 1/2 of 1
    assert_prf(scores.align_rouge1, 1 / 4, 1.5 / 3, 1 / 3)


def test_a_timeline_scored_against_itself_is_perfect(scorer: TimelineScorer) -> None:
    scores = scorer.score(REFERENCE, references=[REFERENCE])
    for value in (scores.dates, scores.concat_rouge1, scores.concat_rouge2, scores.align_rouge1):
        assert_prf(value, 1.0, 1.0, 1.0)


def test_an_empty_prediction_scores_zero(scorer: TimelineScorer) -> None:
    scores = scorer.score(Timeline.from_pairs([]), references=[REFERENCE])
    assert scores.dates.f1 == scores.align_rouge1.f1 == scores.concat_rouge1.f1 == 0.0


def test_scoring_needs_a_reference(scorer: TimelineScorer) -> None:
    with pytest.raises(ValueError, match="at least one non-empty reference"):
        scorer.score(PREDICTED, references=[])


def test_mean_takes_f1_of_the_mean_precision_and_recall() -> None:
    one = PRF.of(1.0, 0.0)
    other = PRF.of(0.0, 1.0)
    mean = mean_timeline_scores(
        [TimelineScores(one, one, one, one, one), TimelineScores(other, other, other, other, other)]
    )
    assert_prf(mean.align_rouge1, 0.5, 0.5, 0.5)
    assert_prf(mean.dates, 0.5, 0.5, 0.5)


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ([("2010-01-01", ["a"]), ("2010-01-01", ["b"])], "2010-01-01 twice"),
        ([("2010-13-01", ["a"])], "must be 'YYYY-MM-DD'; got '2010-13-01'"),
        ([("Jan 1", ["a"])], "must be 'YYYY-MM-DD'"),
    ],
)
def test_timeline_rejects_repeated_and_malformed_dates(
    pairs: list[tuple[str, list[str]]], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        Timeline.from_pairs(pairs)


def test_timeline_sorts_dates_and_strips_sentences() -> None:
    timeline = Timeline.from_pairs([("2010-01-03", [" b \n"]), ("2010-01-01", ["a"])])
    assert timeline.as_pairs() == [("2010-01-01", ["a"]), ("2010-01-03", ["b"])]
