"""Features of an article for story clustering: weighted stems, names, day."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from builders import make_article

from storyline.cluster import ClusterSettings, FeatureExtractor
from storyline.cluster.features import ArticleFeatures
from storyline.pipeline import build_document


def counts_of(
    text: str, *, settings: ClusterSettings | None = None, title: str | None = None
) -> dict[str, float]:
    article = replace(make_article(text), title=title)
    return dict(FeatureExtractor(settings)(build_document(article)).counts)


def test_capitalised_runs_count_as_names_besides_their_words() -> None:
    counts = counts_of("Officials said Hurricane Mitch hit the coast of Honduras on Monday.")
    assert counts["@hurricane mitch"] > 0
    assert counts["@honduras"] > 0
    assert counts["hurrican"] > 0
    assert not any("monday" in term for term in counts)


def test_a_lone_capitalised_word_opening_a_sentence_is_not_a_name() -> None:
    extract = FeatureExtractor()
    assert extract.names("Rebels attacked a village in Uganda.") == ["uganda"]
    assert extract.names("BST Michelle Obama visited the BBC.") == ["michelle obama", "bbc"]


def test_lead_sentences_and_title_weigh_more() -> None:
    text = (
        "Floods hit Arlen. "
        + " ".join(f"Sentence {n} mentions rain." for n in range(8))
        + " Floods again."
    )
    settings = ClusterSettings(lead_sentences=1, lead_weight=3.0, title_weight=5.0)
    counts = counts_of(text, settings=settings, title="Floods")
    assert counts["flood"] == 5.0 + 3.0 + 1.0
    assert counts["rain"] == 8.0


def test_sentences_after_the_limit_are_not_read() -> None:
    text = "Floods hit Arlen. Crews arrived. Comments below: volcano volcano volcano."
    counts = counts_of(text, settings=ClusterSettings(max_sentences=2))
    assert "volcano" not in counts
    assert "crew" in counts


def test_numbers_are_not_terms_and_terms_come_in_order_with_the_heaviest_weighing_most() -> None:
    article = make_article(
        "The ferry carried 214 passengers. The ferry ran aground.",
        published=datetime(2025, 3, 14, 23, tzinfo=UTC),
    )
    item = FeatureExtractor()(build_document(article))
    assert [term for term, _ in item.counts] == sorted(term for term, _ in item.counts)
    assert max(item.counts, key=lambda pair: pair[1])[0] == "ferri"
    assert not any(term[0].isdigit() for term, _ in item.counts)
    assert item.day == date(2025, 3, 14).toordinal()
    assert item.article_id == article.id


def test_features_made_from_columns_equal_those_made_from_pairs() -> None:
    pairs = (("@hun sen", 2.5), ("hurrican", 1.0))
    made = ArticleFeatures("a1", ("@hun sen", "hurrican"), (2.5, 1.0), 7)
    assert made == ArticleFeatures.from_counts("a1", pairs, 7)
    assert made.counts == pairs
    assert ArticleFeatures("a2", (), (), None) == ArticleFeatures.from_counts("a2", ())
    with pytest.raises(ValueError, match="2 terms but 1 counts"):
        ArticleFeatures("a3", ("a", "b"), (1.0,), None)


def test_chinese_and_japanese_words_are_pairs_of_characters() -> None:
    counts = counts_of("金正恩乘坐专列抵达越南同登站。北朝鮮の金正恩委員長は列車で到着した。")
    assert {"金正", "正恩", "越南", "朝鮮", "委員", "列車"} <= set(counts)
    assert not any(len(term) > 2 for term in counts)
    assert not {"金", "恩"} & set(counts)  # a lone character is no content word


def test_a_report_in_another_language_is_read_by_its_rules_and_english_as_before() -> None:
    text = (
        "Las lluvias obligaron a evacuar a tres mil personas en la provincia de Almería. "
        "Miles de personas durmieron en el estadio de La Cartuja durante la noche del martes."
    )
    spanish = replace(make_article(text), language="es")
    counts = dict(FeatureExtractor()(build_document(spanish)).counts)
    assert not {"de", "la", "las", "el", "en", "se", "martes"} & set(counts)
    assert "lluvi" in counts and "@almería" in counts
    assert "@cartuja" in counts  # "La" at the edge of a name is a Spanish function word
    unknown = dict(FeatureExtractor()(build_document(make_article(text))).counts)
    # Read as English, as a report of no known language is.
    assert {"de", "la", "@la cartuja"} <= set(unknown)


def test_names_may_begin_with_a_capital_outside_ascii() -> None:
    extract = FeatureExtractor()
    assert extract.names("The talks at the Élysée went on in Łódź.") == ["élysée", "łódź"]
    assert extract.names("Встреча: Владимир Путин прибыл в Москву.") == [
        "владимир путин",
        "москву",
    ]
    assert extract.names("Kim reached Đồng Đăng by train.") == ["đồng đăng"]
