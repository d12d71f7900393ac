"""storyline: many news reports in, one trustworthy attributed account of each story out."""

from storyline.config import Config
from storyline.errors import ConfigError, InputError, StorylineError
from storyline.model import (
    Article,
    Citation,
    Digest,
    Rejection,
    Sentence,
    Story,
    Summary,
    SummarySentence,
)

__all__ = [
    "Article",
    "Citation",
    "Config",
    "ConfigError",
    "Digest",
    "InputError",
    "Rejection",
    "Sentence",
    "Story",
    "StorylineError",
    "Summary",
    "SummarySentence",
    "digest",
]


def __getattr__(name: str) -> object:
    # digest pulls in the summarizer (numpy, scipy); keep `import storyline` light.
    if name == "digest":
        from storyline.pipeline import digest

        return digest
    raise AttributeError(name)
