"""The engine protocol, and the engine that runs everything in the calling process."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from storyline.config import Config
from storyline.ingest.reader import read_files
from storyline.model import Article, Rejection
from storyline.preparation import ArticlePreparer, PreparedArticle


class Engine(Protocol):
    """Runs the per-article stages; results come back in the order of the inputs."""

    def read(self, paths: Sequence[Path], *, config: Config) -> Iterable[list[Article | Rejection]]:
        """Each file's articles and rejections (``ingest.reader.read_file``), file by file."""

    def prepare(
        self, articles: Iterable[Article], *, preparer: ArticlePreparer
    ) -> Iterator[PreparedArticle | Rejection]:
        """``preparer`` of each article, one result per article, in order."""


class LocalEngine:
    """Everything in this process, one article at a time (results are produced lazily)."""

    def read(self, paths: Sequence[Path], *, config: Config) -> Iterator[list[Article | Rejection]]:
        return read_files(paths, config=config)

    def prepare(
        self, articles: Iterable[Article], *, preparer: ArticlePreparer
    ) -> Iterator[PreparedArticle | Rejection]:
        for article in articles:
            yield preparer(article)
