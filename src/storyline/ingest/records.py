"""JSON and JSON Lines inputs: article records, lists of them, and clusters of articles.

An article record is ``{"id", "text", "title"?, "url"?, "published"?, "outlet"?, "language"?}``;
a cluster is ``{"id", "articles": [record, ...], ...}`` (other keys ignored) and its articles
get ``group`` = the cluster id; ``{"articles": [record, ...]}`` without an id (what the JSON API
takes; other keys ignored, as in a NewsAPI answer) is a list of records in no cluster. A record
outside any cluster may name its own: ``"cluster"`` (or ``"cluster_id"``), a string or an
integer, is its ``group`` (a flat labelled file). A bad record becomes a ``Rejection`` naming
where it is; the others load. A record without an id is named after its file and its place in it: "news-3" for
line 3 of news.jsonl, or the third record of news.json's list (a lone record: "news").

Exports name the fields differently (news-please, NewsAPI, scrapers, datasets): a field that is
absent is read from its first other name present (``ALIASES``: ``body`` or ``content`` for the
text, ``date`` or ``publishedAt`` for the date, ``source`` for the outlet, and so on), and a
rejection names the key the value came from. An article in a language storyline does not read is
refused here ("unsupported-language"), named by its line or index, as any other bad record. ``published`` (under any name) may also be a number
of seconds since 1970 (of milliseconds, when larger than any year up to 5138 in seconds gives),
or a string of 9 to 13 digits that is one.

JSON Lines are split at line feeds only (a "\\r" before one is dropped): U+2028 and the other
characters Python also counts as line breaks may stand inside a JSON string. A value nested too
deeply for the JSON reader, or a number too long to convert, is a "parse-error" like any other
invalid JSON; a string holding a lone surrogate ("\\ud800") is refused ("encoding"). An empty
list, of a file or of a cluster, is one input rejected as "empty", so that every file and every
cluster is accounted for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from storyline.errors import InputError
from storyline.ingest.dates import EARLIEST_YEAR, LATEST_YEAR, parse_published
from storyline.ingest.decoding import check_encodable
from storyline.ingest.limits import check_article_size, check_title_size
from storyline.language import identify_language, language_code, language_rejection
from storyline.model import Article, Rejection

_OPTIONAL_TEXT_FIELDS = ("title", "url", "published", "outlet", "language")
# The other names of each field, read in this order when the field itself is absent.
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("body", "content", "maintext", "article", "description", "summary"),
    "title": ("headline",),
    "url": ("link",),
    "published": (
        "date",
        "published_at",
        "publishedAt",
        "date_publish",
        "publish_date",
        "pubDate",
        "datetime",
        "timestamp",
    ),
    "outlet": ("source", "source_domain", "publisher", "publication", "site"),
    "language": ("lang",),
}
# The keys a record outside any cluster names its own cluster by.
_LABEL_FIELDS = ("cluster", "cluster_id")
RECORD_KEYS = (
    "id",
    "text",
    *_OPTIONAL_TEXT_FIELDS,
    *_LABEL_FIELDS,
    *(alias for aliases in ALIASES.values() for alias in aliases),
)
"""Every key an article record is read from (a table's column names are matched to them)."""
# A date written as a number of seconds (or milliseconds) since 1970, as a table's cell holds it
# (eight digits are a date: "20190226").
_EPOCH = re.compile(r"-?\d{9,13}(?:\.\d+)?")
# A compact date: YYYYMMDD, with HHMM or HHMMSS (not read as seconds since 1970).
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?")
# A number larger than this in 'published' counts milliseconds, not seconds (the year 5138).
_LARGEST_SECONDS = 10**11


def missing_text(article: Article) -> Rejection | None:
    """A "no-text" rejection for an article given in Python whose text is blank (the readers
    refuse such a record or page as they read it); None when it has text."""
    if article.text.strip():
        return None
    return Rejection(article.source, "no-text", f"article {article.id!r}: 'text' is empty")


def check_has_words(text: str, *, source: str) -> None:
    """Raise a "no-text" ``InputError`` for a text without a letter (a lock file's process
    number, "1234 !!!"): no reader, nor the JSON API, takes it for an article."""
    if not any(character.isalpha() for character in text):
        raise InputError(
            source, "no-text", "the text has no words (only digits, punctuation or symbols)"
        )


def read_json(text: str, *, path: str, default_id: str) -> list[Article | Rejection]:
    """The articles of a .json file: one record, one cluster, or a list of either."""
    value = _parse(text, source=path, where_in_file="line {line}, column {column}")
    if value == []:
        raise InputError(path, "empty", "the JSON file is an empty list: it holds no articles")
    if isinstance(value, list):
        return [
            item
            for index, element in enumerate(value)
            for item in _read_value(
                element, where=f"{path}[{index}]", path=path, default_id=f"{default_id}-{index + 1}"
            )
        ]
    return list(_read_value(value, where=path, path=path, default_id=default_id))


def read_jsonl(text: str, *, path: str, default_id: str) -> list[Article | Rejection]:
    """The articles of a JSON Lines file; each bad line is its own rejection ("path:LINE")."""
    items: list[Article | Rejection] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            value = _parse(line.removesuffix("\r"), source=where, where_in_file="column {column}")
        except InputError as e:
            items.append(Rejection(e.source, e.reason, e.detail))
            continue
        items.extend(
            _read_value(value, where=where, path=path, default_id=f"{default_id}-{number}")
        )
    return items


def _parse(text: str, *, source: str, where_in_file: str) -> object:
    """The JSON value ``text`` holds; ``where_in_file`` formats an error's place."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        place = where_in_file.format(line=e.lineno, column=e.colno)
        # json's message leaves the place to its caller: "Unterminated string starting at".
        problem = e.msg.removesuffix(" at").removesuffix(" starting")
        raise InputError(source, "parse-error", f"invalid JSON at {place}: {problem}") from e
    except RecursionError as e:
        raise InputError(
            source, "parse-error", "invalid JSON: arrays or objects nested too deeply to read"
        ) from e
    except ValueError as e:  # a number of more than 4,300 digits: Python will not convert it
        raise InputError(source, "parse-error", f"invalid JSON: {str(e).split(';')[0]}") from e


def _read_value(
    value: object, *, where: str, path: str, default_id: str
) -> Iterator[Article | Rejection]:
    if not isinstance(value, dict):
        yield Rejection(
            where,
            "invalid-record",
            f"expected a JSON object (an article or a cluster); got {type(value).__name__}",
        )
        return
    if "articles" not in value:
        yield _article_or_rejection(
            value, where=where, path=path, default_id=default_id, group=None
        )
        return
    articles = value["articles"]
    group = value.get("id")
    if "id" not in value and isinstance(articles, list):
        # {"articles": [...]}, as the JSON API takes it: records, in no cluster.
        if not articles:
            yield Rejection(where, "empty", "'articles' is an empty list")
        for index, record in enumerate(articles):
            yield _article_or_rejection(
                record,
                where=f"{where} articles[{index}]",
                path=path,
                default_id=f"{default_id}-{index + 1}",  # as for a list of records
                group=None,
            )
        return
    if (
        not isinstance(articles, list)
        or not isinstance(group, str | int)
        or isinstance(group, bool)
    ):
        yield Rejection(
            where,
            "invalid-record",
            "a cluster needs an 'id' (string) and 'articles' (a list); got id "
            f"{_received(group)} and articles {_received(articles)}",
        )
        return
    if not articles:
        yield Rejection(where, "empty", f"cluster {group!r} has no articles (an empty list)")
    for index, record in enumerate(articles):
        yield _article_or_rejection(
            record,
            where=f"{where} articles[{index}]",
            path=path,
            default_id=f"{group}-{index + 1}",
            group=str(group),
        )


def article_from_record(
    record: dict[str, object], *, where: str, path: str, default_id: str
) -> Article | Rejection:
    """The article a record outside any cluster gives (a table's row: ``ingest.tables``), or the
    rejection naming ``where`` it is."""
    return _article_or_rejection(record, where=where, path=path, default_id=default_id, group=None)


def _article_or_rejection(
    record: object, *, where: str, path: str, default_id: str, group: str | None
) -> Article | Rejection:
    try:
        return _article(record, where=where, path=path, default_id=default_id, group=group)
    except InputError as e:
        return Rejection(e.source, e.reason, e.detail)


def _article(
    record: object, *, where: str, path: str, default_id: str, group: str | None
) -> Article:
    if not isinstance(record, dict):
        raise InputError(
            where, "invalid-record", f"an article must be a JSON object; got {_received(record)}"
        )
    article_id = record.get("id", default_id)
    if not isinstance(article_id, str | int) or isinstance(article_id, bool) or article_id == "":
        raise InputError(
            where, "invalid-record", f"'id' must be a non-empty string; got {_received(article_id)}"
        )
    text_key, text = field_of(record, "text")
    if not isinstance(text, str):
        others = ALIASES["text"]
        missing = (
            f" (nor {', '.join(repr(name) for name in others[:-1])} or {others[-1]!r})"
            if text is None
            else ""
        )
        raise InputError(
            where,
            "invalid-record",
            f"'{text_key}' must be a string; got {_received(text)}{missing}",
        )
    if not text.strip():
        raise InputError(where, "no-text", f"'{text_key}' is empty")
    check_encodable(str(article_id), source=where, what="'id'")
    check_encodable(text, source=where, what=f"'{text_key}'")
    check_article_size(text, source=where, what=f"'{text_key}'")
    fields: dict[str, str | None] = {}
    keys: dict[str, str] = {}
    published: tuple[datetime, str | None] | None = None
    for name in _OPTIONAL_TEXT_FIELDS:
        key, field_value = field_of(record, name)
        keys[name] = key
        if name == "published" and isinstance(field_value, int | float):
            if isinstance(field_value, bool):
                raise InputError(
                    where, "invalid-record", f"'{key}' must be a date; got {field_value}"
                )
            published = _published(field_value, where=where, key=key)
            fields[name] = None
            continue
        if name == "outlet" and isinstance(field_value, dict):
            field_value = field_value.get("name")  # NewsAPI: "source": {"id", "name"}
        if field_value is not None and not isinstance(field_value, str):
            raise InputError(
                where, "invalid-record", f"'{key}' must be a string; got {_received(field_value)}"
            )
        if field_value is not None:
            check_encodable(field_value, source=where, what=f"'{key}'")
        fields[name] = field_value.strip() or None if field_value is not None else None
    check_title_size(fields["title"], source=where)
    if fields["published"] is not None:
        published = _published(fields["published"], where=where, key=keys["published"])
    if group is None:
        group = _label(record, where=where)
    article = Article(
        id=str(article_id),
        text=text,
        source=fields["url"] or path,
        title=fields["title"],
        outlet=fields["outlet"],
        published=published[0] if published else None,
        published_zone=published[1] if published else None,
        language=language_code(fields["language"]) or identify_language(text),
        group=group,
    )
    refused = language_rejection(article, source=where)
    if refused is not None:  # named by its line here; later, only by its URL or file
        raise InputError(refused.source, refused.reason, refused.detail)
    return article


def field_of(record: dict[str, object], name: str) -> tuple[str, object]:
    """The key a field's value is under (itself, else its first other name present) and the
    value (None when no name is present)."""
    for key in (name, *ALIASES.get(name, ())):
        value = record.get(key)
        if value is not None:
            return key, value
    return name, None


def _published(value: str | float, *, where: str, key: str) -> tuple[datetime, str | None]:
    """The publication time a field gives: a date line (``parse_published``), a compact date
    (YYYYMMDD, with HHMM or HHMMSS: "20190226", also as a number), or seconds (or milliseconds)
    since 1970 (a number, or a string of 9 to 13 digits), in UTC."""
    written = repr(value) if isinstance(value, float) else str(value)
    compact = _compact_date(written)
    if compact is not None:
        return compact, None
    if isinstance(value, int | float) or _EPOCH.fullmatch(written):
        return _from_epoch(
            value if isinstance(value, int | float) else float(written),
            written=written,
            where=where,
            key=key,
        )
    parsed = parse_published(written)
    if parsed is None:
        raise InputError(
            where,
            "invalid-record",
            f"'{key}' must be an ISO date or date-time (or an RFC 822 date, a written date, "
            f"YYYYMMDD, or seconds since 1970) in the years {EARLIEST_YEAR} to {LATEST_YEAR}; "
            f"got {_abridged(written)!r}",
        )
    return parsed


def _compact_date(written: str) -> datetime | None:
    """The moment a compact date names (YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS), or None."""
    match = _COMPACT.fullmatch(written)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None


def _from_epoch(value: int | float, *, written: str, where: str, key: str) -> tuple[datetime, str]:
    """A publication time given as seconds (or milliseconds) since 1970, in UTC."""
    try:
        seconds = value / 1000 if abs(value) >= _LARGEST_SECONDS else value
        moment: datetime | None = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        moment = None
    if moment is None or not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise InputError(
            where,
            "invalid-record",
            f"'{key}' as a number must be seconds (or milliseconds) since 1970 in the years "
            f"{EARLIEST_YEAR} to {LATEST_YEAR}; got {_abridged(written)}",
        )
    return moment, "UTC"


def _label(record: dict[str, object], *, where: str) -> str | None:
    """The cluster a record outside any cluster names (``_LABEL_FIELDS``), or None."""
    for key in _LABEL_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str | int) or isinstance(value, bool) or value == "":
            raise InputError(
                where,
                "invalid-record",
                f"'{key}' must be a non-empty string or an integer; got {_received(value)}",
            )
        return str(value)
    return None


def _abridged(written: str) -> str:
    """A value as written, its middle left out when it is longer than 40 characters."""
    return written if len(written) <= 40 else f"{written[:20]}...{written[-17:]}"


def _received(value: object) -> str:
    if value is None:
        return "nothing"
    shown = repr(value)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    return f"{type(value).__name__} {shown}"
