"""One typed configuration, checked when built and written into every run's output."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from storyline.errors import ConfigError


def check_int(name: str, value: object, low: int, high: int) -> None:
    """Raise ``ConfigError`` unless ``value`` is an int in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"'{name}' must be an int in [{low}, {high}]; got {value!r}")


def check_float(name: str, value: object, low: float, high: float) -> None:
    """Raise ``ConfigError`` unless ``value`` is a number in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ConfigError(f"'{name}' must be a number in [{low}, {high}]; got {value!r}")


MAX_ARTICLE_CHARS = 500_000
"""The most characters of text an article may have, whatever the settings: the stages after
reading cost time and memory in proportion to an article's length or worse (see
``storyline.ingest.limits``). ``Config.max_article_chars`` may lower it."""


@dataclass(frozen=True, slots=True)
class Config:
    """Settings of a digest run.

    max_words: word budget of the summary (the headline is not counted).
    headline_max_words: longest headline allowed.
    min_sentence_words / max_sentence_words: sentences outside this range are not summary candidates.
    same_sentence_similarity: cosine similarity of content words above which two sentences are
        taken to say the same thing (they cite each other).
    same_sentence_containment: share of a sentence's weighted content words found in another
        above which the shorter is taken to report part of the longer (it is cited too).
    max_file_bytes: larger input files are rejected, not cut.
    max_article_chars: articles whose text is longer are rejected ("too-large"), not cut; at
        most ``MAX_ARTICLE_CHARS``.
    max_story_articles: a story with more articles is summarised, placed in time and searched for
        facts from this many of them, spread evenly over its time span; the rest are listed as
        unread (``Story.unread_article_ids``) and the output says so. Digesting costs about 25 ms
        an article (1,000 articles: about 25 s and 650 MB).
    summary_language: the language summaries are written in (from the reports in it; reports in
        other languages are cited).
    """

    max_words: int = 120
    headline_max_words: int = 40
    min_sentence_words: int = 6
    max_sentence_words: int = 60
    same_sentence_similarity: float = 0.4
    same_sentence_containment: float = 0.7
    max_file_bytes: int = 50_000_000
    max_article_chars: int = MAX_ARTICLE_CHARS
    max_story_articles: int = 500
    summary_language: str = "en"

    def __post_init__(self) -> None:
        check_int("max_words", self.max_words, 1, 1000)
        check_int("headline_max_words", self.headline_max_words, 5, 100)
        check_int("min_sentence_words", self.min_sentence_words, 1, 50)
        check_int("max_sentence_words", self.max_sentence_words, self.min_sentence_words, 500)
        check_float("same_sentence_similarity", self.same_sentence_similarity, 0.0, 1.0)
        check_float("same_sentence_containment", self.same_sentence_containment, 0.0, 1.0)
        check_int("max_file_bytes", self.max_file_bytes, 1, 10_000_000_000)
        check_int("max_article_chars", self.max_article_chars, 1, MAX_ARTICLE_CHARS)
        check_int("max_story_articles", self.max_story_articles, 2, 1_000_000)
        if not (isinstance(self.summary_language, str) and self.summary_language.isalpha()):
            raise ConfigError(
                "'summary_language' must be a language code such as 'en'; "
                f"got {self.summary_language!r}"
            )

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
