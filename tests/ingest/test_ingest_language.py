from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.language import STOPWORDS, identify_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The president said on Tuesday that the government would not change the rules and "
            "that it has no other plans for this year.",
            "en",
        ),
        (
            "Der Präsident hat am Dienstag gesagt, dass die Regierung die Regeln nicht ändern "
            "wird und auch keine weiteren Pläne für dieses Jahr hat.",
            "de",
        ),
        (
            "Le président a déclaré mardi que le gouvernement ne changera pas les règles et qu'il "
            "n'a pas d'autres projets pour cette année.",
            "fr",
        ),
        (
            "El presidente dijo el martes que el gobierno no cambiará las reglas y que no tiene "
            "otros planes para este año en el país.",
            "es",
        ),
        (
            "Il presidente ha detto martedì che il governo non cambierà le regole e che non ha "
            "altri piani per questo anno nel paese.",
            "it",
        ),
        (
            "O presidente disse na terça-feira que o governo não vai mudar as regras e que não "
            "tem outros planos para este ano no país.",
            "pt",
        ),
        (
            "De president zei dinsdag dat de regering de regels niet zal veranderen en dat hij "
            "geen andere plannen heeft voor dit jaar.",
            "nl",
        ),
    ],
)
def test_each_covered_language_is_identified(text: str, language: str) -> None:
    assert identify_language(text) == language


@pytest.mark.parametrize("text", ["", "Hello world", "12 34 56 78 90 12 34 56 78", "ab " * 30])
def test_too_little_evidence_gives_none(text: str) -> None:
    assert identify_language(text) is None


@given(st.text())
def test_any_text_gives_a_covered_language_or_none(text: str) -> None:
    assert identify_language(text) in {*STOPWORDS, None}
