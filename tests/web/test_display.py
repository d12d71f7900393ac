"""Small display helpers of the pages."""

import pytest

from storyline.render.words import counted, ordinal, shortened


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 articles"), (1, "1 article"), (5, "5 articles")]
)
def test_counts_read_as_english(count: int, expected: str) -> None:
    assert counted(count, "article") == expected


def test_an_irregular_plural_can_be_given() -> None:
    assert counted(2, "story", "stories") == "2 stories"


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
    ],
)
def test_positions_read_as_english(number: int, expected: str) -> None:
    assert ordinal(number) == expected


def test_a_long_line_is_shortened_at_a_word_with_an_ellipsis() -> None:
    text = "The ferry Sula Marren ran aground near the island of Vask"
    assert shortened(text, 100) == text
    assert shortened(text, 30) == "The ferry Sula Marren ran…"
    assert len(shortened(text, 30)) <= 30
    assert shortened("Supercalifragilistic", 10) == "Supercali…"
