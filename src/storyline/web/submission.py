"""The body of ``POST /api/articles``: article records in the ingest format, read into articles.

A body is one record, a list of records, or ``{"articles": [record, ...]}``. Records are read
by ``storyline.ingest.records`` exactly as in a .json file; a record that cannot be read becomes a
``Rejection`` naming it ("request[2]").
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from storyline.ingest.records import read_json
from storyline.model import Article, Rejection

MAX_ARTICLES = 1000
_SOURCE = "request"


@dataclass(frozen=True, slots=True)
class Submission:
    """The articles of a request body and the records refused."""

    articles: tuple[Article, ...]
    rejections: tuple[Rejection, ...]


def read_submission(body: object) -> Submission:
    """The articles of a parsed JSON body. A body that is neither a record, a list nor an
    ``articles`` wrapper, an empty list, or more than ``MAX_ARTICLES`` records is one rejection."""
    records = _records(body)
    if isinstance(records, Rejection):
        return Submission(articles=(), rejections=(records,))
    items = read_json(json.dumps(records), path=_SOURCE, default_id=_SOURCE)
    return Submission(
        articles=tuple(item for item in items if isinstance(item, Article)),
        rejections=tuple(item for item in items if isinstance(item, Rejection)),
    )


def _records(body: object) -> list[object] | Rejection:
    if isinstance(body, dict) and set(body) == {"articles"}:
        body = body["articles"]
        if not isinstance(body, list):
            return Rejection(
                _SOURCE, "invalid-record", "'articles' must be a list of article records"
            )
    records: list[object] = body if isinstance(body, list) else [body]
    if not records:
        return Rejection(_SOURCE, "no-articles", "the request holds no article record")
    if len(records) > MAX_ARTICLES:
        return Rejection(
            _SOURCE,
            "too-many-articles",
            f"a request may hold at most {MAX_ARTICLES} articles; got {len(records)}",
        )
    return records
