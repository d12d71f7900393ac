"""Which sentences may appear in a summary, and the features the selector reads from them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.clean import sentence_debris_kind
from storyline.config import Config
from storyline.model import Document, Sentence
from storyline.terms import TermExtractor

Bigram = tuple[str, str]
# A concept is a stemmed bigram, or a one-word tuple for a content word.
Concept = tuple[str, ...]

_OPENING = re.compile(r"^[\"“‘(]?[A-Z0-9]")
_CLOSING = re.compile(r"[.!][\"'”’)]*$")
# Sentences that lean on one before them ("He added that ...") read badly out of context.
_DANGLING_START = re.compile(
    r"^(?:but|and|or|so|also|however|meanwhile|still|yet|instead|then|this|that|these|those|"
    r"it|he|she|they|his|her|their|its|such|there)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence with what the selector needs: its group of articles, position, size, concepts."""

    sentence: Sentence
    group: int
    position: int
    words: int
    concepts: frozenset[Bigram]
    unigrams: frozenset[Concept]
    dangling: bool

    @property
    def all_concepts(self) -> frozenset[Concept]:
        """Bigrams and content words together."""
        return self.concepts | self.unigrams


def is_summary_worthy(text: str, *, config: Config) -> bool:
    """Whole, self-standing declarative sentence of a sensible length, with no debris in it."""
    words = len(text.split())
    if not config.min_sentence_words <= words <= config.max_sentence_words:
        return False
    if not _OPENING.match(text) or not _CLOSING.search(text):
        return False
    if not _quotes_balanced(text):
        return False
    return sentence_debris_kind(text) is None


def collect_candidates(
    documents: Sequence[Document],
    groups: Sequence[int],
    *,
    terms: TermExtractor,
    config: Config,
) -> list[Candidate]:
    """Summary-worthy sentences of every document, tagged with the document's duplicate group."""
    candidates: list[Candidate] = []
    for document, group in zip(documents, groups, strict=True):
        for position, sent in enumerate(document.sentences):
            if not is_summary_worthy(sent.text, config=config):
                continue
            candidates.append(
                Candidate(
                    sentence=sent,
                    group=group,
                    position=position,
                    words=len(sent.text.split()),
                    concepts=frozenset(terms.bigrams(sent.text)),
                    unigrams=frozenset((stem,) for stem in terms.content_stems(sent.text)),
                    dangling=_DANGLING_START.match(sent.text) is not None,
                )
            )
    return candidates


def _quotes_balanced(text: str) -> bool:
    if text.count('"') % 2:
        return False
    return text.count("“") == text.count("”")
