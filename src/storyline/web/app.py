"""The web application: pages and JSON API over one story store, with a strict
Content-Security-Policy on every page and JSON errors ({"error": ...}) on the API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.config import Config
from storyline.web.api import api_router
from storyline.web.fast_path import FastAnswers
from storyline.web.listing_cache import ListingCache
from storyline.web.page_templates import page_templates
from storyline.web.pages import page_router
from storyline.web.service import ServeSettings, StoryService

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'"
)
_STATIC = Path(__file__).resolve().parent / "static"
_DOCS_PATHS = ("/docs", "/redoc")  # the API explorers load their scripts from a CDN


def create_app(
    db: Path,
    *,
    token: str | None = None,
    config: Config | None = None,
    settings: ServeSettings | None = None,
) -> FastAPI:
    """The app serving the store at ``db``. ``token`` is the bearer token ``POST /api/articles``
    requires; without one the server refuses writes. ``settings`` say how story pages are made
    (worker processes and warm-up by default; they start with the app's lifespan). Raises
    ``InputError`` if ``db`` is not a story store."""
    service = StoryService(Path(db), config=config or Config(), settings=settings)
    templates = page_templates()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        service.start()
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(service.close)

    app = FastAPI(
        title="storyline",
        summary="News stories with attributed summaries, timelines, facts and disagreements.",
        version="1",
        lifespan=lifespan,
    )
    app.state.service = service
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    listings = ListingCache()
    app.include_router(api_router(service, token=token or None, listings=listings))
    app.include_router(page_router(service, templates=templates, listings=listings))
    _add_error_handlers(app, templates=templates)
    app.add_middleware(FastAnswers, service=service, listings=listings)
    app.add_middleware(SecureHeaders)  # added last: the outermost, so it heads every answer
    return app


class SecureHeaders:
    """Adds the security headers to every HTTP answer: no MIME sniffing, no referrer, and the
    Content-Security-Policy (except on the API explorers). A plain ASGI middleware: it costs a
    few microseconds an answer, where ``BaseHTTPMiddleware`` costs a task and a stream."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with_policy = not str(scope["path"]).startswith(_DOCS_PATHS)

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                if with_policy:
                    headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
            await send(message)

        await self.app(scope, receive, send_secured)


def _add_error_handlers(app: FastAPI, *, templates: Environment) -> None:
    """Errors as ``{"error": ...}`` under /api, as an HTML page elsewhere."""

    async def http_error(request: Request, error: Exception) -> Response:
        if not isinstance(error, StarletteHTTPException):  # registered for this type only
            raise error
        if _is_api(request):
            detail = error.detail
            content = detail if isinstance(detail, dict) else {"error": str(detail)}
            return JSONResponse(content, status_code=error.status_code, headers=error.headers)
        html = templates.get_template("error.html").render(
            status=error.status_code, message=str(error.detail)
        )
        return HTMLResponse(html, status_code=error.status_code, headers=error.headers)

    async def invalid_request(request: Request, error: Exception) -> Response:
        if not isinstance(error, RequestValidationError):  # registered for this type only
            raise error
        content = {"error": "invalid request", "detail": jsonable_encoder(error.errors())}
        if _is_api(request):
            return JSONResponse(content, status_code=422)
        html = templates.get_template("error.html").render(
            status=422, message="The request is not valid: " + _first_problem(error)
        )
        return HTMLResponse(html, status_code=422)

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _first_problem(error: RequestValidationError) -> str:
    problems = error.errors()
    if not problems:
        return "unknown problem"
    first = problems[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg', '')}"
