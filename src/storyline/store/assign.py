"""Deciding a stored story for each arriving article: wire copies first, then story clustering.

An article whose MinHash matches a stored one (``NearDuplicateIndex``) is a copy: it joins that
article's story as one more source and is not added to the story's centroid, so a wire story
printed by fifty outlets weighs as one report. Any other article goes to the online
``StoryClusterer``.

A report in another language than the stories' is matched by meaning
(``cluster.languages.CrossLanguageMatcher``).

After a restart, the stored articles are replayed in order of arrival from what the store keeps
(features, signature, lead, story; nothing is read again and nothing decided again), which
rebuilds exactly the state an uninterrupted ingest would have.
"""

from __future__ import annotations

from storyline.cluster import ClusterSettings, StoryClusterer
from storyline.cluster.languages import CrossLanguageMatcher, is_foreign
from storyline.embeddings import Encoder, MultilingualEncoder
from storyline.near_duplicates import NearDuplicateIndex
from storyline.preparation import PreparedArticle
from storyline.store.sqlite import Assignment, StoredArticle


class ClusterAssigner:
    """A ``StoryAssigner`` backed by ``NearDuplicateIndex``, ``StoryClusterer`` and, for reports
    in another language than ``settings.primary_language``, ``CrossLanguageMatcher`` (with
    ``encoder``, the multilingual one by default). One per ingest run. ``copy_threshold`` is the
    estimated word 4-gram Jaccard above which an article is a copy.
    """

    def __init__(
        self,
        settings: ClusterSettings | None = None,
        *,
        copy_threshold: float = 0.7,
        encoder: Encoder | None = None,
    ) -> None:
        self.settings = settings or ClusterSettings()
        self._clusterer = StoryClusterer(self.settings)
        self._copies = NearDuplicateIndex(threshold=copy_threshold)
        self._languages = CrossLanguageMatcher(
            encoder or MultilingualEncoder(), min_similarity=self.settings.cross_language_similarity
        )
        self._story_of_key: dict[int, str] = {}
        self._key_of_story: dict[str, int] = {}
        self._story_of_article: dict[str, str] = {}
        self._pending: tuple[int | None, PreparedArticle] | None = None

    def restore(self, stored: StoredArticle) -> None:
        """Rebuild the state an article left: its story is known, so nothing is decided again."""
        if stored.copy_of is None:
            vector = self._clusterer.weigh(stored.features)
            key = self._key_of_story.get(stored.story_id, len(self._clusterer))
            self._clusterer.add_to(key, stored.key, vector, stored.features.day)
            self._learn(key, stored.story_id, lead=stored.lead, language=stored.article.language)
        self._copies.add(stored.key, stored.signature)
        self._story_of_article[stored.key] = stored.story_id

    def assign(self, prepared: PreparedArticle) -> Assignment:
        original = self._copies.original_of(prepared.signature)
        if original is not None:
            self._pending = (None, prepared)
            return Assignment(self._story_of_article[original], copy_of=original)
        features = prepared.features
        vector = self._clusterer.weigh(features)
        key: int | None = None
        if is_foreign(prepared.article.language, primary_language=self.settings.primary_language):
            found, _ = self._languages.best_story(
                prepared.lead, self._clusterer.candidates(vector, features.day)
            )
            key = found if isinstance(found, int) else None
        if key is None:
            key = self._clusterer.add_vector(prepared.article.id, vector, features.day)
        else:
            self._clusterer.add_to(key, prepared.article.id, vector, features.day)
        self._pending = (key, prepared)
        return Assignment(self._story_of_key.get(key))

    def commit(self, key: str, story_id: str) -> None:
        if self._pending is None:
            raise RuntimeError("commit() must follow assign()")
        cluster_key, prepared = self._pending
        if cluster_key is not None:
            self._learn(
                cluster_key, story_id, lead=prepared.lead, language=prepared.article.language
            )
        self._copies.add(key, prepared.signature)
        self._story_of_article[key] = story_id
        self._pending = None

    def _learn(self, cluster_key: int, story_id: str, *, lead: str, language: str | None) -> None:
        self._story_of_key.setdefault(cluster_key, story_id)
        self._key_of_story.setdefault(story_id, cluster_key)
        if not is_foreign(language, primary_language=self.settings.primary_language):
            self._languages.remember(cluster_key, lead)
