"""The digest pipeline: articles -> cleaned, segmented documents -> stories with summaries."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from storyline.account import account_for
from storyline.boilerplate import repeated_across_stories, without_boilerplate
from storyline.clean import clean_article, sentence_debris_judge
from storyline.config import Config
from storyline.embeddings import Encoder, MultilingualEncoder
from storyline.errors import InputError
from storyline.facts.quantities import QuantityFinder
from storyline.identity import story_ids
from storyline.ingest.decoding import check_article_encodable, check_encodable
from storyline.ingest.records import missing_text
from storyline.model import Article, Debris, Digest, Document, Rejection, Sentence, Story
from storyline.segment import sentence_bounds
from storyline.summarize import summarize
from storyline.summarize.languages import cite_across_languages, in_language
from storyline.temporal import infer_publication
from storyline.terms import TermExtractor

if TYPE_CHECKING:
    from storyline.cluster import ClusterSettings
    from storyline.engine import Engine
    from storyline.preparation import PreparedArticle

logger = logging.getLogger(__name__)

# "BRUSSELS, Belgium (AP) - ", "LONDON (Reuters) -" and "NEW ORLEANS/WASHINGTON (Reuters) -": a
# wire dateline before the first sentence (brackets also as tokenised text writes them: "-LRB-
# Reuters -RRB-").
_AGENCY = r"(?:\([A-Za-z .]{1,30}\)|-LRB-\s*[A-Za-z .]{1,30}?\s*-RRB-)"
_DATELINE = re.compile(
    rf"(?:[A-Z][A-Z.']*(?:(?:[ \-]|\\?/)[A-Z][A-Z.']*){{0,4}}(?:\s*,\s*[A-Z][\w.' ]{{1,30}})?"
    rf"\s*{_AGENCY}?"
    rf"|{_AGENCY})\s*[-–—_:]{{1,2}}\s+(?=\S)"
)
# A news page's time stamp run into the first sentence, after the place it was filed from:
# "LONDON | Wed Apr 29 , 2009 12:20 am BST ", "NEW ORLEANS\/WASHINGTON | Tue Jun 22 , 2010
# 7:30 pm EDT ", "Friday 1 May 2009 21.14 BST ", "Wednesday , May 26 , 2010 ; 4:26 PM ", "Last
# updated : 1 may , 2009 - 17:54 GMT " (a date with its year, a clock time, perhaps a zone); a
# dateline may follow it.
_PAGE_STAMP = re.compile(
    r"(?:[A-Z][A-Za-z.'\-\\/ ]{1,40}(?:\s*,\s*[A-Z][a-z]+\.?\s+\d{1,2})?\s*\|\s*)?"
    r"(?:(?:last\s+)?(?:updated|published|posted)\s*:?\s*)?"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6}\.?\s*,?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2})\s*,?\s*"
    r"(?:19|20)\d{2}\s*[,;|\-–]?\s+"
    r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:(?-i:[A-Z]{1,3}[SD]?T|UTC|GMT)\s+)?(?=\S)",
    re.IGNORECASE,
)
# "Photograph: Eliana Aponte/Reuters " run into the first sentence: a picture's credit, an
# agency and a name either side of a slash (a name of at most two words after it, or an agency).
_PICTURE_CREDIT = re.compile(
    r"(?:Photograph|Photo|Picture|Image)s?\s*:\s*[A-Z][^/\n]{0,60}?\\?/\s*"
    r"(?:(?:Reuters|AP|AFP|EPA|PA|Getty(?: Images)?|Rex Features|Corbis|Alamy)\b|"
    r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)?)\s+(?=\S)"
)
# "Susan Watts | 18:00 UK time, Saturday, 25 April 2009 ": a blog's byline and time stamp run
# into the first sentence (a name, a bar, a clock time, and a date ending with its year).
_BYLINE_STAMP = re.compile(
    r"[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}\s*\|\s*\d{1,2}[:.]\d{2}\b[^|\n]{0,60}?"
    r"\b(?:19|20)\d{2}\s+(?=\S)"
)


class _LeadingRule(Protocol):
    """What ``build_document`` tries at a paragraph's first sentence: a pattern, or a check."""

    def match(self, text: str, pos: int = ..., endpos: int = ...) -> re.Match[str] | None: ...


# A heading or a caption run into a paragraph's first sentence without a full stop: "Mexico to
# re-test swine flu cases The widow of ...", "Matthew Price reports from Mexico A 23-month-old
# child has died ...". The heading is 3 to 25 words without a full stop; the sentence opens with
# a capitalised word that opens sentences ("The", "It", "Five-year-old", ...) followed by a
# lower-case word or a number, and goes on for at least five more words.
_GLUE_OPENERS = (
    "The|An?|It|He|She|They|We|This|These|Those|His|Her|Its|Their|After|When|While|Before|"
    "Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve"
)
_GLUED = re.compile(
    r"(?:[^\s.!?]+\s+){2,24}?(?P<last>[^\s.!?]*[A-Za-z0-9])\s+"
    rf"(?=(?P<opener>{_GLUE_OPENERS})(?:\s+[a-z0-9]|-[a-z])\S*(?:\s+\S+){{5}})"
)
# Words that end no heading: the sentence runs on past them ("editor of The Lancet", "he told
# reporters The ...", "influenza type A virus", "a book called The end of oil").
_NOT_HEADING_ENDS = frozenset(
    """
    a an the of to in on at by for from with and or but as that which who whose than is are was
    were be been has have had said says told asked reporters type group plan vitamin influenza
    hepatitis class grade category section part article block gate terminal level row flight
    line route page chapter exhibit called named titled entitled
    """.split()
)


class _GluedHeading:
    """``_GLUED``, where the heading's last word is no word the sentence runs on past
    (``_NOT_HEADING_ENDS``), and before "A" a capitalised word or a number that no determiner
    comes before ("Mexico A 23-month-old child", not "a virus of type A found" nor "in the
    Snorre A case")."""

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        found = _GLUED.match(text, pos, endpos)
        if found is None or found["last"].lower() in _NOT_HEADING_ENDS:
            return None
        if found["opener"] in ("A", "An") and (
            not found["last"][:1].isupper()
            or found[0].split()[-2].lower() in _DETERMINERS  # "the Snorre A case": one name
        ):
            return None
        return found


_DETERMINERS = frozenset("the a an this that these those its their his her our your".split())


# What may run into a paragraph's first sentence, in the order it comes there, its kind, and
# what must occur in the sentence's first 100 characters for the rule to be tried at all (a
# cheap search instead of an expensive match that fails: a page stamp needs a clock time).
_LEADING_DEBRIS: tuple[tuple[_LeadingRule, str, re.Pattern[str] | None], ...] = (
    (_PICTURE_CREDIT, "caption", None),
    (_PAGE_STAMP, "timestamp", re.compile(r"\d[:.]\d\d")),
    (_DATELINE, "dateline", None),
    (_BYLINE_STAMP, "byline", None),
    (_GluedHeading(), "caption", re.compile(rf"[A-Za-z0-9]\s+(?:{_GLUE_OPENERS})[\s-]")),
)
# A string argument longer than this, or with a line break, is article text rather than a path.
_MAX_PATH_CHARS = 4096


def build_document(article: Article) -> Document:
    """Clean an article and split its kept paragraphs into sentences, dropping debris sentences."""
    cleaned = clean_article(article)
    sentences: list[Sentence] = []
    debris = list(cleaned.debris)
    for number, paragraph in enumerate(cleaned.paragraphs):
        debris_kind_of = sentence_debris_judge(article.text[paragraph.start : paragraph.end])
        for position, (start, end) in enumerate(sentence_bounds(article.text, paragraph)):
            if position == 0:
                for rule, leading, gate in _LEADING_DEBRIS:
                    if gate is not None and not gate.search(article.text, start, start + 100):
                        continue  # what the rule needs is not near the start: no match (cheap)
                    found = rule.match(article.text, start, end)
                    if found is not None and found.end() < end:
                        debris.append(Debris(start, found.end(), leading))
                        start = found.end()
            text = article.text[start:end]
            kind = debris_kind_of(text)
            if kind is not None:
                debris.append(Debris(start, end, kind))
                continue
            # Positional arguments (article_id, index, start, end, text, paragraph): a frozen
            # dataclass is built twice as fast so, and an article has dozens of sentences.
            sentences.append(Sentence(article.id, len(sentences), start, end, text, number))
    debris.sort(key=lambda item: item.start)
    return replace(cleaned, sentences=tuple(sentences), debris=tuple(debris))


def build_story(
    articles: Sequence[Article],
    *,
    config: Config,
    terms: TermExtractor | None = None,
    quantities: QuantityFinder | None = None,
) -> Story:
    """One story from articles known to report the same event."""
    return story_from_documents(
        build_documents(articles), config=config, terms=terms, quantities=quantities
    )


def build_documents(articles: Sequence[Article]) -> list[Document]:
    """Cleaned, segmented documents of one story's articles, the undated ones placed in time from
    the rest of the story (``Article.published_inferred``)."""
    return place_in_time([build_document(article) for article in articles])


def place_in_time(documents: Sequence[Document]) -> list[Document]:
    """One story's documents, the undated ones given a publication date inferred from the rest of
    the story (``Article.published_inferred``)."""
    if not documents:
        return []
    sentences = {doc.article.id: doc.sentences for doc in documents}
    try:
        placed = infer_publication(
            [doc.article for doc in documents], sentences_of=lambda article: sentences[article.id]
        )
    except OverflowError:  # publication times within days of year 1 or 9999
        logger.warning(
            "story of %s: dates at the calendar's ends; none inferred", documents[0].article.id
        )
        return list(documents)
    return [
        doc if article is doc.article else replace(doc, article=article)
        for doc, article in zip(documents, placed, strict=True)
    ]


def story_from_documents(
    documents: Sequence[Document],
    *,
    config: Config,
    terms: TermExtractor | None = None,
    quantities: QuantityFinder | None = None,
    encoder: Encoder | None = None,
    story_id: str | None = None,
) -> Story:
    """The story of documents known to report the same event: summary, timeline, facts.

    ``story_id`` names it; by default, its first article does (``identity.story_ids``). The
    summary is written from the reports in ``config.summary_language`` (if any); the others
    are cited where they say the same (``encoder``: the multilingual one by default, loaded only
    for a story with reports in other languages)."""
    terms = terms or TermExtractor()
    article_ids = tuple(doc.article.id for doc in documents)
    story_id = story_id or story_ids([[doc.article for doc in documents]])[0]  # all, not read
    documents = spread_over_time(documents, limit=config.max_story_articles)
    read = {doc.article.id for doc in documents}
    told = in_language(documents, language=config.summary_language)
    summary = summarize(told, config=config, terms=terms)
    if len(told) < len(documents):
        told_ids = {doc.article.id for doc in told}
        others = [doc for doc in documents if doc.article.id not in told_ids]
        summary = cite_across_languages(summary, others, encoder=encoder or MultilingualEncoder())
    account = account_for(
        documents, config=config, terms=terms, quantities=quantities or QuantityFinder()
    )
    return Story(
        id=story_id,
        article_ids=article_ids,
        summary=summary,
        timeline=account.timeline,
        facts=account.facts,
        entities=account.entities,
        disagreements=account.disagreements,
        unread_article_ids=tuple(key for key in article_ids if key not in read),
    )


def spread_over_time(documents: Sequence[Document], *, limit: int) -> Sequence[Document]:
    """At most ``limit`` of the documents, evenly spaced in order of publication (the first and
    the last always among them; undated ones count as last), in their given order."""
    if len(documents) <= limit:
        return documents
    by_time = sorted(
        range(len(documents)),
        key=lambda i: (documents[i].article.published is None, _timestamp(documents[i]), i),
    )
    step = (len(documents) - 1) / (limit - 1)
    chosen = {by_time[round(k * step)] for k in range(limit)}
    return [doc for i, doc in enumerate(documents) if i in chosen]


def _timestamp(document: Document) -> float:
    published = document.article.published
    return 0.0 if published is None else published.timestamp()


def digest(
    inputs: Iterable[str | Path | Article] | str | Path | Article,
    *,
    config: Config | None = None,
    max_words: int | None = None,
    cluster_settings: ClusterSettings | None = None,
    engine: Engine | None = None,
) -> Digest:
    """Read inputs and digest them into stories.

    Each input is an ``Article``, a path (file or directory) or a string: a string naming an
    existing path is read as that path, a string with a line break or many words is taken as the
    text of an article. A single input may be given alone: ``digest("examples/ferry")``.
    Articles that declare a cluster (``group``) form a story per cluster, as declared; the others
    are clustered into stories by what they report (``cluster_articles`` with
    ``cluster_settings``). A sentence repeated word for word in three stories or more is an
    outlet's boilerplate, left out of all of them (``boilerplate``). Stories come in the order of
    their first article. Bad inputs become rejections; nothing is raised for them. ``engine`` reads the files and prepares the
    articles (cleaning, splitting, language check: ``preparation.ArticlePreparer``); the default
    ``LocalEngine`` does it in this process, a Dask engine on its cluster, with the same result.
    """
    from storyline.cluster import ClusterSettings
    from storyline.engine import LocalEngine
    from storyline.ingest import article_from_text, read_inputs
    from storyline.preparation import ArticlePreparer

    config = config or Config()
    cluster_settings = cluster_settings or ClusterSettings()
    if max_words is not None:
        config = replace(config, max_words=max_words)
    if isinstance(inputs, str | Path | Article):
        inputs = [inputs]  # one input, not a sequence of characters
    articles: list[Article] = []
    paths: list[str | Path] = []
    rejections: list[Rejection] = []
    for number, item in enumerate(inputs):
        if isinstance(item, Article | str) and (unencodable := _unencodable(item, number=number)):
            rejections.append(unencodable)
        elif isinstance(item, Article) and (textless := missing_text(item)):
            rejections.append(textless)
        elif isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, str) and _is_text(item):
            articles.append(
                article_from_text(
                    item, article_id=f"text-{number + 1}", source=f"<text {number + 1}>"
                )
            )
        else:
            paths.append(item)
    engine = engine or LocalEngine()
    if paths:
        result = read_inputs(
            paths, config=config, reader=lambda files: engine.read(files, config=config)
        )
        articles.extend(result.articles)
        rejections.extend(result.rejections)
    built: list[PreparedArticle] = []
    preparer = ArticlePreparer(cluster_settings)
    for prepared in engine.prepare(_unique_ids(articles), preparer=preparer):
        if isinstance(prepared, Rejection):
            rejections.append(prepared)
        else:
            built.append(prepared)
    articles = [item.article for item in built]
    terms = TermExtractor()
    quantities = QuantityFinder()
    stories: list[Story] = []
    placed: dict[str, Article] = {}
    groups = _stories_of(built, settings=cluster_settings, terms=terms)
    ids = story_ids([[doc.article for doc in members] for members in groups])
    boilerplate = repeated_across_stories(groups)
    for members, story_id in zip(groups, ids, strict=True):
        documents = place_in_time([without_boilerplate(doc, boilerplate) for doc in members])
        placed.update((doc.article.id, doc.article) for doc in documents)
        stories.append(
            story_from_documents(
                documents, config=config, terms=terms, quantities=quantities, story_id=story_id
            )
        )
    return Digest(
        stories=tuple(stories),
        articles=tuple(placed[article.id] for article in articles),
        rejections=tuple(rejections),
        settings={**config.as_dict(), "clustering": cluster_settings.as_dict()},
    )


def _unencodable(item: str | Article, *, number: int) -> Rejection | None:
    """An "encoding" rejection for an input string or Article holding a lone surrogate.

    Such a string is no Unicode text: it cannot be hashed, stored or written as UTF-8, so it is
    refused with the input and the field named instead of failing a later stage (no file,
    record or request gives one: their readers refuse it).
    """
    prefix = f"input {number + 1}'s "
    try:
        if isinstance(item, str):
            check_encodable(item, source=f"<text {number + 1}>", what=f"{prefix}'text'")
        else:
            source = item.source.encode("utf-8", "backslashreplace").decode("utf-8")
            check_article_encodable(item, source=source, prefix=prefix)
    except InputError as e:
        return Rejection(e.source, e.reason, e.detail)
    return None


def _is_text(item: str) -> bool:
    if "\n" in item or len(item) > _MAX_PATH_CHARS:
        return True
    if Path(item).exists():
        return False
    return len(item.split()) >= 8


def _stories_of(
    prepared: Sequence[PreparedArticle], *, settings: ClusterSettings, terms: TermExtractor
) -> list[list[Document]]:
    """Documents grouped into stories, in the order of each story's first article: a declared
    group is one story; articles without one are clustered (on the features prepared)."""
    from storyline.cluster import cluster_documents

    undeclared = [item for item in prepared if item.article.group is None]
    clusters = cluster_documents(
        [item.document for item in undeclared],
        settings=settings,
        terms=terms,
        features=[item.features for item in undeclared],
    )
    cluster_of: dict[str, int] = {}
    for number, members in enumerate(clusters):
        cluster_of.update((undeclared[i].article.id, number) for i in members)
    stories: dict[tuple[bool, str | int], list[Document]] = {}
    for doc in (item.document for item in prepared):
        group = doc.article.group
        key: tuple[bool, str | int] = (
            (True, group) if group is not None else (False, cluster_of[doc.article.id])
        )
        stories.setdefault(key, []).append(doc)
    return list(stories.values())


def _unique_ids(articles: Sequence[Article]) -> list[Article]:
    seen: set[str] = set()
    unique: list[Article] = []
    for article in articles:
        new_id = article.id
        suffix = 2
        while new_id in seen:
            new_id = f"{article.id}-{suffix}"
            suffix += 1
        seen.add(new_id)
        unique.append(article if new_id == article.id else replace(article, id=new_id))
    return unique
