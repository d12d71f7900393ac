"""Reading input paths (files and directories) into articles and rejections.

Bad input never raises: each file that cannot be used becomes a ``Rejection`` and the rest are
read. Article ids are unique within a result ("-2", "-3", ... appended on collision).

Files are read whole, up to ``max_file_bytes``, except WARC web archives: those are streamed
record by record, whatever their size, and ``max_file_bytes`` limits each page in them instead.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from storyline.config import Config
from storyline.errors import InputError
from storyline.ingest.decoding import check_article_encodable, decode_page, decode_text
from storyline.ingest.feeds import read_feed
from storyline.ingest.formats import Format, check_not_store_file, format_of
from storyline.ingest.identifiers import path_name
from storyline.ingest.limits import check_article_size, check_title_size
from storyline.ingest.plaintext import article_from_text
from storyline.ingest.records import check_has_words, read_json, read_jsonl
from storyline.ingest.tables import read_table
from storyline.ingest.warc import read_warc
from storyline.ingest.webpage import article_from_html, check_page_whole
from storyline.model import Article, IngestResult, Rejection

logger = logging.getLogger(__name__)

SNIFF_BYTES = 1024


FileReader = Callable[[Sequence[Path]], Iterable[list[Article | Rejection]]]
"""Reads files, giving each one's articles and rejections in the order of the files (an engine
may read them elsewhere, as long as the order is kept)."""


def read_files(paths: Sequence[Path], *, config: Config) -> Iterator[list[Article | Rejection]]:
    """``read_file`` of each path in turn, in this process."""
    for path in paths:
        yield read_file(path, config=config)


def read_inputs(
    inputs: Iterable[str | Path],
    *,
    config: Config,
    reader: FileReader | None = None,
    unique_ids: bool = True,
) -> IngestResult:
    """The articles of every file in ``inputs`` (files, or directories walked recursively).

    Directories are walked in sorted order, skipping hidden files and directories (names starting
    with "."), and following links to directories (each real directory once). A file read
    twice (named twice, or inside two named directories) is rejected the second time. A single
    path given instead of an iterable of paths is read as that one path. ``reader`` reads the
    files (``read_files`` in this process by default). With ``unique_ids`` (a digest cites
    articles by id), ids are made unique here, in file order ("index", "index-2"), and an
    article read again with the same id and text (a feed entry in two feeds) is skipped as a
    ``duplicate-input``; without it (the store), each article keeps the id its input gives,
    which does not depend on what else the run reads: the store tells a text it holds under
    that id from a new one, and counts the same article twice as a duplicate.
    """
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    # What each input comes to, in order: a file to read or a rejection (rejections of the
    # listing and of the reading are reported in input order).
    plan: list[Path | Rejection] = []
    seen: set[Path] = set()
    for item in _input_files(inputs):
        if isinstance(item, Rejection):
            plan.append(item)
            continue
        # Not Path.resolve, which raises RuntimeError on a loop of symbolic links; the loop is
        # rejected when the file is read (the operating system refuses to open it).
        resolved = Path(os.path.realpath(item))
        if resolved in seen:
            plan.append(
                Rejection(
                    path_name(item), "duplicate-input", "the file was already read once in this run"
                )
            )
            continue
        seen.add(resolved)
        plan.append(item)
    read = reader or functools.partial(read_files, config=config)
    results = iter(read([item for item in plan if isinstance(item, Path)]))
    articles: list[Article] = []
    rejections: list[Rejection] = []
    ids: set[str] = set()
    records: set[tuple[str, str]] = set()  # (id, text) of the articles read, when made unique
    for step in plan:
        items: list[Article | Rejection] = [step] if isinstance(step, Rejection) else next(results)
        for found in items:
            if isinstance(found, Rejection):
                rejections.append(found)
            elif not unique_ids:
                articles.append(found)
            elif (found.id, found.text) in records:
                rejections.append(
                    Rejection(
                        found.source,
                        "duplicate-input",
                        f"article {found.id!r} was read earlier in this run, with the same text",
                    )
                )
            else:
                records.add((found.id, found.text))
                articles.append(with_unique_id(found, ids=ids))
    logger.info("read %d articles, rejected %d inputs", len(articles), len(rejections))
    return IngestResult(articles=tuple(articles), rejections=tuple(rejections))


def read_file(path: Path, *, config: Config) -> list[Article | Rejection]:
    """The articles of one file, or the rejection saying why it gave none.

    Every item is one input of the file (an article or a rejection, at least one); every
    rejection's source starts with the file's name (``path_name``)."""
    source = path_name(path)
    try:
        items = _read_file(path, config=config)
    except InputError as e:
        return [Rejection(e.source, e.reason, e.detail)]
    return [_checked(item, path=source, max_chars=config.max_article_chars) for item in items]


def _checked(item: Article | Rejection, *, path: str, max_chars: int) -> Article | Rejection:
    """``item``, or its rejection if a field of the article holds a lone surrogate, or its title
    or text is too long (the text: more than ``max_chars``), or its text has no letter at all
    (a lock file's process number is no article).

    The readers refuse these where they can name the record; this is the guard for every
    reader, since no later stage (language identification, the store) can handle a lone
    surrogate, and the title is read whole where stories are matched across languages."""
    if isinstance(item, Rejection):
        return item
    try:
        check_article_encodable(item, source=path)
        check_title_size(item.title, source=path)
        check_has_words(item.text, source=path)
        if len(item.text) > max_chars:
            raise InputError(
                path,
                "too-large",
                f"the text has {len(item.text):,} characters, more than max_article_chars="
                f"{max_chars:,} (--max-article-chars)",
            )
    except InputError as e:
        where = item.source.encode("utf-8", "backslashreplace").decode()
        where = "" if where == path else f" ({where})"
        return Rejection(path, e.reason, f"article {item.id!r}{where}: {e.detail}")
    return item


def _read_file(path: Path, *, config: Config) -> list[Article | Rejection]:
    source = path_name(path)
    name = Path(source)
    check_not_store_file(path)  # a journal may be empty
    size = _regular_file_size(path)
    if size == 0:
        raise InputError(source, "empty", "the file is empty (0 bytes)")
    kind = format_of(path, head=_read_head(path))
    if kind is Format.WARC:
        return list(read_warc(path, max_record_bytes=config.max_file_bytes))
    data = _read_bytes(path, size=size, max_file_bytes=config.max_file_bytes)
    if not data:
        raise InputError(source, "empty", "the file is empty (0 bytes)")
    if kind is Format.FEED:
        if not data.strip():
            raise InputError(source, "empty", "the file holds only whitespace")
        return read_feed(data, path=source)
    text = (
        decode_page(data, source=source)
        if kind is Format.HTML
        else decode_text(data, source=source)
    )
    if not text.strip():
        raise InputError(source, "empty", "the file holds only whitespace")
    if kind is Format.JSON:
        return read_json(text, path=source, default_id=name.stem)
    if kind is Format.JSONL:
        return read_jsonl(text, path=source, default_id=name.stem)
    if kind in (Format.CSV, Format.TSV):
        return read_table(text, path=source, default_id=name.stem, tabs=kind is Format.TSV)
    if kind is Format.HTML:
        check_page_whole(text, source=source)
        return [article_from_html(text, article_id=name.stem, source=source)]
    check_article_size(text, source=source)
    return [article_from_text(text, article_id=name.stem or name.name, source=source)]


def _regular_file_size(path: Path) -> int:
    source = path_name(path)
    try:
        status = path.stat()
    except FileNotFoundError as e:
        raise InputError(source, "not-found", "no file or directory exists at this path") from e
    except OSError as e:
        raise InputError(source, "unreadable", f"the file cannot be read: {e.strerror}") from e
    if not stat.S_ISREG(status.st_mode):
        raise InputError(source, "unsupported-format", "the path is not a regular file")
    return status.st_size


def _read_head(path: Path) -> bytes:
    """The first ``SNIFF_BYTES`` of the file, which tell its format."""
    try:
        with path.open("rb") as handle:
            return handle.read(SNIFF_BYTES)
    except OSError as e:
        raise InputError(
            path_name(path), "unreadable", f"the file cannot be read: {e.strerror}"
        ) from e


def _read_bytes(path: Path, *, size: int, max_file_bytes: int) -> bytes:
    source = path_name(path)
    if size > max_file_bytes:
        raise InputError(
            source,
            "too-large",
            f"the file has {size} bytes, more than max_file_bytes={max_file_bytes}",
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(max_file_bytes + 1)
    except OSError as e:
        raise InputError(source, "unreadable", f"the file cannot be read: {e.strerror}") from e
    if len(data) > max_file_bytes:
        raise InputError(
            source, "too-large", f"the file grew past max_file_bytes={max_file_bytes} while read"
        )
    return data


def _input_files(inputs: Iterable[str | Path]) -> Iterator[Path | Rejection]:
    """Every file named in ``inputs``, directories expanded, or a rejection for a missing path."""
    for item in inputs:
        path = Path(item)
        if str(item) == "":
            yield Rejection("", "not-found", "the input path is an empty string")
        elif path.is_dir():
            yield from _walk(path)
        elif path.exists() or path.is_symlink():
            yield path
        elif str(item) == "-":
            yield Rejection("-", "not-found", "standard input is not read: give files or folders")
        else:
            yield Rejection(
                path_name(path), "not-found", "no file or directory exists at this path"
            )


def _walk(root: Path) -> list[Path | Rejection]:
    """The non-hidden files under ``root``, in sorted order, then a rejection for each folder
    that could not be listed (no permission to read it). Links to folders are followed, each
    real folder walked once (a link back to a folder above is not walked again)."""
    files: list[Path] = []
    unlisted: list[Rejection] = []

    def unreadable(error: OSError) -> None:
        where = path_name(Path(error.filename)) if error.filename else path_name(root)
        reason = error.strerror or type(error).__name__
        unlisted.append(Rejection(where, "unreadable", f"the folder cannot be listed: {reason}"))

    walked = {os.path.realpath(root)}
    for directory, subdirectories, names in os.walk(root, onerror=unreadable, followlinks=True):
        kept = []
        for name in subdirectories:
            real = os.path.realpath(os.path.join(directory, name))
            if not name.startswith(".") and real not in walked:
                walked.add(real)
                kept.append(name)
        subdirectories[:] = kept
        files.extend(Path(directory, name) for name in names if not name.startswith("."))
    return [*sorted(files), *unlisted]


def with_unique_id(article: Article, *, ids: set[str]) -> Article:
    """``article`` with an id no earlier article of the run has, recording it in ``ids``."""
    article_id = article.id
    suffix = 1
    while article_id in ids:
        suffix += 1
        article_id = f"{article.id}-{suffix}"
    ids.add(article_id)
    return article if article_id == article.id else dataclasses.replace(article, id=article_id)
