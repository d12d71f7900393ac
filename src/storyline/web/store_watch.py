"""The store's story listing as the server last read it, kept current at the cost of what
changed: a request asks SQLite whether anything was committed since (microseconds), and only if so
are the new arrivals and changed headlines read, in a thread, never on the event loop."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import anyio.to_thread

from storyline.store import StoryRow
from storyline.store.reading import StoreReader, StoryHead

_OLDEST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class StoreSnapshot:
    """The stories with articles, newest activity first, each with its head (headline, version,
    opening number), and the story of each article by arrival number; ``newest_arrival`` is the
    newest article read, and ``token`` changes whenever the listing does (it names the listing
    in ETags and caches)."""

    rows: tuple[StoryRow, ...]
    heads: Mapping[str, StoryHead]
    story_of_arrival: Mapping[int, str]
    newest_arrival: int
    token: str

    def head(self, story_id: str) -> StoryHead | None:
        return self.heads.get(story_id)

    def stories_of(self, matches: Iterable[int]) -> dict[str, float]:
        """The stories of full-text index rows (``StoreReader.match``) known to this snapshot
        (an article's arrival number, or minus a story's opening number for its headline), each
        with how well it matches: the share of its articles that match, and 1 more when its
        headline does. A story about the words comes before one that names them in passing."""
        opened = {head.opened: story_id for story_id, head in self.heads.items()}
        articles: dict[str, int] = {}
        headlines: set[str] = set()
        for rowid in matches:
            story_id = self.story_of_arrival.get(rowid) if rowid > 0 else opened.get(-rowid)
            if story_id is None:
                continue
            if rowid > 0:
                articles[story_id] = articles.get(story_id, 0) + 1
            else:
                headlines.add(story_id)
        sizes = {row.id: len(row.article_ids) for row in self.rows if row.id in articles}
        return {
            story_id: articles.get(story_id, 0) / max(1, sizes.get(story_id, 1))
            + (story_id in headlines)
            for story_id in articles.keys() | headlines
        }


def read_snapshot(reader: StoreReader, previous: StoreSnapshot | None) -> StoreSnapshot:
    """The listing now: ``previous`` with the stories changed since re-read (the stories of the
    articles that arrived after it and those whose headline changed), or all of it."""
    with reader.transaction():
        headlines = reader.headlines()
        arrivals = reader.arrivals_since(0 if previous is None else previous.newest_arrival)
        if previous is None:
            heads = {head.id: head for head in reader.heads()}
            rows = reader.list_stories(None, headlines=headlines)
            story_of_arrival = dict(arrivals)
        else:
            changed = {story_id for _, story_id in arrivals}
            changed |= {
                story_id
                for story_id, head in previous.heads.items()
                if headlines.get(story_id) != head.headline
            }
            heads = dict(previous.heads)
            heads.update((head.id, head) for head in reader.heads(sorted(changed)))
            rows = {row.id: row for row in previous.rows if row.id not in changed}
            rows.update(reader.list_stories(sorted(changed), headlines=headlines))
            story_of_arrival = {**previous.story_of_arrival, **dict(arrivals)}
    newest = arrivals[-1][0] if arrivals else 0 if previous is None else previous.newest_arrival
    return StoreSnapshot(
        rows=_newest_first(rows, heads),
        heads=heads,
        story_of_arrival=story_of_arrival,
        newest_arrival=newest,
        token=_token(newest, heads),
    )


class StoreWatch:
    """Keeps a ``StoreSnapshot`` of the store at ``db`` current. ``open`` connects (and fails
    on a file that is not a store); ``current`` (from any thread) and ``current_async`` (on the
    event loop) give a snapshot that includes every commit made before the call."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._probe = StoreReader(db)
        self._reader = StoreReader(db)
        self._refresh_lock = threading.Lock()
        self._state: tuple[int, StoreSnapshot] | None = None

    def open(self) -> None:
        self._probe.open()
        self._reader.open()

    def close(self) -> None:
        self._probe.close()
        self._reader.close()

    def current(self) -> StoreSnapshot:
        return self._fresh(self._probe.data_version())

    async def current_async(self) -> StoreSnapshot:
        seen = self._probe.data_version()  # microseconds: no need to leave the event loop
        state = self._state
        if state is not None and state[0] == seen:
            return state[1]
        return await anyio.to_thread.run_sync(self._fresh, seen)

    def _fresh(self, seen: int) -> StoreSnapshot:
        """A snapshot read after the probe said ``seen`` (so it holds every commit before)."""
        with self._refresh_lock:
            state = self._state
            if state is not None and state[0] == seen:
                return state[1]
            snapshot = read_snapshot(self._reader, None if state is None else state[1])
            self._state = (seen, snapshot)
            return snapshot


def _newest_first(
    rows: Mapping[str, StoryRow], heads: Mapping[str, StoryHead]
) -> tuple[StoryRow, ...]:
    """Stories by their latest article, newest first; undated ones last; ties: newest opened."""
    return tuple(
        sorted(
            rows.values(),
            key=lambda row: (
                row.last is None,
                -(row.last or _OLDEST).timestamp(),
                -heads[row.id].opened,
            ),
        )
    )


def _token(newest: int, heads: Mapping[str, StoryHead]) -> str:
    hashed = hashlib.blake2b(digest_size=8)
    for story_id in sorted(heads):
        hashed.update(f"{story_id}\x00{heads[story_id].headline}\x01".encode())
    return f"{newest}-{hashed.hexdigest()}"
