"""Where and when story pages are rendered: ahead of requests by the warm-up, in worker processes
as ``storyline serve`` does, and never on the event loop (other requests are answered while a
story renders)."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from storyline.web import create_app
from storyline.web.service import ServeSettings, StoryService
from storyline.web.story_render import StoryPainter


def _service(client: TestClient) -> StoryService:
    service = client.app.state.service  # type: ignore[attr-defined]
    assert isinstance(service, StoryService)
    return service


def test_the_warm_up_renders_every_story_before_anyone_asks(
    built_db: Path, story_ids: dict[str, str]
) -> None:
    app = create_app(built_db, settings=ServeSettings(render_processes=False, warm_up=True))
    with TestClient(app) as client:  # runs the lifespan: the warm-up starts
        warm_up = _service(client).warm_up
        assert warm_up is not None
        assert warm_up.wait_until_idle(timeout_s=120)
        for story_id in story_ids.values():
            for path in (f"/stories/{story_id}", f"/api/stories/{story_id}"):
                response = client.get(path)
                assert response.status_code == 200
                assert response.headers["x-cache"] == "hit", path


def test_stories_rendered_in_worker_processes_are_those_rendered_in_the_server(
    built_db: Path, client: TestClient, story_ids: dict[str, str]
) -> None:
    app = create_app(built_db, settings=ServeSettings(render_processes=True, warm_up=False))
    with TestClient(app) as in_processes:
        url = f"/stories/{story_ids['ferry']}"
        first = in_processes.get(url)
        assert first.status_code == 200 and first.headers["x-cache"] == "miss"
        assert in_processes.get(url).headers["x-cache"] == "hit"
    in_thread = client.get(url)
    assert in_thread.headers["etag"] == first.headers["etag"]
    assert in_thread.content == first.content


def test_other_requests_are_answered_while_a_story_renders(
    built_db: Path, story_ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()
    release = threading.Event()
    paint = StoryPainter.__call__

    def slow_paint(self: StoryPainter, story_id: str) -> object:
        started.set()
        release.wait(30)
        return paint(self, story_id)

    monkeypatch.setattr(StoryPainter, "__call__", slow_paint)
    app = create_app(built_db, settings=ServeSettings(render_processes=False, warm_up=False))

    async def scenario() -> tuple[float, int, int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            story = asyncio.create_task(http.get(f"/stories/{story_ids['ferry']}"))
            while not started.is_set():
                await asyncio.sleep(0.01)
            began = time.perf_counter()
            listing = await http.get("/api/stories")
            home = await http.get("/")
            waited = time.perf_counter() - began
            release.set()
            return waited, listing.status_code + home.status_code, (await story).status_code

    waited, listed, rendered = asyncio.run(scenario())
    assert listed == 400 and rendered == 200
    assert waited < 5  # the story render is held for up to 30 s


def test_a_story_that_vanished_or_never_was_is_a_404(client: TestClient) -> None:
    assert client.get("/stories/story-000000000000").status_code == 404
    assert client.get("/api/stories/story-000000000000").status_code == 404
