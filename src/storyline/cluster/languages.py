"""Joining reports in other languages to the stories they tell.

Word features cannot match a German report with an English story (a few names aside), so a report
in another language than the stories' main one (``ClusterSettings.primary_language``) is compared
by meaning: the multilingual embedding of its lead (title and first sentences) against each
candidate story's, which is the mean of the embeddings of its first few main-language members'
leads. It joins the most similar story at or above ``ClusterSettings.cross_language_similarity``.
Story embeddings are computed only when a report in another language needs them, and kept.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

import numpy as np

from storyline.cluster.features import publication_day
from storyline.cluster.settings import ClusterSettings
from storyline.embeddings import Encoder
from storyline.model import Document

LEADS_PER_STORY = 5
"""How many main-language members' leads make a story's embedding. The mean of more leads is
nearer what every report of the story says. DUC 2004 with one article of each cluster
machine-translated to Spanish, each Spanish lead against each cluster's mean: the right cluster
came first for 43 of 50 with 3 leads, 46 with 5 and 44 with 9; at the 0.65 cosine there were 16
right and 1 wrong with 3 leads, 26 and 1 with 5, 26 and 2 with 9. A German report we wrote of
the example ferry grounding scores 0.665 against the English story with 5 leads (0.638 with 3,
which kept it apart when the English reports came first)."""
LEAD_SENTENCES = 3
# The encoder was trained on sentences and costs time in proportion to the length it reads
# (about 28 us a character: a 400,000-character title or run-on line took 11 s); a news lead,
# title and three sentences, is well under this.
LEAD_MAX_CHARS = 2_000


def lead_text(document: Document) -> str:
    """What a report says it is about: its title and first ``LEAD_SENTENCES`` sentences, at
    most ``LEAD_MAX_CHARS`` characters of them (cut after a whole word when there is one)."""
    parts = [document.article.title] if document.article.title else []
    parts.extend(sent.text for sent in document.sentences[:LEAD_SENTENCES])
    lead = " ".join(parts)
    if len(lead) <= LEAD_MAX_CHARS:
        return lead
    head = lead[:LEAD_MAX_CHARS]
    if not lead[LEAD_MAX_CHARS].isspace():  # not to end on a cut word
        words = head.rsplit(None, 1)
        head = words[0] if len(words) == 2 else head
    return head


def is_foreign(language: str | None, *, primary_language: str) -> bool:
    """Whether a report is known to be in another language than the stories' main one."""
    return language is not None and language != primary_language


class CrossLanguageMatcher:
    """The leads of each story's first main-language members, and the story a report in another
    language joins. Story keys are whatever the caller uses (cluster numbers, clusterer keys)."""

    def __init__(self, encoder: Encoder, *, min_similarity: float) -> None:
        self.encoder = encoder
        self.min_similarity = min_similarity
        self._leads: dict[Hashable, list[str]] = {}
        self._embeddings: dict[Hashable, np.ndarray] = {}

    def remember(self, story: Hashable, lead: str) -> None:
        """Note a main-language member's lead (only the first few of a story are kept)."""
        leads = self._leads.setdefault(story, [])
        if len(leads) < LEADS_PER_STORY and lead.strip():
            leads.append(lead)
            self._embeddings.pop(story, None)

    def knows(self, story: Hashable) -> bool:
        """Whether a lead of the story was noted (``remember``)."""
        return story in self._leads

    def has_stories(self) -> bool:
        """Whether any story's lead was noted."""
        return bool(self._leads)

    def forget(self, story: Hashable) -> None:
        """Drop what is kept of a story (its leads and their embedding)."""
        self._leads.pop(story, None)
        self._embeddings.pop(story, None)

    def best_story(
        self, lead: str, candidates: Iterable[Hashable]
    ) -> tuple[Hashable | None, float]:
        """The candidate story most similar in meaning to a lead, if similar enough, and the
        similarity (None and the best similarity seen otherwise)."""
        stories = [story for story in dict.fromkeys(candidates) if self._leads.get(story)]
        if not stories or not lead.strip():
            return None, 0.0
        missing = [story for story in stories if story not in self._embeddings]
        if missing:
            texts = [text for story in missing for text in self._leads[story]]
            vectors = self.encoder.encode(texts)
            start = 0
            for story in missing:
                count = len(self._leads[story])
                mean = vectors[start : start + count].mean(axis=0)
                self._embeddings[story] = mean / max(float(np.linalg.norm(mean)), 1e-12)
                start += count
        query = self.encoder.encode([lead])[0]
        similarities = np.stack([self._embeddings[story] for story in stories]) @ query
        best = int(np.argmax(similarities))
        similarity = float(similarities[best])
        if similarity < self.min_similarity:
            return None, similarity
        return stories[best], similarity


def join_across_languages(
    documents: Sequence[Document],
    stories: Sequence[list[int]],
    *,
    settings: ClusterSettings,
    encoder: Encoder,
) -> list[list[int]]:
    """Stories (lists of indices into ``documents``) with each story told only in other
    languages joined to the main-language story it matches in meaning, if any, among those
    within ``settings.window_days`` of it. Stories keep the order of their first article."""
    return join_stories_across_languages(
        stories,
        leads=[lead_text(document) for document in documents],
        languages=[document.article.language for document in documents],
        days=[publication_day(document.article) for document in documents],
        settings=settings,
        encoder=encoder,
    )


def join_stories_across_languages(
    stories: Sequence[list[int]],
    *,
    leads: Sequence[str],
    languages: Sequence[str | None],
    days: Sequence[int | None],
    settings: ClusterSettings,
    encoder: Encoder,
) -> list[list[int]]:
    """``join_across_languages`` of articles given by their leads (``lead_text``; an empty one
    is never compared), languages and publication days (``features.publication_day``)."""
    primary = settings.primary_language

    def foreign(i: int) -> bool:
        return is_foreign(languages[i], primary_language=primary)

    def earliest_first(members: list[int]) -> list[int]:
        """Members by day (undated last), then by lead: the leads a story is known by, and
        those a story told in other languages is looked for with, are the same whatever the
        input order (an article's position is not looked at)."""
        return sorted(members, key=lambda i: (days[i] is None, days[i] or 0, leads[i]))

    matcher = CrossLanguageMatcher(encoder, min_similarity=settings.cross_language_similarity)
    main_stories = []
    for number, members in enumerate(stories):
        main = [i for i in earliest_first(members) if not foreign(i)]
        if main:
            main_stories.append(number)
            for i in main:
                matcher.remember(number, leads[i])
    target = list(range(len(stories)))
    for number, members in enumerate(stories):
        if any(not foreign(i) for i in members):
            continue
        near = [
            other
            for other in main_stories
            if _days_overlap(days, members, stories[other], window_days=settings.window_days)
        ]
        told = [leads[i] for i in earliest_first(members) if leads[i].strip()]
        found, _ = matcher.best_story(" ".join(told[:3]), near)
        if isinstance(found, int):
            target[number] = found
    joined: dict[int, list[int]] = {}
    for number, members in enumerate(stories):
        joined.setdefault(target[number], []).extend(members)
    return [sorted(members) for members in sorted(joined.values(), key=min)]


def _days_overlap(
    days: Sequence[int | None], first: list[int], second: list[int], *, window_days: int
) -> bool:
    days_a = [day for i in first if (day := days[i]) is not None]
    days_b = [day for i in second if (day := days[i]) is not None]
    if not days_a or not days_b:
        return True
    return min(days_a) - window_days <= max(days_b) and min(days_b) - window_days <= max(days_a)
