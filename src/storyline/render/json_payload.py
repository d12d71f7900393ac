"""The JSON contract of a digest. Later versions add keys; they never remove or rename one."""

from __future__ import annotations

import json
from typing import Any

from storyline.model import (
    Article,
    Citation,
    Claim,
    Digest,
    Disagreement,
    Entity,
    Fact,
    Rejection,
    RunReport,
    Story,
    SummarySentence,
    TimelineEntry,
)

FORMAT_VERSION = 1


def digest_payload(digest: Digest) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "stories": [_story(story) for story in digest.stories],
        "articles": [_article(article) for article in digest.articles],
        "rejections": [_rejection(rejection) for rejection in digest.rejections],
        "settings": dict(digest.settings),
    }


def render_json(digest: Digest) -> str:
    return json.dumps(digest_payload(digest), ensure_ascii=False, indent=2) + "\n"


def run_report_payload(report: RunReport) -> dict[str, Any]:
    """The accounting of an ingest run: inputs = stored + duplicates + rejected."""
    return {
        "inputs": report.inputs,
        "stored": report.stored,
        "duplicates": report.duplicates,
        "rejected": report.rejected,
        "by_reason": report.by_reason,
        "rejections": [_rejection(rejection) for rejection in report.rejections],
    }


def render_run_report(report: RunReport) -> str:
    return json.dumps(run_report_payload(report), ensure_ascii=False, indent=2) + "\n"


def _story(story: Story) -> dict[str, Any]:
    headline = story.summary.headline
    return {
        "id": story.id,
        "headline": None if headline is None else _summary_sentence(headline),
        "summary": [_summary_sentence(sent) for sent in story.summary.sentences],
        "articles": list(story.article_ids),
        "unread_articles": list(story.unread_article_ids),
        "timeline": [_timeline_entry(entry) for entry in story.timeline],
        "facts": [_fact(fact) for fact in story.facts],
        "entities": [_entity(entity) for entity in story.entities],
        "disagreements": [_disagreement(item) for item in story.disagreements],
    }


def _sources(citations: tuple[Citation, ...]) -> dict[str, Any]:
    return {
        "sources": [_citation(citation) for citation in citations],
        "source_count": len({citation.article for citation in citations}),
    }


def _timeline_entry(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "when": entry.when,
        "text": entry.text,
        "background": entry.background,
        **_sources(entry.sources),
    }


def _fact(fact: Fact) -> dict[str, Any]:
    return {
        "kind": fact.kind,
        "about": fact.about,
        "text": fact.text,
        "value": fact.value,
        "unit": fact.unit,
        **_sources(fact.sources),
    }


def _entity(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "kind": entity.kind,
        "aliases": list(entity.aliases),
        "mentions": [_citation(citation) for citation in entity.mentions],
        "source_count": len({citation.article for citation in entity.mentions}),
    }


def _disagreement(disagreement: Disagreement) -> dict[str, Any]:
    return {
        "about": disagreement.about,
        "claims": [_claim(claim) for claim in disagreement.claims],
        "note": disagreement.note,
    }


def _claim(claim: Claim) -> dict[str, Any]:
    return {
        "text": claim.text,
        "value": claim.value,
        "unit": claim.unit,
        "normalized": claim.normalized,
        **_sources(claim.sources),
    }


def _summary_sentence(sent: SummarySentence) -> dict[str, Any]:
    return {
        "text": sent.text,
        "sources": [_citation(citation) for citation in sent.sources],
        "source_count": len({citation.article for citation in sent.sources}),
    }


def _citation(citation: Citation) -> dict[str, Any]:
    return {
        "article": citation.article,
        "sentence": citation.sentence,
        "start": citation.start,
        "end": citation.end,
        "quote": citation.quote,
    }


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": article.source,
        "title": article.title,
        "outlet": article.outlet,
        "published": None if article.published is None else article.published.isoformat(),
        "published_zone": article.published_zone,
        "published_inferred": article.published_inferred,
        "language": article.language,
    }


def _rejection(rejection: Rejection) -> dict[str, str]:
    return {"source": rejection.source, "reason": rejection.reason, "detail": rejection.detail}
