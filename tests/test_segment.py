import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.model import Span
from storyline.segment import MAX_SENTENCE_CHARS, sentence_bounds, split_sentences


def sentences(text: str) -> list[str]:
    return [text[span.start : span.end] for span in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met U.S. officials at 3 p.m. on Feb. 26. The talks went well.",
            ["Mr. Smith met U.S. officials at 3 p.m. on Feb. 26.", "The talks went well."],
        ),
        (
            "The line is 2,700 miles long and took 3.5 days. It opened in 1958.",
            ["The line is 2,700 miles long and took 3.5 days.", "It opened in 1958."],
        ),
        (
            '"We are very happy. Thank you very much," Dung said. He left.',
            ['"We are very happy. Thank you very much," Dung said.', "He left."],
        ),
        (
            "“It was late. We ran,” she said. Police came.",
            ["“It was late. We ran,” she said.", "Police came."],
        ),
        ("Talks with the U.S. The summit ends.", ["Talks with the U.S.", "The summit ends."]),
        (
            "Gen. J. Smith arrived. Why? Nobody knows!",
            ["Gen. J. Smith arrived.", "Why?", "Nobody knows!"],
        ),
        ('He said "no." Then he went home.', ['He said "no."', "Then he went home."]),
    ],
)
def test_splits_newswire_sentences_at_true_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_list_and_bullet_lines_are_separate_sentences_without_their_markers() -> None:
    text = (
        "Key points:\n  • Ships were delayed\n  • 1,200 people waited\n3. Ports reopened on Monday."
    )
    assert sentences(text) == [
        "Key points:",
        "Ships were delayed",
        "1,200 people waited",
        "Ports reopened on Monday.",
    ]


def test_splitting_a_span_returns_offsets_inside_that_span() -> None:
    text = "Skip this. Keep one. Keep two. Skip too."
    start = text.index("Keep one")
    end = text.index(" Skip too")
    spans = split_sentences(text, Span(start, end))
    assert [text[s.start : s.end] for s in spans] == ["Keep one.", "Keep two."]


# Digits are left out: "1. " at a line start is a list marker, which is not part of a sentence.
@given(st.text(alphabet=st.sampled_from(list('ab .!?"“”\n,U.S')), max_size=200))
def test_sentences_are_ordered_trimmed_spans_covering_every_visible_character(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip()
        previous_end = span.end
    covered = "".join(text[s.start : s.end] for s in spans)
    assert [c for c in covered if not c.isspace()] == [c for c in text if not c.isspace()]


def _seconds_to_split(text: str) -> float:
    started = time.perf_counter()
    split_sentences(text)
    return time.perf_counter() - started


# Each of these took minutes to split before (quadratic: backtracking into a run of marks,
# recounting quotation marks from the sentence start at every "Mr.", rescanning a dotted token);
# in linear time each takes under a second.
@pytest.mark.parametrize(
    "text",
    [
        "." * 200_000,
        "!?" * 100_000 + "x",
        "Mr. Smith " * 100_000,
        "“A. B " * 100_000,
        "a." * 100_000 + "ab. The end.",
    ],
    ids=["full-stops", "marks-then-a-letter", "abbreviations", "open-quotations", "dotted-token"],
)
def test_a_long_line_that_never_ends_a_sentence_splits_in_linear_time(text: str) -> None:
    assert _seconds_to_split(text) < 3.0


def test_a_run_of_marks_ends_one_sentence_where_it_ends() -> None:
    assert sentences("It rained!!! Then it stopped... The end") == [
        "It rained!!!",
        "Then it stopped...",
        "The end",
    ]


def test_a_stretch_without_a_boundary_is_cut_at_spaces_into_bounded_sentences() -> None:
    # A 400,000-character line with no full stop was one sentence, and the multilingual encoder
    # spent minutes and gigabytes on the lead made of it.
    text = "word " * 80_000 + "x" * 7_000 + " The end."
    spans = split_sentences(text)
    assert all(span.end - span.start <= MAX_SENTENCE_CHARS for span in spans)
    assert "".join(text[s.start : s.end] for s in spans).replace(" ", "") == text.replace(" ", "")
    assert all(text[s.start : s.end].endswith("word") for s in spans[:100])  # cut at spaces
    # A word longer than the limit is cut at the limit.
    assert [text[s.start : s.end] for s in spans[-3:]] == [
        "x" * (MAX_SENTENCE_CHARS - 1),
        "x" * MAX_SENTENCE_CHARS,
        "x" * (7_000 - 2 * MAX_SENTENCE_CHARS + 1) + " The end.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith arrived at 5 p.m. on Monday. He left. “Stay. Please,” she said.",
        "• First item. Still first.\n2) Second item.\n\n  Trailing words",
        "",
        "x" * 7_000 + " end.",
    ],
)
def test_sentence_bounds_are_the_spans_as_pairs(text: str) -> None:
    assert sentence_bounds(text) == [(span.start, span.end) for span in split_sentences(text)]
    part = Span(3, max(3, len(text) - 2))
    assert sentence_bounds(text, part) == [
        (span.start, span.end) for span in split_sentences(text, part)
    ]


def _texts(text: str) -> list[str]:
    return [text[span.start : span.end] for span in split_sentences(text)]


def test_chinese_and_japanese_sentences_end_at_full_width_marks_without_spaces() -> None:
    japanese = "火曜日の朝、強い嵐が沿岸を襲った。数千人が家を離れたと当局が発表した。"
    assert _texts(japanese) == [
        "火曜日の朝、強い嵐が沿岸を襲った。",
        "数千人が家を離れたと当局が発表した。",
    ]
    chinese = "周二上午，强风暴袭击了沿海地区！当局表示“数千名居民被迫离开。”救援人员彻夜工作。"
    assert _texts(chinese) == [
        "周二上午，强风暴袭击了沿海地区！",
        "当局表示“数千名居民被迫离开。”",
        "救援人员彻夜工作。",
    ]


def test_thai_sentences_end_at_a_space_between_thai_letters() -> None:
    # Thai has no full stop and writes its words together: a space between two Thai letters
    # ends a sentence. Before, a Thai paragraph was one sentence, too long to summarise.
    thai = (
        "นายกรัฐมนตรีเดินทางถึงกรุงฮานอยเมื่อวันอังคาร เพื่อร่วมประชุมสุดยอดผู้นำอาเซียน "
        "การประชุมจะจัดขึ้นเป็นเวลาสองวัน ผู้นำ 10 ประเทศจะหารือเรื่องการค้า"
    )
    assert _texts(thai) == [
        "นายกรัฐมนตรีเดินทางถึงกรุงฮานอยเมื่อวันอังคาร",
        "เพื่อร่วมประชุมสุดยอดผู้นำอาเซียน",
        "การประชุมจะจัดขึ้นเป็นเวลาสองวัน",
        "ผู้นำ 10 ประเทศจะหารือเรื่องการค้า",  # a space before a figure ends nothing
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "عاصفة قوية ضربت الساحل صباح الثلاثاء. عمل رجال الإنقاذ طوال الليل.",
            ["عاصفة قوية ضربت الساحل صباح الثلاثاء.", "عمل رجال الإنقاذ طوال الليل."],
        ),
        (
            "Сильный шторм обрушился на побережье. Спасатели работали всю ночь.",
            ["Сильный шторм обрушился на побережье.", "Спасатели работали всю ночь."],
        ),
        (
            "La tempête a frappé la côte mardi. État d'urgence décrété le soir même.",
            ["La tempête a frappé la côte mardi.", "État d'urgence décrété le soir même."],
        ),
    ],
)
def test_a_sentence_may_open_with_a_letter_of_any_script_but_a_lower_case_one(
    text: str, expected: list[str]
) -> None:
    assert _texts(text) == expected
