from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from storyline.errors import InputError
from storyline.ingest.webpage import article_from_html, check_page_whole

PARAGRAPHS = (
    "A powerful storm struck the northern coast on Tuesday, forcing thousands of residents to "
    "leave their homes as rivers rose.",
    "Officials said the wind reached speeds of more than 150 kilometres an hour, tearing roofs "
    "from houses and toppling trees across the region.",
    "Rescue teams worked through the night to reach villages cut off by the flooding, the "
    "regional governor told reporters.",
)


def make_page(*, head: str = "", paragraphs: tuple[str, ...] = PARAGRAPHS) -> str:
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><title>Storm hits coast | Example News</title>{head}</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<div class="share">Share on Facebook | Share on Twitter</div>
<article><h1>Storm hits coast</h1>
{body}</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity wedding photos</a></li></ul></aside>
<footer><p>Copyright 2019 Example News. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
</body></html>
"""


META = (
    '<meta property="og:site_name" content="Example News">'
    '<meta property="article:published_time" content="2019-02-26T09:15:00+07:00">'
)


def test_main_text_is_extracted_without_navigation_and_footer() -> None:
    article = article_from_html(make_page(head=META), article_id="page", source="page.html")
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    for debris in ("Home", "Share on", "Copyright", "Privacy", "Celebrity"):
        assert debris not in article.text
    assert "\n\n".join(PARAGRAPHS) in article.text


def test_title_site_name_and_stated_date_come_from_the_page() -> None:
    article = article_from_html(make_page(head=META), article_id="page", source="page.html")
    assert article.title == "Storm hits coast"
    assert article.outlet == "Example News"
    assert article.published == datetime(2019, 2, 26, 2, 15, tzinfo=UTC)
    assert article.published_zone == "UTC+07:00"
    assert (article.id, article.source, article.language) == ("page", "page.html", "en")


def test_body_start_skips_a_leading_title_paragraph() -> None:
    article = article_from_html(make_page(head=META), article_id="page", source="page.html")
    assert article.text[article.body_start :].startswith(PARAGRAPHS[0])


def test_a_page_that_states_no_date_has_none() -> None:
    article = article_from_html(make_page(), article_id="page", source="page.html")
    assert article.published is None


def test_a_truncated_page_that_still_has_text_is_read() -> None:
    page = make_page(head=META)
    cut = page[: page.index(PARAGRAPHS[2][:20])]
    article = article_from_html(cut, article_id="page", source="page.html")
    assert PARAGRAPHS[0] in article.text


def test_a_page_without_main_text_is_rejected_as_no_text() -> None:
    with pytest.raises(InputError, match="no main text") as caught:
        article_from_html(make_page(paragraphs=()), article_id="page", source="page.html")
    assert caught.value.reason == "no-text"


@pytest.mark.parametrize(
    ("paragraph", "language"),
    [
        ("火曜日の朝、強い嵐が沿岸を襲い、数千人の住民が家を離れたと当局が発表した。", "ja"),
        ("周二上午，一场强风暴袭击了沿海地区，当局表示数千名居民被迫离开家园。", "zh"),
    ],
)
def test_a_page_in_a_script_without_spaces_has_main_text(paragraph: str, language: str) -> None:
    article = article_from_html(
        make_page(paragraphs=(paragraph, paragraph)), article_id="page", source="page.html"
    )
    assert paragraph in article.text
    assert article.language == language


def test_a_short_line_in_a_script_without_spaces_is_no_main_text() -> None:
    with pytest.raises(InputError, match="no main text"):
        article_from_html(make_page(paragraphs=("強い嵐",)), article_id="page", source="page.html")


@pytest.mark.parametrize("page", ["<html><body></body></html>", "<html><body><div></div>"])
def test_a_page_with_an_empty_body_is_no_text(page: str) -> None:
    with pytest.raises(InputError, match="no main text") as caught:
        article_from_html(page, article_id="page", source="page.html")
    assert caught.value.reason == "no-text"


def test_markup_that_is_not_a_page_is_a_parse_error() -> None:
    with pytest.raises(InputError, match="could not be parsed") as caught:
        article_from_html("<<<>>>", article_id="page", source="page.html")
    assert caught.value.reason == "parse-error"


def test_a_page_nested_deeper_than_the_parser_reads_is_rejected_not_read_in_part() -> None:
    # libxml2 stops at 256 nested elements and drops the rest of the page: before, the text after
    # the deep part vanished and the page was "no-text" or, worse, read in part.
    deep = "<div>" * 300 + "<p>Deep inside.</p>" + "</div>" * 300
    page = make_page().replace("<article>", f"<article>{deep}")
    with pytest.raises(InputError, match=r"nests elements 256 deep") as caught:
        article_from_html(page, article_id="deep", source="deep.html")
    assert (caught.value.source, caught.value.reason) == ("deep.html", "parse-error")


def test_a_page_nested_just_under_the_parsers_limit_is_read() -> None:
    deep = "<div>" * 240 + "<p>Deep inside.</p>" + "</div>" * 240
    article = article_from_html(
        make_page().replace("<article>", f"<article>{deep}"), article_id="a", source="a.html"
    )
    assert PARAGRAPHS[0] in article.text


def test_a_page_of_too_many_elements_is_rejected_before_extraction() -> None:
    # Extraction costs about a second for 20,000 elements (one per paragraph here), and grows
    # with them: a 50 MB page of paragraphs would take minutes.
    page = make_page(paragraphs=PARAGRAPHS + ("x",) * 25_000)
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"more than MAX_PAGE_ELEMENTS=20000 elements") as caught:
        article_from_html(page, article_id="big", source="big.html")
    assert caught.value.reason == "too-large"
    assert time.perf_counter() - started < 5.0


def test_a_page_of_more_than_max_page_chars_is_rejected_with_its_length() -> None:
    page = make_page().replace("</article>", "<!--" + " " * 10_000_000 + "--></article>")
    with pytest.raises(InputError, match=r"has 10,00\d,\d{3} characters, more than MAX_PAGE_"):
        article_from_html(page, article_id="big", source="big.html")


def test_an_html_file_cut_inside_its_text_or_a_tag_is_rejected_as_truncated() -> None:
    page = make_page()
    for cut in (page[: page.index(PARAGRAPHS[2]) + 30], page[: page.index("<footer>") + 4]):
        with pytest.raises(InputError, match="ends inside its text or a tag") as caught:
            check_page_whole(cut, source="page.html")
        assert (caught.value.source, caught.value.reason) == ("page.html", "truncated")
    # HTML lets a page leave out its closing tags: one that ends with a tag is whole, and so is
    # a fragment of paragraphs without <html> or <body>.
    check_page_whole(page.replace("</body></html>\n", ""), source="page.html")
    check_page_whole(page, source="page.html")
    check_page_whole("<!doctype html><title>T</title><p>Para one.\n<p>Para two.\n", source="p")


@pytest.mark.parametrize(
    ("head", "url", "published"),
    [
        # The article's own JSON-LD date, not that of a video nested in it (helper-50).
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
            '"2024-03-12T09:00:00+01:00", "video": {"@type": "VideoObject", "datePublished": '
            '"2019-05-01T00:00:00Z"}}</script>',
            None,
            datetime(2024, 3, 12, 8, 0, tzinfo=UTC),
        ),
        # A list of related articles first in "@graph" gives no date; the article's does.
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "ItemList", "itemListElement":'
            ' [{"@type": "NewsArticle", "datePublished": "2023-01-01"}]}, {"@type": "NewsArticle",'
            ' "datePublished": "2024-03-12T10:00:00Z"}]}</script>',
            None,
            datetime(2024, 3, 12, 10, 0, tzinfo=UTC),
        ),
        # The URL's day with a query after it, and not a day in its query.
        ("", "https://ex.example/2024/03/12?utm_source=rss", datetime(2024, 3, 12, tzinfo=UTC)),
        ("", "https://ex.example/story?ref=/2019/01/01/", None),
    ],
)
def test_the_page_is_dated_by_its_article_and_its_path(
    head: str, url: str | None, published: datetime | None
) -> None:
    article = article_from_html(make_page(head=head), article_id="a", source="a.html", url=url)
    assert article.published == published


def test_a_page_with_its_url_names_its_host_when_it_names_no_site() -> None:
    article = article_from_html(
        make_page(), article_id="a", source="a", url="https://coast.example/news/storm"
    )
    assert article.outlet is not None and "coast.example" in article.outlet
