from pathlib import Path

import pytest
from builders import SEEDS, is_reading_of, make_article
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline import Config, digest
from storyline.clean import line_debris_kind, sentence_debris_kind
from storyline.model import Digest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "ferry"


def _article_texts(result: Digest) -> dict[str, str]:
    return {article.id: article.text for article in result.articles}


def _all_sentences(result: Digest) -> list:
    story_sentences = []
    for story in result.stories:
        if story.summary.headline is not None:
            story_sentences.append(story.summary.headline)
        story_sentences.extend(story.summary.sentences)
    return story_sentences


@pytest.fixture(scope="module")
def seeds_digest() -> Digest:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    return digest([SEEDS])


def test_seeds_make_one_story_with_a_headline_and_summary(seeds_digest: Digest) -> None:
    assert len(seeds_digest.articles) == 5
    assert not seeds_digest.rejections
    (story,) = seeds_digest.stories
    assert story.summary.headline is not None
    assert len(story.summary.headline.text.split()) <= 40
    assert len(story.summary.sentences) >= 2
    assert sum(len(s.text.split()) for s in story.summary.sentences) <= 120


def test_every_seed_summary_sentence_is_cited_verbatim_at_its_offsets(seeds_digest: Digest) -> None:
    texts = _article_texts(seeds_digest)
    for sent in _all_sentences(seeds_digest):
        assert sent.sources, sent.text
        assert is_reading_of(sent.text, sent.sources[0].quote)
        for citation in sent.sources:
            assert texts[citation.article][citation.start : citation.end] == citation.quote


def test_seed_summary_draws_on_at_least_three_reports_and_has_no_debris(
    seeds_digest: Digest,
) -> None:
    cited = {c.article for sent in _all_sentences(seeds_digest) for c in sent.sources}
    assert len(cited) >= 3
    for sent in _all_sentences(seeds_digest):
        assert sentence_debris_kind(sent.text) is None
        assert line_debris_kind(sent.text) is None
        for marker in ("Photo", "Credit:", "Read more", "RELATED", "©", "8h"):
            assert marker not in sent.text


def test_bundled_example_digest_is_cited_and_within_budget() -> None:
    result = digest([EXAMPLE], config=Config(max_words=80))
    assert len(result.articles) == 5
    (story,) = result.stories
    assert sum(len(s.text.split()) for s in story.summary.sentences) <= 80
    texts = _article_texts(result)
    for sent in _all_sentences(result):
        for citation in sent.sources:
            assert texts[citation.article][citation.start : citation.end] == citation.quote


def test_wire_copy_adds_citations_not_repetition() -> None:
    original = (
        "Flood waters swept through the river town of Arlen on Monday, forcing 3,000 residents from "
        "their homes. The river rose four metres in six hours after two days of heavy rain, the "
        "regional water authority said. Emergency shelters opened in two schools and a sports hall. "
        "The mayor said damage to the old bridge would take months to repair."
    )
    copy = original.replace("The mayor said", "Mayor Ida Berg said")
    other = (
        "Residents of Arlen began cleaning up on Tuesday after the flood forced 3,000 people from "
        "their homes. Officials said the river rose four metres in six hours. Insurers expect "
        "claims to reach 40 million euros, and the old bridge stays closed."
    )
    result = digest(
        [
            make_article(original, article_id="wire"),
            make_article(copy, article_id="copy"),
            make_article(other, article_id="local"),
        ]
    )
    (story,) = result.stories
    texts = [s.text for s in story.summary.sentences]
    assert len(texts) == len(set(texts))
    first = story.summary.sentences[0]
    assert {"wire", "copy"} <= {c.article for c in first.sources}


def test_raw_strings_of_text_are_articles() -> None:
    text = (
        "A fire destroyed a warehouse in the port of Velm on Sunday night, the fire brigade said.\n\n"
        "Nobody was hurt, and the cause of the fire is not yet known, officials said on Monday."
    )
    result = digest([text])
    assert len(result.articles) == 1
    assert result.stories[0].summary.sentences


def test_one_input_may_be_given_alone_not_in_a_list() -> None:
    # A string is one path (or text), not a sequence of one-character paths ("/" is the root).
    text = (
        "A fire destroyed a warehouse in the port of Velm on Sunday night, the fire brigade said.\n"
    )
    listed = digest([str(EXAMPLE)])
    for single in (str(EXAMPLE), EXAMPLE):
        alone = digest(single)
        assert [a.id for a in alone.articles] == [a.id for a in listed.articles]
        assert not alone.rejections
    assert [a.text for a in digest(text).articles] == [text]


_SURROGATE_TEXT = (
    "The council said on Tuesday that the bridge would stay closed for eight more months, "
    "officials said. \ud800 "
) * 3 + "\n"


@pytest.mark.parametrize(
    ("item", "source", "field"),
    [
        (_SURROGATE_TEXT, "<text 2>", "'text'"),
        (make_article(_SURROGATE_TEXT, article_id="bad"), "<bad>", "'text'"),
        (make_article("The bridge stays closed.", article_id="b\udc80"), "<b\\udc80>", "'id'"),
    ],
    ids=["string", "article-text", "article-id"],
)
def test_an_input_holding_a_lone_surrogate_is_an_encoding_rejection_and_the_rest_goes_on(
    item: object, source: str, field: str
) -> None:
    good = "A fire destroyed a warehouse in the port of Velm on Sunday night, officials said.\n"
    result = digest([good, item])  # type: ignore[list-item]
    assert [article.id for article in result.articles] == ["text-1"]
    (rejection,) = result.rejections
    assert (rejection.source, rejection.reason) == (source, "encoding")
    assert f"input 2's {field} holds a lone surrogate" in rejection.detail


def test_an_article_without_text_is_a_no_text_rejection_and_the_rest_goes_on() -> None:
    good = make_article("A fire destroyed a warehouse in the port of Velm on Sunday night.")
    result = digest([good, make_article("  \n ", article_id="blank")])
    assert [article.id for article in result.articles] == ["a1"]
    assert [(item.source, item.reason) for item in result.rejections] == [("<blank>", "no-text")]


def test_clusters_declared_in_input_become_separate_stories() -> None:
    first = make_article(
        "A storm hit the coast on Monday and cut power to 20,000 homes, the utility said.",
        article_id="x1",
        group="storm",
    )
    second = make_article(
        "Voters in the city elected a new mayor on Sunday after a close race, officials said.",
        article_id="y1",
        group="vote",
    )
    result = digest([first, second])
    assert [story.article_ids for story in result.stories] == [("x1",), ("y1",)]


def test_missing_path_is_rejected_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "The bridge over the river reopened on Friday after two years of repairs, the city said.\n",
        encoding="utf-8",
    )
    result = digest([good, tmp_path / "absent.txt"])
    assert len(result.articles) == 1
    assert [r.reason for r in result.rejections] == ["not-found"]
    assert "absent.txt" in result.rejections[0].source


words = st.sampled_from(
    "the storm hit coast town river bridge police said on Monday 3,000 people mayor fire U.S. "
    "Mr. Feb. officials reported homes power after rain flood closed opened".split()
)


@st.composite
def reports(draw: st.DrawFn) -> list[str]:
    texts = []
    for _ in range(draw(st.integers(1, 4))):
        sentences = []
        for _ in range(draw(st.integers(1, 8))):
            body = " ".join(draw(st.lists(words, min_size=3, max_size=25)))
            sentences.append(
                body[0].upper() + body[1:] + draw(st.sampled_from([".", "!", "?", ""]))
            )
        texts.append(draw(st.sampled_from([" ", "\n", "\n\n"])).join(sentences))
    return texts


@settings(max_examples=40, deadline=None)
@given(reports())
def test_every_citation_is_a_verbatim_span_of_its_article(texts: list[str]) -> None:
    result = digest([make_article(text, article_id=f"a{i}") for i, text in enumerate(texts)])
    article_texts = _article_texts(result)
    for sent in _all_sentences(result):
        assert is_reading_of(sent.text, sent.sources[0].quote)
        for citation in sent.sources:
            assert article_texts[citation.article][citation.start : citation.end] == citation.quote
    for story in result.stories:
        assert sum(len(s.text.split()) for s in story.summary.sentences) <= 120


@pytest.mark.parametrize(
    "dateline",
    [
        "BRUSSELS, Belgium (AP) - ",
        "LONDON (Reuters) — ",
        "NORDVIK — ",
        "SAN JUAN, Puerto Rico _ ",
        "LONDON -LRB- Reuters -RRB- - ",  # brackets as tokenised text writes them
        "KUALA LUMPUR , April 27 -LRB- Reuters -RRB- - ",
    ],
)
def test_wire_datelines_are_left_out_of_sentences(dateline: str) -> None:
    from storyline.pipeline import build_document

    body = "The council approved the new budget on Tuesday after a long debate."
    document = build_document(make_article(f"{dateline}{body}\n\nA second paragraph follows here."))
    assert document.sentences[0].text == body
    assert [d.kind for d in document.debris] == ["dateline"]


@pytest.mark.parametrize(
    "stamp",
    [
        "Susan Watts | 18:00 UK time , Saturday , 25 April 2009 ",
        "Fergus Walsh | 09:53 AM, Thursday, 21 May 2009 ",
        "Ana Ruiz|7.05 GMT 3 March 2021 ",
    ],
)
def test_a_blog_byline_and_time_stamp_are_left_out_of_the_first_sentence(stamp: str) -> None:
    from storyline.pipeline import build_document

    body = "The council approved the new budget on Tuesday after a long debate."
    document = build_document(make_article(f"{stamp}{body}\n\nA second paragraph follows here."))
    assert document.sentences[0].text == body
    assert [d.kind for d in document.debris] == ["byline"]


@pytest.mark.parametrize(
    ("prefix", "kinds"),
    [
        (
            "LONDON | Wed Apr 29 , 2009 12:20 am BST LONDON -LRB- Reuters -RRB- - ",
            ["timestamp", "dateline"],
        ),
        ("Sun Apr 26 , 2009 10:12 pm BST -LRB- Reuters -RRB- - ", ["timestamp", "dateline"]),
        (
            "NEW ORLEANS\\/WASHINGTON | Tue Jun 22 , 2010 7:30 pm EDT "
            "NEW ORLEANS\\/WASHINGTON -LRB- Reuters -RRB- - ",
            ["timestamp", "dateline"],
        ),
        ("KUALA LUMPUR , April 27 | Mon Apr 27 , 2009 4:19 am BST ", ["timestamp"]),
        ("Friday 1 May 2009 21.14 BST ", ["timestamp"]),
        ("Wednesday , May 26 , 2010 ; 4:26 PM ", ["timestamp"]),
        ("Last updated : 1 may , 2009 - 17:54 GMT ", ["timestamp"]),
        ("Photograph : Eliana Aponte\\/Reuters ", ["caption"]),
        ("Photograph : Reuters\\/Eliana Aponte ", ["caption"]),
        ("Photograph: Centers for Disease Control/AFP ", ["caption"]),
        ("Photograph : AFP\\/Getty ", ["caption"]),
    ],
)
def test_a_page_stamp_or_a_picture_credit_run_into_the_first_sentence_is_left_out(
    prefix: str, kinds: list[str]
) -> None:
    from storyline.pipeline import build_document

    body = "The council approved the new budget on Tuesday after a long debate, and the mayor signed it."
    second = "A second paragraph follows here with more words in it."
    document = build_document(
        make_article(f"First words of the page\n\n{prefix}{body}\n\n{second}")
    )
    texts = [sentence.text for sentence in document.sentences]
    assert body in texts
    assert [d.kind for d in document.debris if d.kind != "heading"] == kinds


@pytest.mark.parametrize(
    ("heading", "body"),
    [
        ("Mexico to re-test swine flu cases ", "The widow of a victim said he had died of the flu at home."),
        ("Matthew Price reports from Mexico ", "A 23-month-old child has died of swine flu in Texas, officials said."),
        ("FIRST CASE Edgar says he now feels better ", "Five-year-old Edgar started feeling unwell in late March."),
        ("BP oil leak in Gulf is finally sealed ", "The leaking oil well in the Gulf has been permanently sealed, officials say."),
    ],
)  # fmt: skip
def test_a_heading_run_into_the_first_sentence_is_left_out(heading: str, body: str) -> None:
    from storyline.pipeline import build_document

    document = build_document(
        make_article(f"First words of the page\n\n{heading}{body}\n\nA second paragraph follows.")
    )
    assert body in [sentence.text for sentence in document.sentences]
    assert [d.kind for d in document.debris if d.kind != "heading"] == ["caption"]


@pytest.mark.parametrize(
    "text",
    [
        "John McConnell is editor of The Lancet journal and wrote about the outbreak.",
        "Swine flu is an influenza type A virus that spreads among pigs and people.",
        "Before this, Exhibit A was the health care bill that the party fought over.",
        "The council met on Monday and The mayor said little about the budget at all.",
        "Kim Jong Un arrived in Vietnam on Tuesday for a summit with Donald Trump.",
        "Statoil was fined in the Snorre A case after the gas blowout on the platform.",
    ],
)
def test_a_sentence_with_a_capitalised_word_inside_is_no_heading_and_sentence(text: str) -> None:
    from storyline.pipeline import build_document

    document = build_document(make_article(f"{text}\n\nA second paragraph follows here."))
    assert document.sentences[0].text == text


@pytest.mark.parametrize(
    "text",
    [
        "The storm hit on Saturday 25 April 2009 18:00 GMT and cut power to thousands of homes.",
        "On April 27, 2009 10:30 traders sold shares heavily across the region, brokers said.",
    ],
)
def test_a_date_and_time_inside_a_sentence_is_no_page_stamp(text: str) -> None:
    from storyline.pipeline import build_document

    document = build_document(
        make_article(f"{text}\n\nA second paragraph follows here with more words.")
    )
    assert document.sentences[0].text == text


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose 5 % | 10:30 on Monday the index closed at 2009 points higher.",
        "The storm hit at 18:00 on Saturday, 25 April 2009 and cut power.",
    ],
)
def test_a_bar_or_a_clock_time_in_a_sentence_is_no_byline(text: str) -> None:
    from storyline.pipeline import build_document

    document = build_document(make_article(text))
    assert document.sentences[0].text == text
    assert document.debris == ()


def test_undated_seeds_get_an_inferred_publication_date(seeds_digest: Digest) -> None:
    inferred = [article for article in seeds_digest.articles if article.published_inferred]
    assert len(inferred) == 3
    for article in inferred:
        assert article.published is not None
        assert article.published.date().isoformat() in {"2019-02-25", "2019-02-26"}


def test_seed_timeline_is_dated_sorted_and_cited(seeds_digest: Digest) -> None:
    (story,) = seeds_digest.stories
    texts = _article_texts(seeds_digest)
    whens = [entry.when for entry in story.timeline]
    assert whens == sorted(whens)
    assert any(when.startswith("2019-02-26") for when in whens)  # the arrival, "on Tuesday"
    assert any(entry.background for entry in story.timeline)  # e.g. the 1958 visit
    for entry in story.timeline:
        for citation in entry.sources:
            assert texts[citation.article][citation.start : citation.end] == citation.quote


def test_seed_distances_agree_after_normalisation_and_the_crow_flies_figure_is_flagged(
    seeds_digest: Digest,
) -> None:
    (story,) = seeds_digest.stories
    journey = [
        fact
        for fact in story.facts
        if fact.kind == "distance" and isinstance(fact.value, float) and 4.3e6 < fact.value < 4.6e6
    ]
    assert journey and len({c.article for c in journey[0].sources}) >= 3
    notes = [item.note for item in story.disagreements if item.about.startswith("distance")]
    assert any("as the crow flies" in note for note in notes)


def test_seed_entities_merge_spellings(seeds_digest: Digest) -> None:
    (story,) = seeds_digest.stories
    kim = next(entity for entity in story.entities if entity.name in {"Kim Jong Un", "Kim Jong-un"})
    assert kim.kind == "person"
    assert len({citation.article for citation in kim.mentions}) == 5


def test_bundled_example_shows_its_disagreements() -> None:
    result = digest([EXAMPLE])
    (story,) = result.stories
    kinds = {item.about.split(":")[0] for item in story.disagreements}
    assert {"distance", "people"} <= kinds
    passengers = next(item for item in story.disagreements if item.about.startswith("people"))
    assert sorted(claim.normalized for claim in passengers.claims) == [212.0, 214.0]
    # "left Nordvik late Wednesday" (the wire and its copy) against "on Thursday evening" /
    # "Thursday night" (the three others), worded differently around the two words that matter.
    departure = next(item for item in story.disagreements if "Nordvik" in item.about)
    assert [claim.normalized for claim in departure.claims] == ["2025-03-13", "2025-03-12"]
    outlets = [{source.article for source in claim.sources} for claim in departure.claims]
    assert outlets == [
        {"harbour_gazette", "nordvik_radio", "skerry-post-20250315-sula-marren"},
        {"coastal_wire", "island_courier"},
    ]


def test_the_undated_example_report_reads_its_clock_times_in_its_sisters_zone() -> None:
    (story,) = digest([EXAMPLE]).stories
    mayday = next(entry for entry in story.timeline if "mayday" in entry.text)
    assert mayday.when == "2025-03-14T04:47:00+01:00"


def test_seed_reports_disagree_on_the_day_the_train_left(seeds_digest: Digest) -> None:
    (story,) = seeds_digest.stories
    departure = next(item for item in story.disagreements if "Pyongyang" in item.about)
    assert sorted(claim.normalized for claim in departure.claims) == ["2019-02-23", "2019-02-24"]


@pytest.mark.parametrize("year", [1, 9999])
def test_publication_times_at_the_calendars_ends_do_not_stop_the_run(year: int) -> None:
    from datetime import UTC, datetime

    published = datetime(year, 12 if year > 1 else 1, 31 if year > 1 else 1, 12, tzinfo=UTC)
    text = (
        "The ferry left on Sunday and will return next Saturday, officials said yesterday. "
        "It sails again tomorrow and next month, and once sailed on December 31, 9999."
    )
    result = digest(
        [
            make_article(text, article_id="dated", published=published),
            make_article(text, article_id="undated"),
        ]
    )
    (story,) = result.stories
    assert story.summary.sentences


@pytest.mark.parametrize(
    "sentences",
    [
        [
            "Сильный шторм обрушился на побережье во вторник утром, сообщили власти города.",
            "Тысячи жителей покинули свои дома до наступления ночи.",
        ],
        [
            "عاصفة قوية ضربت الساحل صباح الثلاثاء وأجبرت آلاف السكان على مغادرة منازلهم.",
            "عمل رجال الإنقاذ طوال الليل في المدينة.",
        ],
        [
            "火曜日の朝、強い嵐が沿岸を襲い、数千人の住民が家を離れた。",
            "救助隊は夜通し作業を続けたと当局が発表した。",
        ],
        [  # Thai has no full stop: a space between sentences (a Thai story had no headline)
            "นายกรัฐมนตรีเดินทางถึงกรุงฮานอยเมื่อวันอังคารเพื่อร่วมประชุมสุดยอดผู้นำอาเซียน",
            "ผู้นำทั้งสิบประเทศจะหารือเรื่องการค้าและความมั่นคงในภูมิภาค",
        ],
    ],
    ids=["russian", "arabic", "japanese", "thai"],
)
def test_a_story_told_in_a_script_other_than_latin_has_a_headline_and_sentences(
    sentences: list[str],
) -> None:
    thai = "\u0e00" <= sentences[0][0] <= "\u0e7f"
    text = " ".join(sentences) if " " in sentences[0] or thai else "".join(sentences)
    (story,) = digest([make_article(text, article_id="report")]).stories
    assert story.summary.headline is not None
    assert story.summary.headline.text == sentences[0]
    assert [citation.article for citation in story.summary.headline.sources] == ["report"]
