"""Facts and disagreements from quantities: slots, tolerance, notes, citations."""

from __future__ import annotations

from builders import make_article

from storyline.facts.claims import quantity_facts
from storyline.model import Document, Quantity
from storyline.pipeline import build_document
from storyline.terms import TermExtractor

_KM = 1000.0


def _documents(*texts: str) -> list[Document]:
    return [build_document(make_article(text, article_id=f"a{i}")) for i, text in enumerate(texts)]


def _quantity(
    documents: list[Document],
    *,
    article: int,
    phrase: str,
    meters: float,
    qualifier: str | None = None,
) -> Quantity:
    document = documents[article]
    text = document.article.text
    start = text.index(phrase)
    sent = next(s for s in document.sentences if s.start <= start < s.end)
    return Quantity(
        article_id=document.article.id,
        sentence=sent.index,
        start=start,
        end=start + len(phrase),
        text=phrase,
        value=meters,
        unit="meter",
        kind="distance",
        normalized=meters,
        base_unit="meter",
        qualifier=qualifier,
    )


def _facts(documents: list[Document], quantities: list[Quantity]):  # type: ignore[no-untyped-def]
    sentences = {(s.article_id, s.index): s for d in documents for s in d.sentences}
    texts = {d.article.id: d.article.text for d in documents}
    return quantity_facts(quantities, sentences=sentences, texts=texts, terms=TermExtractor())


def test_values_within_five_percent_are_one_fact_cited_to_every_report() -> None:
    documents = _documents(
        "The train covered 4,500 km on its long journey south to the border.",
        "The armoured train made a 2,700-mile journey south to the border.",
    )
    quantities = [
        _quantity(documents, article=0, phrase="4,500 km", meters=4500 * _KM),
        _quantity(documents, article=1, phrase="2,700-mile", meters=2700 * 1609.344),
    ]
    facts, disagreements = _facts(documents, quantities)
    assert disagreements == ()
    (fact,) = facts
    assert {citation.article for citation in fact.sources} == {"a0", "a1"}
    for citation in fact.sources:
        text = documents[int(citation.article[1:])].article.text
        assert text[citation.start : citation.end] == citation.quote


def test_values_further_apart_than_the_tolerance_disagree_with_a_note() -> None:
    documents = _documents(
        "The train covered 4,500 km on its long journey south to the border.",
        "The train covered 3,900 km on its long journey south to the border.",
    )
    quantities = [
        _quantity(documents, article=0, phrase="4,500 km", meters=4500 * _KM),
        _quantity(documents, article=1, phrase="3,900 km", meters=3900 * _KM),
    ]
    facts, disagreements = _facts(documents, quantities)
    assert len(facts) == 2
    (disagreement,) = disagreements
    assert [claim.text for claim in disagreement.claims] == ["4,500 km", "3,900 km"] or [
        claim.text for claim in disagreement.claims
    ] == ["3,900 km", "4,500 km"]
    assert "4,500 km" in disagreement.note and "3,900 km" in disagreement.note
    assert "13 %" in disagreement.note


def test_a_different_measure_is_named_in_the_note() -> None:
    documents = _documents(
        "As the crow flies the cities are 2,900 km apart, but the rail line runs 4,500 km.",
        "The train covered 4,500 km on its long journey south to the border.",
    )
    quantities = [
        _quantity(
            documents,
            article=0,
            phrase="2,900 km",
            meters=2900 * _KM,
            qualifier="as the crow flies",
        ),
        _quantity(documents, article=0, phrase="4,500 km", meters=4500 * _KM),
        _quantity(documents, article=1, phrase="4,500 km", meters=4500 * _KM),
    ]
    _, (disagreement,) = _facts(documents, quantities)
    assert "as the crow flies" in disagreement.note


def test_far_apart_values_in_unrelated_sentences_are_different_slots() -> None:
    documents = _documents(
        "The train covered 4,500 km on its long journey south to the border.",
        "From the station the leader drove 170 km to the capital by car.",
    )
    quantities = [
        _quantity(documents, article=0, phrase="4,500 km", meters=4500 * _KM),
        _quantity(documents, article=1, phrase="170 km", meters=170 * _KM),
    ]
    facts, disagreements = _facts(documents, quantities)
    assert len(facts) == 2
    assert disagreements == ()


def test_two_values_of_one_sentence_are_not_a_disagreement() -> None:
    documents = _documents(
        "At least 23 people died in the town, bringing the toll in the region to 35.",
        "Rescuers said the toll in the region stood at 35 on Sunday evening.",
    )
    quantities = [
        _quantity(documents, article=0, phrase="23 people", meters=23),
        _quantity(documents, article=0, phrase="35", meters=35),
        _quantity(documents, article=1, phrase="35", meters=35),
    ]
    _, disagreements = _facts(documents, quantities)
    assert disagreements == ()
