"""Cached answers sent without the framework: the same bytes and headers as the routes give,
and only for requests the routes would read the same way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.web.fast_path import _list_params

SAME_HEADERS = (
    "content-type",
    "content-encoding",
    "etag",
    "cache-control",
    "vary",
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
)


@pytest.mark.parametrize(
    "path",
    ["/stories/{id}", "/api/stories/{id}", "/", "/?q=ferry", "/api/stories?page=1&per_page=5"],
)
def test_a_cached_answer_is_the_answer_the_route_made(
    built_db: Path, make_client: Callable[..., TestClient], story_ids: dict[str, str], path: str
) -> None:
    client = make_client(built_db)  # nothing cached yet
    url = path.format(id=story_ids["ferry"])
    made = client.get(url)  # by the route, which keeps it
    again = client.get(url)  # from the cache, by the fast path
    assert made.status_code == again.status_code == 200
    assert made.content == again.content
    for name in SAME_HEADERS:
        assert made.headers.get(name) == again.headers.get(name), name
    assert again.headers.get("x-cache") == ("hit" if "{id}" in path else None)


@pytest.mark.parametrize(
    ("query", "api", "expected"),
    [
        (b"", False, ("", 1)),
        (b"q=+ferry+&page=2", False, ("ferry", 2)),
        (b"q=caf%C3%A9", False, ("café", 1)),
        (b"page=01", False, ("", 1)),
        (b"", True, ("", 1, 20)),
        (b"per_page=5&page=3", True, ("", 3, 5)),
        (b"page=2&page=3", False, None),
        (b"page=-1", False, None),
        (b"page=1.0", False, None),
        (b"page=%EF%BC%91", False, None),  # a full-width digit
        (b"per_page=5", False, None),  # not a parameter of the page
        (b"sort=new", True, None),
        (b"q=" + b"x" * 501, False, None),
    ],
)
def test_list_parameters_are_read_as_the_routes_read_them_or_left_to_them(
    query: bytes, api: bool, expected: tuple[object, ...] | None
) -> None:
    assert _list_params(query, api=api) == expected


def test_requests_the_fast_path_leaves_alone_are_still_answered(
    client: TestClient, story_ids: dict[str, str]
) -> None:
    client.get(f"/stories/{story_ids['ferry']}")  # cached now
    assert client.get(f"/stories/{story_ids['ferry']}?utm=x").status_code == 200
    assert client.get("/?page=0").status_code == 422
    assert client.get("/api/stories?per_page=101").status_code == 422
    assert client.get("/stories/story-none").status_code == 404
