"""Bodies kept for reuse: ETag matching, gzip negotiation, and the bounded cache of rendered
stories."""

from __future__ import annotations

import pytest

from storyline.errors import ConfigError
from storyline.web.cached_body import CachedBody, accepts_gzip, etag_matches
from storyline.web.listing_cache import ListingCache
from storyline.web.render_cache import RenderCache
from storyline.web.story_render import RenderedStory


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip", True),
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("*", True),
        ("", False),
        ("identity", False),
        ("gzip;q=0", False),
        ("gzip;q=0.0, *", False),
        ("*;q=0", False),
        ("gzip;q=bogus", False),
    ],
)
def test_gzip_is_used_only_when_the_client_accepts_it(header: str, expected: bool) -> None:
    assert accepts_gzip(header) is expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [('"abc"', True), ('W/"abc"', True), ('"x", "abc"', True), ("*", True), ('"abd"', False)],
)
def test_an_etag_matches_when_if_none_match_names_it(header: str, expected: bool) -> None:
    assert etag_matches(header, '"abc"') is expected


def test_a_body_keeps_its_bytes_and_its_etag_depends_on_them_only() -> None:
    body = CachedBody.of(b"<p>hello</p>" * 100, media_type="text/html")
    assert body.plain() == b"<p>hello</p>" * 100
    assert body.size < 200
    assert CachedBody.of(b"<p>hello</p>" * 100, media_type="text/html") == body
    assert CachedBody.of(b"<p>hello!</p>", media_type="text/html").etag != body.etag


def _rendered(story_id: str, *, version: int, size: int, headline: str = "h") -> RenderedStory:
    body = CachedBody(b"x" * size, "text/html", f'"{story_id}-{version}"')
    return RenderedStory(story_id, version, headline, page=body, api=body)


def test_the_cache_gives_a_story_only_at_the_version_and_headline_it_was_rendered_at() -> None:
    cache = RenderCache(max_bytes=10_000)
    cache.put(_rendered("s1", version=3, size=10))
    assert cache.get("s1", version=3, headline="h") is not None
    assert cache.get("s1", version=4, headline="h") is None
    assert cache.get("s1", version=3, headline="other") is None
    cache.put(_rendered("s1", version=2, size=10))  # an older rendering arriving late
    found = cache.get("s1", version=3, headline="h")
    assert found is not None and found.version == 3


def test_the_cache_forgets_the_least_recently_used_stories_beyond_its_budget() -> None:
    cache = RenderCache(max_bytes=100)
    for story_id in ("s1", "s2", "s3"):
        cache.put(_rendered(story_id, version=1, size=15))  # 30 bytes each (page and API)
    assert cache.get("s1", version=1, headline="h") is not None  # s1 is now the most recent
    cache.put(_rendered("s4", version=1, size=15))
    assert len(cache) == 3 and cache.size_bytes == 90
    assert cache.get("s2", version=1, headline="h") is None
    assert cache.get("s1", version=1, headline="h") is not None
    assert not cache.has_room()


def test_a_cache_without_a_budget_is_refused() -> None:
    with pytest.raises(ConfigError, match="'max_bytes' must be an int in"):
        RenderCache(max_bytes=0)


def test_the_listing_cache_keeps_the_most_recently_used_answers() -> None:
    listings = ListingCache(kept=2)
    bodies = [CachedBody.of(f"<p>{n}</p>".encode(), media_type="text/html") for n in range(3)]
    listings.put(("page", "t1", "", 1), bodies[0])
    listings.put(("page", "t1", "", 2), bodies[1])
    assert listings.get(("page", "t1", "", 1)) == bodies[0]  # now the most recent
    listings.put(("page", "t2", "", 1), bodies[2])
    assert len(listings) == 2
    assert listings.get(("page", "t1", "", 2)) is None
    assert listings.get(("page", "t1", "", 1)) == bodies[0]
    assert listings.get(("page", "t2", "", 1)) == bodies[2]
