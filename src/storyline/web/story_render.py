"""A stored story rendered once for the web: its page and its API JSON, made from one consistent
read of the store, ready to send (compressed, with ETags). This runs in worker processes, so it
reads the store itself and returns only bytes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from storyline.config import Config
from storyline.facts.quantities import QuantityFinder
from storyline.model import Digest
from storyline.render.json_payload import digest_payload
from storyline.store.reading import StoredStory, read_story
from storyline.store.update import story_digest
from storyline.terms import TermExtractor
from storyline.web.cached_body import CachedBody
from storyline.web.page_templates import page_templates
from storyline.web.story_view import story_view

HTML = "text/html; charset=utf-8"
JSON = "application/json"


@dataclass(frozen=True, slots=True)
class RenderedStory:
    """A story's page and API body at ``version`` (its newest article's arrival number) with
    ``headline`` (the stored one, which the page falls back on and which can change without
    an article joining)."""

    story_id: str
    version: int
    headline: str | None
    page: CachedBody
    api: CachedBody

    @property
    def size(self) -> int:
        """Bytes held."""
        return self.page.size + self.api.size


class StoryPainter:
    """Renders stories of the store at ``db``, keeping what is costly to make from one story
    to the next: the unit registry of the quantity finder (about a second to build), the
    stemmer and its caches, the compiled templates. One painter serves one thread."""

    def __init__(self, db: Path, *, config: Config) -> None:
        self.db = db
        self.config = config
        self._tools: _Tools | None = None

    def prepare(self) -> None:
        """Load and build now what rendering needs (the pipeline's modules, the unit registry:
        about two seconds), so that the first story is not slower than the others."""
        import storyline.pipeline  # noqa: F401  (imported for its side effect: loading modules)

        tools = self._tools = self._tools or _Tools.make()
        tools.quantities.registry  # noqa: B018  (built on first use; used here to build it)

    def __call__(self, story_id: str) -> RenderedStory | None:
        """The story rendered (None if there is no such story with articles)."""
        stored = read_story(self.db, story_id)
        if stored is None:
            return None
        tools = self._tools = self._tools or _Tools.make()
        digest = stored_digest(stored, config=self.config, tools=tools)
        view = story_view(digest, fallback_headline=stored.row.headline)
        html = tools.templates.get_template("story.html").render(story=view, row=stored.row)
        api = json.dumps(
            digest_payload(digest), ensure_ascii=False, allow_nan=False, separators=(",", ":")
        )
        return RenderedStory(
            story_id=story_id,
            version=stored.version,
            headline=stored.row.headline,
            page=CachedBody.of(html.encode("utf-8"), media_type=HTML),
            api=CachedBody.of(api.encode("utf-8"), media_type=JSON),
        )


@dataclass(frozen=True, slots=True)
class _Tools:
    terms: TermExtractor
    quantities: QuantityFinder
    templates: Environment

    @classmethod
    def make(cls) -> _Tools:
        return cls(TermExtractor(), QuantityFinder(), page_templates())


def stored_digest(stored: StoredStory, *, config: Config, tools: _Tools | None = None) -> Digest:
    """The digest of a story read from the store (as ``storyline show`` computes it)."""
    return story_digest(
        stored.row.id,
        stored.documents,
        config=config,
        terms=None if tools is None else tools.terms,
        quantities=None if tools is None else tools.quantities,
        boilerplate=stored.boilerplate,
    )
