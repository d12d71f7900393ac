"""Small display helpers of the pages."""

import pytest

from storyline.render.words import counted


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 articles"), (1, "1 article"), (5, "5 articles")]
)
def test_counts_read_as_english(count: int, expected: str) -> None:
    assert counted(count, "article") == expected


def test_an_irregular_plural_can_be_given() -> None:
    assert counted(2, "story", "stories") == "2 stories"
