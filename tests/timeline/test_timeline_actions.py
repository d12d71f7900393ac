"""The same act dated differently by reports that word it differently."""

from __future__ import annotations

from datetime import UTC, datetime

from builders import make_article

from storyline.account import time_mentions
from storyline.facts.entities import extract_entities
from storyline.model import Disagreement, Document
from storyline.pipeline import build_document
from storyline.timeline.actions import (
    action_disagreements,
    dated_actions,
    dating_note,
    without_repeats,
)

_PUBLISHED = datetime(2025, 3, 14, 12, tzinfo=UTC)  # a Friday


def _documents(*texts: str) -> list[Document]:
    return [
        build_document(make_article(text, article_id=f"a{i}", published=_PUBLISHED))
        for i, text in enumerate(texts)
    ]


def _disagreements(*texts: str) -> list[Disagreement]:
    documents = _documents(*texts)
    actions = dated_actions(documents, time_mentions(documents), extract_entities(documents))
    return action_disagreements(actions)


def test_a_departure_worded_differently_on_two_days_is_a_disagreement() -> None:
    found = _disagreements(
        "The ship had left the port city of Nordvik late Wednesday, calling at two islands "
        "before heading for Halmsey.",
        "The Skerra Line vessel had left Nordvik on Thursday evening on its regular overnight "
        "crossing to the island.",
        "The ferry left Nordvik on Thursday evening and ran aground at 4:45 a.m. on Friday.",
    )
    assert len(found) == 1
    (disagreement,) = found
    assert disagreement.about == "when: left Nordvik"
    assert [claim.value for claim in disagreement.claims] == ["2025-03-13", "2025-03-12"]
    assert [[source.article for source in claim.sources] for claim in disagreement.claims] == [
        ["a1", "a2"],
        ["a0"],
    ]
    assert disagreement.note == (
        "Reports date this differently: 2025-03-13 (2 sources), 2025-03-12 (1 source)."
    )


def test_the_time_of_a_clause_dates_its_act_not_the_time_of_another_clause() -> None:
    # "Sunday" dates the confirmation, "Saturday" the boarding.
    found = _disagreements(
        "State media confirmed Sunday that Kim Jong Un had boarded a train from Pyongyang to "
        "begin the journey to Vietnam on Saturday.",
        "Kim Jong Un boarded a train from Pyongyang on Saturday afternoon.",
    )
    assert found == []


def test_a_time_that_belongs_to_another_verb_does_not_date_the_act() -> None:
    found = _disagreements(
        "The oil's arrival in Texas was predicted Friday by the weather agency.",
        "Tar balls from the well reached Texas on Tuesday, officials said.",
    )
    assert found == []


def test_acts_of_different_people_on_different_days_are_no_disagreement() -> None:
    found = _disagreements(
        "After the talks, President Donald Trump left Hanoi on Thursday.",
        "As planned, Chairman Kim Jong Un left Hanoi on Saturday by train.",
    )
    assert found == []


def test_the_same_day_in_every_report_is_no_disagreement() -> None:
    found = _disagreements(
        "The ferry left Nordvik on Thursday evening.",
        "We left Nordvik on Thursday night and all was calm.",
    )
    assert found == []


def test_a_name_far_after_the_verb_is_not_what_the_act_is_about() -> None:
    # The passengers left the island; Nordvik is only where the boat took them.
    documents = _documents(
        "Most stranded passengers left the island on Saturday on a chartered fast boat to "
        "Nordvik, officials in Nordvik said."
    )
    actions = dated_actions(documents, time_mentions(documents), extract_entities(documents))
    assert actions == []


def test_a_disagreement_already_found_by_wording_is_not_repeated() -> None:
    found = _disagreements(
        "The ferry left Nordvik late Wednesday on its crossing.",
        "The ferry left Nordvik on Thursday evening on its crossing.",
    )
    assert len(found) == 1
    assert without_repeats(found, found) == []
    assert without_repeats(found, []) == found


def test_the_note_counts_sources_in_words() -> None:
    (disagreement,) = _disagreements(
        "The ferry left Nordvik late Wednesday.", "The ferry left Nordvik on Thursday evening."
    )
    assert dating_note(disagreement.claims) == (
        "Reports date this differently: 2025-03-12 (1 source), 2025-03-13 (1 source)."
    )
