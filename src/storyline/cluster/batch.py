"""Cluster a batch of articles into stories: average link on shared neighbours, or an online pass
in a canonical order followed by refinement."""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Sequence

from storyline.cluster.features import ArticleFeatures, FeatureExtractor
from storyline.cluster.graph import (
    DateGate,
    average_link_labels,
    neighbour_profiles,
    shared_neighbour_links,
)
from storyline.cluster.languages import is_foreign, join_across_languages
from storyline.cluster.online import StoryClusterer
from storyline.cluster.refine import refine_labels
from storyline.cluster.settings import ClusterSettings
from storyline.cluster.vectors import (
    DocumentFrequencies,
    Vector,
    weigh,
    weigh_batch,
    weigh_batch_in_parts,
)
from storyline.embeddings import Encoder, MultilingualEncoder
from storyline.model import Article, Document
from storyline.stopwords import has_own_rules
from storyline.terms import TermExtractor


def cluster_features(
    features: Sequence[ArticleFeatures],
    *,
    settings: ClusterSettings | None = None,
    languages: Sequence[str | None] | None = None,
) -> list[list[int]]:
    """Stories of articles given their features: lists of indices into ``features``, each in
    input order, the stories in order of their first article.

    With ``languages`` (each article's, or None), the articles of each language read by rules of
    its own (``storyline.stopwords``; the others are read as English) are weighed against the
    document frequencies of their language's articles only (``weigh_batch_in_parts``): counted
    among articles mostly in another language, even their common words would look rare, and
    reports of different events in one language would look alike. They are still compared with
    every article, so a name they share with reports in other languages counts. (With
    ``settings.neighbours`` 0, every article is weighed against the whole batch.)

    The result does not depend on the order of ``features``: document frequencies are counted
    over the whole batch first, so every article is weighed with the same IDF, and the articles
    are ranked in a canonical order (by day, undated last, then by a hash of their terms, which is
    blind to ids and input order) that breaks every tie. With ``settings.neighbours`` the stories
    are joined by average link on shared neighbours (``storyline.cluster.graph``); with 0, the
    articles go through ``StoryClusterer`` in the canonical order and ``refine_labels`` then moves
    them to the stories that suit them best at the end, and merges stories whose centroids are
    very similar.
    """
    settings = settings or ClusterSettings()
    if languages is not None and len(languages) != len(features):
        raise ValueError(
            f"one language per article is needed; got {len(languages)} for {len(features)} articles"
        )
    order = sorted(range(len(features)), key=lambda i: _canonical_key(features[i]))
    days = [item.day for item in features]
    if settings.neighbours > 0:
        parts = None
        if languages is not None:
            parts = [languages[i] if has_own_rules(languages[i]) else None for i in order]
        labels = _shared_neighbour_labels(
            features, days, order=order, settings=settings, parts=parts
        )
    else:
        frequencies = DocumentFrequencies()
        for item in features:
            frequencies.observe(item)
        vectors = [weigh(item, frequencies, max_terms=settings.max_terms) for item in features]
        labels = _online_labels(
            features, vectors, days, frequencies, order=order, settings=settings
        )
        labels = refine_labels(vectors, days, labels, order=order, settings=settings)
    stories: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        stories.setdefault(label, []).append(i)
    return list(stories.values())


def _online_labels(
    features: Sequence[ArticleFeatures],
    vectors: Sequence[Vector],
    days: Sequence[int | None],
    frequencies: DocumentFrequencies,
    *,
    order: Sequence[int],
    settings: ClusterSettings,
) -> list[int]:
    """First labels from ``StoryClusterer``, the articles arriving in ``order``."""
    clusterer = StoryClusterer(settings, frequencies=frequencies)
    labels = [0] * len(features)
    for i in order:
        labels[i] = clusterer.add_vector(features[i].article_id, vectors[i], days[i])
    return labels


def _shared_neighbour_labels(
    features: Sequence[ArticleFeatures],
    days: Sequence[int | None],
    *,
    order: Sequence[int],
    settings: ClusterSettings,
    parts: Sequence[str | None] | None = None,
) -> list[int]:
    """Labels from average link on shared neighbours, the articles ranked by ``order`` and
    weighed against the batch's document frequencies, or against those of their part (``parts``,
    in ranked order) when there are several."""
    ranked = [features[i] for i in order]
    if parts is not None and len(set(parts)) > 1:
        vectors = weigh_batch_in_parts(ranked, parts, max_terms=settings.max_terms)
    else:
        vectors = weigh_batch(ranked, max_terms=settings.max_terms)
    ranked_days = [days[i] for i in order]
    profiles = neighbour_profiles(vectors, ranked_days, settings=settings)
    ranked_labels = average_link_labels(
        len(order),
        shared_neighbour_links(
            profiles,
            vectors,
            min_direct=settings.threshold,
            min_support=settings.support_threshold,
            min_weak_direct=settings.weak_pair_threshold,
        ),
        settings.link_threshold,
        gate=DateGate(
            vectors,
            ranked_days,
            min_cosine=settings.threshold,
            window_days=settings.window_days,
        ),
    )
    labels = [0] * len(order)
    for rank, i in enumerate(order):
        labels[i] = ranked_labels[rank]
    return labels


def _canonical_key(features: ArticleFeatures) -> tuple[bool, int, bytes]:
    """Day (undated last), then a hash of the terms and their weights (blind to ids and order)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update("\x1f".join(features.terms).encode("utf-8", "surrogatepass"))
    digest.update(array("d", features.numbers).tobytes())
    return (features.day is None, features.day or 0, digest.digest())


def cluster_documents(
    documents: Sequence[Document],
    *,
    settings: ClusterSettings | None = None,
    terms: TermExtractor | None = None,
    encoder: Encoder | None = None,
    features: Sequence[ArticleFeatures] | None = None,
) -> list[list[int]]:
    """Stories of cleaned, segmented documents, as ``cluster_features`` gives them; then stories
    told only in other languages than ``settings.primary_language`` join the story they match
    in meaning (``join_across_languages``, with ``encoder``: the multilingual one by default,
    loaded only when such a story exists). ``features`` are the documents' features, one each,
    when they were extracted already (``preparation.ArticlePreparer`` does)."""
    settings = settings or ClusterSettings()
    if features is None:
        extract = FeatureExtractor(settings, terms=terms)
        features = [extract(doc) for doc in documents]
    elif len(features) != len(documents):
        raise ValueError(
            f"one features record per document is needed; got {len(features)} for "
            f"{len(documents)} documents"
        )
    stories = cluster_features(
        features, settings=settings, languages=[doc.article.language for doc in documents]
    )
    if not any(
        is_foreign(doc.article.language, primary_language=settings.primary_language)
        for doc in documents
    ):
        return stories
    return join_across_languages(
        documents, stories, settings=settings, encoder=encoder or MultilingualEncoder()
    )


def cluster_articles(
    articles: Sequence[Article],
    *,
    settings: ClusterSettings | None = None,
    terms: TermExtractor | None = None,
) -> list[list[int]]:
    """Stories of articles (cleaned and segmented first), as lists of indices into ``articles``.

    Declared groups (``Article.group``) are not looked at: every article is clustered.
    """
    from storyline.pipeline import build_document  # the pipeline imports clustering

    return cluster_documents(
        [build_document(article) for article in articles], settings=settings, terms=terms
    )
