"""The HTML pages: the contract elements the browser tests rely on, and hostile article content
shown as text, never as markup or script."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from conftest import HOSTILE_URL, IN_PROCESS
from fastapi.testclient import TestClient

from storyline.web.app import CONTENT_SECURITY_POLICY

STATIC_CSS = (
    Path(__file__).resolve().parents[2] / "src" / "storyline" / "web" / "static" / "storyline.css"
)


def _page(client: TestClient, path: str) -> lxml.html.HtmlElement:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return lxml.html.fromstring(response.text)


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_home_lists_stories_newest_first_with_counts_and_span(
    client: TestClient, story_ids: dict[str, str]
) -> None:
    page = _page(client, "/")
    (form,) = page.xpath('//form[@id="search"][@method="get"][@action="/"]')
    assert form.xpath('.//input[@name="q"][@type="search"]')
    items = page.xpath('//ul[@id="stories"]/li[@class="story-item"]')
    assert [item.xpath('.//a[@class="story-link"]/@href')[0] for item in items] == [
        f"/stories/{story_ids['volcano']}",
        f"/stories/{story_ids['ferry']}",
    ]
    ferry = items[1]
    assert _text(ferry.xpath('.//span[@class="article-count"]')[0]) == "5 articles"
    assert _text(ferry.xpath('.//span[@class="outlet-count"]')[0]) == "5 outlets"
    assert (
        _text(ferry.xpath('.//span[@class="time-span"]')[0])
        == "2025-03-14 17:05 – 2025-03-15 07:30 UTC"
    )
    assert "Sula Marren" in _text(ferry.xpath('.//a[@class="story-link"]')[0])
    assert not page.xpath('//*[@id="no-results"]')


@pytest.mark.parametrize(("query", "expected"), [("Halmsey ferry", "ferry"), ("kelder", "volcano")])
def test_home_search_shows_only_matching_stories(
    client: TestClient, story_ids: dict[str, str], query: str, expected: str
) -> None:
    page = _page(client, f"/?q={query}")
    links = page.xpath('//li[@class="story-item"]/a[@class="story-link"]/@href')
    assert links == [f"/stories/{story_ids[expected]}"]
    assert page.xpath('//input[@name="q"]/@value') == [query]


def test_home_search_without_matches_says_so(client: TestClient) -> None:
    page = _page(client, "/?q=tsunami")
    assert not page.xpath('//li[@class="story-item"]')
    (note,) = page.xpath('//p[@id="no-results"]')
    assert "tsunami" in _text(note)


def test_story_page_has_headline_and_summary_with_source_markers_and_quotes(
    client: TestClient, story_ids: dict[str, str]
) -> None:
    html = client.get(f"/stories/{story_ids['ferry']}").text
    page = lxml.html.fromstring(html)
    assert "Sula Marren" in _text(page.xpath('//h1[@id="headline"]')[0])
    sentences = page.xpath('//section[@id="summary"]/p[@class="summary-sentence"]')
    assert len(sentences) >= 3
    for sent in sentences:
        markers = sent.xpath('./a[@class="source-marker"]')
        assert markers
        for marker in markers:
            number = re.fullmatch(r"\[(\d+)\]", marker.text_content())
            assert number is not None
            assert marker.get("href") == f"#article-{number.group(1)}"
            assert marker.get("tabindex") == "0"
            assert marker.get("data-article")
            quote = marker.getnext()
            assert quote.tag == "span" and quote.get("class") == "source-quote"
            assert quote.get("role") == "tooltip"
            assert re.fullmatch(r"[^:]+: “.+”", _text(quote))
            assert page.xpath(f'//li[@id="article-{number.group(1)}"]')


def test_story_page_quotes_are_shown_on_hover_and_focus_by_css() -> None:
    css = STATIC_CSS.read_text(encoding="utf-8")
    assert re.search(r"\.source-quote\s*\{[^}]*display:\s*none", css)
    assert re.search(
        r"\.source-marker:hover \+ \.source-quote,\s*\.source-marker:focus \+ \.source-quote"
        r"\s*\{\s*display:\s*block",
        css,
    )


def test_story_page_draws_the_timeline_with_dates_and_source_counts(
    client: TestClient, story_ids: dict[str, str]
) -> None:
    page = _page(client, f"/stories/{story_ids['ferry']}")
    (chart,) = page.xpath('//*[local-name()="svg"][@id="timeline-chart"][@role="img"]')
    labels = [_text(label) for label in chart.xpath('.//*[@class="tick-label"]')]
    assert "14 Mar 2025" in labels
    entries = chart.xpath('.//*[local-name()="g"][contains(@class, "timeline-entry")]')
    assert len(entries) >= 5
    for entry in entries:
        title = _text(entry.xpath('./*[local-name()="title"]')[0])
        assert re.search(r"^\d{4}.*: .+ \(\d+ sources?\)$", title), title
        assert entry.xpath('./*[local-name()="circle"]')


def test_story_page_has_facts_with_agreement_and_disagreements_side_by_side(
    client: TestClient, story_ids: dict[str, str]
) -> None:
    page = _page(client, f"/stories/{story_ids['ferry']}")
    counts = [_text(cell) for cell in page.xpath('//table[@id="facts"]//td[@class="agree-count"]')]
    assert counts and all(re.fullmatch(r"\d+ agree", count) for count in counts)
    assert counts[0] == "5 agree"
    (panel,) = page.xpath('//section[@id="disagreements"][@class="sources-disagree"]')
    assert _text(panel.xpath("./h2")[0]) == "Sources disagree"
    disagreements = panel.xpath('./div[@class="disagreement"]')
    assert len(disagreements) >= 2
    texts = " ".join(_text(item) for item in disagreements)
    assert "214" in texts and "212" in texts
    for item in disagreements:
        claims = item.xpath('.//div[@class="claim"]')
        assert len(claims) >= 2
        assert all(claim.xpath('.//*[@class="claim-outlet"]') for claim in claims)


def test_story_page_without_disagreements_says_so(
    client: TestClient, story_ids: dict[str, str]
) -> None:
    page = _page(client, f"/stories/{story_ids['volcano']}")
    (panel,) = page.xpath('//section[@id="disagreements"]')
    if not panel.xpath('./div[@class="disagreement"]'):
        assert "No disagreement" in _text(panel)


def test_story_page_has_the_coverage_grid_and_the_article_list(
    client: TestClient, story_ids: dict[str, str]
) -> None:
    page = _page(client, f"/stories/{story_ids['ferry']}")
    (grid,) = page.xpath('//table[@id="coverage"]')
    outlets = [_text(cell) for cell in grid.xpath(".//tbody/tr/th")]
    assert sorted(outlets) == sorted(
        ["Coastal Wire", "Harbour Gazette", "Island Courier", "Skerry Post", "Nordvik Radio"]
    )
    facts = len(page.xpath('//table[@id="facts"]/tbody/tr'))
    for row in grid.xpath(".//tbody/tr"):
        assert len(row.xpath("./td")) == facts
    assert "✓" in _text(grid)
    items = page.xpath('//ol[@id="articles"]/li[@class="article-item"]')
    assert [item.get("id") for item in items] == [f"article-{n}" for n in range(1, 6)]
    skerry = next(item for item in items if "Skerry Post" in _text(item))
    assert "2025-03-15 07:30 UTC" in _text(skerry)
    assert _text(skerry.xpath('.//*[@class="article-language"]')[0]) == "en"
    (link,) = skerry.xpath(".//a[@class='article-url']")
    assert link.get("href").startswith("https://www.skerrypost.example/")
    assert link.get("rel") == "noopener noreferrer"
    gazette = next(item for item in items if "Harbour Gazette" in _text(item))
    assert not gazette.xpath(".//a[@class='article-url']")  # a file path is not a link


def test_unknown_story_page_is_an_html_404(client: TestClient) -> None:
    response = client.get("/stories/story-nope")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no story &#39;story-nope&#39;" in response.text
    assert client.get("/no/such/page").status_code == 404


@pytest.mark.parametrize("path", ["/", "/?q=kelder", "/stories/{volcano}", "/stories/{ferry}"])
def test_pages_carry_a_content_security_policy(
    client: TestClient, story_ids: dict[str, str], path: str
) -> None:
    response = client.get(path.format(**story_ids))
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/?q=script", "/stories/{volcano}"])
def test_hostile_article_content_is_escaped_text(
    client: TestClient, story_ids: dict[str, str], path: str
) -> None:
    html = client.get(path.format(**story_ids)).text
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "</table><b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = lxml.html.fromstring(html)
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in {"script", "img", "iframe", "object", "embed", "b"}
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert not value.strip().lower().startswith(("javascript:", "data:")), value
    for link in page.xpath("//a[starts-with(@href, 'http')]"):
        assert link.get("rel") == "noopener noreferrer"


def test_hostile_story_renders_every_section_with_its_text_escaped(
    client: TestClient, story_ids: dict[str, str]
) -> None:
    response = client.get(f"/stories/{story_ids['volcano']}")
    page = lxml.html.fromstring(response.text)
    assert not page.xpath('//*[@href="javascript:alert(1)"]')
    items = page.xpath('//li[@class="article-item"]')
    evil = next(item for item in items if "Evil" in _text(item))
    assert "<b>Evil</b> Outlet" in _text(evil)  # the outlet's markup shown as text
    assert _text(evil.xpath('.//*[@class="article-source"]')[0]) == "javascript:alert(1)"
    assert not evil.xpath(".//a[@class='article-url']")
    watch = next(item for item in items if "Volcano Watch" in _text(item))
    (link,) = watch.xpath(".//a[@class='article-url']")
    assert link.get("href") == HOSTILE_URL  # quotes in it escaped, so the attribute holds
    assert link.get("rel") == "noopener noreferrer"
    quotes = [_text(quote) for quote in page.xpath('//span[@class="source-quote"]')]
    assert quotes and any("<" in quote for quote in quotes)


def test_the_story_list_is_paged_with_links_between_pages(
    built_db: Path,
    make_client: Callable[..., TestClient],
    story_ids: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("storyline.web.pages.STORIES_PER_PAGE", 1)
    client = make_client(built_db)  # its pages are rendered with one story a page
    first = _page(client, "/?q=&page=1")
    assert first.xpath('//a[@class="story-link"]/@href') == [f"/stories/{story_ids['volcano']}"]
    assert first.xpath('//nav[@id="pages"]//a[@rel="next"]/@href') == ["/?page=2"]
    assert not first.xpath('//nav[@id="pages"]//a[@rel="prev"]')
    second = _page(client, "/?page=2")
    assert second.xpath('//a[@class="story-link"]/@href') == [f"/stories/{story_ids['ferry']}"]
    assert second.xpath('//nav[@id="pages"]//a[@rel="prev"]/@href') == ["/"]
    assert "page 2 of 2" in _text(second.xpath('//nav[@id="pages"]')[0])
    beyond = _page(client, "/?page=3")
    assert not beyond.xpath('//li[@class="story-item"]')
    assert "2 stories" in _text(beyond.xpath('//p[@id="past-the-end"]')[0])


def test_search_results_are_paged_and_keep_the_query_in_their_links(
    built_db: Path, make_client: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storyline.web.pages.STORIES_PER_PAGE", 1)
    client = make_client(built_db)
    page = _page(client, "/?q=the")
    assert len(page.xpath('//li[@class="story-item"]')) == 1
    assert page.xpath('//nav[@id="pages"]//a[@rel="next"]/@href') == ["/?q=the&page=2"]
    assert "2 stories matching" in _text(page.xpath('//p[@class="result-note"]')[0])


def test_a_story_read_in_part_says_so_on_its_page(built_db: Path) -> None:
    from fastapi.testclient import TestClient as Client

    from storyline.config import Config
    from storyline.web import create_app

    client = Client(create_app(built_db, settings=IN_PROCESS, config=Config(max_story_articles=3)))
    ferry = next(
        row["id"]
        for row in client.get("/api/stories").json()["stories"]
        if len(row["articles"]) == 5
    )
    page = client.get(f"/stories/{ferry}").text
    assert "This story has 5 articles, more than a digest reads" in page
    assert "made from 3 of them" in page
    assert len(client.get(f"/api/stories/{ferry}").json()["stories"][0]["unread_articles"]) == 2
