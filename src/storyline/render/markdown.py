"""A digest as Markdown for people: headline, summary with numbered source markers, sources."""

from __future__ import annotations

from collections.abc import Iterable

from storyline.model import Article, Citation, Digest, Story, SummarySentence

_MAX_FACT_ROWS = 15


def render_markdown(digest: Digest) -> str:
    articles = {article.id: article for article in digest.articles}
    parts = [_story(story, articles, several=len(digest.stories) > 1) for story in digest.stories]
    if not digest.stories:
        parts.append("_No story: no usable article was given._\n")
    if digest.rejections:
        lines = ["## Rejected inputs", ""]
        lines += [f"- `{rej.source}`: {rej.detail} ({rej.reason})" for rej in digest.rejections]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def _story(story: Story, articles: dict[str, Article], *, several: bool) -> str:
    number = {article_id: n for n, article_id in enumerate(story.article_ids, start=1)}
    headline = story.summary.headline
    title = headline.text if headline is not None else "(no headline)"
    lines = [f"{'##' if several else '#'} {title}", ""]
    if headline is not None:
        lines += [f"_{_source_note(headline, number)}_", ""]
    for sent in story.summary.sentences:
        lines.append(f"{sent.text} {_markers(sent.sources, number)}")
    unread = set(story.unread_article_ids)
    if unread:
        read = len(story.article_ids) - len(unread)
        lines += [
            "",
            f"_This story has {len(story.article_ids):,} articles, more than the limit of "
            f"{read:,} a digest reads (max_story_articles): its summary, timeline and facts are "
            f"made from {read:,} of them, spread over its time span; the sources not read are "
            "marked below._",
        ]
    level = "###" if several else "##"
    lines += _timeline(story, number, level=level)
    lines += _facts(story, number, level=level)
    lines += _more_facts(story)
    lines += _disagreements(story, number, level=level)
    lines += ["", f"{level} Sources", ""]
    for article_id, n in number.items():
        note = " _(not read: over max_story_articles)_" if article_id in unread else ""
        lines.append(f"{n}. {_describe(articles.get(article_id), article_id)}{note}")
    return "\n".join(lines) + "\n"


def _timeline(story: Story, number: dict[str, int], *, level: str) -> list[str]:
    if not story.timeline:
        return []
    lines = ["", f"{level} Timeline", ""]
    for entry in story.timeline:
        background = " _(background)_" if entry.background else ""
        lines.append(
            f"- **{entry.when}**{background} {entry.text} {_markers(entry.sources, number)}"
        )
    return lines


def _facts(story: Story, number: dict[str, int], *, level: str) -> list[str]:
    if not story.facts:
        return []
    lines = ["", f"{level} Facts", "", "| about | fact | sources |", "|---|---|---|"]
    ranked = sorted(story.facts, key=lambda fact: -len({c.article for c in fact.sources}))
    for fact in ranked[:_MAX_FACT_ROWS]:
        count = len({citation.article for citation in fact.sources})
        agree = f"{count} agree" if count > 1 else "1"
        lines.append(
            f"| {_cell(fact.about)} | {_cell(fact.text)} | {agree} "
            f"{_markers(fact.sources, number)} |"
        )
    return lines


def _more_facts(story: Story) -> list[str]:
    hidden = len(story.facts) - _MAX_FACT_ROWS
    return (
        ["", f"_{hidden} more facts in the JSON output (`--format json`)._"] if hidden > 0 else []
    )


def _disagreements(story: Story, number: dict[str, int], *, level: str) -> list[str]:
    if not story.disagreements:
        return []
    lines = ["", f"{level} Sources disagree", ""]
    for item in story.disagreements:
        lines.append(f"- **{_cell(item.about)}**: {item.note}")
        lines += [f"  - {claim.text} {_markers(claim.sources, number)}" for claim in item.claims]
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markers(sources: Iterable[Citation], number: dict[str, int]) -> str:
    cited = sorted({number[c.article] for c in sources if c.article in number})
    return "".join(f"[{n}]" for n in cited)


def _source_note(sent: SummarySentence, number: dict[str, int]) -> str:
    count = len({c.article for c in sent.sources})
    noun = "source" if count == 1 else "sources"
    return f"{count} {noun} {_markers(sent.sources, number)}"


def _describe(article: Article | None, article_id: str) -> str:
    if article is None:
        return f"`{article_id}`"
    parts = [article.title or article_id]
    if article.outlet:
        parts.append(article.outlet)
    if article.published is not None and article.published_inferred:
        parts.append(article.published.strftime("%Y-%m-%d") + " (date inferred from the story)")
    elif article.published is not None:
        zone = f" ({article.published_zone})" if article.published_zone else ""
        parts.append(article.published.strftime("%Y-%m-%d %H:%M UTC") + zone)
    parts.append(f"`{article.source}`")
    return " — ".join(parts)
