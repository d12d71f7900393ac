"""Words, stems and stop words: how sentences become comparable terms."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import pairwise, repeat

import Stemmer

from storyline.scripts import character_pairs, has_paired_script
from storyline.stopwords import ATTACHED_PREFIXES, FUNCTION_WORDS, STEMMER_NAMES

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each few for from further had hadn't has hasn't have haven't
    having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll
    i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor
    not of off on once only or other ought our ours ourselves out over own same shan't she she'd
    she'll she's should shouldn't so some such than that that's the their theirs them themselves
    then there there's these they they'd they'll they're they've this those through to too under
    until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where
    where's which while who who's whom why why's with won't would wouldn't you you'd you'll
    you're you've your yours yourself yourselves said says say told will just mr mrs ms s t
    one two new year years since still may might must us like many much even well yet
    n't ca wo
    """.split()  # "n't", "ca", "wo": "do n't", "ca n't", "wo n't" as tokenised text writes them
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# The same words in ASCII text, found twice as fast (no Unicode look-ups).
_ASCII_WORD = re.compile(_WORD.pattern, re.ASCII)


class TermExtractor:
    """Turns text into lower-case Snowball (Porter2) stems; remembers stems it has computed.

    Words are English unless a language is named: a language of ``storyline.stopwords`` is
    stemmed and stopped by its own rules (``analyse_words(words, language="de")``), any other
    by the English ones. One extractor serves one run; its caches are per instance, never module
    state, and the cache of tokenised texts is emptied when it reaches ``max_cached_texts``.
    """

    def __init__(self, *, max_cached_texts: int = 50_000) -> None:
        self._words: dict[str, tuple[str, ...]] = {}
        self._analysed: dict[str, tuple[tuple[str, bool], ...]] = {}
        # The rules of each language words were read by (None: English), made when first needed.
        self._analyses: dict[str | None, _WordAnalysis] = {}
        self._max_cached_texts = max_cached_texts

    def __getstate__(self) -> dict[str, int]:
        """Only the options: the stemmer (a C object) cannot be pickled and the caches need not
        travel, so a pickled extractor (one shipped to a Dask worker) starts them afresh."""
        return {"max_cached_texts": self._max_cached_texts}

    def __setstate__(self, state: dict[str, int]) -> None:
        self._words = {}
        self._analysed = {}
        self._analyses = {}
        self._max_cached_texts = state["max_cached_texts"]

    def words(self, text: str) -> tuple[str, ...]:
        """Lower-case word tokens: hyphenated and dotted forms split ("Jong-un" -> jong, un);
        Chinese and Japanese as overlapping pairs of characters (``scripts.character_pairs``)."""
        cached = self._words.get(text)
        if cached is None:
            folded = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
            if "\u0307" in folded:  # "İ" lower-cases to "i" and a combining dot, a non-letter
                folded = folded.replace("i\u0307", "i")
            found: list[str] = (_ASCII_WORD if folded.isascii() else _WORD).findall(folded)
            if has_paired_script(folded):
                found = [word for token in found for word in character_pairs(token)]
            cached = tuple(map(str.removesuffix, found, repeat("'s")) if "'" in folded else found)
            if len(self._words) >= self._max_cached_texts:
                self._words.clear()
            self._words[text] = cached
        return cached

    def analyse_words(
        self, words: Sequence[str], *, language: str | None = None
    ) -> list[tuple[str, bool]]:
        """Each word's stem, and whether the word carries content, by the rules of ``language``
        (English when it has none of its own); the words not seen before are stemmed in one
        call."""
        rules = language if language in STEMMER_NAMES else None
        analysis = self._analyses.get(rules)
        if analysis is None:
            analysis = self._analyses[rules] = _WordAnalysis(rules)
        return analysis.analyse(words)

    def stems(self, text: str) -> tuple[tuple[str, bool], ...]:
        """Each word's stem, and whether the word carries content."""
        cached = self._analysed.get(text)
        if cached is None:
            cached = tuple(self.analyse_words(self.words(text)))
            if len(self._analysed) >= self._max_cached_texts:
                self._analysed.clear()
            self._analysed[text] = cached
        return cached

    def content_stems(self, text: str) -> list[str]:
        """Stems of the words that carry content: stop words and lone characters dropped."""
        return [stem for stem, content in self.stems(text) if content]

    def bigrams(self, text: str) -> set[tuple[str, str]]:
        """Stemmed word bigrams with at least one content word."""
        return {
            (left, right)
            for (left, left_content), (right, right_content) in pairwise(self.stems(text))
            if left_content or right_content
        }


class _WordAnalysis:
    """Stems and content of the words of one language, remembered: English (None), or a key of
    ``storyline.stopwords.STEMMER_NAMES``, read with its stemmer, its function words and the
    prefixes its words may carry (``ATTACHED_PREFIXES``)."""

    def __init__(self, language: str | None) -> None:
        if language is None:
            self._stemmer = Stemmer.Stemmer("english")
            self._stop = STOPWORDS
        else:
            self._stemmer = Stemmer.Stemmer(STEMMER_NAMES[language])
            self._stop = FUNCTION_WORDS[language]
        self._prefix = None if language is None else ATTACHED_PREFIXES.get(language)
        # Each word seen: its stem and whether it carries content.
        self._analysis: dict[str, tuple[str, bool]] = {}

    def analyse(self, words: Sequence[str]) -> list[tuple[str, bool]]:
        """Each word's stem and whether it carries content; unseen words stemmed in one call."""
        analysis = self._analysis
        unseen = list(set(words).difference(analysis))
        if unseen:
            prefix = self._prefix
            bare = unseen if prefix is None else [prefix.sub("", word, count=1) for word in unseen]
            stop = self._stop
            for word, base, stem in zip(unseen, bare, self._stemmer.stemWords(bare), strict=True):
                analysis[word] = (stem, len(base) > 1 and base not in stop)
        return list(map(analysis.__getitem__, words))
