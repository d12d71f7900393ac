"""Online story clustering: each arriving article joins the best existing story or opens one.

The cost of an arrival is flat: the article's vector keeps at most ``max_terms`` terms, and it is
compared only with the stories that share the most terms with it in an inverted index (at most
``max_candidates``; each member is indexed under its ``index_terms`` heaviest terms, by period of
``window_days``), never with the whole store. While there are no more than ``max_candidates``
stories, it is compared with all of them.
"""

from __future__ import annotations

import heapq
from collections.abc import Container, Iterable
from itertools import islice

from storyline.cluster.features import ArticleFeatures
from storyline.cluster.settings import ClusterSettings
from storyline.cluster.stories import Centroid, TermIndex
from storyline.cluster.vectors import DocumentFrequencies, Vector, weigh


class StoryClusterer:
    """Assigns articles, one at a time, to stories; ``add`` returns the story's key.

    Without ``frequencies`` the clusterer counts document frequencies itself as articles arrive
    (IDF is computed incrementally). With ``frequencies`` it only reads them: the caller keeps them
    up to date (a batch run counts every article first; a store keeps them with its stories).
    """

    def __init__(
        self,
        settings: ClusterSettings | None = None,
        *,
        frequencies: DocumentFrequencies | None = None,
    ) -> None:
        self.settings = settings or ClusterSettings()
        self.frequencies = frequencies if frequencies is not None else DocumentFrequencies()
        self._counts_frequencies = frequencies is None
        self._centroids: list[Centroid] = []
        self._members: list[list[str]] = []
        self._index = TermIndex(window_days=self.settings.window_days)
        # The stories that may still take an article (not forgotten), and those of them with an
        # undated member (an undated period is looked at by every article: never forgotten).
        self._live: set[int] = set()
        self._with_undated: set[int] = set()
        self.whole = True  # nothing forgotten (``forget_before``)

    def add(self, features: ArticleFeatures) -> int:
        """Place an article in the story whose centroid is most similar to it, if similar enough
        and near enough in time, or in a new story; return that story's key."""
        return self.add_vector(features.article_id, self.weigh(features), features.day)

    def weigh(self, features: ArticleFeatures) -> Vector:
        """An arriving article's vector (its terms are counted first, when this clusterer counts
        document frequencies): what ``add_vector`` and ``add_to`` take."""
        if self._counts_frequencies:
            self.frequencies.observe(features)
        return weigh(features, self.frequencies, max_terms=self.settings.max_terms)

    def observe(self, features: ArticleFeatures) -> None:
        """Count an article's terms in the document frequencies (as ``weigh`` does) without
        weighing it: a restart that reads the frequencies back learns those of articles
        stored since they were kept."""
        if self._counts_frequencies:
            self.frequencies.observe(features)

    def use_frequencies(self, frequencies: DocumentFrequencies) -> None:
        """Go on counting from these document frequencies (kept from an earlier run)."""
        if not self._counts_frequencies:
            raise RuntimeError("this clusterer reads frequencies its caller keeps")
        self.frequencies = frequencies

    def reserve(self) -> int:
        """Open a story that stays empty: a story kept elsewhere (a store's, far in time) takes
        its key, so that the stories loaded keep the keys they had, and no article is compared
        with it (its centroid is empty, so nothing is similar to it). Returns the key."""
        self._centroids.append(Centroid())
        self._members.append([])
        return len(self._centroids) - 1

    def add_vector(
        self,
        article_id: str,
        vector: Vector,
        day: int | None,
        *,
        excluded: Container[int] = (),
    ) -> int:
        """``add`` for an article already weighed (``weigh``: unit length, heaviest terms
        first), never into the stories ``excluded``; document frequencies are left alone."""
        key = self.story_for(vector, day, excluded=excluded)
        return self.add_to(len(self._centroids) if key is None else key, article_id, vector, day)

    def story_for(
        self, vector: Vector, day: int | None, *, excluded: Container[int] = ()
    ) -> int | None:
        """The story a weighed article joins: the most similar candidate, not ``excluded``,
        when its similarity reaches ``settings.threshold``; None when it opens a story."""
        key, similarity = self.best_story(vector, day, excluded=excluded)
        return key if key is not None and similarity >= self.settings.threshold else None

    def add_to(self, key: int, article_id: str, vector: Vector, day: int | None) -> int:
        """Put a weighed article in the story ``key`` (``len(self)``: a new story); return key."""
        if key == len(self._centroids):
            self.reserve()
        elif not 0 <= key < len(self._centroids):
            raise ValueError(f"no story {key}; there are {len(self._centroids)}")
        self._centroids[key].add(vector, day)
        self._members[key].append(article_id)
        self._index.add(key, list(vector)[: self.settings.index_terms], day)
        self._live.add(key)
        if day is None:
            self._with_undated.add(key)
        return key

    def forget_before(self, day: int) -> list[int]:
        """Forget what no article of ``day`` or later can be compared with: the index's periods
        before the one of ``day - window_days``, and the stories whose dated members all fall
        in them (their centroids are emptied; they keep their keys). Only for a stream whose
        articles to come are all dated, none before ``day``: its decisions stay the same.
        Returns the keys of the stories forgotten."""
        cutoff = self._index.period(day - self.settings.window_days)
        forgotten = [
            key
            for key in self._live
            if key not in self._with_undated
            and (last := self._centroids[key].last_day) is not None
            and self._index.period(last) < cutoff
        ]
        for key in forgotten:
            self._centroids[key] = Centroid()
            self._members[key] = []
            self._live.discard(key)
        if self._index.forget_before(cutoff) or forgotten:
            self.whole = False
        return sorted(forgotten)

    def candidates(self, vector: Vector, day: int | None) -> list[int]:
        """The stories an article is compared with: near it in time and, once there are more
        than ``max_candidates`` stories, those sharing the most indexed terms with it."""
        settings = self.settings
        if len(self._centroids) <= settings.max_candidates:
            keys: Iterable[int] = range(len(self._centroids))
        else:
            # The article's heaviest terms find the stories: the index holds only members'
            # heaviest terms, so its light terms would seldom find another.
            query = islice(vector.items(), 2 * settings.index_terms)
            keys = self._index.candidates(query, day, limit=settings.max_candidates)
        return [key for key in keys if self.is_near(key, day)]

    def near_stories(self, day: int | None, *, limit: int) -> list[int]:
        """The largest stories (ties by key) at most ``limit``, of those with a member in the
        index periods around ``day`` that can take an article of it (``is_near``), whatever
        their terms: the stories a report sharing no word with them may tell (one in another
        script). The same in a store restored near ``day`` as in one restored whole."""
        keys = [
            key
            for key in self._index.stories_near(day)
            if self._centroids[key].size and self.is_near(key, day)
        ]
        return heapq.nsmallest(limit, keys, key=lambda key: (-self._centroids[key].size, key))

    def best_story(
        self, vector: Vector, day: int | None, *, excluded: Container[int] = ()
    ) -> tuple[int | None, float]:
        """The candidate story most similar to a vector and the similarity (None, 0.0 if none),
        leaving out the stories ``excluded``."""
        best_key: int | None = None
        best_similarity = 0.0
        for key in self.candidates(vector, day):
            if key in excluded:
                continue
            similarity = self._centroids[key].similarity(vector)
            if similarity > best_similarity:
                best_key, best_similarity = key, similarity
        return best_key, best_similarity

    def is_near(self, key: int, day: int | None) -> bool:
        """Whether story ``key`` can take an article of ``day`` (``Centroid.is_near``)."""
        settings = self.settings
        return self._centroids[key].is_near(
            day, window_days=settings.window_days, max_span_days=settings.max_span_days
        )

    def similarity(self, key: int, vector: Vector) -> float:
        """Cosine of a weighed article with the centroid of story ``key``."""
        return self._centroids[key].similarity(vector)

    def stories(self) -> dict[int, tuple[str, ...]]:
        """Each story's key and the ids of its articles, in order of arrival."""
        return {key: tuple(members) for key, members in enumerate(self._members)}

    def __len__(self) -> int:
        return len(self._centroids)
