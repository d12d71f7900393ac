"""The real Timeline17 data, read from ../shared/eval/timeline17 (never copied into the repository).

The gate runs storyline's timeline system on one small topic (76 articles) and fails when its
scores drop below the pinned floors: the scores reached, minus a margin. Raise a floor when quality
improves; never lower it silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluate.timeline import TimelineTopic, evaluate_timelines, load_topics
from storyline.timeline.tls import summarize_timeline

TOPICS = (
    Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "timeline17" / "topics.jsonl"
)

pytestmark = pytest.mark.skipif(
    not TOPICS.is_file(), reason=f"Timeline17 data not found at {TOPICS}"
)

GATE_TOPIC = "H1N1_guardian"
DATE_F1_FLOOR = 0.70  # measured 0.750
ALIGN_ROUGE1_F1_FLOOR = 0.20  # measured 0.227
ALIGN_ROUGE2_F1_FLOOR = 0.07  # measured 0.087


@pytest.fixture(scope="module")
def topics() -> list[TimelineTopic]:
    return load_topics(TOPICS)


def test_timeline17_has_8_topics_with_one_reference_each(topics: list[TimelineTopic]) -> None:
    assert [topic.id for topic in topics] == [
        "H1N1_bbc",
        "H1N1_guardian",
        "H1N1_reuters",
        "bpoil_bbc",
        "bpoil_foxnews",
        "bpoil_guardian",
        "bpoil_reuters",
        "bpoil_washingtonpost",
    ]
    assert sum(len(topic.articles) for topic in topics) == 1866
    assert all(len(topic.references) == 1 for topic in topics)
    by_id = {topic.id: topic for topic in topics}
    assert (by_id["bpoil_guardian"].n_dates, by_id["bpoil_guardian"].sentences_per_date) == (102, 3)


def test_each_reference_scored_against_itself_is_perfect(topics: list[TimelineTopic]) -> None:
    def oracle(articles, *, n_dates, sentences_per_date, start, end):  # type: ignore[no-untyped-def]
        topic = next(topic for topic in topics if topic.articles is articles)
        return topic.references[0].as_pairs()

    report = evaluate_timelines(topics, system=oracle)
    assert report.mean.dates.f1 == pytest.approx(1.0)
    assert report.mean.align_rouge1.f1 == pytest.approx(1.0)
    assert report.mean.concat_rouge2.f1 == pytest.approx(1.0)


def test_timeline_quality_stays_above_the_floor(topics: list[TimelineTopic]) -> None:
    topic = next(topic for topic in topics if topic.id == GATE_TOPIC)
    report = evaluate_timelines([topic], system=summarize_timeline)
    scores = report.mean
    assert len(report.runs[0].timeline.summaries) == topic.n_dates
    assert scores.dates.f1 >= DATE_F1_FLOOR
    assert scores.align_rouge1.f1 >= ALIGN_ROUGE1_F1_FLOOR
    assert scores.align_rouge2.f1 >= ALIGN_ROUGE2_F1_FLOOR
