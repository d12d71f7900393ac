"""Story pages rendered once per story version: served from the cache with an ETag (304 when the
client has it), gzip when accepted, and rendered again as soon as another connection adds an
article to the story or refreshes its headline."""

from __future__ import annotations

import gzip
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import TOKEN
from fastapi.testclient import TestClient

from storyline.config import Config
from storyline.model import Article
from storyline.store.update import add_articles
from storyline.web.render_cache import RenderCache
from storyline.web.store_watch import StoreWatch
from storyline.web.story_renderer import StoryRenderer
from storyline.web.warm_up import WarmUp

FERRY_UPDATE = Article(
    id="ferry-refloated",
    title="Sula Marren refloated off the Corran Ledge",
    outlet="Harbour Gazette",
    source="https://gazette.example/ferry-refloated",
    published=datetime(2025, 3, 16, 9, tzinfo=UTC),
    language="en",
    text=(
        "Salvage crews refloated the passenger ferry Sula Marren from the Corran Ledge off "
        "Halmsey on Sunday, two days after it ran aground with 214 passengers and 31 crew on "
        "board. The Skerra Line said the ship would be towed to Nordvik for inspection by the "
        "National Marine Accident Board. A tug from Nordvik reached the ferry at dawn."
    ),
)


@pytest.fixture()
def own_client(
    writable_db: Path, make_client: Callable[..., TestClient]
) -> tuple[TestClient, Path]:
    """A client with a cache of its own, over a store the test may write to."""
    return make_client(writable_db, token=TOKEN), writable_db


@pytest.mark.parametrize("path", ["/stories/{id}", "/api/stories/{id}"])
def test_a_story_is_rendered_once_then_served_from_the_cache_with_the_same_etag(
    own_client: tuple[TestClient, Path], story_ids: dict[str, str], path: str
) -> None:
    client, _ = own_client
    url = path.format(id=story_ids["ferry"])
    first = client.get(url)
    second = client.get(url)
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
    assert first.headers["etag"] == second.headers["etag"]
    assert first.content == second.content
    assert first.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize("path", ["/", "/stories/{id}", "/api/stories/{id}"])
def test_a_request_naming_the_current_etag_gets_304_without_a_body(
    client: TestClient, story_ids: dict[str, str], path: str
) -> None:
    url = path.format(id=story_ids["ferry"])
    etag = client.get(url).headers["etag"]
    for named in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = client.get(url, headers={"If-None-Match": named})
        assert again.status_code == 304, named
        assert again.content == b""
        assert again.headers["etag"] == etag
        assert "content-security-policy" in again.headers
    other = client.get(url, headers={"If-None-Match": '"not-the-etag"'})
    assert other.status_code == 200 and other.content


@pytest.mark.parametrize("path", ["/", "/stories/{id}", "/api/stories/{id}"])
def test_answers_are_gzip_when_the_client_accepts_it_and_plain_otherwise(
    client: TestClient, story_ids: dict[str, str], path: str
) -> None:
    url = path.format(id=story_ids["ferry"])
    with client.stream("GET", url, headers={"Accept-Encoding": "gzip"}) as zipped:
        assert zipped.headers["content-encoding"] == "gzip"
        raw = b"".join(zipped.iter_raw())
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert gzip.decompress(raw) == plain.content
    refused = client.get(url, headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in refused.headers


@pytest.mark.parametrize("path", ["/stories/{id}", "/api/stories/{id}"])
def test_a_cached_story_is_rendered_again_after_another_connection_adds_an_article_to_it(
    own_client: tuple[TestClient, Path], story_ids: dict[str, str], path: str
) -> None:
    client, db = own_client
    url = path.format(id=story_ids["ferry"])
    before = client.get(url)
    assert client.get(url).headers["x-cache"] == "hit"
    # As a concurrent 'storyline ingest' would: another connection, not through the app.
    update = add_articles([FERRY_UPDATE], db=db, config=Config())
    assert update.counts.stories_touched == (story_ids["ferry"],)
    after = client.get(url)
    assert after.status_code == 200
    assert after.headers["x-cache"] == "miss"
    assert after.headers["etag"] != before.headers["etag"]
    assert "ferry-refloated" in after.text and "ferry-refloated" not in before.text
    assert client.get(url).headers["x-cache"] == "hit"
    # The story list saw the article too.
    listing = client.get("/api/stories").json()["stories"]
    ferry = next(story for story in listing if story["id"] == story_ids["ferry"])
    assert "ferry-refloated" in ferry["articles"]
    assert ferry["last"] == "2025-03-16T09:00:00+00:00"


def test_a_changed_headline_alone_renders_the_story_and_the_list_again(
    own_client: tuple[TestClient, Path], story_ids: dict[str, str]
) -> None:
    client, db = own_client
    page = client.get(f"/stories/{story_ids['ferry']}")
    home = client.get("/")
    with sqlite3.connect(db) as connection:  # as a headline refresh after an ingest does
        connection.execute(
            "UPDATE stories SET headline = ? WHERE id = ?",
            ("Ferry headline refreshed elsewhere", story_ids["ferry"]),
        )
    again = client.get(f"/stories/{story_ids['ferry']}")
    assert again.headers["x-cache"] == "miss"
    new_home = client.get("/")
    assert new_home.headers["etag"] != home.headers["etag"]
    assert "Ferry headline refreshed elsewhere" in new_home.text
    assert "Ferry headline refreshed elsewhere" not in home.text
    assert page.status_code == again.status_code == 200


def test_a_story_added_by_another_connection_is_listed_searched_and_served(
    own_client: tuple[TestClient, Path],
) -> None:
    client, db = own_client
    assert client.get("/api/stories").json()["total"] == 2
    quake = Article(
        id="quake-1",
        title="Earthquake shakes Verdell",
        source="<quake-1>",
        published=datetime(2025, 5, 1, 8, tzinfo=UTC),
        language="en",
        text="A strong earthquake shook the coastal town of Verdell on Monday morning. "
        "Residents fled their homes as buildings swayed, the town's mayor said.",
    )
    (story_id,) = add_articles([quake], db=db, config=Config()).counts.stories_opened
    listing = client.get("/api/stories").json()
    assert listing["total"] == 3 and listing["stories"][0]["id"] == story_id
    found = client.get("/api/stories", params={"q": "verdell"}).json()["stories"]
    assert [story["id"] for story in found] == [story_id]
    assert f"/stories/{story_id}" in client.get("/").text
    assert "Verdell" in client.get(f"/stories/{story_id}").text


def test_the_warm_up_leaves_a_story_being_rendered_for_a_request_to_that_request(
    built_db: Path, story_ids: dict[str, str]
) -> None:
    watch = StoreWatch(built_db)
    watch.open()
    renderer = StoryRenderer(built_db, config=Config(), processes=False)
    warm_up = WarmUp(watch, renderer, RenderCache(max_bytes=2**20))
    try:
        snapshot = watch.current()
        newest = snapshot.rows[0].id
        assert warm_up.next_story(snapshot) == snapshot.heads[newest]
        renderer._in_flight[newest] = (0, Future())  # a request is rendering it
        following = warm_up.next_story(snapshot)
        assert following is not None and following.id != newest
    finally:
        renderer.close()
        watch.close()
