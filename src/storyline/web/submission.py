"""The body of ``POST /api/articles``: article records in the ingest format, read into articles.

A body is one record, a list of records, or ``{"articles": [record, ...]}`` (other keys but an
id ignored, as in a NewsAPI answer). Records are read
by ``storyline.ingest.records`` exactly as in a .json file; a record that cannot be read becomes a
``Rejection`` naming it ("request[2]"), and so does an article ``ingest`` would refuse before
storing it: a text without a letter, a language storyline does not read. A record without an id
is named by its text ("request-" and 10 hex digits of its hash), so two such records are told
apart wherever their ids are shown.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from storyline.errors import InputError
from storyline.ingest.records import check_has_words, field_of, read_json
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
    items = [
        _refused(item) or item
        for item in read_json(
            json.dumps([_named(record) for record in records]), path=_SOURCE, default_id=_SOURCE
        )
    ]
    return Submission(
        articles=tuple(item for item in items if isinstance(item, Article)),
        rejections=tuple(item for item in items if isinstance(item, Rejection)),
    )


def _named(record: object) -> object:
    """A record without an id, named after its text; any other record as it is."""
    text = field_of(record, "text")[1] if isinstance(record, dict) else None
    if isinstance(record, dict) and "id" not in record and isinstance(text, str):
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
        return {**record, "id": f"{_SOURCE}-{digest[:10]}"}
    return record


def _refused(item: Article | Rejection) -> Rejection | None:
    """Why ``ingest`` would refuse an article read from the request (None if it would not); a
    language storyline does not read is refused as the record is read."""
    if isinstance(item, Rejection):
        return None
    where = f"{_SOURCE}: article {item.id!r}"
    try:
        check_has_words(item.text, source=where)
    except InputError as e:
        return Rejection(e.source, e.reason, e.detail)
    return None


def _records(body: object) -> list[object] | Rejection:
    if isinstance(body, dict) and "articles" in body and "id" not in body:
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
