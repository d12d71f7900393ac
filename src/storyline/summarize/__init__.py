"""Multi-document extractive summarization with attribution."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from storyline.config import Config
from storyline.duplicates import group_near_duplicates
from storyline.model import Document, Summary, SummarySentence
from storyline.summarize.attribute import SentenceIndex, citations_for
from storyline.summarize.candidates import Candidate, collect_candidates
from storyline.summarize.centrality import embed_candidates, score_centrality, similar_pairs
from storyline.summarize.headline import choose_headline, leads
from storyline.summarize.select import (
    ConceptWeighting,
    select_sentences,
    shortlist,
    weigh_concepts,
)
from storyline.terms import TermExtractor

__all__ = ["ConceptWeighting", "headline_candidate", "headline_of", "summarize"]


def headline_of(
    documents: Sequence[Document],
    *,
    config: Config,
    terms: TermExtractor | None = None,
    weighting: ConceptWeighting | None = None,
) -> str | None:
    """The text of the headline ``summarize`` gives, without the summary (for listing stories).

    The headline is chosen from the reports' leads (``headline.leads``): documents that hold
    only their lead sentences give the same headline, unless none of the leads has one (no
    sentence of a headline's length that stands alone): ``summarize`` then looks at the whole
    reports, and a caller with leads only must do the same."""
    chosen = headline_candidate(documents, config=config, terms=terms, weighting=weighting)
    return None if chosen is None else chosen.text


def headline_candidate(
    documents: Sequence[Document],
    *,
    config: Config,
    terms: TermExtractor | None = None,
    weighting: ConceptWeighting | None = None,
) -> Candidate | None:
    """The headline's sentence (or a shorter reading of it): the best of the reports' leads,
    weighed by what the leads say; or, when no lead has a sentence fit to be one, the best of
    the whole reports; or, when no sentence is long enough to be a summary's ("Floods hit Dhaka
    on Monday."), the best of the leads of any length, so that a short report still has one."""
    terms = terms or TermExtractor()
    weighting = weighting or ConceptWeighting()
    lead_documents = leads(documents)
    short = replace(config, min_sentence_words=1)
    for read, reading in (
        (lead_documents, config),
        (documents, config),
        (lead_documents, short),
    ):
        groups = group_near_duplicates(read, terms=terms)
        candidates = collect_candidates(read, groups, terms=terms, config=reading)
        weights = weigh_concepts(candidates, n_groups=len(set(groups)), weighting=weighting)
        index = choose_headline(candidates, weights, max_words=config.headline_max_words)
        if index is not None:
            return candidates[index]
    return None


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
    head = headline_candidate(documents, config=config, terms=terms, weighting=weighting)
    if not candidates and head is None:
        return Summary(headline=None, sentences=())
    chosen = _chosen(candidates, groups, config=config, weighting=weighting) if candidates else []
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

    headline = None if head is None else attributed(head)
    return Summary(headline=headline, sentences=tuple(attributed(candidates[i]) for i in chosen))


def _chosen(
    candidates: Sequence[Candidate],
    groups: Sequence[int],
    *,
    config: Config,
    weighting: ConceptWeighting,
) -> list[int]:
    """The summary: the candidates chosen within the word budget, in reading order."""
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
    return chosen


def _reading_order(cand: Candidate) -> tuple[int, int]:
    return (cand.position, cand.group)
