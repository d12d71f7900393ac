"""Which sentences may appear in a summary, and the features the selector reads from them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.clean import sentence_debris_kind
from storyline.config import Config
from storyline.model import Document, Sentence
from storyline.scripts import opens_sentence, word_count
from storyline.summarize.compress import compressions
from storyline.terms import TermExtractor

Bigram = tuple[str, str]
# A concept is a stemmed bigram, or a one-word tuple for a content word.
Concept = tuple[str, ...]

_QUOTE_MARKS = ('"', "“", "”")
# A sentence opens with a capital, a digit or a letter of a script without case (``opens_sentence``),
# perhaps after a quotation mark or a bracket, and closes with a full stop or an exclamation mark.
_OPENING_MARKS = '"“‘(「『'
# A sentence ends with a full stop (or "!"); a Thai one, which has none, with a Thai letter.
_CLOSING = re.compile(r"(?:[.!。！][\"'”’)」』）]*|[\u0e01-\u0e4e])$")
# Sentences that lean on one before them ("He added that ...") read badly out of context.
_DANGLING_START = re.compile(
    r"^(?:but|and|or|so|also|however|meanwhile|still|yet|instead|then|this|that|these|those|"
    r"it|he|she|they|his|her|their|its|such|there)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A reading of a sentence with what the selector needs: the duplicate group of its article,
    its position, size and concepts. ``text`` is the sentence itself or a shorter reading of it."""

    sentence: Sentence
    text: str
    group: int
    position: int
    words: int
    concepts: frozenset[Bigram]
    unigrams: frozenset[Concept]
    dangling: bool

    @property
    def compressed(self) -> bool:
        """Whether this is a shorter reading rather than the whole sentence."""
        return self.text != self.sentence.text

    @property
    def quoted(self) -> bool:
        """Whether the reading carries a quotation, which reads badly out of its report."""
        return any(mark in self.text for mark in _QUOTE_MARKS)

    @property
    def all_concepts(self) -> frozenset[Concept]:
        """Bigrams and content words together."""
        return self.concepts | self.unigrams


def is_summary_worthy(text: str, *, config: Config) -> bool:
    """Whole, self-standing declarative sentence of a sensible length, with no debris in it."""
    return is_well_formed(text, config=config) and sentence_debris_kind(text) is None


def is_well_formed(text: str, *, config: Config) -> bool:
    """A whole declarative sentence of a sensible length, not in the writer's own first person
    (``in_first_person``): the check for sentences of documents that ``build_document`` has
    already rid of debris."""
    words = word_count(text)
    if not config.min_sentence_words <= words <= config.max_sentence_words:
        return False
    opening = text.lstrip(_OPENING_MARKS)[:1]
    if not opening or not opens_sentence(opening) or not _CLOSING.search(text):
        return False
    return _quotes_balanced(text) and not in_first_person(text)


# "I", "me", "my" outside quotation marks: a writer speaking of themselves, not a report of an
# event ("I can still remember the precise moment when ...", "Today it took me less than 20
# minutes"). A quoted speaker's "I" ("'I will resign on Friday,' he said") is kept, and so is a
# Roman numeral after a capitalised word ("World War I").
_TOKEN = re.compile(r"[\w'’]+")
_QUOTED = re.compile(r"[\"“”][^\"“”]*[\"“”]|``.*?''|‘[^’]*’")
_ME = frozenset("me my Me My".split())
_I = frozenset("I I'm I've I'd I'll I’m I’ve I’d I’ll".split())


def in_first_person(text: str) -> bool:
    """Whether a sentence speaks in the writer's first person, outside any quotation."""
    tokens = _TOKEN.findall(_QUOTED.sub(" ", text))
    for i, token in enumerate(tokens):
        if token in _ME:
            return True
        if token in _I and not (i > 1 and tokens[i - 1][:1].isupper()):
            return True
    return False


def collect_candidates(
    documents: Sequence[Document],
    groups: Sequence[int],
    *,
    terms: TermExtractor,
    config: Config,
    compress: bool = True,
) -> list[Candidate]:
    """Summary-worthy sentences of every document, tagged with the document's duplicate group,
    each followed by its shorter readings when ``compress`` is set.

    Documents come from ``build_document``, which has already set debris sentences aside.
    """
    candidates: list[Candidate] = []
    for document, group in zip(documents, groups, strict=True):
        for position, sent in enumerate(document.sentences):
            if not is_well_formed(sent.text, config=config):
                continue
            readings = [sent.text]
            if compress:
                readings += [
                    text for text in compressions(sent.text) if is_well_formed(text, config=config)
                ]
            candidates += [
                Candidate(
                    sentence=sent,
                    text=text,
                    group=group,
                    position=position,
                    words=max(1, round(word_count(text))),
                    concepts=frozenset(terms.bigrams(text)),
                    unigrams=frozenset((stem,) for stem in terms.content_stems(text)),
                    dangling=_DANGLING_START.match(text) is not None,
                )
                for text in readings
            ]
    return candidates


def _quotes_balanced(text: str) -> bool:
    if text.count('"') % 2:
        return False
    return text.count("“") == text.count("”")
