import time

import pytest
from builders import make_article
from hypothesis import given
from hypothesis import strategies as st

from storyline.clean import (
    _ALL_NEEDLES,
    _needles_in,
    clean_article,
    line_debris_kind,
    sentence_debris_judge,
    sentence_debris_kind,
)
from storyline.segment import split_sentences


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (
            "Firefighters on the roof of the depot on Monday. Photo: Jana Ruiz/Metro Daily",
            "caption",
        ),
        ("The mayor at the ribbon cutting (Image credit: City Hall press office)", "caption"),
        ("Residents queue for water in Lindenau. /CNA Photo", "caption"),
        ("A crane lifts the wreck. Pictures by Omar Haddad", "caption"),
        ("The bridge before the collapse Credit: Harbour Authority/Reuters", "caption"),
        ("Rescuers search the rubble. (AP Photo/Luis Gomez)", "caption"),
        ("Read also:", "related-links"),
        ("MORE ON THIS STORY", "related-links"),
        ("You may also like", "related-links"),
        ("Related coverage", "related-links"),
        ("© 2024 Valley Tribune Media Group", "copyright"),
        ("Copyright 2023 The Morning Ledger. All rights reserved.", "copyright"),
        ("14h05", "timestamp"),
        ("• 09:45 GMT", "timestamp"),
        ("Updated 3:12 PM ET, Fri March 3, 2023", "timestamp"),
        ("24 photos", "picture-count"),
        ("Image gallery", "picture-count"),
        ("Share this story", "share"),
        ("Follow us on Instagram and Threads", "share"),
        ("Sign up for our morning briefing", "share"),
        ("ADVERTISEMENT", "share"),
        ("By Ana Lopez and Tom Reyes, Staff Writers", "byline"),
        ("(Reporting by Ines Moller; editing by Paul Kerr)", "byline"),
        ("— City Fire Service (@cityfire) March 3, 2023", "embed"),
        (
            "Views expressed in the comments do not represent those of the Valley Tribune.",
            "disclaimer",
        ),
        ("Any views expressed here are his own .", "disclaimer"),
        (
            "The opinions expressed in this column are not necessarily those of the paper",
            "disclaimer",
        ),
        ("Click NEXT to continue", "share"),
        ("Flood barriers: what went wrong", "heading"),
        ("How will the city pay for repairs?", "heading"),
    ],
)
def test_recognises_debris_lines_of_many_shapes(line: str, kind: str) -> None:
    assert line_debris_kind(line) == kind


def test_a_disclaimer_inside_a_paragraph_is_debris_sentence_by_sentence() -> None:
    assert sentence_debris_kind("Any views expressed here are her own.") == "disclaimer"


@pytest.mark.parametrize(
    "sentence",
    [
        "Please get involved and leave a comment.",
        "The Gazette may edit your comments and not all emails will be published.",
        "If you're reading via RSS, you'll need to visit the blog to see this video.",
        "You can stay up to date with the health blog via these feeds.",
        "Copy the URL and paste it into your emails, or post it on your favourite sites.",
        "We welcome comments that advance the story through relevant opinion.",
        "Click on the cards below to see this week's winners.",
        "Send us your stories using the form below.",
        "Explore all of our oil spill graphics to track the spill.",
        "Get the morning briefing delivered to your inbox every day.",
        "Follow our live coverage of Friday's grounding of the ferry off Halmsey.",
    ],
)
def test_a_page_speaking_to_its_reader_is_debris(sentence: str) -> None:
    assert sentence_debris_kind(sentence) == "reader-prompt"


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister declined to comment on the report, officials said.",
        "Officials posted a comment on the ministry's website on Tuesday.",
        "He said the comments were taken out of context by the press.",
        "The company said the feed plant would reopen next month.",
        "Officials said they would follow the live coverage closely.",
    ],
)
def test_news_about_comments_and_feeds_is_no_reader_prompt(sentence: str) -> None:
    assert sentence_debris_kind(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Harbour Times is an independent newsroom covering politics and culture on the coast.",
        "ProPublica is a Pulitzer Prize-winning investigative newsroom.",
        "Inside Climate News is a nonprofit, independent news organization that covers climate.",
        "The Conversation is an independent source of news and views, sourced from academics.",
        "CalMatters is a nonprofit newsroom based in Sacramento.",
        "Harbour Times is a 501(c)(3) nonprofit news organization.",
        "Harbour Times is the region's only independent newsroom.",
        "Harbour Times is part of Coastal Newsrooms, a network of nonprofit news outlets.",
        "This article was originally published by CalMatters.",
        "This story is republished from The Conversation under a Creative Commons license.",
        "A version of this story first appeared in Harbour Times.",
        "This article appeared on p29 of the Main section of the Guardian on Wednesday.",
        "We rely on readers like you to keep our reporting free.",
        "Our reporting is made possible by readers like you.",
        "Support independent journalism by becoming a member today.",
    ],
)
def test_a_page_describing_its_outlet_is_debris(sentence: str) -> None:
    assert sentence_debris_kind(sentence) == "outlet-blurb"


@pytest.mark.parametrize(
    "sentence",
    [
        # News about outlets, their staff and their pieces.
        "Reuters is a news agency owned by Thomson Reuters.",
        "RT is a news network funded by the Russian state.",
        "Haaretz is a left-leaning newspaper based in Tel Aviv.",
        "Apple Daily is a pro-democracy newspaper that reports critically on Beijing.",
        "Xinhua is a state news agency.",
        "The Tribune is a newspaper founded in 1847, and it will close in June.",
        "The AP is the only news organization with access to the containment effort.",
        "Ahmed is a photographer with a news agency based in Gaza.",
        "This story was published in 1998 and triggered a government inquiry.",
        "This post appeared on his Facebook page hours before the attack.",
        "This story first appeared in the tabloid in March, prompting a lawsuit.",
        "The report was published by the United Nations on Tuesday.",
        # First person plural, and speech reported without quotation marks.
        "Our team won the match 3-1 on Sunday.",
        "Our newsroom was raided by police on Monday, the editor-in-chief said.",
        "We rely on donations from abroad, the charity's director said.",
        "Support local journalism, the senator urged in a speech on Monday.",
        '"Our reporters were detained at the border," the editor said.',
        "Kim Jong Un is a leader who rarely travels abroad.",
    ],
)
def test_news_about_outlets_is_no_outlet_blurb(sentence: str) -> None:
    assert sentence_debris_kind(sentence) is None
    assert line_debris_kind(sentence) is None


def test_a_readers_comment_under_a_page_is_debris() -> None:
    comment = "At 18:55 29th Apr 2009 , ceedee99 wrote : I think the panic is overdone ."
    assert sentence_debris_kind(comment) == "comment"
    assert sentence_debris_kind("At 18:55 the minister wrote to the council about it.") is None


@pytest.mark.parametrize(
    "line",
    [
        "The flood barrier failed at 3 a.m. on Monday, officials said.",
        "By Tuesday evening, more than 2,000 people had left their homes along the river.",
        "Photographers were kept away from the site by police, who cited safety concerns.",
        '"We have never seen water this high," said resident Maria Costa, 71.',
        "Read the full report, the minister urged lawmakers, before voting on the budget.",
        "Share prices of the operator fell 12% in early trading in Frankfurt on Monday.",
        "The views expressed by the minister were not representative of the cabinet, aides said.",
        "Views expressed at the summit were harsh, and no communique was agreed on Sunday.",
    ],
)
def test_keeps_real_news_sentences_that_merely_resemble_debris(line: str) -> None:
    assert line_debris_kind(line) is None


def test_related_list_is_removed_up_to_the_next_real_paragraph() -> None:
    text = (
        "Storm floods the old town as river breaks its banks overnight.\n\n"
        "Related:\n\n"
        "Five things to know about the flood plan\n"
        "Is the city ready for the next storm?\n\n"
        "Engineers said the barrier had been due for repairs since last spring, according to records.\n"
    )
    document = clean_article(make_article(text))
    kept = [text[p.start : p.end] for p in document.paragraphs]
    assert kept == [
        "Storm floods the old town as river breaks its banks overnight.",
        "Engineers said the barrier had been due for repairs since last spring, according to records.",
    ]
    assert {d.kind for d in document.debris} == {"related-links"}


def test_embedded_post_above_its_attribution_line_is_removed() -> None:
    text = (
        "The council met on Monday to discuss the budget for next year.\n\n"
        "Great meeting today with the council. More to come!\n\n"
        "- Mayor Lena Park (@mayorpark) May 2, 2022\n\n"
        "The budget passed by seven votes to two after a long debate.\n"
    )
    document = clean_article(make_article(text))
    kept = [text[p.start : p.end] for p in document.paragraphs]
    assert kept[0].startswith("The council met") and kept[1].startswith("The budget passed")
    assert len(kept) == 2


def test_cleaning_starts_at_the_body_and_keeps_exact_offsets() -> None:
    text = "Header line\n\n  The first real paragraph of the report says what happened today.  \n"
    article = make_article(text)
    document = clean_article(article.__class__(**{**_fields(article), "body_start": 13}))
    (paragraph,) = document.paragraphs
    assert text[paragraph.start : paragraph.end] == (
        "The first real paragraph of the report says what happened today."
    )


def _fields(article: object) -> dict[str, object]:
    return {name: getattr(article, name) for name in article.__slots__}  # type: ignore[attr-defined]


@given(st.text(max_size=400))
def test_paragraphs_and_debris_are_disjoint_trimmed_spans_of_the_text(text: str) -> None:
    document = clean_article(make_article(text))
    spans = sorted(
        [(p.start, p.end) for p in document.paragraphs]
        + [(d.start, d.end) for d in document.debris]
    )
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end


# Before, the address rule tried every "@" of a long token as the split between user and domain:
# minutes for these lines. They are still told apart correctly.
@pytest.mark.parametrize("line", ["@" * 200_000, "(@" * 100_000, "a@b." * 50_000])
def test_a_long_token_of_at_signs_is_classified_in_linear_time(line: str) -> None:
    started = time.perf_counter()
    line_debris_kind(line)
    sentence_debris_kind(line)
    assert time.perf_counter() - started < 3.0


@pytest.mark.parametrize(
    ("line", "kind"),
    [("news@example.org", "link"), ("@@a@b.org", "link"), ("@example.org", None)],
)
def test_an_address_splits_at_its_first_at_sign_after_the_first_character(
    line: str, kind: str | None
) -> None:
    assert sentence_debris_kind(line) == kind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Rescuers reachedThe village lateOn Sunday night after the flood.", "glued-text"),
        ("Rescuers reachedThe village late on Sunday night after the flood.", None),
        ("The McDonald family and the iPhone maker met at YouTube offices today.", None),
        ("YouTube and WikiLeaks said InfoCision and PayPal met at YouTube offices today.", None),
        ("Rescuers reachedThe village lateOn Sunday. " + "The flood rose. " * 40, None),
        ('He said "it is over."', None),
        ("He said it was over (again)", "heading"),
        ("What comes next for the flood plain?", "heading"),
        ('Residents say "never again"', None),
        ("Residents say it is over...)]", None),
    ],
)
def test_glued_words_and_headings_are_told_by_the_end_and_seams_of_a_line(
    line: str, kind: str | None
) -> None:
    assert line_debris_kind(line) == kind


_PARAGRAPHS = [
    "The dam broke at dawn. Photo: Jana Ruiz/Metro Daily",
    "Write to news@example.org. The river rose 2 metres. 24 photos",
    "Crowds gathered. © 2024 Valley Tribune. All rights reserved.",
    "Officials met on Monday. They agreed on a plan. Talks resume in May.",
    "See the report online. WWW.EXAMPLE.ORG/report",
    "Caption: rescuers at work. Pictures by Omar Haddad",
]


@pytest.mark.parametrize("paragraph", _PARAGRAPHS)
def test_the_paragraph_judge_agrees_with_the_sentence_rules(paragraph: str) -> None:
    judge = sentence_debris_judge(paragraph)
    sentences = [paragraph[span.start : span.end] for span in split_sentences(paragraph)]
    assert len(sentences) >= 2
    kinds = [sentence_debris_kind(text) for text in sentences]
    assert [judge(text) for text in sentences] == kinds
    assert kinds[0] is None or paragraph.startswith("Caption")
    assert any(kinds) or paragraph.startswith("Officials")


@given(st.lists(st.sampled_from([*_PARAGRAPHS, "pic.twitter.com/x", "(c) 2020 x", "Gallery"])))
def test_the_paragraph_judge_agrees_on_any_mix_of_sentences(parts: list[str]) -> None:
    paragraph = " ".join(parts)
    judge = sentence_debris_judge(paragraph)
    for span in split_sentences(paragraph):
        text = paragraph[span.start : span.end]
        assert judge(text) == sentence_debris_kind(text)


NEEDLE_PIECES = [*_ALL_NEEDLES, "pict", "phot", "(", "t.c", "www", "Photo", "PIC", " ", "x"]


@given(st.lists(st.sampled_from(NEEDLE_PIECES), max_size=8))
def test_the_needles_found_are_every_needle_the_text_holds(pieces: list[str]) -> None:
    # The needles are looked for as a tree (a needle only where the needle it holds occurs):
    # the result must be the plain search of each, on texts made of needles and their parts.
    text = "".join(pieces)
    assert _needles_in(text) == {needle for needle in _ALL_NEEDLES if needle in text.lower()}
