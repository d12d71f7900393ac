"""The geometry of a story's timeline drawn as an SVG chart: one column per date on an axis,
one circle per entry sized by its number of sources, entries of one date stacked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storyline.model import TimelineEntry

_COLUMN_WIDTH = 110
_MARGIN = 40
_ROW_HEIGHT = 30
_AXIS_SPACE = 56
_MIN_RADIUS = 9
_MAX_RADIUS = 14
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass(frozen=True, slots=True)
class ChartTick:
    """A date on the axis, at ``x``."""

    x: int
    label: str


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One timeline entry: a circle at (``x``, ``y``) of radius ``radius``."""

    x: int
    y: int
    radius: int
    when: str
    text: str
    source_count: int
    background: bool


@dataclass(frozen=True, slots=True)
class TimelineChart:
    """Everything the template needs to draw the chart."""

    width: int
    height: int
    axis_y: int
    ticks: tuple[ChartTick, ...]
    points: tuple[ChartPoint, ...]


def chart_timeline(entries: tuple[TimelineEntry, ...]) -> TimelineChart:
    """Lay out ``entries`` (in any order): dates left to right in calendar order (a year or a
    month alone before the days in it), entries of one date stacked upwards."""
    by_day: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        by_day.setdefault(_day_key(entry.when), []).append(entry)
    days = sorted(by_day, key=_sort_key)
    tallest = max((len(group) for group in by_day.values()), default=1)
    axis_y = _MARGIN + tallest * _ROW_HEIGHT
    most_sources = max((_source_count(entry) for entry in entries), default=1)
    ticks: list[ChartTick] = []
    points: list[ChartPoint] = []
    for column, day in enumerate(days):
        x = _MARGIN + column * _COLUMN_WIDTH + _COLUMN_WIDTH // 2
        ticks.append(ChartTick(x=x, label=_label(day)))
        for row, entry in enumerate(by_day[day]):
            count = _source_count(entry)
            points.append(
                ChartPoint(
                    x=x,
                    y=axis_y - _ROW_HEIGHT // 2 - row * _ROW_HEIGHT,
                    radius=_radius(count, most=most_sources),
                    when=entry.when,
                    text=entry.text,
                    source_count=count,
                    background=entry.background,
                )
            )
    width = max(2 * _MARGIN + len(days) * _COLUMN_WIDTH, 320)
    return TimelineChart(
        width=width,
        height=axis_y + _AXIS_SPACE,
        axis_y=axis_y,
        ticks=tuple(ticks),
        points=tuple(points),
    )


def _source_count(entry: TimelineEntry) -> int:
    return len({citation.article for citation in entry.sources})


def _radius(count: int, *, most: int) -> int:
    if most <= 1:
        return _MIN_RADIUS
    share = (count - 1) / (most - 1)
    return round(_MIN_RADIUS + share * (_MAX_RADIUS - _MIN_RADIUS))


def _day_key(when: str) -> str:
    """The date part of an ISO value: "2019", "2019-02", "2019-02-26" (times drop to their day)."""
    return when[:10]


def _sort_key(day: str) -> tuple[int, int, int, str]:
    parts = day.split("-")
    numbers = [int(part) if part.isdigit() else 0 for part in parts[:3]]
    numbers += [0] * (3 - len(numbers))
    return numbers[0], numbers[1], numbers[2], day


def _label(day: str) -> str:
    """ "2019" -> "2019", "2019-02" -> "Feb 2019", "2019-02-26" -> "26 Feb 2019"."""
    parts = day.split("-")
    try:
        if len(parts) == 3:
            value = date(int(parts[0]), int(parts[1]), int(parts[2]))
            return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
        if len(parts) == 2 and 1 <= int(parts[1]) <= 12:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except ValueError:
        return day
    return day
