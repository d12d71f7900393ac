"""Citations: every sentence of every report that says what a summary sentence says."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from storyline.model import Citation, Document, Sentence
from storyline.terms import TermExtractor


class SentenceIndex:
    """IDF-weighted content-word vectors of every kept sentence of a story, for similarity."""

    def __init__(self, documents: Sequence[Document], *, terms: TermExtractor) -> None:
        self._terms = terms
        self.sentences: list[Sentence] = [sent for doc in documents for sent in doc.sentences]
        bags = [Counter(terms.content_stems(sent.text)) for sent in self.sentences]
        document_frequency: Counter[str] = Counter()
        for bag in bags:
            document_frequency.update(bag.keys())
        total = max(1, len(bags))
        self._idf = {
            term: math.log((1 + total) / (1 + df)) + 1.0 for term, df in document_frequency.items()
        }
        self._vectors = [self._normalise(bag) for bag in bags]
        self._masses = [self._mass(bag) for bag in bags]
        self._position = {(sent.article_id, sent.index): i for i, sent in enumerate(self.sentences)}

    def vector(self, text: str) -> dict[str, float]:
        return self._normalise(Counter(self._terms.content_stems(text)))

    def _normalise(self, bag: Counter[str]) -> dict[str, float]:
        weighted = {term: count * self._idf.get(term, 1.0) for term, count in bag.items()}
        norm = math.sqrt(sum(value * value for value in weighted.values()))
        return {term: value / norm for term, value in weighted.items()} if norm else {}

    def _mass(self, bag: Counter[str]) -> dict[str, float]:
        return {term: self._idf.get(term, 1.0) for term in bag}

    def similar(
        self, sent: Sentence, *, min_similarity: float, min_containment: float = 1.0
    ) -> list[tuple[float, Sentence]]:
        """Sentences that say what ``sent`` says, best first.

        Two sentences say the same thing when the cosine of their IDF-weighted content words
        reaches ``min_similarity``, or when one of them (of at least four content words) is
        contained in the other: the share of its IDF mass found in the other reaches
        ``min_containment``. Containment catches a short report of one part of a long sentence.
        """
        own = self._position.get((sent.article_id, sent.index))
        bag = Counter(self._terms.content_stems(sent.text))
        query = self._vectors[own] if own is not None else self._normalise(bag)
        query_mass = self._masses[own] if own is not None else self._mass(bag)
        found: list[tuple[float, Sentence]] = []
        for i, vector in enumerate(self._vectors):
            if i == own or not vector:
                continue
            score = sum(weight * vector.get(term, 0.0) for term, weight in query.items())
            if (
                score < min_similarity
                and _containment(query_mass, self._masses[i]) < min_containment
            ):
                continue
            found.append((score, self.sentences[i]))
        found.sort(key=lambda item: (-item[0], item[1].article_id, item[1].index))
        return found


_MIN_CONTAINED_TERMS = 4


def _containment(first: dict[str, float], second: dict[str, float]) -> float:
    """Share of the smaller sentence's IDF mass that the larger one also has."""
    small, large = (first, second) if len(first) <= len(second) else (second, first)
    if len(small) < _MIN_CONTAINED_TERMS:
        return 0.0
    total = sum(small.values())
    return sum(mass for term, mass in small.items() if term in large) / total


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
    """The sentence's own citation first, then every other sentence saying the same thing."""
    others = index.similar(sent, min_similarity=min_similarity, min_containment=min_containment)
    return (cite(sent, texts[sent.article_id]), *(cite(o, texts[o.article_id]) for _, o in others))
