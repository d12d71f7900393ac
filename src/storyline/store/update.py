"""Growing the store from input files, and reading a stored story back as a digest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from storyline.config import Config
from storyline.model import Article, Digest, Rejection
from storyline.store.sqlite import IngestCounts, StoryAssigner, StoryStore, refresh_stale


@dataclass(frozen=True, slots=True)
class StoreUpdate:
    """What ``update_store`` did, and the inputs it could not use."""

    counts: IngestCounts
    refreshed: tuple[str, ...]
    rejections: tuple[Rejection, ...]


def update_store(
    paths: Sequence[str | Path],
    *,
    db: str | Path,
    config: Config,
    assigner: Callable[[], StoryAssigner],
) -> StoreUpdate:
    """Read ``paths``, add their new articles to the store at ``db``, each to the story it
    reports (``assigner`` makes the object that decides), and refresh the stories touched."""
    from storyline.ingest import read_inputs

    result = read_inputs(paths, config=config)
    with StoryStore(db) as store:
        deciding = assigner()
        store.restore_into(deciding)
        counts = store.ingest(result.articles, assigner=deciding)
        refreshed = refresh_stale(store, headline_of=lambda articles: _headline(articles, config))
    return StoreUpdate(counts=counts, refreshed=tuple(refreshed), rejections=result.rejections)


def stored_digest(story_id: str, *, db: str | Path, config: Config) -> Digest | None:
    """The digest of one stored story (summary, timeline, facts), or None if there is no such id."""
    from storyline.pipeline import build_documents, story_from_documents

    with StoryStore(db) as store:
        if not store.has_story(story_id):
            return None
        articles = store.articles_of(story_id)
    documents = build_documents(articles)
    story = replace(story_from_documents(documents, config=config), id=story_id)
    return Digest(
        stories=(story,),
        articles=tuple(doc.article for doc in documents),
        settings=config.as_dict(),
    )


def _headline(articles: Sequence[Article], config: Config) -> str | None:
    from storyline.pipeline import build_documents
    from storyline.summarize import summarize

    summary = summarize(build_documents(articles), config=config)
    return None if summary.headline is None else summary.headline.text
