"""The exceptions storyline raises: one base class and a few kinds."""

from __future__ import annotations


class StorylineError(Exception):
    """Base class of every error storyline raises on purpose."""


class InputError(StorylineError):
    """An input record could not be read or parsed.

    ``reason`` is a short machine-readable code ("empty", "binary", "encoding", ...); the message
    says what was wrong and where.
    """

    def __init__(self, source: str, reason: str, detail: str) -> None:
        super().__init__(f"{source}: {detail}")
        self.source = source
        self.reason = reason
        self.detail = detail


class ConfigError(StorylineError):
    """A setting is out of its allowed range or of the wrong type."""


class EngineError(StorylineError):
    """The execution engine cannot run: a Dask scheduler that cannot be reached, a lost cluster."""
