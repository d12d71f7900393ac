"""Deciding a stored story for each arriving article: wire copies first, then story clustering.

An article whose MinHash matches a stored one (``NearDuplicateIndex``) published within
``settings.window_days`` of it is a copy: it joins that article's story as one more source and
is not added to the story's centroid, so a wire story printed by fifty outlets weighs as one
report. (A document left without words by cleaning has no MinHash to match: the index never takes
it for a copy, nor an original.) Any other article goes to the online
``StoryClusterer``.

A report in another language than the stories' is matched by meaning
(``cluster.languages.CrossLanguageMatcher``) with the stories its words find and the largest near
it in time (``FOREIGN_CANDIDATES``): one in another script shares no word with them.

An ingest that brings many articles at once is planned first (``plan``): its articles are grouped
by the batch clustering (shared neighbours, ``cluster.batch.cluster_features``), which reads the
whole window and so joins reports of one event that share few words with each other. The first
member of a group to arrive is placed as above, except that it does not join a story another
group of its window went to (the batch clustering kept the two apart); the later members follow
it into its story (unless they share no term with it). The plan is kept in the store, so a re-run
after an interruption places the rest of a window as the interrupted run would have.

After a restart, the stored articles are replayed in order of arrival from what the store keeps
(features, signature, lead, story; nothing is read again and nothing decided again), which
rebuilds exactly the state an uninterrupted ingest would have. A run whose articles are all dated
need not replay them all: only the stories with articles near its days in time can take its
articles (``StoryStore.restore_into``). It then starts from the document frequencies the store
kept (``begin_window``), every other story reserved under its key, and rebuilds those stories
from their members' stored vectors (each as it was weighed when the member arrived), which again
gives exactly the decisions an uninterrupted ingest makes.
"""

from __future__ import annotations

import bisect
import heapq
import json
import uuid
from collections import Counter
from collections.abc import Callable, Sequence

from storyline.cluster import ClusterSettings, StoryClusterer, cluster_features
from storyline.cluster.features import ArticleFeatures
from storyline.cluster.languages import (
    CrossLanguageMatcher,
    is_foreign,
    join_stories_across_languages,
)
from storyline.cluster.stories import days_take
from storyline.embeddings import Encoder, MultilingualEncoder
from storyline.identity import STORY_PREFIX
from storyline.near_duplicates import NearDuplicateIndex
from storyline.preparation import PreparedArticle
from storyline.stopwords import has_own_rules
from storyline.store.sqlite import Assignment, PlannedGroup, StoredArticle
from storyline.store.stored_features import (
    decode_frequencies,
    decode_vector,
    encode_frequencies,
    encode_vector,
)


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
        # The stories told so far only in other languages, by the leads of their reports.
        self._foreign_only = CrossLanguageMatcher(
            self._languages.encoder, min_similarity=self.settings.cross_language_similarity
        )
        self._story_of_key: dict[int, str] = {}
        self._key_of_story: dict[str, int] = {}
        self._story_of_article: dict[str, str] = {}
        self._day_of_article: dict[str, int | None] = {}
        # The language of each article held that is read by rules of its own (``stopwords``).
        self._language_of_article: dict[str, str] = {}
        # The first and last day of each story's dated articles held, copies included.
        self._days_of_story: dict[str, tuple[int, int]] = {}
        # The plan: each planned text's group (by content hash); each group's story; and, for
        # each window, the stories its groups placed articles in (the first group of each).
        self._group_of: dict[str, PlannedGroup] = {}
        self._story_of_group: dict[str, str] = {}
        self._claims: dict[str, dict[str, str]] = {}
        self._pending: tuple[int | None, PreparedArticle, PlannedGroup | None] | None = None
        # Whether only the stories near a run in time were restored (``begin_window``); the
        # vectors a full restore weighed that differ from the stored ones (or there are none).
        self._partial = False
        self._unsaved: list[tuple[str, bytes | str]] = []
        # The dated articles held, earliest first (day, key): those ``forget_before`` drops.
        self._dated: list[tuple[int, str]] = []
        # Whether articles come in time order (``in_time_order``), and the index period of the
        # day forgotten before last.
        self._in_time_order = False
        self._forgot_period: int | None = None

    def plan(self, items: Sequence[tuple[str, PreparedArticle]]) -> dict[str, PlannedGroup]:
        """Group a window of arriving articles (each with its ``content_hash``) by the batch
        clustering, and keep the plan; returns each hash's group (every hash has one, a lone
        article its own). A group is named by the lowest hash in it and the window by the lowest
        of all, so names do not depend on the run."""
        return self.plan_in_context(items, ())

    def context_keys(
        self, items: Sequence[tuple[str, PreparedArticle]], *, limit: int
    ) -> list[str]:
        """The stored articles a run's first window is planned with (``plan_in_context``), at
        most ``limit``: for a window of dated articles, those published within
        ``settings.window_days`` of one of its articles, nearest in time to one first (a run
        of articles from several years is planned with the stored reports of its days, not with
        those of its first weeks); for a window of undated ones, the undated ones stored last."""
        if limit <= 0 or not items:
            return []
        days = [prepared.features.day for _, prepared in items]
        dated = sorted({day for day in days if day is not None})
        if len(dated) < len(set(days)):  # a window is all dated or all undated
            undated = [key for key, day in self._day_of_article.items() if day is None]
            return undated[max(0, len(undated) - limit) :]
        reach = self.settings.window_days
        near = []
        for key, day in self._day_of_article.items():
            if day is None:
                continue
            at = bisect.bisect_left(dated, day)
            distance = min(abs(dated[i] - day) for i in (at - 1, at) if 0 <= i < len(dated))
            if distance <= reach:
                near.append((distance, key))
        near.sort()
        return [key for _, key in near[:limit]]

    def plan_in_context(
        self,
        items: Sequence[tuple[str, PreparedArticle]],
        context: Sequence[tuple[str, ArticleFeatures]],
    ) -> dict[str, PlannedGroup]:
        """``plan`` a window together with stored articles (key, features): a group whose
        stored articles are mostly (``_FOLLOW_SHARE``) in one story is named after it, so that
        its arriving members follow them there; any other group is named as ``plan`` names it.
        (Separate ingests of the 500 DUC 2004 articles in 2, 5 or 20 runs, seeds 0 and 1: F1
        0.780 / 0.802, 0.799 / 0.805, 0.810 / 0.817 before; following the story most of a
        group's stored articles are in: 0.789 / 0.809, 0.801 / 0.806, 0.805 / 0.807; following
        only one holding four in five: 0.794 / 0.814, 0.804 / 0.810, 0.812 / 0.812.)"""
        if not items:
            return {}
        features = [features for _, features in context] + [
            prepared.features for _, prepared in items
        ]
        languages = [self._language_of_article.get(key) for key, _ in context] + [
            prepared.article.language for _, prepared in items
        ]
        stories = cluster_features(features, settings=self.settings, languages=languages)
        if any(
            is_foreign(prepared.article.language, primary_language=self.settings.primary_language)
            for _, prepared in items
        ):
            # As ``digest`` does: a group told only in other languages joins the group it tells
            # in the main one, whichever comes first (its articles then follow one story).
            stories = join_stories_across_languages(
                stories,
                leads=[""] * len(context) + [prepared.lead for _, prepared in items],
                languages=languages,
                days=[item.day for item in features],
                settings=self.settings,
                encoder=self._languages.encoder,
            )
        window = min(digest for digest, _ in items)
        planned: dict[str, PlannedGroup] = {}
        for members in stories:
            hashes = [items[i - len(context)][0] for i in members if i >= len(context)]
            if not hashes:
                continue
            stored = Counter(
                self._story_of_article[context[i][0]] for i in members if i < len(context)
            )
            name = min(stored, key=lambda story: (-stored[story], story)) if stored else None
            if name is not None and stored[name] < _FOLLOW_SHARE * stored.total():
                name = None  # the group spans stories the store kept apart: follow none
            planned.update(dict.fromkeys(hashes, PlannedGroup(name or min(hashes), window)))
        self.learn_plan(planned)
        return planned

    def learn_plan(self, planned: dict[str, PlannedGroup]) -> None:
        """Take a plan made earlier (``plan``; a store keeps it): content hash -> group."""
        self._group_of.update(planned)
        for group in planned.values():
            if _names_a_story(group):
                self._follow(group, group.group)

    def planned_hashes(self) -> set[str]:
        """The content hashes that have a plan (made in this run or learnt)."""
        return set(self._group_of)

    def restore(self, stored: StoredArticle) -> None:
        """Rebuild the state an article left: its story is known, so nothing is decided again.
        Its vector is weighed again from its features (which counts them in the document
        frequencies), or, when the store read no features (``begin_window``), it is the one
        stored."""
        if stored.group is not None:
            self._follow(stored.group, stored.story_id)
        if stored.copy_of is None:
            if stored.features is not None:
                vector = self._clusterer.weigh(stored.features)
                weighed = encode_vector(vector)
                if stored.vector != weighed:  # stored before vectors were, or other settings
                    self._unsaved.append((stored.key, weighed))
            elif stored.vector is not None:
                vector = decode_vector(stored.vector, article_id=stored.key)
            else:
                raise ValueError(f"stored article {stored.key!r} comes with no features or vector")
            key = self._key_of_story.get(stored.story_id, len(self._clusterer))
            self._clusterer.add_to(key, stored.key, vector, stored.day)
            self._learn(key, stored.story_id, lead=stored.lead, language=stored.article.language)
        self._hold(
            stored.key, stored.story_id, stored.signature, stored.day, stored.article.language
        )

    def fingerprint(self) -> str:
        """The settings the kept state depends on, and the form of the stored vectors."""
        return json.dumps({"vectors": 1, **self.settings.as_dict()}, sort_keys=True)

    def window_for(self, days: Sequence[int], *, stories: int) -> list[tuple[int, int]] | None:
        """The spans of days (first, last) of the stored articles whose stories can take articles
        of ``days``: an article is compared with the stories the clusterer's index finds in the
        periods of ``window_days + 1`` days around it (``TermIndex``), so every story with an
        article in those periods is restored whole (and with it every stored article within
        ``window_days`` of the run's days, which its first window is planned with:
        ``context_keys``). None while there are no more than ``max_candidates`` stories (an
        article is then compared with every story)."""
        settings = self.settings
        if not days or stories <= settings.max_candidates:
            return None
        reach = settings.window_days
        period = reach + 1
        reached = {(day - reach, day + reach) for day in set(days)}
        periods = sorted(
            {
                number
                for first, last in reached
                for number in range(first // period, last // period + 1)
            }
        )
        spans: list[tuple[int, int]] = []
        for number in periods:
            if spans and spans[-1][1] == number * period - 1:
                spans[-1] = (spans[-1][0], (number + 1) * period - 1)
            else:
                spans.append((number * period, (number + 1) * period - 1))
        return spans

    def frequencies_state(self) -> bytes | str:
        """The document frequencies as a store keeps them, to ``begin_window`` from later."""
        return encode_frequencies(self._clusterer.frequencies)

    def begin_window(
        self, frequencies: bytes | str, stories: Sequence[str], *, whole: bool = False
    ) -> None:
        """Start from document frequencies a store kept (``frequencies_state``) and its stories,
        in the order they were opened: each takes the key it had, and stays empty unless its
        articles are restored (from their stored vectors); ``whole``: every story will be, and
        the state then serves any run (it is not ``partial``). Call before any ``restore``."""
        if len(self._clusterer) or self._story_of_article:
            raise RuntimeError("begin_window() must come before anything is restored")
        self._clusterer.use_frequencies(decode_frequencies(frequencies))
        for story_id in stories:
            key = self._clusterer.reserve()
            self._story_of_key[key] = story_id
            self._key_of_story[story_id] = key
        self._partial = not whole

    def observe(self, features: ArticleFeatures) -> None:
        """Count a stored article's terms in the document frequencies (one stored after the
        frequencies ``begin_window`` read were kept), without restoring it."""
        self._clusterer.observe(features)

    @property
    def articles_held(self) -> int:
        """How many stored articles the assigner holds (for copies and plans)."""
        return len(self._story_of_article)

    @property
    def partial(self) -> bool:
        """Whether only some stories were restored (``begin_window``): the state serves the run
        it was restored for, not any later one."""
        return self._partial

    def take_unsaved(self) -> list[tuple[str, bytes | str]]:
        """The vectors weighed while restoring articles whose stored vector differs (or is
        missing: stored before the store kept them, or under other settings), as (key, stored
        form), for the store to keep; each is given once."""
        unsaved, self._unsaved = self._unsaved, []
        return unsaved

    def assign(self, prepared: PreparedArticle, *, digest: str = "") -> Assignment:
        if self._in_time_order:
            self._forget_as_days_pass(prepared.features.day)
        group = self._group_of.get(digest)
        day = prepared.features.day
        original = self._copies.original_of(
            prepared.signature, accept=lambda key: self._near_in_time(key, day)
        )
        if original is not None:
            self._pending = (None, prepared, group)
            return Assignment(self._story_of_article[original], copy_of=original)
        features = prepared.features
        vector = self._clusterer.weigh(features)
        key = None if group is None else self._planned_key(group, vector, day)
        foreign = is_foreign(
            prepared.article.language, primary_language=self.settings.primary_language
        )
        if key is None and foreign:
            found, _ = self._languages.best_story(
                prepared.lead, self._foreign_candidates(vector, day)
            )
            key = found if isinstance(found, int) else None
        if key is None:
            claimed = set() if group is None else self._claimed_by_others(group)
            excluded = _Excluded(claimed, lambda key: not self._takes_in_time(key, day))
            key = self._clusterer.story_for(vector, day, excluded=excluded)
            if key is None and not foreign and self._foreign_only.has_stories():
                key = self._story_told_in_other_languages(prepared.lead, vector, day, claimed)
        key = self._clusterer.add_to(
            len(self._clusterer) if key is None else key, prepared.article.id, vector, day
        )
        self._pending = (key, prepared, group)
        return Assignment(self._story_of_key.get(key), vector=encode_vector(vector))

    def _story_told_in_other_languages(
        self, lead: str, vector: dict[str, float], day: int | None, claimed: set[int]
    ) -> int | None:
        """The story told only in other languages that a main-language report about to open a
        story of its own tells, by meaning, if any: the reports in other languages came
        first (a local outlet's), and a report in the main language would otherwise never join
        them, since only reports in other languages are compared by meaning. Not one of the
        stories ``claimed`` by other groups of its window."""
        candidates = [
            key
            for key in self._foreign_candidates(vector, day)  # those that can take it in time
            if self._foreign_only.knows(key) and key not in claimed
        ]
        found, _ = self._foreign_only.best_story(lead, candidates)
        return found if isinstance(found, int) else None

    def _foreign_candidates(self, vector: dict[str, float], day: int | None) -> list[int]:
        """The stories a report in another language is compared with by meaning: those its
        words find (``StoryClusterer.candidates``: names in a shared script), then the largest
        near it in time (``StoryClusterer.near_stories``), which a report in another script
        (Russian, Chinese) shares no word with."""
        clusterer = self._clusterer
        found = clusterer.candidates(vector, day)
        near = clusterer.near_stories(day, limit=FOREIGN_CANDIDATES)
        return [key for key in dict.fromkeys([*found, *near]) if self._takes_in_time(key, day)]

    def _near_in_time(self, key: str, day: int | None) -> bool:
        """Whether the stored article ``key`` was published within ``settings.window_days`` of
        ``day`` (always, when either is undated), and its story's dated articles held, copies
        included, leave room for ``day`` (as ``Centroid.is_near`` judges a story): a copy is
        printed soon after its original, a template text of another year (a market report, a
        results table) is no copy, and an undated copy or original does not carry copies dated
        years apart into one story."""
        other = self._day_of_article.get(key)
        if day is None:
            return True
        if other is not None and abs(day - other) > self.settings.window_days:
            return False
        return self._span_takes(self._story_of_article[key], day)

    def _takes_in_time(self, cluster_key: int, day: int | None) -> bool:
        """Whether the story the clusterer holds under ``cluster_key`` can take an article of
        ``day`` by the days of all its articles held, copies included (``_span_takes``): the
        clusterer judges by its members' days alone, and a story whose members are undated
        would take articles of any day."""
        story_id = self._story_of_key.get(cluster_key)
        return day is None or story_id is None or self._span_takes(story_id, day)

    def _span_takes(self, story_id: str, day: int) -> bool:
        """Whether the dated articles held of a story, copies included, leave room for ``day``,
        as ``Centroid.is_near`` judges a story by its members' days."""
        span = self._days_of_story.get(story_id)
        settings = self.settings
        return span is None or days_take(
            *span, day, window_days=settings.window_days, max_span_days=settings.max_span_days
        )

    def _planned_key(
        self, group: PlannedGroup, vector: dict[str, float], day: int | None
    ) -> int | None:
        """The clusterer's key of the story the article's group went to, when the article is
        related to it at all (a positive cosine) and near it in time (a story takes no article
        beyond its time window, planned or not: a group can span more, through one text under
        two ids weeks apart); None otherwise."""
        story_id = self._story_of_group.get(group.group)
        key = None if story_id is None else self._key_of_story.get(story_id)
        if (
            key is None
            or not self._clusterer.is_near(key, day)
            or not self._takes_in_time(key, day)
            or self._clusterer.similarity(key, vector) <= 0.0
        ):
            return None
        return key

    def _claimed_by_others(self, group: PlannedGroup) -> set[int]:
        """The clusterer's keys of the stories that other groups of the same window placed
        articles in: the batch clustering of the window kept those groups apart."""
        keys = set()
        for story_id, claimant in self._claims.get(group.window, {}).items():
            key = self._key_of_story.get(story_id)
            if claimant != group.group and key is not None:
                keys.add(key)
        return keys

    def _follow(self, group: PlannedGroup, story_id: str) -> None:
        """Record that an article of ``group`` went to ``story_id`` (a group named after a
        stored story goes to that story, whatever its first article did)."""
        self._story_of_group.setdefault(
            group.group, group.group if _names_a_story(group) else story_id
        )
        self._claims.setdefault(group.window, {}).setdefault(story_id, group.group)

    def commit(self, key: str, story_id: str) -> None:
        if self._pending is None:
            raise RuntimeError("commit() must follow assign()")
        cluster_key, prepared, group = self._pending
        if group is not None:
            self._follow(group, story_id)
        if cluster_key is not None:
            self._learn(
                cluster_key, story_id, lead=prepared.lead, language=prepared.article.language
            )
        self._hold(
            key, story_id, prepared.signature, prepared.features.day, prepared.article.language
        )
        self._pending = None

    def _hold(
        self, key: str, story_id: str, signature: bytes, day: int | None, language: str | None
    ) -> None:
        """Keep what a stored article is looked up by: its MinHash, story and day, and the
        language it is planned with (``plan_in_context``)."""
        self._copies.add(key, signature)
        self._story_of_article[key] = story_id
        self._day_of_article[key] = day
        if has_own_rules(language):
            self._language_of_article[key] = language
        if day is not None:
            heapq.heappush(self._dated, (day, key))
            span = self._days_of_story.get(story_id)
            self._days_of_story[story_id] = (
                (day, day) if span is None else (min(span[0], day), max(span[1], day))
            )

    def in_time_order(self, ordered: bool = True) -> None:
        """Whether the articles to come (``assign``) are all dated and in time order (an
        ingest's, in arrival order): as their days pass, forget what they cannot need
        (``forget_before``), once an index period."""
        self._in_time_order = ordered

    def _forget_as_days_pass(self, day: int | None) -> None:
        if day is None:
            raise ValueError("an undated article came to an assigner told that all are dated")
        period = day // (self.settings.window_days + 1)
        if self._forgot_period is None or period > self._forgot_period:
            self.forget_before(day)
            self._forgot_period = period

    def forget_before(self, day: int) -> None:
        """Drop what no article of ``day`` or later needs (``StoryClusterer.forget_before``):
        the stories and index periods out of its reach, and the articles published more than
        ``window_days`` before it (no copy is looked for among them, and no window is planned
        with them). Only while the articles to come are all dated and none is before ``day``:
        the decisions stay the same, and the memory held stays that of the last weeks. Once
        anything is forgotten, the state serves this run alone (``partial``)."""
        for story in self._clusterer.forget_before(day):
            self._languages.forget(story)
            self._foreign_only.forget(story)
        reach = day - self.settings.window_days
        while self._dated and self._dated[0][0] < reach:
            _, article = heapq.heappop(self._dated)
            self._copies.remove(article)
            del self._story_of_article[article]
            del self._day_of_article[article]
            self._language_of_article.pop(article, None)
            self._partial = True
        self._partial = self._partial or not self._clusterer.whole

    def _learn(self, cluster_key: int, story_id: str, *, lead: str, language: str | None) -> None:
        self._story_of_key.setdefault(cluster_key, story_id)
        self._key_of_story.setdefault(story_id, cluster_key)
        if not is_foreign(language, primary_language=self.settings.primary_language):
            self._languages.remember(cluster_key, lead)
            self._foreign_only.forget(cluster_key)
        elif not self._languages.knows(cluster_key):
            self._foreign_only.remember(cluster_key, lead)


class FullReplayAssigner(ClusterAssigner):
    """A ``ClusterAssigner`` restored, every run, from every stored article weighed again from
    its features, and forgetting nothing: what every ingest did before stores kept vectors, and
    the reference that restoring near a run is checked against (``benchmarks/bench_runs.py
    --full``, ``tests/store/test_store_window.py``)."""

    def window_for(self, days: Sequence[int], *, stories: int) -> list[tuple[int, int]] | None:
        return None

    def fingerprint(self) -> str:
        """One no kept state matches: every article is weighed again from its features."""
        return f"replays everything {uuid.uuid4()}"

    def forget_before(self, day: int) -> None:
        pass


class _Excluded:
    """The stories an article may not join: those ``claimed`` by other groups of its window, and
    those ``refused`` (asked only of the stories a clusterer compares it with)."""

    def __init__(self, claimed: set[int], refused: Callable[[int], bool]) -> None:
        self._claimed = claimed
        self._refused = refused

    def __contains__(self, key: object) -> bool:
        return isinstance(key, int) and (key in self._claimed or self._refused(key))


FOREIGN_CANDIDATES = 100
"""The largest stories near in time that a report in another language is compared with, besides
those its words find: the leads of each are embedded once (about 1 s for 100 stories)."""

# A group planned with stored articles follows their story when it holds this share of them.
_FOLLOW_SHARE = 0.8


def _names_a_story(group: PlannedGroup) -> bool:
    """Whether a group is named after the stored story it goes to (``plan_in_context``), not
    after a content hash of its articles."""
    return group.group.startswith(STORY_PREFIX)
