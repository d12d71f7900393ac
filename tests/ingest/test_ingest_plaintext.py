from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest import article_from_text
from storyline.model import Article

BODY = (
    "The storm reached the coast on Tuesday morning and forced thousands of people to leave "
    "their homes, officials said.\n\nRescue teams worked through the night.\n"
)


def read_seed(path: Path) -> Article:
    return article_from_text(
        path.read_text(encoding="utf-8"), article_id=path.stem, source=str(path)
    )


def nonblank_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_seed_with_section_date_title_and_outlet_reads_all_four(seed_paths: list[Path]) -> None:
    article = read_seed(seed_paths[0])
    assert article.title == "Kim Jong Un arrives in Vietnam for summit with Trump"
    assert article.outlet == "CGTN"
    assert article.published == datetime(2019, 2, 26, 1, 15, tzinfo=UTC)
    assert article.published_zone == "UTC+08:00"
    assert article.language == "en"
    assert article.text[article.body_start :].startswith(nonblank_lines(seed_paths[0])[4])


def test_seed_with_pacific_date_line_is_converted_with_dst_rules(seed_paths: list[Path]) -> None:
    article = read_seed(seed_paths[1])
    assert article.published == datetime(2019, 2, 26, 0, 59, tzinfo=UTC)
    assert article.published_zone == "America/Los_Angeles"
    assert article.title == nonblank_lines(seed_paths[1])[1]
    assert article.outlet is None
    assert article.text[article.body_start :].startswith(nonblank_lines(seed_paths[1])[2])


def test_seed_whose_first_line_is_the_title_has_no_date(seed_paths: list[Path]) -> None:
    article = read_seed(seed_paths[2])
    lines = nonblank_lines(seed_paths[2])
    assert article.title == lines[0]
    assert article.published is None
    assert article.published_zone is None
    assert article.text[article.body_start :].startswith(lines[1])


def test_seed_starting_with_a_paragraph_has_no_header(seed_paths: list[Path]) -> None:
    article = read_seed(seed_paths[3])
    assert (article.title, article.outlet, article.published, article.body_start) == (
        None,
        None,
        None,
        0,
    )


def test_seed_with_a_numbered_section_line_takes_the_headline_as_title(
    seed_paths: list[Path],
) -> None:
    article = read_seed(seed_paths[4])
    lines = nonblank_lines(seed_paths[4])
    assert article.title == lines[1]
    assert article.published is None
    assert article.text[article.body_start :].startswith(lines[2])


def test_seed_text_is_kept_exactly_as_read(seed_paths: list[Path]) -> None:
    for path in seed_paths:
        assert read_seed(path).text == path.read_text(encoding="utf-8")


def test_header_offsets_count_crlf_newlines_as_read() -> None:
    text = "World\r\n2019-02-26T09:15:00+07:00\r\n\r\nStorm hits the coast hard\r\n\r\n" + BODY
    article = article_from_text(text, article_id="a", source="s")
    assert article.text == text
    assert article.title == "Storm hits the coast hard"
    assert article.published_zone == "UTC+07:00"
    assert text[article.body_start :] == BODY


def test_an_outlet_line_after_the_title_is_the_outlet() -> None:
    text = "Storm hits the coast hard\n\nExample News\n\n" + BODY
    article = article_from_text(text, article_id="a", source="s")
    assert (article.title, article.outlet) == ("Storm hits the coast hard", "Example News")


def test_a_text_with_no_body_paragraph_is_all_body() -> None:
    article = article_from_text("Short note\nAnother line", article_id="a", source="s")
    assert (article.title, article.body_start, article.published) == (None, 0, None)


def test_a_date_in_the_body_is_not_the_publication_date() -> None:
    text = "Storm hits the coast hard\n\n" + BODY + "\nFebruary 25, 2019 | 04:59 pm PT\n"
    assert article_from_text(text, article_id="a", source="s").published is None


def test_id_and_source_are_kept() -> None:
    article = article_from_text(BODY, article_id="my-id", source="api")
    assert (article.id, article.source, article.group) == ("my-id", "api", None)


@given(st.text())
def test_any_text_gives_an_article_with_body_start_inside_it(text: str) -> None:
    article = article_from_text(text, article_id="a", source="s")
    assert article.text == text
    assert 0 <= article.body_start <= len(text)


@given(
    st.lists(
        st.sampled_from(
            ["Politics", "2019.02.26 09:15 GMT+8", "", "CGTN", "A headline with five words", BODY]
        ),
        max_size=12,
    ).map("\n".join)
)
def test_header_like_texts_give_body_start_at_a_line_start(text: str) -> None:
    article = article_from_text(text, article_id="a", source="s")
    assert 0 <= article.body_start <= len(text)
    assert article.body_start == 0 or text[article.body_start - 1] == "\n"


def test_a_text_with_a_lone_surrogate_is_still_an_article() -> None:
    # The language model raised TypeError on it, so digest(["...\ud800..."]) failed.
    text = "The council said on Tuesday that the bridge would stay closed for months. \ud800\n"
    article = article_from_text(text, article_id="a", source="<text>")
    assert article.text == text
    assert article.language == "en"
