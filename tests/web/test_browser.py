"""The web UI in a real browser: headless Chromium (Debian's ``chromium``) driven by Playwright.

A store is built with ``storyline ingest`` from the bundled ferry example, the shared seeds and a
file of hostile articles; ``storyline serve`` runs over it on 127.0.0.1 for the whole module.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from builders import SEEDS

from storyline.web.local_server import free_port, stop_process, wait_until_answering

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is absent")

REPO = Path(__file__).resolve().parents[2]
FERRY = REPO / "examples" / "ferry"
CHROMIUM = shutil.which("chromium")
STORYLINE = [sys.executable, "-c", "from storyline.cli.app import main; main()"]
TOKEN = "browser-test-token"
SERVER_START_SECONDS = 30.0

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (.ci/run installs Debian's chromium)"
)

PWNED = "window.__pwned=1"
SCRIPT_TAG = f"<script>{PWNED}</script>"
IMG_TAG = f'<img src=x onerror="{PWNED}">'
BROKEN = "</table><b>"
HOSTILE_ARTICLES = [
    {
        "id": "hostile-bridge-1",
        "title": f"Brannock bridge closed after crack found {SCRIPT_TAG}",
        "url": f"javascript:{PWNED}",
        "outlet": f"Evil Times {IMG_TAG}",
        "published": "2025-04-02T09:00:00+00:00",
        "text": (
            "The Brannock bridge over the river Tamsk was closed on Tuesday after engineers "
            f"found a crack in its main span {SCRIPT_TAG}. "
            f"The council said 40,000 vehicles cross the bridge every day {IMG_TAG}. "
            f"Repairs are expected to take six weeks, the council said {BROKEN}. "
            "Drivers were told to use the ring road while the bridge stays closed."
        ),
    },
    {
        "id": "hostile-bridge-2",
        "title": f"Crack shuts Brannock bridge {IMG_TAG}",
        "url": f"javascript:{PWNED}",
        "outlet": f"Tamsk Daily {BROKEN}",
        "published": "2025-04-02T12:00:00+00:00",
        "text": (
            "Engineers closed the Brannock bridge over the river Tamsk on Tuesday after a crack "
            f"was found in the main span {BROKEN}. "
            f"About 45,000 vehicles use the bridge each day, the council said {SCRIPT_TAG}. "
            f"Repairs could take eight weeks, engineers said {IMG_TAG}. "
            "Drivers are being sent along the ring road while the Brannock bridge is closed."
        ),
    },
]


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@dataclass
class Tab:
    """A browser page and what it reported: console errors and uncaught script errors."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def assert_no_script_errors(self) -> None:
        blocked = [
            text
            for text in self.console_errors
            if "Content Security Policy" in text or "Refused to" in text
        ]
        assert blocked == [], f"the page tried something its CSP refused: {blocked}"
        assert self.page_errors == [], f"uncaught script errors: {self.page_errors}"


def _run_storyline(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*STORYLINE, *args], capture_output=True, text=True, timeout=120, check=False
    )


def _wait_until_answering(server: Server) -> None:
    if wait_until_answering(server.url + "/", server.process, timeout_s=SERVER_START_SECONDS):
        return
    if server.process.poll() is not None:
        pytest.fail(f"storyline serve exited with {server.process.returncode}:\n{server.log()}")
    pytest.fail(f"storyline serve did not answer within {SERVER_START_SECONDS} s:\n{server.log()}")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser-store")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(
        "".join(json.dumps(record) + "\n" for record in HOSTILE_ARTICLES), encoding="utf-8"
    )
    db = folder / "storyline.db"
    inputs = [str(FERRY), str(hostile)]
    if SEEDS.is_dir():
        inputs.append(str(SEEDS))
    result = _run_storyline("ingest", *inputs, "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def serve_command() -> None:
    probe = _run_storyline("serve", "--help")
    if probe.returncode != 0 and "No such command" in probe.stderr:
        pytest.skip("storyline has no 'serve' command yet")
    assert probe.returncode == 0, probe.stderr


@pytest.fixture(scope="module")
def server(serve_command: None, store: Path) -> Iterator[Server]:
    port = free_port()
    log_path = store.parent / "serve.log"
    command = [*STORYLINE, "serve", "--db", str(store), "--host", "127.0.0.1"]
    command += ["--port", str(port), "--token", TOKEN]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    running = Server(url=f"http://127.0.0.1:{port}", process=process, log_path=log_path)
    try:
        _wait_until_answering(running)
        yield running
    finally:
        stop_process(process)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright = sync_api.sync_playwright().start()
    try:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()
    finally:
        playwright.stop()


@contextmanager
def _opened_tab(browser: Any, *, javascript: bool = True) -> Iterator[Tab]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    tab = Tab(page=page)
    page.on(
        "console",
        lambda message: (
            tab.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: tab.page_errors.append(str(error)))
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    with _opened_tab(browser) as opened:
        yield opened


STORY_HEADLINES = {"ferry": "Sula Marren", "hostile": "Brannock"}


@pytest.fixture(scope="module")
def story_urls(browser: Any, server: Server) -> dict[str, str]:
    """The address of the ferry story and of the hostile one, as the home page links them."""
    with _opened_tab(browser) as tab:
        tab.page.goto(server.url + "/")
        links = [
            (link.inner_text(), link.get_attribute("href") or "")
            for link in tab.page.locator("a.story-link").all()
        ]
    urls = {}
    for name, word in STORY_HEADLINES.items():
        hrefs = [href for text, href in links if word in text]
        assert len(hrefs) == 1, f"expected one headline with {word!r} on the home page; {links}"
        assert re.fullmatch(r"/stories/[^/?#]+", hrefs[0]), hrefs[0]
        urls[name] = server.url + hrefs[0]
    return urls


@pytest.fixture
def ferry_page(tab: Tab, story_urls: dict[str, str]) -> Tab:
    tab.page.goto(story_urls["ferry"])
    return tab


def test_home_page_lists_stories_with_counts_and_time_span(tab: Tab, server: Server) -> None:
    page = tab.page
    page.goto(server.url + "/")
    items = page.locator("#stories li.story-item")
    expected = 3 if SEEDS.is_dir() else 2
    assert items.count() >= expected
    first = items.first
    for selector in ("a.story-link", ".article-count", ".outlet-count", ".time-span"):
        sync_api.expect(first.locator(selector)).to_be_visible()
    sync_api.expect(page.locator("#no-results")).to_have_count(0)
    tab.assert_no_script_errors()


def test_searching_for_ferry_finds_the_ferry_story(tab: Tab, server: Server) -> None:
    page = tab.page
    page.goto(server.url + "/")
    page.locator("#search input[name=q]").fill("ferry")
    page.locator("#search input[name=q]").press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=ferry"))
    links = page.locator("#stories a.story-link")
    sync_api.expect(links.filter(has_text="Sula Marren")).to_have_count(1)
    sync_api.expect(page.locator("#no-results")).to_have_count(0)
    tab.assert_no_script_errors()


def test_searching_for_nonsense_shows_no_results(tab: Tab, server: Server) -> None:
    page = tab.page
    page.goto(server.url + "/")
    page.locator("#search input[name=q]").fill("qzxvwjk")
    page.locator("#search input[name=q]").press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=qzxvwjk"))
    sync_api.expect(page.locator("#no-results")).to_be_visible()
    sync_api.expect(page.locator("li.story-item")).to_have_count(0)


def test_a_story_opens_from_its_home_page_link(tab: Tab, server: Server) -> None:
    page = tab.page
    page.goto(server.url + "/")
    page.locator("a.story-link", has_text="Sula Marren").first.click()
    page.wait_for_url(re.compile(r"/stories/[^/?#]+$"))
    sync_api.expect(page.locator("h1#headline")).to_contain_text("Sula Marren")


def test_story_page_shows_headline_and_summary(ferry_page: Tab) -> None:
    page = ferry_page.page
    sync_api.expect(page.locator("h1#headline")).to_be_visible()
    sentences = page.locator("#summary p.summary-sentence")
    assert sentences.count() >= 1
    sync_api.expect(sentences.first).to_be_visible()
    assert page.locator("#summary .source-marker").count() >= 1
    ferry_page.assert_no_script_errors()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_hovering_a_source_marker_shows_the_quoted_source(
    browser: Any, story_urls: dict[str, str], javascript: bool
) -> None:
    with _opened_tab(browser, javascript=javascript) as tab:
        page = tab.page
        page.goto(story_urls["ferry"])
        marker = page.locator("#summary .source-marker").first
        quote = marker.locator("xpath=following-sibling::*[1]")
        sync_api.expect(quote).to_have_class(re.compile(r"\bsource-quote\b"))
        sync_api.expect(quote).to_be_hidden()
        marker.hover()
        sync_api.expect(quote).to_be_visible()
        sync_api.expect(quote).to_have_text(re.compile(r"\S.*:\s*“.{10,}”", re.DOTALL))
        box = quote.bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0
        page.mouse.move(0, 0)
        sync_api.expect(quote).to_be_hidden()
        tab.assert_no_script_errors()


def test_focusing_a_source_marker_shows_the_quoted_source(ferry_page: Tab) -> None:
    page = ferry_page.page
    marker = page.locator("#summary .source-marker").first
    quote = marker.locator("xpath=following-sibling::*[1]")
    sync_api.expect(quote).to_be_hidden()
    marker.focus()
    sync_api.expect(quote).to_be_visible()


def test_timeline_chart_draws_entries(ferry_page: Tab) -> None:
    page = ferry_page.page
    chart = page.locator("svg#timeline-chart")
    sync_api.expect(chart).to_be_visible()
    entries = chart.locator("g.timeline-entry")
    assert entries.count() >= 1
    box = entries.first.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0


def test_disagreement_panel_shows_conflicting_claims(ferry_page: Tab) -> None:
    page = ferry_page.page
    panel = page.locator("#disagreements.sources-disagree")
    sync_api.expect(panel).to_be_visible()
    assert panel.locator("div.disagreement").count() >= 1
    claims = panel.locator("div.disagreement div.claim")
    assert claims.count() >= 2
    sync_api.expect(claims.first).to_be_visible()
    text = panel.inner_text()
    assert "212" in text and "214" in text, text


def test_facts_coverage_and_articles_render(ferry_page: Tab) -> None:
    page = ferry_page.page
    sync_api.expect(page.locator("table#facts")).to_be_visible()
    assert page.locator("table#facts td.agree-count").count() >= 1
    sync_api.expect(page.locator("table#coverage")).to_be_visible()
    sync_api.expect(page.locator("ol#articles li.article-item")).to_have_count(5)


def test_story_page_is_served_with_a_content_security_policy(
    tab: Tab, story_urls: dict[str, str]
) -> None:
    response = tab.page.goto(story_urls["ferry"])
    assert response is not None and response.ok
    assert "content-security-policy" in response.headers


EXTERNAL_LINKS = """() => Array.from(document.querySelectorAll('a[href]'))
    .filter(a => a.protocol !== 'javascript:' && a.origin !== location.origin)
    .map(a => ({href: a.href, rel: a.rel}))"""


@pytest.mark.parametrize("story", ["ferry", "hostile"])
def test_outbound_links_are_noopener_noreferrer(
    tab: Tab, story_urls: dict[str, str], story: str
) -> None:
    tab.page.goto(story_urls[story])
    links = tab.page.evaluate(EXTERNAL_LINKS)
    if story == "ferry":
        assert links, "the ferry reports have web addresses; the page should link them"
    for link in links:
        assert {"noopener", "noreferrer"} <= set(link["rel"].split()), link


HOSTILE_TRACES = """() => ({
    scripts: Array.from(document.scripts).filter(s => s.text.includes('__pwned')).length,
    handlers: Array.from(document.querySelectorAll('*')).filter(
        el => Array.from(el.attributes).some(attr => attr.name.toLowerCase().startsWith('on'))
    ).map(el => el.outerHTML.slice(0, 120)),
    javascriptLinks: Array.from(document.querySelectorAll('[href], [src], [action]')).filter(
        el => /^\\s*javascript:/i.test(el.getAttribute('href') || el.getAttribute('src')
                                       || el.getAttribute('action') || '')
    ).map(el => el.outerHTML.slice(0, 120)),
})"""


def test_hostile_articles_cannot_run_script(tab: Tab, story_urls: dict[str, str]) -> None:
    page = tab.page
    page.goto(story_urls["hostile"])
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    sync_api.expect(page.locator("h1#headline")).to_contain_text("Brannock")
    for marker in page.locator("#summary .source-marker").all():
        marker.hover()
    for link in page.locator("#articles a").all():
        link.hover()
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate(HOSTILE_TRACES) == {"scripts": 0, "handlers": [], "javascriptLinks": []}
    assert "<script>" in page.locator("body").inner_text(), "hostile markup should show as text"
    tab.assert_no_script_errors()


def test_hostile_articles_cannot_run_script_on_the_home_page(tab: Tab, server: Server) -> None:
    page = tab.page
    page.goto(server.url + "/?q=Brannock")
    sync_api.expect(page.locator("a.story-link", has_text="Brannock")).to_have_count(1)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate(HOSTILE_TRACES) == {"scripts": 0, "handlers": [], "javascriptLinks": []}
    tab.assert_no_script_errors()


def test_every_story_page_renders_without_script_errors(tab: Tab, server: Server) -> None:
    page = tab.page
    page.goto(server.url + "/")
    hrefs = [link.get_attribute("href") for link in page.locator("a.story-link").all()]
    assert hrefs
    for href in hrefs:
        response = page.goto(server.url + href)
        assert response is not None and response.ok, href
        sync_api.expect(page.locator("h1#headline")).not_to_be_empty()
        assert page.locator("#summary p.summary-sentence").count() >= 1, href
        assert page.evaluate("typeof window.__pwned") == "undefined", href
    tab.assert_no_script_errors()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_story_page_screenshot_is_a_real_picture(ferry_page: Tab, tmp_path: Path) -> None:
    page = ferry_page.page
    page.locator("#summary .source-marker").first.hover()
    path = tmp_path / "story-page.png"
    page.screenshot(path=str(path), full_page=True)
    width, height = _png_size(path)
    assert width >= 1280 and height >= 900
    assert path.stat().st_size > 20_000
