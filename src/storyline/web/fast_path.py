"""Answers made already, sent without the web framework: a GET for a story page or story JSON
whose current version is rendered, or for a story list page kept for the current listing, is
answered here from the cache; everything else (a page to render, a 404, a request with
parameters this path does not read exactly as the routes do) goes on to the routes, which
answer it and keep what they made. On two cores this halves the CPU of a cached answer
(FastAPI's routing and parameter checks cost about as much as the rest of the answer)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from storyline.web.cached_body import CachedBody
from storyline.web.listing_cache import ListingCache
from storyline.web.service import StoryService

_STORY = re.compile(r"/(api/)?stories/([^/]+)")
_MAX_QUERY = 500  # the routes' max_length of q
_PARAMS = {  # the parameters of the list routes and their defaults (q: none)
    False: {"q": "", "page": "1"},
    True: {"q": "", "page": "1", "per_page": "20"},
}


class FastAnswers:
    """ASGI middleware answering cached GETs of ``service``'s stories and of ``listings``."""

    def __init__(self, app: ASGIApp, *, service: StoryService, listings: ListingCache) -> None:
        self.app = app
        self.service = service
        self.listings = listings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            body, cache = await self._cached(scope)
            if body is not None:
                extra = {} if cache is None else {"X-Cache": cache}
                response = body.response(Headers(scope=scope), headers=extra)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _cached(self, scope: Scope) -> tuple[CachedBody | None, str | None]:
        path: str = scope["path"]
        story = _STORY.fullmatch(path)
        if story is not None:
            if scope["query_string"]:
                return None, None
            snapshot = await self.service.snapshot()
            head = snapshot.head(story.group(2))
            if head is None:
                return None, None
            rendered = self.service.cache.get(head.id, version=head.version, headline=head.headline)
            if rendered is None:
                return None, None
            return (rendered.api if story.group(1) else rendered.page), "hit"
        if path not in ("/", "/api/stories"):
            return None, None
        params = _list_params(scope["query_string"], api=path != "/")
        if params is None:
            return None, None
        snapshot = await self.service.snapshot()
        if path == "/":
            key: tuple[str | int, ...] = ("page", snapshot.token, params[0], params[1])
        else:
            key = ("api", snapshot.token, *params)
        return self.listings.get(key), None


def _list_params(raw: bytes, *, api: bool) -> tuple[str, int, int] | tuple[str, int] | None:
    """(q stripped, page[, per_page]) as the list route reads them, or None when the route
    might read them otherwise: a parameter it does not know or given twice, a number that is not
    plain digits, a q longer than it allows. Bounds need no check: only answers the route made
    (so to valid requests) are in the cache."""
    given: dict[str, str] = {}
    for name, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
        if name in given or name not in _PARAMS[api]:
            return None
        given[name] = value
    query = given.get("q", "")
    numbers = [given.get(name, default) for name, default in _PARAMS[api].items() if default]
    if len(query) > _MAX_QUERY or not all(text.isascii() and text.isdigit() for text in numbers):
        return None
    if api:
        return query.strip(), int(numbers[0]), int(numbers[1])
    return query.strip(), int(numbers[0])
