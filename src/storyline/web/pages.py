"""The HTML pages, rendered on the server: the story list with search, and a story's page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from storyline.web.display import counted, format_span
from storyline.web.service import StoryService
from storyline.web.story_view import story_view


def page_templates() -> Environment:
    """The page templates, with every value HTML-escaped unless a template marks it safe."""
    templates = Environment(
        loader=PackageLoader("storyline.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    templates.globals["format_span"] = format_span
    templates.filters["counted"] = counted
    return templates


def page_router(service: StoryService, *, templates: Environment) -> APIRouter:
    """The routes of the pages (left out of the OpenAPI document)."""
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    def home(q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
        rows = service.stories(q)
        html = templates.get_template("home.html").render(stories=rows, query=q.strip())
        return HTMLResponse(html)

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    def story(story_id: str) -> HTMLResponse:
        digest = service.digest(story_id)
        if digest is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no story {story_id!r}")
        row = service.story_row(story_id)
        view = story_view(digest, fallback_headline=None if row is None else row.headline)
        html = templates.get_template("story.html").render(story=view, row=row)
        return HTMLResponse(html)

    return router
