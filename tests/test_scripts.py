"""Words and sentence openings in scripts with and without spaces and case."""

from __future__ import annotations

import pytest

from storyline.scripts import opens_sentence, word_count


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The storm reached the coast on Tuesday", 7),
        ("Сильный шторм обрушился на побережье", 5),
        ("火曜日の朝、強い嵐が沿岸を襲った。", 7.5),  # 15 characters of the script, 2 marks
        ("東京 Tokyo 会見", 3),  # two characters either side of a spaced word
        ("", 0),
    ],
)
def test_word_count_counts_two_characters_a_word_where_no_space_parts_them(
    text: str, words: float
) -> None:
    assert word_count(text) == words


@pytest.mark.parametrize(
    ("character", "opens"),
    [
        *[("T", True), ("É", True), ("С", True), ("7", True), ("ع", True), ("日", True)],
        *[("t", False), ("é", False), ("с", False), (",", False), ("“", False)],
    ],
)
def test_a_sentence_opens_with_a_capital_a_digit_or_a_caseless_letter(
    character: str, opens: bool
) -> None:
    assert opens_sentence(character) is opens
