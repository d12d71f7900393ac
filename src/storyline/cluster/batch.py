"""Cluster a batch of articles into stories: an online pass in the given order, then refinement."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from storyline.cluster.features import ArticleFeatures, FeatureExtractor
from storyline.cluster.languages import is_foreign, join_across_languages
from storyline.cluster.online import StoryClusterer
from storyline.cluster.refine import refine_labels
from storyline.cluster.settings import ClusterSettings
from storyline.cluster.vectors import DocumentFrequencies, weigh
from storyline.embeddings import Encoder, MultilingualEncoder
from storyline.model import Article, Document
from storyline.pipeline import build_document
from storyline.terms import TermExtractor


def cluster_features(
    features: Sequence[ArticleFeatures], *, settings: ClusterSettings | None = None
) -> list[list[int]]:
    """Stories of articles given their features: lists of indices into ``features``, each in
    input order, the stories in order of their first article.

    The result does not depend on the order of ``features``: document frequencies are counted
    over the whole batch first, so every article is weighed with the same IDF; the articles go
    through ``StoryClusterer`` in a canonical order (by day, undated last, then by a hash of their
    terms, which is blind to ids and input order); ``refine_labels`` then moves them to the stories
    that suit them best at the end, and merges stories whose centroids are very similar.
    """
    settings = settings or ClusterSettings()
    frequencies = DocumentFrequencies()
    for item in features:
        frequencies.observe(item)
    order = sorted(range(len(features)), key=lambda i: _canonical_key(features[i]))
    vectors = [weigh(item, frequencies, max_terms=settings.max_terms) for item in features]
    days = [item.day for item in features]
    clusterer = StoryClusterer(settings, frequencies=frequencies)
    labels = [0] * len(features)
    for i in order:
        labels[i] = clusterer.add_vector(features[i].article_id, vectors[i], days[i])
    labels = refine_labels(vectors, days, labels, order=order, settings=settings)
    stories: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        stories.setdefault(label, []).append(i)
    return list(stories.values())


def _canonical_key(features: ArticleFeatures) -> tuple[bool, int, bytes]:
    digest = hashlib.blake2b(repr(features.counts).encode("utf-8"), digest_size=16).digest()
    return (features.day is None, features.day or 0, digest)


def cluster_documents(
    documents: Sequence[Document],
    *,
    settings: ClusterSettings | None = None,
    terms: TermExtractor | None = None,
    encoder: Encoder | None = None,
) -> list[list[int]]:
    """Stories of cleaned, segmented documents, as ``cluster_features`` gives them; then stories
    told only in other languages than ``settings.primary_language`` join the story they match
    in meaning (``join_across_languages``, with ``encoder``: the multilingual one by default,
    loaded only when such a story exists)."""
    settings = settings or ClusterSettings()
    extract = FeatureExtractor(settings, terms=terms)
    stories = cluster_features([extract(doc) for doc in documents], settings=settings)
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
    return cluster_documents(
        [build_document(article) for article in articles], settings=settings, terms=terms
    )
