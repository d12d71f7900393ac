"""Choosing summary sentences: centrality, redundancy and the one-reading-per-sentence rule."""

from __future__ import annotations

from builders import make_article

from storyline.config import Config
from storyline.pipeline import build_document
from storyline.summarize.candidates import Candidate, collect_candidates
from storyline.summarize.centrality import embed_candidates, score_centrality, similar_pairs
from storyline.summarize.select import select_sentences
from storyline.terms import TermExtractor

_CONFIG = Config(max_words=40)


def _candidates(texts: list[str], groups: list[int] | None = None) -> list[Candidate]:
    documents = [
        build_document(make_article(text, article_id=f"a{i}")) for i, text in enumerate(texts)
    ]
    return collect_candidates(
        documents, groups or list(range(len(texts))), terms=TermExtractor(), config=_CONFIG
    )


def test_a_sentence_the_other_reports_share_is_more_central_than_an_aside() -> None:
    candidates = _candidates(
        [
            "The ferry Nordlys hit a rock off Skerry Island on Sunday night. "
            "The captain once sailed racing yachts around distant islands for fun.",
            "On Sunday night the ferry Nordlys hit a rock near Skerry Island.",
            "The Nordlys ferry struck a rock close to Skerry Island late on Sunday.",
        ]
    )
    scores = score_centrality(candidates, embed_candidates(candidates))
    by_text = {cand.text: score for cand, score in zip(candidates, scores, strict=True)}
    assert (
        by_text["The ferry Nordlys hit a rock off Skerry Island on Sunday night."]
        > by_text["The captain once sailed racing yachts around distant islands for fun."]
    )


def test_a_copy_in_the_same_group_adds_no_centrality() -> None:
    report = "The ferry Nordlys hit a rock off Skerry Island on Sunday night."
    candidates = _candidates([report, report], groups=[0, 0])
    assert score_centrality(candidates, embed_candidates(candidates)).tolist() == [0.0, 0.0]


def test_identical_sentences_are_similar_pairs() -> None:
    report = "The ferry Nordlys hit a rock off Skerry Island on Sunday night."
    other = "Divers will inspect the damaged hull of the vessel on Tuesday morning."
    candidates = _candidates([report, report, other])
    pairs = similar_pairs(embed_candidates(candidates), range(len(candidates)), min_similarity=0.5)
    assert pairs == [(0, 1)]


def test_conflicting_candidates_are_never_chosen_together() -> None:
    report = "The ferry Nordlys hit a rock off Skerry Island on Sunday night."
    candidates = _candidates([report, report, report])
    weights = {concept: 1.0 for concept in candidates[0].concepts}
    bonus = [5.0] * len(candidates)
    free = select_sentences(candidates, weights, max_words=40, bonus=bonus)
    assert len(free) == 3  # the bonus alone would take every copy
    chosen = select_sentences(
        candidates, weights, max_words=40, bonus=bonus, conflicts=[(0, 1), (0, 2), (1, 2)]
    )
    assert len(chosen) == 1


def test_at_most_one_reading_of_a_sentence_is_chosen() -> None:
    candidates = _candidates(
        ["The ferry Nordlys, which carried 80 people, hit a rock off Skerry, police said."]
    )
    assert len(candidates) > 1
    assert {cand.sentence for cand in candidates} == {candidates[0].sentence}
    weights = {concept: 1.0 for cand in candidates for concept in cand.concepts}
    chosen = select_sentences(candidates, weights, max_words=40, bonus=[5.0] * len(candidates))
    assert len(chosen) == 1
