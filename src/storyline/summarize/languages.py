"""One language for the summary, sources in every language.

A story may hold reports in several languages. Its summary is written from the reports in the
summary language (``Config.summary_language``) when there are any; the sentences of the other
reports are then cited under each summary sentence they say the same as, judged by the cosine of
multilingual sentence embeddings (``embeddings.Encoder``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from storyline.embeddings import Encoder
from storyline.model import Citation, Document, Sentence, Summary, SummarySentence

MIN_CROSS_LANGUAGE_SIMILARITY = 0.7
"""Cosine of multilingual embeddings at which a sentence in another language is taken to say what
a summary sentence says (translations score about 0.85; sentences on the same event that say
different things about 0.5)."""


def in_language(documents: Sequence[Document], *, language: str) -> list[Document]:
    """The documents to summarise: those in ``language`` and those of unknown language, or all of
    them when there are none."""
    chosen = [doc for doc in documents if doc.article.language in (None, language)]
    return chosen or list(documents)


def cite_across_languages(
    summary: Summary,
    others: Sequence[Document],
    *,
    encoder: Encoder,
    min_similarity: float = MIN_CROSS_LANGUAGE_SIMILARITY,
) -> Summary:
    """``summary`` with the sentences of ``others`` (reports in other languages) that say what a
    summary sentence says added to its sources, most similar first."""
    sentences = [sent for doc in others for sent in doc.sentences]
    items = ([summary.headline] if summary.headline else []) + list(summary.sentences)
    if not sentences or not items:
        return summary
    vectors = encoder.encode([sent.text for sent in sentences])
    queries = encoder.encode([item.sources[0].quote for item in items])
    texts = {doc.article.id: doc.article.text for doc in others}
    cited: list[SummarySentence] = []
    for item, similarities in zip(items, queries @ vectors.T, strict=True):
        ranked = sorted(
            (i for i in range(len(sentences)) if similarities[i] >= min_similarity),
            key=lambda i: -float(similarities[i]),
        )
        extra = tuple(_citation(sentences[i], texts) for i in ranked)
        cited.append(replace(item, sources=item.sources + extra))
    if summary.headline is None:
        return replace(summary, sentences=tuple(cited))
    return Summary(headline=cited[0], sentences=tuple(cited[1:]))


def _citation(sent: Sentence, texts: dict[str, str]) -> Citation:
    return Citation(
        article=sent.article_id,
        sentence=sent.index,
        start=sent.start,
        end=sent.end,
        quote=texts[sent.article_id][sent.start : sent.end],
    )
