"""Named entities: recognition, typing, merging of spellings and citations."""

from __future__ import annotations

import pickle

import pytest
from builders import SEEDS, make_article
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.config import Config
from storyline.facts.entities import extract_entities
from storyline.ingest import read_inputs
from storyline.model import Document, Entity
from storyline.pipeline import build_document


def make_documents(*texts: str) -> list[Document]:
    return [
        build_document(make_article(text, article_id=f"a{number}"))
        for number, text in enumerate(texts, start=1)
    ]


def find(entities: tuple[Entity, ...], spelling: str) -> Entity:
    """The entity named or also spelled ``spelling``."""
    found = [e for e in entities if e.name == spelling or spelling in e.aliases]
    assert len(found) == 1, f"{spelling!r} in {[(e.name, e.aliases) for e in entities]}"
    return found[0]


def names(entities: tuple[Entity, ...]) -> set[str]:
    return {spelling for entity in entities for spelling in (entity.name, *entity.aliases)}


@pytest.mark.parametrize(
    ("texts", "spellings", "name"),
    [
        pytest.param(
            (
                "Kim Jong Un reached the border early. Officials said Kim Jong Un looked tired.",
                "North Korean leader Kim Jong-un left by train. Kim Jong-un sat by the window.",
                "Kim Jong Un waved to a crowd. The crowd answered with shouts of KIM JONG UN today.",
            ),
            ("Kim Jong Un", "Kim Jong-un", "KIM JONG UN"),
            "Kim Jong Un",
            id="case-hyphen-space",
        ),
        pytest.param(
            (
                "The talks were chaired by Nguyễn Phú Trọng in the capital.",
                "Observers said Nguyen Phu Trong spoke for an hour.",
            ),
            ("Nguyễn Phú Trọng", "Nguyen Phu Trong"),
            None,
            id="diacritics",
        ),
        pytest.param(
            (
                "Reporters waited for U.S. President Donald Trump at the airport.",
                "Mr Trump praised the hotel. Later President Trump waved from the car.",
                "Critics said Trump had promised too much.",
            ),
            ("Donald Trump", "Trump"),
            "Donald Trump",
            id="surname-and-titles",
        ),
        pytest.param(
            (
                "The delegation included Kim Yo Jong and several aides.",
                "Kim Yo Jong's role has grown in recent years.",
            ),
            ("Kim Yo Jong",),
            "Kim Yo Jong",
            id="possessive",
        ),
        pytest.param(
            (
                "A message signed Donald J. Trump appeared online.",
                "Donald Trump wrote the message himself, aides said.",
            ),
            ("Donald Trump", "Donald J. Trump"),
            "Donald Trump",
            id="middle-initial",
        ),
    ],
)
def test_spellings_of_one_name_merge_into_one_entity(
    texts: tuple[str, ...], spellings: tuple[str, ...], name: str | None
) -> None:
    entities = extract_entities(make_documents(*texts))
    entity = find(entities, spellings[0])
    assert set(spellings) <= {entity.name, *entity.aliases}
    if name is not None:
        assert entity.name == name
    assert entity.name not in entity.aliases


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "The ministry said Foreign Minister Sergei Lavrov would travel.",
            "Sergei Lavrov",
            "person",
        ),
        ("Sarah Sanders told reporters the dinner would be short.", "Sarah Sanders", "person"),
        ("The visit was confirmed by his sister Kim Yo Jong.", "Kim Yo Jong", "person"),
        ("Guards closed the station in the town of Dong Dang.", "Dong Dang", "place"),
        ("The motorcade drove through Lang Son Province at dawn.", "Lang Son Province", "place"),
        ("Talks were held in Quang Ninh after the visit.", "Quang Ninh", "place"),
        ("The delegation flew on to Hanoi after lunch.", "Hanoi", "place"),
        (
            "The Korean Central News Agency published photos.",
            "Korean Central News Agency",
            "organisation",
        ),
        ("The report came from the news agency Yonhap.", "Yonhap", "organisation"),
        ("The Foreign Ministry issued a statement.", "Foreign Ministry", "organisation"),
        ("Both sides hope to end the Korean War formally.", "Korean War", "other"),
        ("The ferry, operated by Skerra Line, sailed late.", "Skerra Line", "organisation"),
        (
            "Skerra Line chief executive Henrik Dahl apologised.",
            "Skerra Line",
            "organisation",
        ),
        ("The ferry ran aground on the Corran Ledge at dawn.", "Corran Ledge", "place"),
    ],
)
def test_entities_are_typed_by_their_words_and_context(text: str, name: str, kind: str) -> None:
    entity = find(extract_entities(make_documents(text)), name)
    assert (entity.name, entity.kind) == (name, kind)


def test_a_surname_shared_by_several_full_names_stays_its_own_entity() -> None:
    entities = extract_entities(
        make_documents(
            "Kim Jong Un arrived with Kim Yo Jong. Kim waved from the platform.",
            "Kim Jong Un and Kim Yo Jong met officials. Later Kim spoke briefly.",
        )
    )
    alone = find(entities, "Kim")
    assert alone.name == "Kim" and alone.aliases == ()
    assert "Kim" not in find(entities, "Kim Jong Un").aliases
    assert "Kim" not in find(entities, "Kim Yo Jong").aliases


def test_a_surname_joins_the_only_full_name_containing_it() -> None:
    entities = extract_entities(
        make_documents(
            "Kim Jong Un arrived by train. Kim waved from the platform.",
            "Kim Jong Un met officials. Later Mr Kim spoke briefly.",
        )
    )
    assert "Kim" in find(entities, "Kim Jong Un").aliases


def test_a_place_name_does_not_join_an_organisation_containing_it() -> None:
    entities = extract_entities(
        make_documents(
            "The Washington Post reported the talks. Officials in Washington were pleased.",
            "Washington has called for concrete steps, the Washington Post wrote.",
        )
    )
    assert find(entities, "Washington").kind == "place"
    assert find(entities, "Washington Post").kind == "organisation"


@pytest.mark.parametrize(
    ("expansion", "acronym", "kind"),
    [
        ("Korean Central News Agency", "KCNA", "organisation"),
        ("Democratic People's Republic of Korea", "DPRK", "place"),
        ("International Monetary Fund", "IMF", "organisation"),
    ],
)
def test_an_acronym_joins_the_name_it_abbreviates(expansion: str, acronym: str, kind: str) -> None:
    entities = extract_entities(
        make_documents(
            f"The {expansion} said the talks went well.",
            f"According to the {acronym}, the talks went well. The {acronym} gave no details.",
        )
    )
    entity = find(entities, acronym)
    assert (entity.name, entity.kind) == (expansion, kind)
    assert acronym in entity.aliases


def test_an_acronym_without_its_expansion_is_an_entity_of_its_own() -> None:
    entities = extract_entities(
        make_documents("The KCNA released photos.", "Photos released by the KCNA show a train.")
    )
    assert find(entities, "KCNA").aliases == ()


def test_a_ships_prefix_stays_with_its_name() -> None:
    # "MV" was cut off as an acronym before a name, and became a "who" of its own.
    entities = extract_entities(
        make_documents(
            "The MV Kalemela capsized near Mwanza, police said.",
            "Rescuers reached the MV Kalemela within an hour.",
        )
    )
    assert "MV Kalemela" in names(entities)
    assert "MV" not in names(entities)


def test_hyphenated_pairs_of_names_count_for_both() -> None:
    entities = extract_entities(
        make_documents(
            "Trump met Kim in Singapore. Kim smiled.",
            "The Trump-Kim meeting starts on Wednesday. Trump arrives first.",
        )
    )
    trump_kim = "The Trump-Kim meeting starts on Wednesday."
    assert trump_kim in {c.quote for c in find(entities, "Trump").mentions}
    assert trump_kim in {c.quote for c in find(entities, "Kim").mentions}
    assert "Trump-Kim" not in names(entities)


@pytest.mark.parametrize(
    "text",
    [
        "However, Summit Talks Begin. However the talks went on; however long they took.",
        "Kim Jong Un Arrives In Hanoi For Summit With Trump. The leader arrives in the summit city.",
    ],
)
def test_sentence_initial_words_and_headline_words_are_not_names(text: str) -> None:
    found = names(extract_entities(make_documents(text)))
    assert not found & {"However", "Arrives", "In", "For", "Summit", "With", "Talks", "The"}


def test_a_sentence_in_capitals_gives_only_names_found_elsewhere() -> None:
    entities = extract_entities(
        make_documents(
            "The talks went well. KIM JONG UN ARRIVES IN HANOI FOR TALKS. The leaders left.",
            "Kim Jong Un arrived in Hanoi by train. Officials in Hanoi said he was tired.",
        )
    )
    assert "KIM JONG UN" in find(entities, "Kim Jong Un").aliases
    assert "HANOI" in find(entities, "Hanoi").aliases
    assert not names(entities) & {"ARRIVES", "TALKS", "KIM JONG UN ARRIVES"}


def test_titles_months_weekdays_and_nationalities_are_not_names() -> None:
    found = names(
        extract_entities(
            make_documents(
                "On Tuesday the North Korean leader met the President in February.",
                "Vietnamese officials said the Chairman would attend on Tuesday in February.",
            )
        )
    )
    assert not found & {"Tuesday", "February", "North Korean", "Vietnamese", "President"}


def test_entities_named_in_one_sentence_are_dropped_unless_there_is_one_document() -> None:
    text = "Mike Pompeo met Stephen Biegun in Hanoi. Later Pompeo left."
    assert "Stephen Biegun" in names(extract_entities(make_documents(text)))
    two = extract_entities(make_documents(text, "On Friday Pompeo returned to Washington."))
    assert "Stephen Biegun" not in names(two)
    assert "Pompeo" in names(two)


def test_entities_are_ranked_by_the_number_of_documents_naming_them() -> None:
    entities = extract_entities(
        make_documents(
            "Pyongyang was quiet. Officials in Pyongyang and Hanoi waited.",
            "Hanoi was busy. Crowds in Hanoi lined the road.",
            "Hanoi closed roads. Hanoi police stood guard.",
        )
    )
    assert [e.name for e in entities[:2]] == ["Hanoi", "Pyongyang"]


def test_citations_quote_the_article_at_their_offsets_once_per_sentence() -> None:
    documents = make_documents(
        "Kim Jong Un met Trump in Hanoi. Trump and Kim Jong Un shook hands; Trump smiled.",
        "In Hanoi, Kim Jong-un’s car passed. Crowds in Hanoi cheered Kim Jong-un.",
    )
    texts = {doc.article.id: doc.article.text for doc in documents}
    entities = extract_entities(documents)
    assert entities
    for entity in entities:
        places = [(c.article, c.sentence) for c in entity.mentions]
        assert len(places) == len(set(places)) and places == sorted(places)
        for citation in entity.mentions:
            assert texts[citation.article][citation.start : citation.end] == citation.quote


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from("Ab Kim-’s. ,JONGُالم"), max_size=120))
def test_any_text_gives_verbatim_citations(text: str) -> None:
    documents = make_documents(text, text)
    for entity in extract_entities(documents):
        for citation in entity.mentions:
            assert text[citation.start : citation.end] == citation.quote


def test_empty_input_and_unicode_text() -> None:
    assert extract_entities([]) == ()
    documents = make_documents(
        "وصل كيم جونغ أون إلى هانوي. Kim Jong Un said he was glad to be in Hanoi.",
        "Kim Jong Un left Hanoi. قال المسؤولون إن الزيارة انتهت.",
    )
    entities = extract_entities(documents)
    assert find(entities, "Kim Jong Un").kind == "person"
    assert pickle.loads(pickle.dumps(entities)) == entities


@pytest.fixture(scope="module")
def seed_entities() -> tuple[Entity, ...]:
    if not SEEDS.is_dir():
        pytest.skip("the seed reports are not available")
    result = read_inputs([SEEDS], config=Config())
    return extract_entities([build_document(article) for article in result.articles])


def test_seed_reports_name_kim_jong_un_as_one_person_in_all_five(
    seed_entities: tuple[Entity, ...],
) -> None:
    entity = find(seed_entities, "Kim Jong Un")
    assert entity.kind == "person"
    assert {"Kim Jong Un", "Kim Jong-un"} <= {entity.name, *entity.aliases}
    assert len({citation.article for citation in entity.mentions}) == 5
    assert "Kim" not in entity.aliases  # Kim Yo Jong and Kim Yong Chol travel with him


def test_seed_reports_name_hanoi_as_a_place_and_merge_trump_and_kcna(
    seed_entities: tuple[Entity, ...],
) -> None:
    assert find(seed_entities, "Hanoi").kind == "place"
    trump = find(seed_entities, "Donald Trump")
    assert (trump.name, trump.kind) == ("Donald Trump", "person")
    assert "Trump" in trump.aliases
    assert find(seed_entities, "KCNA").name == "Korean Central News Agency"
