"""Facts and disagreements from quantities: slots, tolerance, notes, citations."""

from __future__ import annotations

from datetime import date

import pytest
from builders import make_article
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.facts import claims
from storyline.facts.claims import quantity_facts
from storyline.facts.quantities import QuantityFinder
from storyline.model import Citation, Document, Quantity
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


def _found(documents: list[Document]) -> list[Quantity]:
    """The quantities ``QuantityFinder`` finds in the documents' sentences, in order."""
    finder = QuantityFinder()
    return [quantity for doc in documents for sent in doc.sentences for quantity in finder(sent)]


def _facts(  # type: ignore[no-untyped-def]
    documents: list[Document],
    quantities: list[Quantity],
    *,
    published: dict[str, date] | None = None,
):
    sentences = {(s.article_id, s.index): s for d in documents for s in d.sentences}
    texts = {d.article.id: d.article.text for d in documents}
    return quantity_facts(
        quantities, sentences=sentences, texts=texts, terms=TermExtractor(), published=published
    )


def _disagree(*texts: str) -> bool:
    """Whether reports of these texts disagree on a figure they state."""
    documents = _documents(*texts)
    _, disagreements = _facts(documents, _found(documents))
    return bool(disagreements)


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


# Slots and value groups, checked against trying every pair (issue 7.2: a story repeating its
# figures made quantity_facts quadratic in the number of statements).

_WORDS = ("bridge", "closed", "months", "ferry", "route", "island")


def _statement(
    value: float,
    *,
    kind: str = "distance",
    sentence: int = 0,
    article: int = 0,
    qualifier: str | None = None,
    approximate: bool = False,
    words: frozenset[str] = frozenset(),
    near: frozenset[str] = frozenset(),
    fate: str | None = None,
) -> claims._Statement:
    quantity = Quantity(
        article_id=f"a{article}",
        sentence=sentence,
        start=0,
        end=1,
        text=f"{value:g}",
        value=value,
        unit="meter",
        kind=kind,
        normalized=value,
        base_unit="meter",
        qualifier=qualifier,
        approximate=approximate,
    )
    citation = Citation(f"a{article}", sentence, 0, 1, "x")
    return claims._Statement(quantity, citation, words, near, f"{value:g}", fate)


def _pairwise_slots(
    statements: list[claims._Statement], settings: claims.FactSettings
) -> list[list[claims._Statement]]:
    """The slots by the definition: every pair compared, linked pairs joined."""

    def same_slot(left: claims._Statement, right: claims._Statement) -> bool:
        a, b = left.quantity, right.quantity
        if (a.kind, a.base_unit) != (b.kind, b.base_unit):
            return False
        if None not in (left.fate, right.fate) and left.fate != right.fate:
            return False
        if claims._agree(a, b, settings=settings):
            return True
        if a.kind != "percentage" and not claims._within_ratio(a, b, settings=settings):
            return False
        if (a.article_id, a.sentence) == (b.article_id, b.sentence):
            return a.qualifier != b.qualifier
        return len(left.stems & right.stems) >= settings.min_shared_words and bool(
            left.context & right.context
        )

    group_of = list(range(len(statements)))
    for i in range(len(statements)):
        for j in range(i + 1, len(statements)):
            if same_slot(statements[i], statements[j]) and group_of[i] != group_of[j]:
                old, new = group_of[j], group_of[i]
                group_of = [new if group == old else group for group in group_of]
    groups: dict[int, list[claims._Statement]] = {}
    for i, statement in enumerate(statements):
        groups.setdefault(group_of[i], []).append(statement)
    return list(groups.values())


_STATEMENTS = st.lists(
    st.builds(
        _statement,
        st.sampled_from([0.0, 100.0, 104.0, 150.0, 190.0, 230.0, 400.0, -100.0]),
        kind=st.sampled_from(["distance", "people", "percentage"]),
        sentence=st.integers(0, 2),
        article=st.integers(0, 2),
        qualifier=st.sampled_from([None, "as the crow flies"]),
        approximate=st.booleans(),
        words=st.frozensets(st.sampled_from(_WORDS), max_size=4),
        near=st.frozensets(st.sampled_from(_WORDS[:3]), max_size=2),
        fate=st.sampled_from([None, "dead", "hurt"]),
    ),
    max_size=30,
)


@given(_STATEMENTS)
@settings(max_examples=300, deadline=None)
def test_slots_are_those_of_comparing_every_pair(statements: list[claims._Statement]) -> None:
    settings_ = claims.FactSettings()
    assert claims._slots(statements, settings=settings_) == _pairwise_slots(statements, settings_)


@given(_STATEMENTS)
@settings(max_examples=300, deadline=None)
def test_value_groups_are_those_of_comparing_every_member(
    statements: list[claims._Statement],
) -> None:
    settings_ = claims.FactSettings()
    ordered = sorted(statements, key=lambda s: (s.quantity.approximate, s.quantity.normalized))
    expected: list[list[claims._Statement]] = []
    for statement in ordered:
        agreeing = [
            group
            for group in expected
            if all(claims._agree(m.quantity, statement.quantity, settings=settings_) for m in group)
        ]
        if agreeing:
            max(agreeing, key=lambda group: len(claims._articles(group))).append(statement)
        else:
            expected.append([statement])
    expected.sort(key=lambda group: -len(claims._articles(group)))
    assert claims._agreeing_values(statements, settings=settings_) == expected


def test_a_figure_repeated_through_a_story_costs_comparisons_linear_in_its_statements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = 0
    agree = claims._agree

    def counting_agree(
        a: Quantity, b: Quantity, *, settings: claims.FactSettings, bounds: bool = False
    ) -> bool:
        nonlocal calls
        calls += 1
        return agree(a, b, settings=settings, bounds=bounds)

    monkeypatch.setattr(claims, "_agree", counting_agree)
    words = frozenset({"bridge", "closed"})
    statements = [
        _statement(value, kind=kind, sentence=i, words=words)
        for i in range(1_000)
        for value, kind in ((1200.0, "people"), (3.4, "percentage"), (8.0, "distance"))
    ]
    slots = claims._slots(statements, settings=claims.FactSettings())
    for slot in slots:
        claims._agreeing_values(slot, settings=claims.FactSettings())
    assert len(slots) == 3
    assert calls < 10 * len(statements)  # every pair: 1.5 million


def test_a_part_and_its_whole_are_not_a_disagreement() -> None:
    documents = _documents(
        "The party won 64 of the 122 parliamentary seats in the July election.",
        "The party won 64 of the 122 seats in parliament in the July election.",
        "The party holds a majority of 64 seats in the parliament elected in July.",
    )
    quantities = _found(documents)
    assert sorted(q.value for q in quantities) == [64, 64, 64, 122, 122]
    facts, disagreements = _facts(documents, quantities)
    assert disagreements == ()
    assert sorted(fact.value for fact in facts) == [64, 122]


def test_a_time_counted_back_is_no_measure_but_a_gap_between_events_is() -> None:
    documents = _documents(
        "The governor took office only four years ago after a close race in the state.",
        "The governor took office two years ago after a close race, aides said.",
        "The governor's race ended three days after the vote count in the state.",
        "The governor's race ended only 48 hours after the vote count, aides said.",
    )
    quantities = _found(documents)
    assert len(quantities) == 4
    facts, disagreements = _facts(documents, quantities)
    assert sorted(fact.text for fact in facts) == ["48 hours", "three days"]
    (disagreement,) = disagreements
    assert {claim.text for claim in disagreement.claims} == {"48 hours", "three days"}


def test_counts_of_different_things_in_one_story_are_no_disagreement() -> None:
    documents = _documents(
        "The storm killed 60 people in the valley towns on Saturday, officials said.",
        "The storm in the valley killed 65 people on Saturday, officials said.",
        "In the valley hit by the storm, aid workers have found beds for 110 people whose houses "
        "were flattened.",
    )
    quantities = _found(documents)
    assert sorted(q.value for q in quantities) == [60, 65, 110]
    _, disagreements = _facts(documents, quantities)
    # The killed are counted differently; the homeless are others, though the sentences share
    # "storm" and "valley" (the words near the counts do not).
    (disagreement,) = disagreements
    assert {claim.text for claim in disagreement.claims} == {"60 people", "65 people"}


def test_the_dead_and_the_injured_are_never_one_figure() -> None:
    documents = _documents(
        "The bus crash near Tirlan on Monday left 12 people injured, police said.",
        "The bus crash near Tirlan on Monday ended with 12 people hurt, police said.",
        "Police said the bus crash near Tirlan on Monday killed 7 people and injured 14 people.",
    )
    quantities = _found(documents)
    assert sorted(q.value for q in quantities) == [7, 12, 12, 14]
    _, disagreements = _facts(documents, quantities)
    (disagreement,) = disagreements  # the injured: 12 against 14; the 7 dead are no rival
    assert {claim.text for claim in disagreement.claims} == {"12 people", "14 people"}


@pytest.mark.parametrize(
    ("first", "second", "disagree"),
    [
        ("It took more than a month to cap the leaking well.", "It took five weeks to cap the leaking well.", False),
        ("It took up to six weeks to cap the leaking well.", "It took five weeks to cap the leaking well.", False),
        ("It took at least two weeks to cap the leaking well.", "It took more than a month to cap the leaking well.", False),
        ("It took more than six weeks to cap the leaking well.", "It took five weeks to cap the leaking well.", True),
        ("It took up to four weeks to cap the leaking well.", "It took five weeks to cap the leaking well.", True),
    ],
)  # fmt: skip
def test_a_bound_agrees_with_the_values_it_holds(first: str, second: str, disagree: bool) -> None:
    assert _disagree(first, second) is disagree


def test_a_note_names_at_most_three_other_wordings_of_a_value() -> None:
    wordings = ["60", "about 60", "some 60", "nearly 60", "around 60", "roughly 60", "90", "90"]
    texts = [f"The ferry fire killed {wording} people on the island." for wording in wordings]
    documents = _documents(*texts)
    _, (disagreement,) = _facts(documents, _found(documents))
    assert "60 people (6 reports, also given as " in disagreement.note
    assert " and 2 other wordings)" in disagreement.note
    assert "90 people (2 reports)" in disagreement.note


@pytest.mark.parametrize(
    ("first", "second", "rivals"),
    [
        # The same thing measured: the words before and after the figures, or the thing named
        # right after them.
        ("The rescue took five hours in high winds, the coast guard said.", "The rescue took nearly six hours from the first call, the coast guard said.", True),
        ("He was still trailing Voinovich by 10 percentage points in some polls.", "He is still trailing Voinovich by 15 percentage points in some polls.", True),
        ("Engineers checked the 44,000-pound Zarya before the launch.", "Engineers checked the 24-ton Zarya before the launch.", True),
        # A figure in another role, though the sentences share their words.
        ("The deficit of the government is about 7 percent of gross domestic product.", "The government has a surplus of 2.6 percent of gross domestic product.", False),
        ("The dissident has already spent 12 years in prison for democracy.", "The government sentenced the dissident to 10 years for democracy.", False),
        # Tokenised brackets are no words in common; ages of two girls are two people's.
        ("BP sprayed 267,000 gallons -LRB- 1 million litres -RRB- of dispersant on the slick.", "The well leaked 210,000 gallons -LRB- 795,000 litres -RRB- of oil a day, BP said.", False),
        ("Doctors treated a 14-year-old girl in the hospital at Leeds on Monday.", "A 12-year-old girl was treated by doctors in the hospital at York.", False),
    ],
)  # fmt: skip
def test_a_rival_figure_must_measure_the_same_thing(first: str, second: str, rivals: bool) -> None:
    assert _disagree(first, second) is rivals


def test_counts_of_people_need_no_closer_match_to_be_rivals() -> None:
    documents = _documents(
        "The hurricane killed 6,076 people across Honduras, officials estimate.",
        "Officials now say 7,000 people were killed by the hurricane in Honduras.",
    )
    _, (disagreement,) = _facts(documents, _found(documents))
    assert {claim.text for claim in disagreement.claims} == {"6,076 people", "7,000 people"}


def test_rival_values_from_reports_of_successive_days_are_noted_as_a_possible_update() -> None:
    documents = _documents(
        "Health officials said the virus has killed 19 people in the country so far.",
        "Health officials said the virus has killed 25 people in the country so far.",
    )

    def note(published: dict[str, date]) -> str:
        _, (disagreement,) = _facts(documents, _found(documents), published=published)
        return str(disagreement.note)

    later = {"a0": date(2009, 5, 3), "a1": date(2009, 5, 4)}
    assert note(later).endswith(
        " The reports are of different days (19 people on 2009-05-03, 25 people on "
        "2009-05-04): a later figure may be an update."
    )
    assert "update" not in note({"a0": date(2009, 5, 3), "a1": date(2009, 5, 3)})
    assert "update" not in note({"a0": date(2009, 5, 3)})  # a report of unknown day


def test_a_value_that_is_no_rival_is_a_fact_about_its_own_words() -> None:
    documents = _documents(
        "The deficit of the government is about 7 percent of gross domestic product.",
        "The government has a surplus of 2.6 percent of gross domestic product.",
    )
    facts, disagreements = _facts(documents, _found(documents))
    assert disagreements == ()
    assert {fact.text: fact.about for fact in facts} == {
        "about 7 percent": "percentage: of the government is about 7 percent of gross domestic product",
        "2.6 percent": "percentage: has a surplus of 2.6 percent of gross domestic product",
    }


def test_two_figures_of_one_sentence_copied_into_two_reports_are_no_rivals() -> None:
    sentence = "The rate was 0.4 percent in mild cases and the rate was 4 percent in severe cases."
    documents = _documents(
        sentence,
        sentence,
        "Only 0.4 percent of patients with mild cases needed care, the rate study found.",
        "In severe cases 4 percent of patients needed care, the rate study found.",
    )
    _, disagreements = _facts(documents, _found(documents))
    assert disagreements == ()


def test_no_update_is_suggested_for_ages_of_reports_of_different_days() -> None:
    documents = _documents(
        "Police said the 39-year-old driver of the bus was arrested at the scene.",
        "Police said the 45-year-old driver of the bus was arrested at the scene.",
    )
    published = {"a0": date(2009, 5, 3), "a1": date(2009, 5, 4)}
    _, (disagreement,) = _facts(documents, _found(documents), published=published)
    assert "update" not in disagreement.note


def test_a_value_is_named_by_a_figure_rather_than_a_bound_that_allows_it() -> None:
    documents = _documents(
        "The flu has killed 70 Mexicans so far, officials said.",
        "The flu has killed 70 Mexicans so far, officials said on Monday.",
        "The flu has killed up to 50 Mexicans so far, officials said.",
        "The flu has killed 43 Mexicans so far, officials said.",
    )
    _, (disagreement,) = _facts(documents, _found(documents))
    assert {claim.text for claim in disagreement.claims} == {"70 Mexicans", "43 Mexicans"}
    assert "also given as up to 50 Mexicans" in disagreement.note
    assert "they differ by 39 %" in disagreement.note  # of the values named: 43 against 70


def test_figures_of_two_names_are_no_rivals() -> None:
    documents = _documents(
        "On Monday BP shares fell 7 percent in London trading, dealers said.",
        "On Monday Shell shares fell 0.9 percent in London trading, dealers said.",
        "On Monday BP shares fell 5 percent in London trading, dealers said.",
    )
    _, (disagreement,) = _facts(documents, _found(documents))
    assert {claim.text for claim in disagreement.claims} == {"7 percent", "5 percent"}
