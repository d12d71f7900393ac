"""Persistent stories: an embedded SQLite store that grows as news arrives."""

from storyline.identity import content_hash
from storyline.store.sqlite import IngestCounts, StoryAssigner, StoryRow, StoryStore

__all__ = ["IngestCounts", "StoryAssigner", "StoryRow", "StoryStore", "content_hash"]
