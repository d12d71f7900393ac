"""What story clustering reads of an article: weighted content stems and names, and its day.

The lead (title and first sentences) says what a story is, so its words weigh more; a run of
capitalised words ("Hun Sen", "Hurricane Mitch", "Gulf of Mexico" -> "gulf", "mexico") counts as
a name besides its words, since names tell events apart better than common words do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC

from storyline.cluster.settings import ClusterSettings
from storyline.model import Article, Document
from storyline.stopwords import FUNCTION_WORDS, has_own_rules
from storyline.terms import STOPWORDS, TermExtractor

NAME_PREFIX = "@"
"""Terms standing for a capitalised name start with this; content stems never do."""

# The capitals a name may begin with: ASCII, Latin with diacritics ("Élysée", "Łódź", "Đồng
# Đăng"), Greek and Cyrillic ("Путин").
_CAPITALS = "A-Z" + "".join(
    letter for letter in map(chr, (*range(0xC0, 0x530), *range(0x1E00, 0x1F00))) if letter.isupper()
)
# A run of capitalised words: "Hurricane Mitch", "Kim Jong-un", "U.S.".
_NAME_RUN = re.compile(
    rf"[{_CAPITALS}][^\W_]*(?:['’.\-][^\W_]+)*\.?"
    rf"(?:[ \t]+[{_CAPITALS}][^\W_]*(?:['’.\-][^\W_]+)*\.?)*"
)
# The same runs in ASCII text, found faster (no Unicode look-ups).
_ASCII_NAME_RUN = re.compile(_NAME_RUN.pattern, re.ASCII)
_MAX_CACHED_RUNS = 100_000
_SENTENCE_OPENING = re.compile(r"[\W_]*")
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,}(?:['’]s)?")
# Calendar words (and their stems) say when, not what: they are not terms of the story. "March"
# and "May" are left alone: they are verbs too.
_CALENDAR = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january februari february april june
    juli july august septemb september octob october novemb november decemb december jan feb apr
    jun jul aug sep sept oct nov dec today yesterday tomorrow
    """.split()
)


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """An article as story clustering sees it.

    ``terms`` are in term order, and ``numbers`` holds each one's weighted count: a term is a
    content stem ("hurrican") or ``NAME_PREFIX`` and a capitalised name in lower case ("@hun
    sen"); a word counts ``lead_weight`` in the lead sentences and ``title_weight`` in the title.
    ``day`` is the proleptic Gregorian ordinal (``date.toordinal()``) of the UTC publication
    date, or None. Extraction builds the two columns and a store keeps them, so they are the
    fields; ``counts`` pairs them up for a reader that wants pairs.
    """

    article_id: str
    terms: tuple[str, ...]
    numbers: tuple[float, ...]
    day: int | None = None

    def __post_init__(self) -> None:
        if len(self.terms) != len(self.numbers):
            raise ValueError(f"{len(self.terms)} terms but {len(self.numbers)} counts")

    @classmethod
    def from_counts(
        cls, article_id: str, counts: Sequence[tuple[str, float]], day: int | None = None
    ) -> ArticleFeatures:
        """The features with these (term, count) pairs, in term order."""
        terms, numbers = zip(*counts, strict=True) if counts else ((), ())
        return cls(article_id, tuple(terms), tuple(numbers), day)

    @property
    def counts(self) -> tuple[tuple[str, float], ...]:
        """Each term with its count, in term order."""
        return tuple(zip(self.terms, self.numbers, strict=True))


def publication_day(article: Article) -> int | None:
    """The ``ArticleFeatures.day`` of an article: its publication date's ordinal in UTC (a
    time given in another zone is converted: days then follow the order of time), or None."""
    published = article.published
    if published is None:
        return None
    if published.tzinfo is not None:
        published = published.astimezone(UTC)
    return published.date().toordinal()


class FeatureExtractor:
    """Turns a cleaned, segmented document into ``ArticleFeatures``."""

    def __init__(
        self, settings: ClusterSettings | None = None, *, terms: TermExtractor | None = None
    ) -> None:
        self.settings = settings or ClusterSettings()
        self.terms = terms or TermExtractor()
        # Names of each capitalised run, in each language with rules of its own (None: English),
        # as it opens a sentence or not: runs recur ("Hun Sen").
        self._run_names: dict[tuple[str, bool, str | None], tuple[str, ...]] = {}
        # Each word seen in each such language: the term it counts as, or "" when it is none.
        self._term_of: dict[str | None, dict[str, str]] = {}

    def __call__(self, document: Document) -> ArticleFeatures:
        settings = self.settings
        counts: dict[str, float] = {}
        article = document.article
        # A report in a language of ``storyline.stopwords`` is read by that language's rules.
        language = article.language if has_own_rules(article.language) else None
        sentences = document.sentences[: settings.max_sentences]
        if article.title:
            self._count_words(
                self.terms.words(article.title), settings.title_weight, counts, language
            )
        for part, weight in (
            (sentences[: settings.lead_sentences], settings.lead_weight),
            (sentences[settings.lead_sentences :], 1.0),
        ):
            if not part:
                continue
            # Sentence by sentence: the extractor keeps each sentence's words, and sentences recur
            # (wire copies, boilerplate, a story's updates).
            words = [word for sent in part for word in self.terms.words(sent.text)]
            self._count_words(words, weight, counts, language)
            if settings.entity_weight > 0:
                texts = [sent.text for sent in part]
                names = map(NAME_PREFIX.__add__, self.names_of(texts, language=language))
                _add(counts, Counter(names), weight * settings.entity_weight)
        terms = tuple(sorted(counts))  # sorting the terms alone is faster than sorting the pairs
        return ArticleFeatures(
            article.id, terms, tuple(map(counts.__getitem__, terms)), publication_day(article)
        )

    def names(self, text: str, *, language: str | None = None) -> list[str]:
        """Runs of capitalised words, lower-cased, split where acronyms meet other words ("BST
        Michelle Obama" -> "bst", "michelle obama"), without stop words (English, and those of
        ``language`` when it has rules of its own) at their edges or calendar words; a lone
        capitalised word opening the sentence is not taken for a name."""
        return self.names_of([text], language=language)

    def names_of(self, sentences: Sequence[str], *, language: str | None = None) -> list[str]:
        """``names`` of each sentence, in order, found in one pass over them all (a run of
        capitalised words never crosses a line break)."""
        language = language if has_own_rules(language) else None
        text = "\n".join(sentences)
        openings = set()
        start = 0
        for sentence in sentences:
            opening = _SENTENCE_OPENING.match(sentence)
            openings.add(start + (0 if opening is None else opening.end()))
            start += len(sentence) + 1
        names: list[str] = []
        for run in (_ASCII_NAME_RUN if text.isascii() else _NAME_RUN).finditer(text):
            key = (run.group(), run.start() in openings, language)
            found = self._run_names.get(key)
            if found is None:
                found = self._names_of_run(*key)
                if len(self._run_names) >= _MAX_CACHED_RUNS:
                    self._run_names.clear()
                self._run_names[key] = found
            names.extend(found)
        return names

    def _names_of_run(
        self, run: str, opens_sentence: bool, language: str | None
    ) -> tuple[str, ...]:
        names = []
        stop = STOPWORDS if language is None else STOPWORDS | FUNCTION_WORDS[language]
        for position, part in enumerate(_split_at_acronyms(run.split())):
            words = [word for word in self.terms.words(" ".join(part)) if word not in _CALENDAR]
            while words and words[0] in stop:
                words.pop(0)
            while words and words[-1] in stop:
                words.pop()
            if not words or (position == 0 and opens_sentence and len(words) == 1):
                continue
            names.append(" ".join(words))
        return tuple(names)

    def _count_words(
        self, words: Sequence[str], weight: float, counts: dict[str, float], language: str | None
    ) -> None:
        """Add ``weight`` for each word that is a term (a content word, not a number or a
        calendar word), counted as its stem by the rules of ``language`` (None: English)."""
        term_of = self._term_of.get(language)
        if term_of is None:
            term_of = self._term_of[language] = {}
        try:  # usually every word has been seen before
            found = Counter(map(term_of.__getitem__, words))
        except KeyError:
            unseen = list(set(words).difference(term_of))
            analysed = self.terms.analyse_words(unseen, language=language)
            for word, (stem, content) in zip(unseen, analysed, strict=True):
                term_of[word] = (
                    stem if content and not stem[0].isdigit() and stem not in _CALENDAR else ""
                )
            found = Counter(map(term_of.__getitem__, words))
        _add(counts, found, weight)


def _add(counts: dict[str, float], found: Counter[str], weight: float) -> None:
    """``counts[term] += weight * number`` for each term found (the empty term left out)."""
    get = counts.get
    for term, number in found.items():
        if term:
            counts[term] = get(term, 0.0) + number * weight


def _split_at_acronyms(tokens: list[str]) -> list[list[str]]:
    """Consecutive tokens grouped by whether they are acronyms ("BBC", "U.S.")."""
    parts: list[list[str]] = []
    previous: bool | None = None
    for token in tokens:
        acronym = _ACRONYM.fullmatch(token) is not None
        if acronym != previous:
            parts.append([])
            previous = acronym
        parts[-1].append(token)
    return parts
