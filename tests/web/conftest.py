"""A story store for the web tests: the bundled ferry example plus hostile articles, built once;
tests that write get their own copy."""

from __future__ import annotations

import json
import shutil
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from storyline.config import Config
from storyline.store.update import update_store

with warnings.catch_warnings():
    # starlette 1.x prefers the httpx2 fork and warns once, on import, when it finds httpx
    # (which FastAPI's own docs still install); httpx2 is not packaged for us yet.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from storyline.web import create_app
from storyline.web.service import ServeSettings

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry"
TOKEN = "test-token-0123456789"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
BROKEN = "</table><b>"
IN_PROCESS = ServeSettings(render_processes=False, warm_up=False)
"""For test clients: digests in a thread of the test process, nothing rendered ahead."""
HOSTILE_URL = 'https://evil.example/a?x="><script>alert(1)</script>'

HOSTILE_ARTICLES = [
    {
        "id": "hostile-1",
        "title": f"{SCRIPT} Kelder volcano erupts {IMG}",
        "outlet": '<b>Evil</b> Outlet" onmouseover="alert(1)',
        "url": "javascript:alert(1)",
        "published": "2025-04-02T09:00:00+00:00",
        "language": "en",
        "text": (
            f"The Kelder volcano erupted on Tuesday morning {SCRIPT}, sending a column of ash "
            f"8 kilometres into the sky above the village of Orvan {IMG}. "
            f"About 1,200 residents were evacuated from Orvan by bus {BROKEN}, the regional "
            "civil protection agency said. "
            "Flights at the nearby Brenn airport were cancelled for the rest of the day. "
            "Scientists at the Kelder observatory said the eruption was the largest since 1987."
        ),
    },
    {
        "id": "hostile-2",
        "title": f"Ash cloud over Orvan {BROKEN}",
        "outlet": f"Volcano Watch {IMG}",
        "url": HOSTILE_URL,
        "published": "2025-04-02T15:30:00+00:00",
        "language": "en",
        "text": (
            "The Kelder volcano erupted on Tuesday, throwing ash 8 kilometres into the sky "
            f"above Orvan {SCRIPT}. "
            f"About 1,500 residents were evacuated from Orvan by bus, the mayor said {IMG}. "
            "Flights at Brenn airport were cancelled after the eruption of the Kelder volcano. "
            f"The eruption was the largest since 1987, scientists said {BROKEN}."
        ),
    },
]


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store built from ``examples/ferry`` and the hostile articles (do not write to it)."""
    folder = tmp_path_factory.mktemp("web-store")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(
        "\n".join(json.dumps(record) for record in HOSTILE_ARTICLES) + "\n", encoding="utf-8"
    )
    db = folder / "stories.db"
    update = update_store([EXAMPLE, hostile], db=db, config=Config())
    assert update.counts.added == 7, update
    return db


@pytest.fixture()
def writable_db(built_db: Path, tmp_path: Path) -> Path:
    """A copy of the built store that a test may add to."""
    db = tmp_path / "stories.db"
    shutil.copyfile(built_db, db)
    return db


@pytest.fixture(scope="session")
def client(built_db: Path) -> TestClient:
    """A read-only client over the built store (the app has a token, but tests here only read)."""
    return TestClient(create_app(built_db, token=TOKEN, settings=IN_PROCESS))


@pytest.fixture()
def make_client() -> Callable[..., TestClient]:
    """Builds a client over a given store, with a given token (or none)."""

    def make(db: Path, *, token: str | None = TOKEN) -> TestClient:
        return TestClient(create_app(db, token=token, settings=IN_PROCESS))

    return make


@pytest.fixture(scope="session")
def story_ids(client: TestClient) -> dict[str, str]:
    """The ids of the ferry story and the volcano (hostile) story."""
    stories = client.get("/api/stories", params={"per_page": 100}).json()["stories"]
    ids: dict[str, str] = {}
    for story in stories:
        if "coastal_wire" in story["articles"]:
            ids["ferry"] = story["id"]
        if "hostile-1" in story["articles"]:
            ids["volcano"] = story["id"]
    assert set(ids) == {"ferry", "volcano"}, stories
    return ids
