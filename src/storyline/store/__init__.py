"""Persistent stories: an embedded SQLite store that grows as news arrives."""

from storyline.store.sqlite import IngestCounts, StoryAssigner, StoryRow, StoryStore, content_hash

__all__ = ["IngestCounts", "StoryAssigner", "StoryRow", "StoryStore", "content_hash"]
