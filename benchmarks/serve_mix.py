"""The request mix of the load benchmark: what simulated readers ask ``storyline serve`` for.

Readers mostly open stories: story pages and their JSON make 60 % of the requests, the first page
of the story list most of the rest, then searches and the paged API list. Stories are drawn from
the whole store (``uniform``: every story as likely, the least favourable case for a cache), or
by recency (``zipf``: the story ranked r-th by latest activity drawn with weight 1/r, as news
readers favour recent stories). Search queries are words of the stored headlines, one or two
words of one headline, so most find something; a fixed pool of them is drawn at the start.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

ROUTE_SHARES = {
    "/": 0.15,
    "/?q=": 0.10,
    "/stories/{id}": 0.35,
    "/api/stories": 0.15,
    "/api/stories/{id}": 0.25,
}
POPULARITY = ("uniform", "zipf")
HOME_PER_PAGE = 50  # storyline.web.pages.STORIES_PER_PAGE
API_PER_PAGE = 20  # the API's default
FIRST_PAGE_SHARE = 0.8
QUERY_POOL = 200
_WORD = re.compile(r"[A-Za-z]{4,}")


@dataclass(frozen=True, slots=True)
class Catalogue:
    """What readers ask for: the story ids, newest activity first, and search queries."""

    story_ids: tuple[str, ...]
    queries: tuple[str, ...]


def search_queries(headlines: Sequence[str], *, seed: int, count: int = QUERY_POOL) -> list[str]:
    """Up to ``count`` distinct queries: one word (two in three) or two words of one headline."""
    chance = random.Random(f"queries-{seed}")
    worded = [words for words in (_WORD.findall(text) for text in headlines) if words]
    queries: dict[str, None] = {}
    for _ in range(count * 20):
        if not worded or len(queries) >= count:
            break
        words = chance.choice(worded)
        picked = (
            chance.sample(words, k=2)
            if len(words) > 1 and chance.random() < 1 / 3
            else [chance.choice(words)]
        )
        queries[" ".join(word.lower() for word in picked)] = None
    return list(queries)


class RequestMix:
    """Draws (route name, path) pairs for one simulated reader, seeded."""

    def __init__(self, catalogue: Catalogue, *, seed: int, popularity: str = "uniform") -> None:
        if popularity not in POPULARITY:
            raise ValueError(f"'popularity' must be one of {POPULARITY}; got {popularity!r}")
        if not catalogue.story_ids:
            raise ValueError("the catalogue has no stories")
        self._chance = random.Random(seed)
        self._ids = catalogue.story_ids
        count = len(self._ids)
        self._weights = (
            None if popularity == "uniform" else [1 / rank for rank in range(1, count + 1)]
        )
        self._queries = catalogue.queries or ("news",)
        self._home_pages = -(-count // HOME_PER_PAGE)
        self._api_pages = -(-count // API_PER_PAGE)
        self._routes = list(ROUTE_SHARES)
        self._shares = list(ROUTE_SHARES.values())

    def story(self) -> str:
        if self._weights is None:
            return self._chance.choice(self._ids)
        return self._chance.choices(self._ids, self._weights)[0]

    def _page(self, pages: int) -> int:
        return 1 if self._chance.random() < FIRST_PAGE_SHARE else self._chance.randint(1, pages)

    def next(self) -> tuple[str, str]:
        route = self._chance.choices(self._routes, self._shares)[0]
        if route == "/":
            page = self._page(self._home_pages)
            return route, "/" if page == 1 else f"/?page={page}"
        if route == "/?q=":
            return route, "/?q=" + quote(self._chance.choice(self._queries))
        if route == "/api/stories":
            return route, f"/api/stories?page={self._page(self._api_pages)}"
        return route, route.replace("{id}", self.story())
