"""Citations: every sentence of every report that says what a summary sentence says."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_array

from storyline.model import Citation, Document, Sentence
from storyline.terms import TermExtractor

# Containment only counts for sentences with at least this many content words.
_MIN_CONTAINED_TERMS = 4
# Two sentences say the same thing only when they share at least this many content words: "We
# don't know." (one) does not say "BP says we don't know how to stop the leak", however high
# the cosine of so few words.
_MIN_SHARED_TERMS = 3
# ... unless they have the same content words ("I'm not very forgiving." twice).
_SAME_WORDS = 0.999


class SentenceIndex:
    """IDF-weighted content-word vectors of every kept sentence of a story, for similarity.

    Two sentences say the same thing when the cosine of their IDF-weighted content words reaches
    a threshold, or when the smaller one (of at least four content words) is contained in the
    other: the share of its IDF mass found in the other reaches a second threshold; and they share
    at least ``_MIN_SHARED_TERMS`` content words. Containment catches a short report of one part
    of a long sentence.
    """

    def __init__(self, documents: Sequence[Document], *, terms: TermExtractor) -> None:
        self.sentences: list[Sentence] = [sent for doc in documents for sent in doc.sentences]
        vocabulary: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        for row, sent in enumerate(self.sentences):
            # In order of first use, not a set's: column order sets how sums are rounded,
            # and equal cosines must come out equal in every run (sources are sorted by them).
            for term in dict.fromkeys(terms.content_stems(sent.text)):
                rows.append(row)
                cols.append(vocabulary.setdefault(term, len(vocabulary)))
        shape = (len(self.sentences), max(1, len(vocabulary)))
        presence = csr_array((np.ones(len(rows)), (rows, cols)), shape=shape)
        document_frequency = np.asarray(presence.sum(axis=0)).ravel()
        idf = np.log((1 + shape[0]) / (1 + document_frequency)) + 1.0
        # mass[i, t] = idf of term t when sentence i has it; unit rows of it give the cosine.
        self._presence = presence
        self._mass = csr_array(presence.multiply(idf.reshape(1, -1)))
        self._total_mass = np.asarray(self._mass.sum(axis=1)).ravel()
        self._term_count = np.diff(self._mass.indptr)
        squared = np.asarray(self._mass.multiply(self._mass).sum(axis=1)).ravel()
        norms = np.sqrt(squared)
        norms[norms == 0] = 1.0
        self._unit = csr_array(self._mass.multiply(1.0 / norms.reshape(-1, 1)))
        self._position = {(sent.article_id, sent.index): i for i, sent in enumerate(self.sentences)}

    def similar(
        self, sent: Sentence, *, min_similarity: float, min_containment: float = 1.0
    ) -> list[tuple[float, Sentence]]:
        """Other sentences that say what ``sent`` (a sentence of the index) says, best first."""
        own = self._position.get((sent.article_id, sent.index))
        if own is None:
            return []
        cosine = (self._unit @ self._unit[[own]].T).toarray().ravel()
        own_terms = self._presence[[own]].T
        shared_mass = (self._mass @ own_terms).toarray().ravel()
        shared_terms = (self._presence @ own_terms).toarray().ravel()
        own_smaller = self._term_count[own] <= self._term_count
        smaller_mass = np.where(own_smaller, self._total_mass[own], self._total_mass)
        smaller_terms = np.where(own_smaller, self._term_count[own], self._term_count)
        with np.errstate(divide="ignore", invalid="ignore"):
            containment = np.where(smaller_mass > 0, shared_mass / smaller_mass, 0.0)
        containment[smaller_terms < _MIN_CONTAINED_TERMS] = 0.0
        matches = (cosine >= min_similarity) | (containment >= min_containment)
        matches &= (shared_terms >= _MIN_SHARED_TERMS) | (cosine >= _SAME_WORDS)
        matches[own] = False
        found = [(float(cosine[i]), self.sentences[i]) for i in np.flatnonzero(matches)]
        found.sort(key=lambda item: (-item[0], item[1].article_id, item[1].index))
        return found


def cite(sent: Sentence, article_text: str) -> Citation:
    """The citation of one sentence; its quote is the article text at the sentence's offsets."""
    return Citation(
        article=sent.article_id,
        sentence=sent.index,
        start=sent.start,
        end=sent.end,
        quote=article_text[sent.start : sent.end],
    )


def citations_for(
    sent: Sentence,
    *,
    index: SentenceIndex,
    texts: dict[str, str],
    min_similarity: float,
    min_containment: float,
) -> tuple[Citation, ...]:
    """The sentence's own citation first, then every other sentence saying the same thing: alike
    in words, and not giving other figures (``figures_conflict``)."""
    others = index.similar(sent, min_similarity=min_similarity, min_containment=min_containment)
    own = figures(sent.text)
    return (
        cite(sent, texts[sent.article_id]),
        *(
            cite(other, texts[other.article_id])
            for _, other in others
            if not figures_conflict(own, figures(other.text))
        ),
    )


def figures(text: str) -> frozenset[str]:
    """The numerals of a text, as written without thousands separators ("4,500" -> "4500")."""
    return frozenset(match.replace(",", "") for match in _NUMERAL.findall(text))


def figures_conflict(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two sentences give different figures: each has one the other lacks. "The ferry
    carried 212 passengers" and "... 214 passengers" do not say the same thing, however alike
    their words; a sentence that adds a figure ("... 212 passengers and 31 crew") still does."""
    return bool(first - second) and bool(second - first)


# A numeral: digits, with thousands separators and a decimal part ("4,500", "2.6").
_NUMERAL = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?![\w])")
