"""Evaluation harness: ROUGE scoring in the DUC 2004 setting, and storyline's run against peers."""

from storyline.evaluate.duc import (
    STORYLINE,
    ClusterRun,
    EvalCluster,
    EvalReport,
    SystemScores,
    evaluate,
    load_clusters,
    load_peers,
    write_runs,
)
from storyline.evaluate.rouge import RougeScores, SummaryScorer, mean_scores, truncate_words
from storyline.evaluate.table import render_table, report_as_dict

__all__ = [
    "STORYLINE",
    "ClusterRun",
    "EvalCluster",
    "EvalReport",
    "RougeScores",
    "SummaryScorer",
    "SystemScores",
    "evaluate",
    "load_clusters",
    "load_peers",
    "mean_scores",
    "render_table",
    "report_as_dict",
    "truncate_words",
    "write_runs",
]
