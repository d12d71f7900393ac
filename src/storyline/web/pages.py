"""The HTML pages, rendered on the server: the story list (paged) with search, and a story's
page. A story page is rendered once per story version (``StoryService.story``); a list page
(searched or not) once per listing (the snapshot's token), query and page, and kept while it is
among the most recently used; nothing on the event loop waits for the store or a template."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

import anyio.to_thread
from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.responses import HTMLResponse
from jinja2 import Environment
from starlette.responses import Response

from storyline.web.cached_body import CachedBody
from storyline.web.listing_cache import ListingCache
from storyline.web.page_templates import page_templates
from storyline.web.service import StoryPage, StoryService
from storyline.web.story_render import HTML

__all__ = ["page_router", "page_templates"]

STORIES_PER_PAGE = 50


def page_router(
    service: StoryService, *, templates: Environment, listings: ListingCache
) -> APIRouter:
    """The routes of the pages (left out of the OpenAPI document); list pages are kept in
    ``listings``."""
    router = APIRouter(include_in_schema=False)

    def render_list(found: StoryPage, query: str) -> str:
        return templates.get_template("home.html").render(
            stories=found.stories,
            query=query,
            total=found.total,
            page=found.page,
            pages=found.pages,
            newer=_page_link(query, found.page - 1) if found.page > 1 else None,
            older=_page_link(query, found.page + 1) if found.page < found.pages else None,
        )

    @router.get("/", response_class=HTMLResponse)
    async def home(
        request: Request,
        q: Annotated[str, Query(max_length=500)] = "",
        page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    ) -> Response:
        snapshot = await service.snapshot()
        query = q.strip()
        key = ("page", snapshot.token, query, page)
        body = listings.get(key)
        if body is None:

            def listing() -> CachedBody:
                found = service.story_page(snapshot, query, page=page, per_page=STORIES_PER_PAGE)
                return CachedBody.of(render_list(found, query).encode("utf-8"), media_type=HTML)

            body = await anyio.to_thread.run_sync(listing)
            listings.put(key, body)
        return body.response(request.headers, headers={})

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    async def story(story_id: str, request: Request) -> Response:
        answer = await service.story(story_id)
        if answer is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no story {story_id!r}")
        return answer.rendered.page.response(
            request.headers, headers={"X-Cache": "hit" if answer.ready else "miss"}
        )

    return router


def _page_link(query: str, page: int) -> str:
    params = {"q": query} if query else {}
    if page > 1:
        params["page"] = str(page)
    return "/?" + urlencode(params) if params else "/"
