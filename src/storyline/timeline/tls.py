"""Timeline summarization of a news collection, in the manner of DATEWISE.

Gholipour Ghalandari and Ifrim (2020, "Examining the State-of-the-Art in News Timeline
Summarization") build a timeline date by date: rank the dates, then summarize each chosen date
from the sentences about it. This module does the same without a trained date ranker:

1. Every article is cleaned and split (``build_document``); every sentence's day-precise time
   mentions are found (``find_time_mentions``); months and years are ignored.
2. A date scores by how many articles mention it, plus a fraction for each article published on
   it; the best ``n_dates`` dates within ``start``..``end`` are kept, best first.
3. A date's candidates are the sentences that mention it, and the leading sentences (mentioning
   no day) of articles published that day or the day after. Their TF-IDF vectors define the date's
   centroid over the terms both kinds share (news-tls ``PM_Mean_SentenceCollector``); candidates
   closer to it than the knee of the similarity curve stay.
4. Up to ``sentences_per_date`` sentences are chosen greedily so that the sum of their vectors is
   as close as possible to the date's centroid (news-tls ``CentroidOpt``); a sentence too similar to
   one already in the timeline is skipped. A date none of whose candidates survive is passed over
   for the next.
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

import numpy as np
from scipy.sparse import csr_array

from storyline.config import check_int
from storyline.errors import ConfigError
from storyline.model import Article, Sentence, TimeMention
from storyline.pipeline import build_document
from storyline.temporal.expressions import find_time_mentions
from storyline.temporal.zones import article_zone, local_date
from storyline.terms import TermExtractor

logger = logging.getLogger(__name__)

MAX_DATES = 10_000
MAX_SENTENCES_PER_DATE = 100


class MentionFinder(Protocol):
    """Finds the time mentions of a sentence, given its article's publication time and zone."""

    def __call__(
        self, sent: Sentence, /, *, published: datetime | None, zone: str | None
    ) -> Sequence[TimeMention]: ...


def no_mentions(
    sent: Sentence, /, *, published: datetime | None, zone: str | None
) -> Sequence[TimeMention]:
    """A finder that finds nothing: dates then come from publication dates only."""
    return ()


@dataclass(frozen=True, slots=True)
class TimelineSettings:
    """How dates are ranked and sentences chosen.

    publication_weight: what an article published on a date adds to its score (a mention by an
        article adds 1).
    lead_sentences: how many leading sentences of an article speak for its publication date.
    publication_days: an article published on day d speaks for d and the days before, this many
        days in all (2: the same day and the day before).
    min_words / max_words: sentences outside this length are not chosen for a summary.
    max_similarity: a sentence whose TF-IDF cosine with one already chosen exceeds this is skipped.
    """

    publication_weight: float = 0.5
    lead_sentences: int = 8
    publication_days: int = 2
    min_words: int = 6
    max_words: int = 50
    max_similarity: float = 0.5


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str
    article: int
    index: int
    published: date | None
    days: frozenset[date]
    words: int


def summarize_timeline(
    articles: Sequence[Article],
    *,
    n_dates: int,
    sentences_per_date: int,
    start: date | None = None,
    end: date | None = None,
    find_mentions: MentionFinder | None = None,
    settings: TimelineSettings | None = None,
    terms: TermExtractor | None = None,
) -> list[tuple[str, list[str]]]:
    """A timeline of at most ``n_dates`` dates ("YYYY-MM-DD", ascending), each with at most
    ``sentences_per_date`` sentences of the articles, whitespace normalised.

    Only dates within ``start``..``end`` (inclusive, either open) are chosen. ``find_mentions``
    defaults to ``storyline.temporal.expressions.find_time_mentions``.
    """
    check_int("n_dates", n_dates, 1, MAX_DATES)
    check_int("sentences_per_date", sentences_per_date, 1, MAX_SENTENCES_PER_DATE)
    if start is not None and end is not None and start > end:
        raise ConfigError(f"'start' must not be after 'end'; got {start} > {end}")
    settings = settings or TimelineSettings()
    terms = terms or TermExtractor()
    finder = find_mentions if find_mentions is not None else find_time_mentions
    candidates = _read_candidates(articles, finder=finder)
    if not candidates:
        return []
    vectors = _tfidf_vectors(candidates, terms=terms)
    mentioned, published = _date_pools(candidates, settings=settings)
    timeline: list[tuple[date, list[str]]] = []
    chosen_rows: list[int] = []
    for day in _rank_dates(candidates, start=start, end=end, settings=settings):
        if len(timeline) >= n_dates:
            break
        rows = _summarize_day(
            mentioned.get(day, []),
            published.get(day, []),
            vectors=vectors,
            candidates=candidates,
            k=sentences_per_date,
            chosen_rows=chosen_rows,
            settings=settings,
        )
        if rows:
            chosen_rows.extend(rows)
            texts = [
                candidates[row].text
                for row in sorted(rows, key=lambda row: _order(candidates[row]))
            ]
            timeline.append((day, texts))
    timeline.sort()
    logger.debug("%d sentences, %d dates chosen", len(candidates), len(timeline))
    return [(day.isoformat(), texts) for day, texts in timeline]


def _order(candidate: _Candidate) -> tuple[int, int]:
    return candidate.article, candidate.index


def _read_candidates(articles: Sequence[Article], *, finder: MentionFinder) -> list[_Candidate]:
    candidates: list[_Candidate] = []
    for number, article in enumerate(articles):
        document = build_document(article)
        published = (
            local_date(
                article.published, article_zone(article.published_zone, article_id=article.id)
            )
            if article.published is not None
            else None
        )
        for sent in document.sentences:
            mentions = finder(sent, published=article.published, zone=article.published_zone)
            days = frozenset(
                date.fromisoformat(mention.when[:10])
                for mention in mentions
                if mention.granularity in ("day", "time")
            )
            text = " ".join(sent.text.split())
            candidates.append(
                _Candidate(
                    text=text,
                    article=number,
                    index=sent.index,
                    published=published,
                    days=days,
                    words=len(text.split()),
                )
            )
    return candidates


def _rank_dates(
    candidates: Sequence[_Candidate],
    *,
    start: date | None,
    end: date | None,
    settings: TimelineSettings,
) -> list[date]:
    """Dates by score, best first (ties: earlier first): articles mentioning the date, plus
    ``publication_weight`` for each article published on it."""
    mentioning: dict[date, set[int]] = defaultdict(set)
    published: dict[date, set[int]] = defaultdict(set)
    for cand in candidates:
        for day in cand.days:
            mentioning[day].add(cand.article)
        if cand.published is not None:
            published[cand.published].add(cand.article)
    scores: dict[date, float] = defaultdict(float)
    for day, readers in mentioning.items():
        scores[day] += len(readers)
    for day, readers in published.items():
        scores[day] += settings.publication_weight * len(readers)
    days = [
        day for day in scores if (start is None or day >= start) and (end is None or day <= end)
    ]
    return sorted(days, key=lambda day: (-scores[day], day))


def _date_pools(
    candidates: Sequence[_Candidate], *, settings: TimelineSettings
) -> tuple[dict[date, list[int]], dict[date, list[int]]]:
    """Rows of the sentences mentioning each date, and of the leading sentences (mentioning no
    day) of articles published on it or the days after it."""
    mentioned: dict[date, list[int]] = defaultdict(list)
    published: dict[date, list[int]] = defaultdict(list)
    for row, cand in enumerate(candidates):
        for day in cand.days:
            mentioned[day].append(row)
        if not cand.days and cand.published is not None and cand.index < settings.lead_sentences:
            for back in range(settings.publication_days):
                published[cand.published - timedelta(days=back)].append(row)
    return mentioned, published


def _tfidf_vectors(candidates: Sequence[_Candidate], *, terms: TermExtractor) -> csr_array:
    """One L2-normalised TF-IDF row per candidate over its content stems (smooth IDF)."""
    stems = [Counter(terms.content_stems(cand.text)) for cand in candidates]
    document_frequency: Counter[str] = Counter()
    for counts in stems:
        document_frequency.update(counts.keys())
    vocabulary = {stem: k for k, stem in enumerate(sorted(document_frequency))}
    n = len(candidates)
    idf = {stem: math.log((1 + n) / (1 + df)) + 1.0 for stem, df in document_frequency.items()}
    data: list[float] = []
    columns: list[int] = []
    pointers = [0]
    for counts in stems:
        weights = {vocabulary[stem]: count * idf[stem] for stem, count in counts.items()}
        norm = math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0
        for column in sorted(weights):
            columns.append(column)
            data.append(weights[column] / norm)
        pointers.append(len(columns))
    return csr_array(
        (np.asarray(data), np.asarray(columns, dtype=np.int64), np.asarray(pointers)),
        shape=(n, len(vocabulary)),
    )


def _summarize_day(
    mentioned: Sequence[int],
    published: Sequence[int],
    *,
    vectors: csr_array,
    candidates: Sequence[_Candidate],
    k: int,
    chosen_rows: Sequence[int],
    settings: TimelineSettings,
) -> list[int]:
    pool = list(dict.fromkeys([*mentioned, *published]))
    if not pool:
        return []
    centroid = _date_centroid(mentioned, published, vectors=vectors)
    similarity = vectors[pool] @ centroid
    if np.any(similarity > 0):
        threshold = _knee_threshold(similarity)
        kept = [
            row for row, sim in zip(pool, similarity, strict=True) if sim > 0 and sim > threshold
        ]
        pool = kept or pool
    pool = [
        row for row in pool if settings.min_words <= candidates[row].words <= settings.max_words
    ]
    if not pool:
        return []
    return _select_centroid_opt(
        pool,
        vectors=vectors,
        k=k,
        chosen_rows=chosen_rows,
        settings=settings,
    )


def _date_centroid(
    mentioned: Sequence[int], published: Sequence[int], *, vectors: csr_array
) -> np.ndarray:
    """The mean vector of the mentioning sentences plus that of the published ones, kept only on
    the terms both share; the mean of whichever kind exists when one is missing."""
    width = vectors.shape[1]
    mention_mean = (
        np.asarray(vectors[list(mentioned)].sum(axis=0)).ravel() / len(mentioned)
        if mentioned
        else np.zeros(width)
    )
    publication_mean = (
        np.asarray(vectors[list(published)].sum(axis=0)).ravel() / len(published)
        if published
        else np.zeros(width)
    )
    if mentioned and published:
        shared = (mention_mean > 0) & (publication_mean > 0)
        centroid = np.where(shared, mention_mean + publication_mean, 0.0)
        if not centroid.any():
            centroid = mention_mean + publication_mean
    else:
        centroid = mention_mean + publication_mean
    norm = float(np.linalg.norm(centroid))
    result: np.ndarray = centroid / norm if norm else centroid
    return result


def _knee_threshold(similarity: np.ndarray) -> float:
    """The similarity at the knee of the descending similarity curve (the point furthest from
    the line through its ends), as news-tls ``detect_knee_point`` finds it."""
    values = np.sort(similarity)[::-1]
    if len(values) < 3:
        return float(values[-1]) - 1.0
    x = np.arange(len(values), dtype=float)
    line = np.array([x[-1] - x[0], values[-1] - values[0]])
    line /= np.linalg.norm(line)
    from_first = np.stack([x - x[0], values - values[0]], axis=1)
    along = from_first @ line
    distance = np.linalg.norm(from_first - np.outer(along, line), axis=1)
    return float(values[int(np.argmax(distance))])


def _select_centroid_opt(
    pool: Sequence[int],
    *,
    vectors: csr_array,
    k: int,
    chosen_rows: Sequence[int],
    settings: TimelineSettings,
) -> list[int]:
    """Greedily add the sentence that brings the normalised sum of the chosen vectors closest to
    the centroid of the pool; skip sentences too similar to one already in the timeline."""
    rows = vectors[list(pool)]
    columns = np.unique(rows.indices)  # dense over the pool's own terms only
    block = rows[:, columns].toarray()
    centroid = block.sum(axis=0)
    norm = float(np.linalg.norm(centroid))
    if not norm:
        return []
    centroid /= norm
    to_centroid = block @ centroid
    available = np.linalg.norm(block, axis=1) > 0
    if chosen_rows:
        earlier = vectors[list(chosen_rows)][:, columns].toarray()
        available &= (earlier @ block.T).max(axis=0) <= settings.max_similarity
    summary = np.zeros(len(columns))
    selected: list[int] = []
    while len(selected) < k and available.any():
        sums = summary + block
        scores = (summary @ centroid + to_centroid) / np.maximum(
            np.linalg.norm(sums, axis=1), 1e-12
        )
        best = int(np.argmax(np.where(available, scores, -np.inf)))
        selected.append(pool[best])
        summary = sums[best]
        available &= block @ block[best] <= settings.max_similarity
        available[best] = False
    return selected
