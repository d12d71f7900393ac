"""The running state of stories being clustered: centroids with their dates, and an inverted
index from terms to stories."""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping

from storyline.cluster.vectors import Vector, add_into, dot


def days_take(
    first: int, last: int, day: int, *, window_days: int, max_span_days: int | None = None
) -> bool:
    """Whether a story whose dated articles run from ``first`` to ``last`` can take one of
    ``day``: within ``window_days`` of them, and not stretching the story over more than
    ``max_span_days`` (a story on a running topic closes)."""
    if max_span_days is not None and (day - first > max_span_days or last - day > max_span_days):
        return False
    return first - window_days <= day <= last + window_days


class Centroid:
    """A story's size, the sum of its members' unit vectors (its centroid, unnormalised) and the
    first and last day of its dated members."""

    __slots__ = ("first_day", "last_day", "norm_sq", "size", "total")

    def __init__(self) -> None:
        self.size = 0
        self.total: Vector = {}
        self.norm_sq = 0.0
        self.first_day: int | None = None
        self.last_day: int | None = None

    def add(self, vector: Mapping[str, float], day: int | None) -> None:
        """Add a member with its unit vector."""
        overlap = dot(vector, self.total)
        add_into(self.total, vector)
        self.norm_sq += 2.0 * overlap + dot(vector, vector)
        self.size += 1
        if day is not None:
            self.first_day = day if self.first_day is None else min(self.first_day, day)
            self.last_day = day if self.last_day is None else max(self.last_day, day)

    def remove(self, vector: Mapping[str, float]) -> None:
        """Take a member out (its days still count in the story's first and last day)."""
        overlap = dot(vector, self.total)
        add_into(self.total, vector, scale=-1.0)
        self.norm_sq = max(0.0, self.norm_sq - 2.0 * overlap + dot(vector, vector))
        self.size -= 1

    def similarity(self, vector: Mapping[str, float]) -> float:
        """Cosine of a unit vector with the centroid."""
        if self.norm_sq <= 0.0:
            return 0.0
        return dot(vector, self.total) / math.sqrt(self.norm_sq)

    def similarity_without(self, vector: Mapping[str, float]) -> float:
        """Cosine of a member's unit vector with the centroid of the other members."""
        if self.size <= 1:
            return 0.0
        overlap = dot(vector, self.total) - 1.0
        rest_sq = self.norm_sq - 2.0 * overlap - 1.0
        if rest_sq <= 1e-12:
            return 0.0
        return overlap / math.sqrt(rest_sq)

    def is_near(
        self, day: int | None, *, window_days: int, max_span_days: int | None = None
    ) -> bool:
        """Whether a day is within the window of the story's dated members (always, when either
        has no date), and keeps the story within ``max_span_days`` from first to last day: a
        story on a running topic closes, instead of taking in every later event of the topic."""
        if day is None or self.first_day is None or self.last_day is None:
            return True
        return days_take(
            self.first_day,
            self.last_day,
            day,
            window_days=window_days,
            max_span_days=max_span_days,
        )

    def overlaps(self, other: Centroid, *, window_days: int) -> bool:
        """Whether two stories' dates come within the window of each other (or either is undated)."""
        if (
            self.first_day is None
            or self.last_day is None
            or other.first_day is None
            or other.last_day is None
        ):
            return True
        return (
            self.first_day - window_days <= other.last_day
            and other.first_day - window_days <= self.last_day
        )


class TermIndex:
    """Which stories have members whose heaviest terms include a term, by period of time.

    Postings are kept per period of ``window_days + 1`` days (and one for undated members), so a
    dated article only looks at the periods around its day: the cost of a look-up stays flat as
    a stream grows old. An undated article looks at every period.
    """

    def __init__(self, *, window_days: int) -> None:
        self.window_days = window_days
        self._period_days = window_days + 1
        self._postings: dict[str, dict[int | None, dict[int, int]]] = {}
        self._terms_of_period: dict[int, set[str]] = {}  # the terms posted in each dated period
        # The stories with members in each period (None: undated), whatever their terms.
        self._stories_of_period: dict[int | None, set[int]] = {}

    def period(self, day: int) -> int:
        """The period a day is in."""
        return day // self._period_days

    def add(self, story: int, terms: Iterable[str], day: int | None) -> None:
        period = None if day is None else day // self._period_days
        posted = None if period is None else self._terms_of_period.setdefault(period, set())
        self._stories_of_period.setdefault(period, set()).add(story)
        for term in terms:
            stories = self._postings.setdefault(term, {}).setdefault(period, {})
            stories[story] = stories.get(story, 0) + 1
            if posted is not None:
                posted.add(term)

    def forget_before(self, period: int) -> int:
        """Drop the postings of the dated periods before ``period``: no article of a later day
        looks at them (undated articles would: drop none while some may come). Returns how
        many periods were dropped."""
        old_periods = [number for number in self._terms_of_period if number < period]
        for old in old_periods:
            self._stories_of_period.pop(old, None)
            for term in self._terms_of_period.pop(old):
                by_period = self._postings[term]
                del by_period[old]
                if not by_period:
                    del self._postings[term]
        return len(old_periods)

    def stories_near(self, day: int | None) -> set[int]:
        """The stories with a member in the periods an article of ``day`` looks at (those
        ``candidates`` reads; every period for an undated article), whatever their terms."""
        periods = self._periods(day)
        if periods is None:
            return {story for stories in self._stories_of_period.values() for story in stories}
        return {story for period in periods for story in self._stories_of_period.get(period, ())}

    def _periods(self, day: int | None) -> list[int | None] | None:
        """The periods an article of ``day`` looks at (None: every one), undated first."""
        if day is None:
            return None
        first = (day - self.window_days) // self._period_days
        last = (day + self.window_days) // self._period_days
        return [None, *range(first, last + 1)]

    def candidates(
        self, weighted_terms: Iterable[tuple[str, float]], day: int | None, *, limit: int
    ) -> list[int]:
        """Stories sharing indexed terms with an article, the most shared weight first (ties by
        key), at most ``limit``."""
        periods = self._periods(day)
        scores: dict[int, float] = {}
        for term, weight in weighted_terms:
            by_period = self._postings.get(term)
            if not by_period:
                continue
            found: set[int] = set()
            if periods is None:
                for stories in by_period.values():
                    found.update(stories)
            else:
                for period in periods:
                    found.update(by_period.get(period, ()))
            for story in found:
                scores[story] = scores.get(story, 0.0) + weight
        if len(scores) <= limit:
            return sorted(scores, key=lambda story: (-scores[story], story))
        return heapq.nsmallest(limit, scores, key=lambda story: (-scores[story], story))
