"""Choosing the headline among candidates: central, early, short and focused."""

from __future__ import annotations

import pytest

from storyline.model import Sentence
from storyline.summarize.candidates import Bigram, Candidate
from storyline.summarize.headline import choose_headline, focus


def _candidate(text: str, concepts: set[Bigram], *, group: int, position: int = 0) -> Candidate:
    sentence = Sentence(article_id=f"a{group}", index=position, start=0, end=len(text), text=text)
    return Candidate(
        sentence=sentence,
        text=text,
        group=group,
        position=position,
        words=len(text.split()),
        concepts=frozenset(concepts),
        unigrams=frozenset(),
        dangling=False,
    )


_SHARED = {("flood", "dhaka"): 4.0, ("aid", "offici"): 3.0, ("chittagong", "flood"): 1.0}


def test_a_sentence_mostly_about_what_one_report_adds_is_not_the_headline() -> None:
    about_another_city = _candidate(
        "Flooding in Chittagong is now as bad as the Dhaka flood, aid officials told reporters",
        {
            ("flood", "dhaka"),
            ("aid", "offici"),
            ("chittagong", "flood"),
            ("told", "report"),
            ("bad", "chittagong"),
            ("now", "bad"),
        },
        group=0,
    )
    on_the_story = _candidate(
        "Aid officials said the Dhaka flood left thousands without homes on Monday ahead",
        {("flood", "dhaka"), ("aid", "offici")},
        group=1,
    )
    candidates = [about_another_city, on_the_story]
    assert focus(about_another_city, _SHARED) == 0.5
    assert focus(on_the_story, _SHARED) == 1.0
    assert choose_headline(candidates, _SHARED, max_words=30) == 1


def test_without_shared_concepts_the_earlier_and_shorter_sentence_wins() -> None:
    late = _candidate("Rain fell over the delta for a third day", set(), group=0, position=3)
    early = _candidate("Rain fell over the delta for a third day", set(), group=1, position=0)
    assert focus(early, _SHARED) == 0.0
    assert choose_headline([late, early], _SHARED, max_words=30) == 1


def test_a_sentence_too_long_is_never_the_headline() -> None:
    long = _candidate("Aid officials said the Dhaka flood " * 5, {("flood", "dhaka")}, group=0)
    assert choose_headline([long], _SHARED, max_words=10) is None


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("I can still remember the moment the water came over the harbour wall.", False),
        ("Today it took me less than twenty minutes to cross the harbour bridge.", False),
        ('"I will resign on Friday," the harbour master told reporters in Halmsey.', True),
        ("World War I ended in 1918, the plaque on the harbour wall says.", True),
    ],
)
def test_a_writers_first_person_is_no_summary_sentence(sentence: str, kept: bool) -> None:
    from storyline.config import Config
    from storyline.summarize.candidates import is_well_formed

    assert is_well_formed(sentence, config=Config()) is kept
