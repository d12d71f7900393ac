"""Words, stems and stop words: how sentences become comparable terms."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

import Stemmer

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
    """.split()
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


class TermExtractor:
    """Turns text into lower-case Snowball (Porter2) stems; remembers stems it has computed.

    One extractor serves one run; its caches are per instance, never module state, and the
    cache of tokenised texts is emptied when it reaches ``max_cached_texts``.
    """

    def __init__(self, *, max_cached_texts: int = 50_000) -> None:
        self._stemmer = Stemmer.Stemmer("english")
        self._stems: dict[str, str] = {}
        self._words: dict[str, tuple[str, ...]] = {}
        self._analysed: dict[str, tuple[tuple[str, bool], ...]] = {}
        self._max_cached_texts = max_cached_texts

    def __getstate__(self) -> dict[str, int]:
        """Only the options: the stemmer (a C object) cannot be pickled and the caches need not
        travel, so a pickled extractor (one shipped to a Dask worker) starts them afresh."""
        return {"max_cached_texts": self._max_cached_texts}

    def __setstate__(self, state: dict[str, int]) -> None:
        self._stemmer = Stemmer.Stemmer("english")
        self._stems = {}
        self._words = {}
        self._analysed = {}
        self._max_cached_texts = state["max_cached_texts"]

    def words(self, text: str) -> tuple[str, ...]:
        """Lower-case word tokens: hyphenated and dotted forms split ("Jong-un" -> jong, un)."""
        cached = self._words.get(text)
        if cached is None:
            folded = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
            cached = tuple(word.removesuffix("'s") for word in _WORD.findall(folded))
            if len(self._words) >= self._max_cached_texts:
                self._words.clear()
            self._words[text] = cached
        return cached

    def stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stemmer.stemWord(word)
            self._stems[word] = stem
        return stem

    def stems(self, text: str) -> tuple[tuple[str, bool], ...]:
        """Each word's stem, and whether the word carries content."""
        cached = self._analysed.get(text)
        if cached is None:
            cached = tuple((self.stem(word), _is_content(word)) for word in self.words(text))
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


def _is_content(word: str) -> bool:
    return len(word) > 1 and word not in STOPWORDS
