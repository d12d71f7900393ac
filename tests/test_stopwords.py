"""Words of other languages are stemmed and stopped by their own rules."""

from __future__ import annotations

from storyline.stopwords import FUNCTION_WORDS, STEMMER_NAMES, has_own_rules
from storyline.terms import TermExtractor


def content(words: list[str], language: str | None) -> dict[str, tuple[str, bool]]:
    analysed = TermExtractor().analyse_words(words, language=language)
    return dict(zip(words, analysed, strict=True))


def test_every_language_with_function_words_has_a_stemmer_and_the_words_are_lower_case() -> None:
    assert set(FUNCTION_WORDS) == set(STEMMER_NAMES)
    for words in FUNCTION_WORDS.values():
        assert all(word == word.lower() and " " not in word for word in words)
    assert has_own_rules("es") and not has_own_rules("en") and not has_own_rules("zh")
    assert not has_own_rules(None)


def test_spanish_function_words_carry_no_content_and_inflections_share_a_stem() -> None:
    found = content(["de", "la", "que", "dijo", "lluvia", "lluvias", "martes"], "es")
    assert [found[word][1] for word in ("de", "la", "que", "dijo", "martes")] == [False] * 5
    assert found["lluvia"] == found["lluvias"]
    assert found["lluvia"][1]
    # Read as English, the same words were all content.
    assert all(content(["de", "la", "que", "dijo"], None)[word][1] for word in ("de", "la"))


def test_german_and_russian_words_are_read_by_their_rules() -> None:
    german = content(["der", "und", "Zugreise", "Zugreisen"], "de")
    assert not german["der"][1] and not german["und"][1]
    russian = content(["и", "в", "поезд", "поезда"], "ru")
    assert not russian["и"][1] and russian["поезд"][0] == russian["поезда"][0]


def test_an_elided_french_or_italian_article_is_not_part_of_the_word() -> None:
    french = content(["l'armée", "armée", "d'Hanoï", "qu'il"], "fr")
    assert french["l'armée"] == french["armée"]
    assert french["qu'il"][0] == "il" and not french["qu'il"][1]
    italian = content(["dell'esercito", "esercito"], "it")
    assert italian["dell'esercito"] == italian["esercito"]


def test_english_and_languages_without_rules_of_their_own_are_read_as_english() -> None:
    english = content(["the", "trains", "train"], None)
    assert content(["the", "trains", "train"], "en") == english
    assert content(["the", "trains", "train"], "ja") == english
    assert not english["the"][1] and english["trains"][0] == english["train"][0]


def test_a_turkish_capital_dotted_i_is_read_as_the_letter_i() -> None:
    # "İ" lower-cases to "i" and a combining dot, which split "İstanbul" into "i", "stanbul".
    words = TermExtractor().words("İSTANBUL'DA İzmir Istanbul")
    assert words == ("istanbul'da", "izmir", "istanbul")


def test_an_arabic_and_written_onto_a_word_with_its_article_is_not_part_of_it() -> None:
    found = content(["والحكومة", "الحكومة", "فالحكومة"], "ar")
    assert found["والحكومة"] == found["الحكومة"] == found["فالحكومة"]


def test_a_french_word_with_an_apostrophe_inside_can_be_a_function_word() -> None:
    assert not content(["aujourd'hui"], "fr")["aujourd'hui"][1]
