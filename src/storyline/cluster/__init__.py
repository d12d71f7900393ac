"""Story clustering: which articles report the same event.

``StoryClusterer`` places articles one at a time (a stream, a store); ``cluster_articles`` groups
a batch, in an online pass followed by refinement.
"""

from storyline.cluster.batch import cluster_articles, cluster_documents, cluster_features
from storyline.cluster.features import ArticleFeatures, FeatureExtractor
from storyline.cluster.online import StoryClusterer
from storyline.cluster.settings import ClusterSettings
from storyline.cluster.vectors import DocumentFrequencies

__all__ = [
    "ArticleFeatures",
    "ClusterSettings",
    "DocumentFrequencies",
    "FeatureExtractor",
    "StoryClusterer",
    "cluster_articles",
    "cluster_documents",
    "cluster_features",
]
