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
        self._idf = {term: math.log((1 + total) / (1 + df)) + 1.0 for term, df in document_frequency.items()}
        self._vectors = [self._normalise(bag) for bag in bags]
        self._position = {(sent.article_id, sent.index): i for i, sent in enumerate(self.sentences)}

    def vector(self, text: str) -> dict[str, float]:
        return self._normalise(Counter(self._terms.content_stems(text)))

    def _normalise(self, bag: Counter[str]) -> dict[str, float]:
        weighted = {term: count * self._idf.get(term, 1.0) for term, count in bag.items()}
        norm = math.sqrt(sum(value * value for value in weighted.values()))
        return {term: value / norm for term, value in weighted.items()} if norm else {}

    def similar(self, sent: Sentence, *, min_similarity: float) -> list[tuple[float, Sentence]]:
        """Sentences whose cosine similarity to ``sent`` reaches ``min_similarity``, best first."""
        own = self._position.get((sent.article_id, sent.index))
        query = self._vectors[own] if own is not None else self.vector(sent.text)
        found: list[tuple[float, Sentence]] = []
        for i, vector in enumerate(self._vectors):
            if i == own or not vector:
                continue
            score = sum(weight * vector.get(term, 0.0) for term, weight in query.items())
            if score >= min_similarity:
                found.append((score, self.sentences[i]))
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
) -> tuple[Citation, ...]:
    """The sentence's own citation first, then every other sentence saying the same thing."""
    others = index.similar(sent, min_similarity=min_similarity)
    return (cite(sent, texts[sent.article_id]), *(cite(o, texts[o.article_id]) for _, o in others))
