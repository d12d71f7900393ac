"""The per-article stages of a stream, in one picklable stage: clean, split, features, MinHash.

Everything an article needs before it can be assigned to a story is computed here, from the
article alone, so an engine can run it anywhere (in process, or as Dask tasks on other machines)
and only story assignment, which must see the articles in order, stays in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from storyline.cluster import ArticleFeatures, ClusterSettings, FeatureExtractor
from storyline.cluster.features import publication_day
from storyline.cluster.languages import lead_text
from storyline.language import SUPPORTED_LANGUAGES, language_rejection
from storyline.model import Article, Document, Rejection
from storyline.near_duplicates import Signer
from storyline.pipeline import build_document
from storyline.terms import TermExtractor


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """An article ready for story assignment.

    ``document``: the cleaned, segmented article; ``features``: what clustering reads of it;
    ``signature``: its MinHash (``near_duplicates.Signer``); ``lead``: its title and first
    sentences (``cluster.languages.lead_text``), which a multilingual encoder reads when the
    article has to be compared with stories in another language.
    """

    document: Document
    features: ArticleFeatures
    signature: bytes
    lead: str

    @property
    def article(self) -> Article:
        return self.document.article


class ArticlePreparer:
    """The stage ``Article -> PreparedArticle | Rejection``: an article in a language storyline
    does not read (``languages``) is rejected with the reason "unsupported-language"."""

    def __init__(
        self,
        settings: ClusterSettings | None = None,
        *,
        languages: frozenset[str] = SUPPORTED_LANGUAGES,
    ) -> None:
        self.settings = settings or ClusterSettings()
        self.languages = languages
        terms = TermExtractor()
        self._extract = FeatureExtractor(self.settings, terms=terms)
        self._sign = Signer()
        # The articles prepared last, by what their preparation reads (text, title, where the
        # body starts): a wire copy printed again by another outlet is prepared once.
        self._recent: dict[tuple[str, str | None, int], PreparedArticle] = {}

    def __getstate__(self) -> dict[str, object]:
        """The stage without the preparations it keeps for copies: a pickled preparer (one
        shipped to a Dask worker with each batch) stays small and starts them afresh."""
        return {**self.__dict__, "_recent": {}}

    def __call__(self, article: Article) -> PreparedArticle | Rejection:
        refused = language_rejection(article, languages=self.languages)
        if refused is not None:
            return refused
        key = (article.text, article.title, article.body_start)
        earlier = self._recent.get(key)
        if earlier is not None:
            return _as_copy(earlier, article)
        document = build_document(article)
        prepared = PreparedArticle(
            document=document,
            features=self._extract(document),
            signature=self._sign(document),
            lead=lead_text(document),
        )
        if len(self._recent) >= RECENT_ARTICLES:
            del self._recent[next(iter(self._recent))]  # the oldest
        self._recent[key] = prepared
        return prepared


RECENT_ARTICLES = 2_000
"""Articles whose preparation ``ArticlePreparer`` keeps for exact copies that follow."""


def _as_copy(earlier: PreparedArticle, article: Article) -> PreparedArticle:
    """The preparation of ``article``, whose text, title and body start are ``earlier``'s: the
    same sentences, features, signature and lead, under its own id and publication day."""
    document = earlier.document
    sentences = tuple(replace(sent, article_id=article.id) for sent in document.sentences)
    return replace(
        earlier,
        document=replace(document, article=article, sentences=sentences),
        features=replace(earlier.features, article_id=article.id, day=publication_day(article)),
    )
