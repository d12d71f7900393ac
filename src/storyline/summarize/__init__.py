"""Multi-document extractive summarization with attribution."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.config import Config
from storyline.duplicates import group_near_duplicates
from storyline.model import Document, Summary, SummarySentence
from storyline.summarize.attribute import SentenceIndex, citations_for
from storyline.summarize.candidates import Candidate, collect_candidates
from storyline.summarize.centrality import embed_candidates, score_centrality, similar_pairs
from storyline.summarize.headline import choose_headline
from storyline.summarize.select import (
    ConceptWeighting,
    select_sentences,
    shortlist,
    weigh_concepts,
)
from storyline.terms import TermExtractor

__all__ = ["ConceptWeighting", "headline_of", "summarize"]


def headline_of(
    documents: Sequence[Document],
    *,
    config: Config,
    terms: TermExtractor | None = None,
    weighting: ConceptWeighting | None = None,
) -> str | None:
    """The text of the headline ``summarize`` would give, without choosing the summary (several
    times cheaper: for listing stories)."""
    terms = terms or TermExtractor()
    weighting = weighting or ConceptWeighting()
    groups = group_near_duplicates(documents, terms=terms)
    candidates = collect_candidates(documents, groups, terms=terms, config=config)
    if not candidates:
        return None
    weights = weigh_concepts(candidates, n_groups=len(set(groups)), weighting=weighting)
    index = choose_headline(candidates, weights, max_words=config.headline_max_words)
    return None if index is None else candidates[index].text


def summarize(
    documents: Sequence[Document],
    *,
    config: Config,
    terms: TermExtractor | None = None,
    weighting: ConceptWeighting | None = None,
) -> Summary:
    """A headline and a summary of ``documents``, every sentence cited to all its sources."""
    terms = terms or TermExtractor()
    weighting = weighting or ConceptWeighting()
    groups = group_near_duplicates(documents, terms=terms)
    candidates = collect_candidates(documents, groups, terms=terms, config=config)
    if not candidates:
        return Summary(headline=None, sentences=())
    n_groups = len(set(groups))
    weights = weigh_concepts(candidates, n_groups=n_groups, weighting=weighting)
    vectors = embed_candidates(candidates)
    central = score_centrality(candidates, vectors)
    bonus = [
        n_groups * cand.words * (weighting.centrality_weight * central[i] + weighting.length_weight)
        for i, cand in enumerate(candidates)
    ]
    offered = shortlist(
        candidates,
        weights,
        max_words=config.max_words,
        bonus=bonus,
        limit=weighting.max_candidates,
    )
    chosen = select_sentences(
        candidates,
        weights,
        max_words=config.max_words,
        among=offered,
        bonus=bonus,
        conflicts=similar_pairs(vectors, offered, min_similarity=weighting.max_similarity),
    )
    chosen.sort(key=lambda i: _reading_order(candidates[i]))
    headline_index = choose_headline(candidates, weights, max_words=config.headline_max_words)

    index = SentenceIndex(documents, terms=terms)
    texts = {doc.article.id: doc.article.text for doc in documents}

    def attributed(cand: Candidate) -> SummarySentence:
        sources = citations_for(
            cand.sentence,
            index=index,
            texts=texts,
            min_similarity=config.same_sentence_similarity,
            min_containment=config.same_sentence_containment,
        )
        return SummarySentence(text=cand.text, sources=sources)

    headline = None if headline_index is None else attributed(candidates[headline_index])
    return Summary(headline=headline, sentences=tuple(attributed(candidates[i]) for i in chosen))


def _reading_order(cand: Candidate) -> tuple[int, int]:
    return (cand.position, cand.group)
