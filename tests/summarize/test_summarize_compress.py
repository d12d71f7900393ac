"""Shorter readings of a sentence: what they leave out, and what they never touch."""

from __future__ import annotations

import pytest
from builders import is_reading_of
from hypothesis import given
from hypothesis import strategies as st

from storyline.summarize.compress import compressions, find_cuts


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The ferry ran aground near the harbour mouth, the coast guard said Sunday.",
            "The ferry ran aground near the harbour mouth.",
        ),
        (
            "The ship was 40 metres (131 feet) from the pier when its engine failed.",
            "The ship was 40 metres from the pier when its engine failed.",
        ),
        (
            "The storm, which had stalled off the coast for days, flooded three towns.",
            "The storm flooded three towns.",
        ),
        (
            "Maria Lund, the port's harbour master, ordered the channel closed.",
            "Maria Lund ordered the channel closed.",
        ),
        (
            "However, the talks collapsed after midnight.",
            "The talks collapsed after midnight.",
        ),
        (
            "The rescue ended at dawn, according to the regional rescue centre.",
            "The rescue ended at dawn.",
        ),
    ],
)
def test_each_cut_leaves_a_grammatical_shorter_sentence(sentence: str, expected: str) -> None:
    assert expected in compressions(sentence)


def test_all_cuts_together_come_first() -> None:
    sentence = "However, the ferry, which carried 80 people, hit a rock, police said."
    assert compressions(sentence)[0] == "The ferry hit a rock."


def test_a_sentence_with_a_quotation_is_never_shortened() -> None:
    assert find_cuts('"We hit something," the captain, a veteran, said on Monday.') == []


def test_a_sentence_with_nothing_to_spare_has_no_shorter_reading() -> None:
    assert compressions("The ferry hit a rock near the island.") == []


def test_a_one_word_name_is_not_read_as_an_appositive() -> None:
    assert compressions("Meanwhile, the talks stalled, officials said.")[0] == "The talks stalled."


_PIECES = st.sampled_from(
    [
        "The ferry",
        "hit a rock",
        ", police said",
        " (local time)",
        ", which carried 80 people,",
        "However, ",
        " near Skerry Island",
        ", the harbour master,",
    ]
)


@given(st.lists(_PIECES, min_size=1, max_size=6))
def test_a_shorter_reading_only_ever_leaves_words_out(pieces: list[str]) -> None:
    sentence = "".join(pieces).strip() + "."
    for reading in compressions(sentence):
        assert len(reading.split()) < len(sentence.split())
        assert is_reading_of(reading, sentence)
