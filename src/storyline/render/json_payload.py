"""The JSON contract of a digest. Later versions add keys; they never remove or rename one."""

from __future__ import annotations

import json
from typing import Any

from storyline.model import Article, Citation, Digest, Rejection, Story, SummarySentence

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


def _story(story: Story) -> dict[str, Any]:
    headline = story.summary.headline
    return {
        "id": story.id,
        "headline": None if headline is None else _summary_sentence(headline),
        "summary": [_summary_sentence(sent) for sent in story.summary.sentences],
        "articles": list(story.article_ids),
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
        "language": article.language,
    }


def _rejection(rejection: Rejection) -> dict[str, str]:
    return {"source": rejection.source, "reason": rejection.reason, "detail": rejection.detail}
