"""sumy's LexRank and TextRank summarizers as speed baselines, without NLTK's downloadable data.

    from sumy_baselines import BASELINES
    sentences = BASELINES["LexRank"](texts)  # texts: one string per article

sumy's own ``Tokenizer("english")`` needs NLTK's punkt models, which have to be downloaded; this
module uses a regular-expression tokenizer in their place, with sumy's English Snowball stemmer
(nltk's, which needs no data) and sumy's bundled English stop words. Each summarizer takes its
best-rated sentences until they reach ``max_words`` words (about 100), like storyline's summary.
Importing this module needs sumy: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

MAX_WORDS = 100

_STEMMER = Stemmer("english")
_STOP_WORDS = get_stop_words("english")


class RegexTokenizer:
    """A sumy tokenizer from regular expressions: no NLTK data needed.

    A sentence ends after ``.``, ``!`` or ``?`` (and an optional closing quote or parenthesis)
    followed by whitespace and a capital letter or an opening quote; a word is a run of ``\\w``.
    """

    language = "english"

    _SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[A-Z\"'`“‘(])")
    _WORD = re.compile(r"\w+")

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        sentences = (s.strip() for s in self._SENTENCE_BREAK.split(paragraph))
        return tuple(s for s in sentences if s)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(self._WORD.findall(sentence))


class WordBudget:
    """A sumy sentence count: the best-rated sentences until their words reach ``max_words``.

    sumy calls it with its sentences sorted best first (``SentenceInfo`` tuples) and keeps the
    prefix it returns, then restores document order.
    """

    def __init__(self, max_words: int) -> None:
        self.max_words = max_words

    def __call__(self, ranked: Sequence[Any]) -> Sequence[Any]:
        words = 0
        for taken, info in enumerate(ranked, start=1):
            words += len(info.sentence.words)
            if words >= self.max_words:
                return ranked[:taken]
        return ranked


def _summarize(
    summarizer_class: type[Any], texts: Sequence[str], *, max_words: int = MAX_WORDS
) -> list[str]:
    """Sentences of a ``max_words`` summary of ``texts`` (one per article, each a paragraph) by
    ``summarizer_class``; parsing and tokenizing are part of the work, as for storyline."""
    parser = PlaintextParser.from_string("\n\n".join(texts), RegexTokenizer())
    summarizer = summarizer_class(_STEMMER)
    summarizer.stop_words = _STOP_WORDS
    return [str(sentence) for sentence in summarizer(parser.document, WordBudget(max_words))]


def lexrank(texts: Sequence[str], *, max_words: int = MAX_WORDS) -> list[str]:
    """sumy's LexRank summary of ``texts``, as a list of sentences."""
    return _summarize(LexRankSummarizer, texts, max_words=max_words)


def textrank(texts: Sequence[str], *, max_words: int = MAX_WORDS) -> list[str]:
    """sumy's TextRank summary of ``texts``, as a list of sentences."""
    return _summarize(TextRankSummarizer, texts, max_words=max_words)


BASELINES: dict[str, Callable[[Sequence[str]], list[str]]] = {
    "LexRank": lexrank,
    "TextRank": textrank,
}
