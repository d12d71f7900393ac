"""The JSON API: stories (paged, searchable), a story's digest, an article, and adding articles
with a bearer token."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from starlette.responses import Response

from storyline.model import Article, Rejection
from storyline.store import StoryRow
from storyline.store.locking import StoreBusyError
from storyline.web.cached_body import CachedBody
from storyline.web.display import outbound_url
from storyline.web.listing_cache import ListingCache
from storyline.web.service import StoryService
from storyline.web.story_render import JSON
from storyline.web.submission import MAX_ARTICLES, read_submission

_BEARER = HTTPBearer(auto_error=False, description="The token given by --token or STORYLINE_TOKEN")
_EXAMPLE_RECORD = {
    "id": "harbour-1",
    "title": "Ferry runs aground off Halmsey",
    "outlet": "Harbour Gazette",
    "url": "https://gazette.example/ferry",
    "published": "2025-03-14T18:40:00+01:00",
    "text": "The passenger ferry Sula Marren ran aground on the Corran Ledge early on Friday.",
}


class StorySummary(BaseModel):
    """A story as listed: input ids of its articles, outlets, first and last publication."""

    id: str
    headline: str | None
    articles: list[str]
    outlets: list[str]
    first: str | None
    last: str | None


class StoryList(BaseModel):
    stories: list[StorySummary]
    page: int
    per_page: int
    total: int


class ArticleRecord(BaseModel):
    """A stored article; ``url`` is its source when that is an http(s) URL."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    source: str
    published: str | None
    published_zone: str | None
    language: str | None
    text: str
    story_id: str


class RejectionRecord(BaseModel):
    source: str
    reason: str
    detail: str


class AddResult(BaseModel):
    """What an addition did: articles stored, already stored, stories changed, inputs refused."""

    added: int
    already_stored: int
    stories_touched: list[str]
    rejections: list[RejectionRecord]


class ErrorRecord(BaseModel):
    error: str


_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorRecord}}


def api_router(service: StoryService, *, token: str | None, listings: ListingCache) -> APIRouter:
    """The ``/api`` routes over ``service``; writes need ``token`` (refused if it is None);
    story lists are kept in ``listings``."""
    router = APIRouter(prefix="/api", tags=["api"])

    def require_token(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
    ) -> None:
        if token is None:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                "this server accepts no writes: start it with --token or STORYLINE_TOKEN set",
            )
        given = "" if credentials is None else credentials.credentials
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "a valid 'Authorization: Bearer <token>' header is required",
                headers={"WWW-Authenticate": "Bearer"},
            )

    @router.get("/stories", response_model=StoryList)
    async def list_stories(
        request: Request,
        q: Annotated[str, Query(max_length=500, description="Words to search for")] = "",
        page: Annotated[int, Query(ge=1)] = 1,
        per_page: Annotated[int, Query(ge=1, le=100)] = 20,
    ) -> Response:
        """Stories, newest activity first; with ``q`` only those whose headline or articles
        contain every word of it."""
        snapshot = await service.snapshot()
        query = q.strip()
        key = ("api", snapshot.token, query, page, per_page)
        body = listings.get(key)
        if body is None:

            def listing() -> CachedBody:
                found = service.story_page(snapshot, query, page=page, per_page=per_page)
                answer = StoryList(
                    stories=[_summary(row) for row in found.stories],
                    page=found.page,
                    per_page=found.per_page,
                    total=found.total,
                )
                return CachedBody.of(answer.model_dump_json().encode("utf-8"), media_type=JSON)

            body = await anyio.to_thread.run_sync(listing)
            listings.put(key, body)
        return body.response(request.headers, headers={})

    @router.get(
        "/stories/{story_id}",
        response_class=Response,
        responses={
            200: {
                "description": "The story's digest: the JSON 'storyline digest --format json' "
                "prints. Sent with an ETag; 'X-Cache: hit' when it was computed before the "
                "request, 'miss' when the request waited for it.",
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            304: {"description": "Not modified: the If-None-Match header names the current ETag"},
            **_NOT_FOUND,
        },
    )
    async def get_story(story_id: str, request: Request) -> Response:
        """The story's digest: the JSON ``storyline digest --format json`` prints."""
        answer = await service.story(story_id)
        if answer is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no story {story_id!r}")
        return answer.rendered.api.response(
            request.headers, headers={"X-Cache": "hit" if answer.ready else "miss"}
        )

    # ``:path``: an id may hold slashes ("H1N1_bbc/2009-04-25/558.htm.txt"), written as they are
    # or as %2F (which the server decodes before routing).
    @router.get("/articles/{article_id:path}", response_model=ArticleRecord, responses=_NOT_FOUND)
    def get_article(article_id: str) -> ArticleRecord:
        """A stored article, by its id in the store (or the id it was given)."""
        found = service.article(article_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no article {article_id!r}")
        return _article(*found)

    @router.post(
        "/articles",
        response_model=AddResult,
        dependencies=[Depends(require_token)],
        responses={
            400: {"model": ErrorRecord, "description": "The body is not JSON"},
            401: {"model": ErrorRecord},
            403: {"model": ErrorRecord},
            422: {"description": "A record could not be read; nothing was stored"},
            503: {
                "model": ErrorRecord,
                "description": "Another process is writing to the store; nothing was stored",
            },
        },
    )
    def add_articles(
        body: Annotated[
            dict[str, Any] | list[Any],
            Body(
                description=f"One article record, a list of them or {{'articles': [...]}} "
                f"(at most {MAX_ARTICLES}), in the ingest format: id, text, and optionally "
                "title, url, published, outlet, language.",
                examples=[_EXAMPLE_RECORD],
            ),
        ],
    ) -> AddResult:
        """Add articles to the store, each to the story it reports. If any record cannot be
        read, nothing is stored and the answer is 422 with the reasons."""
        submission = read_submission(body)
        if submission.rejections:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                {
                    "error": "some records cannot be read; nothing was stored",
                    "rejections": [_rejection(item) for item in submission.rejections],
                },
            )
        try:
            update = service.add(submission.articles, rejections=())
        except StoreBusyError as e:
            raise HTTPException(
                status.HTTP_503_SERVICE_UNAVAILABLE,
                {"error": f"{e}; nothing was stored"},
                headers={"Retry-After": "30"},
            ) from e
        return AddResult(
            added=update.counts.added,
            already_stored=update.counts.already_stored,
            stories_touched=list(update.counts.stories_touched),
            rejections=[RejectionRecord(**_rejection(item)) for item in update.rejections],
        )

    return router


def _summary(row: StoryRow) -> StorySummary:
    return StorySummary(
        id=row.id,
        headline=row.headline,
        articles=list(row.article_ids),
        outlets=list(row.outlets),
        first=None if row.first is None else row.first.isoformat(),
        last=None if row.last is None else row.last.isoformat(),
    )


def _article(article: Article, story_id: str) -> ArticleRecord:
    return ArticleRecord(
        id=article.id,
        title=article.title,
        outlet=article.outlet,
        url=outbound_url(article.source),
        source=article.source,
        published=None if article.published is None else article.published.isoformat(),
        published_zone=article.published_zone,
        language=article.language,
        text=article.text,
        story_id=story_id,
    )


def _rejection(rejection: Rejection) -> dict[str, str]:
    return {"source": rejection.source, "reason": rejection.reason, "detail": rejection.detail}
