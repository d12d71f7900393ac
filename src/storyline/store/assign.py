"""Deciding a stored story for each arriving article: wire copies first, then story clustering.

An article whose MinHash matches a stored one (``NearDuplicateIndex``) is a copy: it joins that
article's story as one more source and is not added to the story's centroid, so a wire story
printed by fifty outlets weighs as one report. Any other article goes to the online
``StoryClusterer``.

Both are deterministic: replaying the stored articles (their stored features and signatures, no
re-reading) in order of arrival rebuilds exactly the state they had, so an ingest resumed after a
restart decides as an uninterrupted one would have.
"""

from __future__ import annotations

import logging

from storyline.cluster import ClusterSettings, StoryClusterer
from storyline.near_duplicates import NearDuplicateIndex
from storyline.preparation import PreparedArticle
from storyline.store.sqlite import Assignment, StoredArticle

logger = logging.getLogger(__name__)


class ClusterAssigner:
    """A ``StoryAssigner`` backed by ``NearDuplicateIndex`` and ``StoryClusterer``: one per ingest
    run. ``copy_threshold`` is the estimated word 4-gram Jaccard above which an article is a copy.
    """

    def __init__(
        self, settings: ClusterSettings | None = None, *, copy_threshold: float = 0.7
    ) -> None:
        self.settings = settings or ClusterSettings()
        self._clusterer = StoryClusterer(self.settings)
        self._copies = NearDuplicateIndex(threshold=copy_threshold)
        self._story_of_key: dict[int, str] = {}
        self._story_of_article: dict[str, str] = {}
        self._pending: tuple[int | None, bytes] | None = None

    def restore(self, stored: StoredArticle) -> None:
        if stored.copy_of is None:
            key = self._clusterer.add(stored.features)
            known = self._story_of_key.setdefault(key, stored.story_id)
            if known != stored.story_id:
                logger.warning(
                    "article %s is stored in %s but replays into %s (settings changed?)",
                    stored.key,
                    stored.story_id,
                    known,
                )
        self._copies.add(stored.key, stored.signature)
        self._story_of_article[stored.key] = stored.story_id

    def assign(self, prepared: PreparedArticle) -> Assignment:
        original = self._copies.original_of(prepared.signature)
        if original is not None:
            self._pending = (None, prepared.signature)
            return Assignment(self._story_of_article[original], copy_of=original)
        key = self._clusterer.add(prepared.features)
        self._pending = (key, prepared.signature)
        return Assignment(self._story_of_key.get(key))

    def commit(self, key: str, story_id: str) -> None:
        if self._pending is None:
            raise RuntimeError("commit() must follow assign()")
        cluster_key, signature = self._pending
        if cluster_key is not None:
            self._story_of_key.setdefault(cluster_key, story_id)
        self._copies.add(key, signature)
        self._story_of_article[key] = story_id
        self._pending = None
