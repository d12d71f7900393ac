"""The JSON API: story lists (paged, searched), digests, articles, and adding articles with a
bearer token."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import TOKEN
from fastapi.testclient import TestClient

from storyline.config import Config
from storyline.render import render_json
from storyline.store.update import stored_digest

NEW_ARTICLE = {
    "id": "ferry-update",
    "title": "Sula Marren refloated off the Corran Ledge",
    "outlet": "Harbour Gazette",
    "url": "https://gazette.example/ferry-refloated",
    "published": "2025-03-16T10:00:00+01:00",
    "text": (
        "Salvage crews refloated the passenger ferry Sula Marren from the Corran Ledge off "
        "Halmsey on Sunday, two days after it ran aground with 214 passengers and 31 crew on "
        "board. The Skerra Line said the ship would be towed to Nordvik for inspection by the "
        "National Marine Accident Board. A tug from Nordvik reached the ferry at dawn."
    ),
}


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_stories_are_listed_newest_activity_first_with_their_articles(
    client: TestClient, story_ids: dict[str, str]
) -> None:
    listing = client.get("/api/stories").json()
    assert listing["page"] == 1 and listing["per_page"] == 20
    assert listing["total"] == len(listing["stories"]) == 2
    volcano, ferry = listing["stories"]
    assert volcano["id"] == story_ids["volcano"]  # April 2025 comes before March 2025
    assert ferry["id"] == story_ids["ferry"]
    assert sorted(ferry["articles"]) == sorted(
        [
            "coastal_wire",
            "harbour_gazette",
            "island_courier",
            "nordvik_radio",
            "skerry-post-20250315-sula-marren",
        ]
    )
    assert ferry["outlets"][0] == "Coastal Wire" and len(ferry["outlets"]) == 5
    assert ferry["first"] == "2025-03-14T17:05:00+00:00"
    assert ferry["last"] == "2025-03-15T07:30:00+00:00"
    assert ferry["headline"]


@pytest.mark.parametrize("page", [1, 2, 3])
def test_stories_are_paged(client: TestClient, page: int) -> None:
    listing = client.get("/api/stories", params={"page": page, "per_page": 1}).json()
    everything = client.get("/api/stories").json()["stories"]
    assert listing["total"] == 2
    assert listing["page"] == page and listing["per_page"] == 1
    assert listing["stories"] == everything[page - 1 : page]


@pytest.mark.parametrize(
    "params",
    [{"page": 0}, {"per_page": 0}, {"per_page": 101}, {"page": "two"}],
)
def test_bad_paging_is_a_422_json_error(client: TestClient, params: dict[str, object]) -> None:
    response = client.get("/api/stories", params=params)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid request"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Halmsey", ["ferry"]),
        ("sula marren passengers", ["ferry"]),
        ("Kelder", ["volcano"]),
        ("ash orvan", ["volcano"]),
        ("evacuated", ["volcano", "ferry"]),
        ("script alert", ["volcano"]),
        ("tsunami", []),
        ('"unbalanced (quote', []),
        ("NEAR(ferry", ["ferry"]),
    ],
)
def test_stories_are_searched_by_headline_and_article_words(
    client: TestClient, story_ids: dict[str, str], query: str, expected: list[str]
) -> None:
    listing = client.get("/api/stories", params={"q": query}).json()
    assert [story["id"] for story in listing["stories"]] == [story_ids[name] for name in expected]
    assert listing["total"] == len(expected)


@pytest.mark.parametrize("query", ["", " ", '""', "()", "-"])
def test_a_query_without_words_filters_nothing(client: TestClient, query: str) -> None:
    everything = client.get("/api/stories").json()
    listing = client.get("/api/stories", params={"q": query}).json()
    assert listing == everything
    assert listing["total"] == 2


def test_a_story_is_the_digest_json_of_the_stored_story(
    client: TestClient, built_db: Path, story_ids: dict[str, str]
) -> None:
    response = client.get(f"/api/stories/{story_ids['ferry']}")
    assert response.status_code == 200
    digest = stored_digest(story_ids["ferry"], db=built_db, config=Config())
    assert digest is not None
    assert response.json() == json.loads(render_json(digest))
    story = response.json()["stories"][0]
    assert story["disagreements"] and story["timeline"] and story["facts"]


def test_an_article_is_given_with_its_text_and_story(
    client: TestClient, story_ids: dict[str, str]
) -> None:
    article = client.get("/api/articles/skerry-post-20250315-sula-marren").json()
    assert article["id"] == "skerry-post-20250315-sula-marren"
    assert article["outlet"] == "Skerry Post"
    assert article["title"] == "Investigators board grounded ferry as questions mount over route"
    assert article["url"] == article["source"]
    assert article["url"].startswith("https://www.skerrypost.example/")
    assert article["published"] == "2025-03-15T07:30:00+00:00"
    assert article["language"] == "en"
    assert article["text"].startswith("By Eirik Tangen")
    assert article["story_id"] == story_ids["ferry"]


def test_an_article_whose_source_is_not_http_has_no_url(client: TestClient) -> None:
    article = client.get("/api/articles/hostile-1").json()
    assert article["url"] is None
    assert article["source"] == "javascript:alert(1)"
    assert article["title"].startswith("<script>")  # JSON carries the text as it is


@pytest.mark.parametrize(
    "path", ["/api/stories/story-nope", "/api/articles/nope", "/api/nothing-here"]
)
def test_unknown_ids_are_404_with_a_json_error(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert "error" in response.json()


def test_the_openapi_document_lists_every_route(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    paths = document["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}"} <= set(paths)
    assert "post" in paths["/api/articles"]
    assert "/" not in paths and "/stories/{story_id}" not in paths
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        (_auth("wrong-token"), 401),
        ({"Authorization": TOKEN}, 401),
        ({"Authorization": f"Basic {TOKEN}"}, 401),
    ],
)
def test_adding_articles_without_the_right_token_is_refused(
    built_db: Path,
    make_client: Callable[..., TestClient],
    headers: dict[str, str],
    status: int,
) -> None:
    client = make_client(built_db)  # a refused write changes nothing: the shared store is safe
    response = client.post("/api/articles", json=NEW_ARTICLE, headers=headers)
    assert response.status_code == status
    assert "Bearer" in response.json()["error"]
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/articles/ferry-update").status_code == 404


def test_a_server_without_a_token_refuses_every_write(
    built_db: Path, make_client: Callable[..., TestClient]
) -> None:
    client = make_client(built_db, token=None)
    response = client.post("/api/articles", json=NEW_ARTICLE, headers=_auth(TOKEN))
    assert response.status_code == 403
    assert "--token" in response.json()["error"]
    assert client.get("/api/articles/ferry-update").status_code == 404


@pytest.mark.parametrize(
    "body",
    [NEW_ARTICLE, [NEW_ARTICLE], {"articles": [NEW_ARTICLE]}],
    ids=["record", "list", "wrapper"],
)
def test_adding_an_article_joins_its_story_and_updates_its_digest(
    writable_db: Path,
    make_client: Callable[..., TestClient],
    story_ids: dict[str, str],
    body: object,
) -> None:
    client = make_client(writable_db)
    before = client.get(f"/api/stories/{story_ids['ferry']}").json()  # now cached
    response = client.post("/api/articles", json=body, headers=_auth(TOKEN))
    assert response.status_code == 200, response.text
    assert response.json() == {
        "added": 1,
        "already_stored": 0,
        "stories_touched": [story_ids["ferry"]],
        "rejections": [],
    }
    after = client.get(f"/api/stories/{story_ids['ferry']}").json()
    assert "ferry-update" not in before["stories"][0]["articles"]
    assert "ferry-update" in after["stories"][0]["articles"]
    assert client.get("/api/articles/ferry-update").json()["story_id"] == story_ids["ferry"]
    found = client.get("/api/stories", params={"q": "refloated"}).json()
    assert [story["id"] for story in found["stories"]] == [story_ids["ferry"]]
    again = client.post("/api/articles", json=body, headers=_auth(TOKEN)).json()
    assert again["added"] == 0 and again["already_stored"] == 1


def test_a_new_topic_opens_a_new_story(
    writable_db: Path, make_client: Callable[..., TestClient]
) -> None:
    client = make_client(writable_db)
    record = {
        "id": "quake-1",
        "title": "Earthquake shakes Verdell",
        "published": "2025-05-01T08:00:00Z",
        "text": "A strong earthquake shook the coastal town of Verdell on Monday morning. "
        "Residents fled their homes as buildings swayed, the town's mayor said.",
    }
    result = client.post("/api/articles", json=record, headers=_auth(TOKEN)).json()
    assert result["added"] == 1
    (story_id,) = result["stories_touched"]
    listing = client.get("/api/stories").json()
    assert listing["total"] == 3
    assert listing["stories"][0]["id"] == story_id  # the newest activity
    assert listing["stories"][0]["headline"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"id": "no-text"}, "invalid-record"),
        ([NEW_ARTICLE, {"id": "x", "text": "   "}], "no-text"),
        ([NEW_ARTICLE, {"id": "x", "text": "1234 5678 !!!"}], "no-text"),
        (
            [NEW_ARTICLE, {"id": "x", "text": "Some words.", "language": "sw"}],
            "unsupported-language",
        ),
        ({"id": "x", "text": "Some words.", "published": "yesterday-ish"}, "invalid-record"),
        ([], "no-articles"),
        ({"articles": "not a list"}, "invalid-record"),
        (["just a string"], "invalid-record"),
    ],
)
def test_unreadable_records_are_422_with_reasons_and_nothing_is_stored(
    writable_db: Path, make_client: Callable[..., TestClient], body: object, reason: str
) -> None:
    client = make_client(writable_db)
    response = client.post("/api/articles", json=body, headers=_auth(TOKEN))
    assert response.status_code == 422
    payload = response.json()
    assert "nothing was stored" in payload["error"]
    assert reason in [item["reason"] for item in payload["rejections"]]
    assert all(item["source"].startswith("request") for item in payload["rejections"])
    assert client.get("/api/articles/ferry-update").status_code == 404


@pytest.mark.parametrize(
    "record",
    [
        b'{"id": "s1", "text": "The ferry ran aground off Halmsey \\ud800 on Friday morning."}',
        b'{"id": "s\\udc80", "text": "The ferry ran aground off Halmsey on Friday morning."}',
        b'{"id": "s1", "title": "\\ud800", "text": "The ferry ran aground off Halmsey."}',
    ],
    ids=["text", "id", "title"],
)
def test_a_lone_surrogate_escape_is_a_422_encoding_rejection_not_a_500(
    writable_db: Path, make_client: Callable[..., TestClient], record: bytes
) -> None:
    client = make_client(writable_db)
    response = client.post(
        "/api/articles",
        content=record,
        headers={**_auth(TOKEN), "Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.text
    (rejection,) = response.json()["rejections"]
    assert rejection["reason"] == "encoding"
    assert "lone surrogate" in rejection["detail"]


def test_a_body_that_is_not_json_is_a_422_json_error(
    writable_db: Path, make_client: Callable[..., TestClient]
) -> None:
    client = make_client(writable_db)
    response = client.post(
        "/api/articles",
        content=b"{not json",
        headers={**_auth(TOKEN), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["error"] == "invalid request"


def test_a_write_while_an_ingest_holds_the_store_is_refused_with_503_and_nothing_stored(
    writable_db: Path,
    make_client: Callable[..., TestClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storyline.store.locking import writer_lock
    from storyline.web import service

    monkeypatch.setattr(service, "WRITE_WAIT_S", 0.2)
    client = make_client(writable_db)
    with writer_lock(writable_db):  # as an ingest process holds it
        response = client.post("/api/articles", json=NEW_ARTICLE, headers=_auth(TOKEN))
    assert response.status_code == 503
    assert response.headers["retry-after"] == "30"
    assert "is writing to the store" in response.json()["error"]
    assert client.get("/api/articles/ferry-update").status_code == 404
    response = client.post("/api/articles", json=NEW_ARTICLE, headers=_auth(TOKEN))
    assert response.status_code == 200, response.text


def test_records_without_an_id_are_named_after_their_text(
    writable_db: Path, make_client: Callable[..., TestClient]
) -> None:
    client = make_client(writable_db)
    texts = [
        "The lighthouse at Vask was relit on Monday evening after its new lamp was fitted.",
        "Fishermen in Halmsey landed a record catch of herring on Tuesday morning.",
    ]
    response = client.post(
        "/api/articles", json=[{"text": text} for text in texts], headers=_auth(TOKEN)
    )
    assert response.status_code == 200, response.text
    listed = {
        article
        for story in client.get("/api/stories", params={"per_page": 100}).json()["stories"]
        for article in story["articles"]
    }
    named = sorted(article for article in listed if article.startswith("request-"))
    assert len(named) == 2 and all(len(article) == len("request-") + 10 for article in named)
    for article in named:
        assert client.get(f"/api/articles/{article}").status_code == 200


def test_a_newsapi_answer_is_taken_with_its_fields_under_their_names(
    writable_db: Path, make_client: Callable[..., TestClient]
) -> None:
    client = make_client(writable_db)
    body = {
        "status": "ok",
        "totalResults": 1,
        "articles": [
            {
                "source": {"id": None, "name": "Halmsey Post"},
                "title": "Record herring catch",
                "publishedAt": "2025-03-18T07:30:00Z",
                "content": "Fishermen in Halmsey landed a record catch of herring on Tuesday "
                "morning, the harbour master said.",
            }
        ],
    }
    response = client.post("/api/articles", json=body, headers=_auth(TOKEN))
    assert response.status_code == 200, response.text
    listed = [
        article
        for story in client.get("/api/stories", params={"per_page": 100}).json()["stories"]
        for article in story["articles"]
        if article.startswith("request-")
    ]
    (named,) = listed
    article = client.get(f"/api/articles/{named}").json()
    assert (article["outlet"], article["published"]) == (
        "Halmsey Post",
        "2025-03-18T07:30:00+00:00",
    )


def test_an_article_id_with_slashes_is_found_as_written_or_escaped(
    writable_db: Path, make_client: Callable[..., TestClient]
) -> None:
    client = make_client(writable_db)
    record = {**NEW_ARTICLE, "id": "gazette/2025-03-16/refloated.txt"}
    assert client.post("/api/articles", json=record, headers=_auth(TOKEN)).status_code == 200
    for path in ("gazette/2025-03-16/refloated.txt", "gazette%2F2025-03-16%2Frefloated.txt"):
        response = client.get(f"/api/articles/{path}")
        assert response.status_code == 200, path
        assert response.json()["id"] == "gazette/2025-03-16/refloated.txt"
    assert client.get("/api/articles/gazette/nothing").status_code == 404


def test_search_puts_a_story_about_the_words_before_one_naming_them_in_passing(
    writable_db: Path, make_client: Callable[..., TestClient]
) -> None:
    client = make_client(writable_db)
    about = [
        (
            "light-1",
            "2025-04-01T09:00:00+00:00",
            "The Vask lighthouse was relit on Monday after "
            "its new lamp was fitted, and the lighthouse keeper welcomed visitors.",
        ),
        (
            "light-2",
            "2025-04-01T12:00:00+00:00",
            "Visitors climbed the restored Vask lighthouse "
            "on Monday as its new lamp shone for the first time since the storm.",
        ),
    ]
    passing = [
        ("fish-1", "2025-05-02T09:00:00+00:00", "Fishermen in Halmsey landed a record catch of "
         "herring on Friday, unloading their boats near the old lighthouse."),
        ("fish-2", "2025-05-02T11:00:00+00:00", "Halmsey's herring fleet brought in its largest "
         "catch in a decade on Friday, the harbour master said."),
        ("fish-3", "2025-05-02T15:00:00+00:00", "Herring prices fell at the Halmsey auction on "
         "Friday after the fleet's record catch filled the market."),
    ]  # fmt: skip
    records = [
        {"id": key, "published": published, "text": text}
        for key, published, text in about + passing
    ]
    assert client.post("/api/articles", json=records, headers=_auth(TOKEN)).status_code == 200
    stories = client.get("/api/stories", params={"q": "lighthouse"}).json()["stories"]
    assert [sorted(story["articles"]) for story in stories][:2] == [
        ["light-1", "light-2"],
        ["fish-1", "fish-2", "fish-3"],
    ]
    newest_first = client.get("/api/stories").json()["stories"]
    assert sorted(newest_first[0]["articles"]) == ["fish-1", "fish-2", "fish-3"]
