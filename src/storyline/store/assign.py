"""Deciding a stored story for each arriving article with the online story clusterer.

The clusterer is deterministic: replaying the stored articles in their order of arrival rebuilds
exactly the stories it had formed, so a store needs to keep only each article's story id, and
an ingest resumed after a restart decides as an uninterrupted one would have.
"""

from __future__ import annotations

import logging

from storyline.cluster import ClusterSettings, FeatureExtractor, StoryClusterer
from storyline.model import Article
from storyline.pipeline import build_document

logger = logging.getLogger(__name__)


class ClusterAssigner:
    """A ``StoryAssigner`` backed by ``StoryClusterer``: one per ingest run."""

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        self._clusterer = StoryClusterer(self.settings)
        self._extract = FeatureExtractor(self.settings)
        self._story_of_key: dict[int, str] = {}
        self._pending: int | None = None

    def restore(self, article: Article, story_id: str) -> None:
        key = self._clusterer.add(self._extract(build_document(article)))
        known = self._story_of_key.setdefault(key, story_id)
        if known != story_id:
            logger.warning(
                "article %s is stored in %s but replays into %s (settings changed?)",
                article.id,
                story_id,
                known,
            )

    def assign(self, article: Article) -> str | None:
        key = self._clusterer.add(self._extract(build_document(article)))
        self._pending = key
        return self._story_of_key.get(key)

    def commit(self, article: Article, story_id: str) -> None:
        if self._pending is not None:
            self._story_of_key.setdefault(self._pending, story_id)
        self._pending = None
