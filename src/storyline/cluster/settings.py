"""The settings of story clustering, checked when built."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from storyline.config import check_float, check_int
from storyline.errors import ConfigError


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """How articles are grouped into stories.

    threshold: an article joins the story whose centroid is most similar to it (cosine of
        TF-IDF vectors) when that similarity reaches this; otherwise it opens a new story. Online
        (stream) clustering errs mostly by splitting: 0.17 rather than 0.2 raises DUC 2004 stream
        B-cubed F1 (story labels, 20 shuffles) from 0.836 to 0.850, and keeps Timeline17 story
        precision at 1.0. In a batch run, a story of undated articles joins a story with a dated
        one only when the mean cosine of their articles reaches this (``graph.DateGate``).
    merge_threshold: two stories whose centroids are at least this similar (and at least
        ``threshold``) become one.
    window_days: an article joins only a story with a dated member within this many days of its
        own date (when both have dates); two stories merge only when their dates come this close.
    max_span_days: a story in a stream takes in no article that would stretch it over more days
        than this from its first to its last dated member: coverage of a running topic (talks
        that resume every month) becomes a story per stretch, instead of one chain that swallows
        every later event of the topic (measured on a 100,000-article stream: one story spanned
        three years).
    lead_sentences / lead_weight: the first sentences say what the story is; their words count
        ``lead_weight`` times.
    max_sentences: sentences after this many are not read (comments, related stories and other
        tails of scraped pages say little about the event).
    title_weight: words of the title count this many times.
    entity_weight: a run of capitalised words ("Hun Sen", "Hurricane Mitch") counts as one extra
        term of this weight, besides its words.
    max_terms: an article's vector keeps its heaviest terms, at most this many.
    index_terms: a story is found in an inverted index through the heaviest terms of its
        members, this many of each.
    max_candidates: stories compared with an arriving article, at most: those sharing the most
        weight of indexed terms with it (all of them while there are no more).
    refine_passes: passes of a batch run without ``neighbours`` that move each article to the
        story whose final centroid suits it best, so that the result depends little on the order
        of arrival.
    neighbours: a batch run groups articles by the neighbours they share: each article's this
        many most similar articles within ``window_days`` (exact cosines; 0: a batch run is an
        online pass and refinement instead), at most the square root of the number of articles
        within its window plus one (``graph.cap_neighbours``).
    link_threshold: a batch run joins two stories while the mean similarity of their articles'
        neighbour profiles (second-order similarity) reaches this.
    support_threshold: in a batch run, a neighbour two articles share links them only when each
        one's own cosine with it reaches this (``graph.shared_neighbour_links``): a few
        unrelated reports that are each other's only, weak, neighbours stay apart.
    weak_pair_threshold: the cosine that two articles need to each other in a batch run when
        every neighbour they share is farther from one of them than ``support_threshold`` (two
        reports of one event in a small batch); with no neighbour shared at all they need
        ``threshold``.
    primary_language: the language stories are told in; a report in another language joins a
        story by the meaning of its lead (``cluster.languages``).
    plan_window: a store's ingest groups each this many arriving articles by the batch
        clustering (``neighbours``, ``link_threshold``) before placing them one by one, and a
        group's later members follow its first into a story (``store.assign``); 0: no plan.
    plan_min_articles: the last window of undated articles is planned only with this many (in
        fewer, an event has too few reports in it for the batch clustering: on the 500 DUC 2004
        articles, undated and shuffled, windows of 200 gave B-cubed F1 0.746, of 300 0.820, one
        at a time 0.805, one window 0.884).
    plan_min_dated_articles: the same for a window of dated articles, which arrive in time order,
        so that a small window still holds several reports of each event (first 10,000 articles
        of the synthetic stream, ingests of 50 / 100 / 200: 0.960 / 0.975 / 0.987; one at a time
        0.968). A run's first dated window with no stored article near it is planned from 10
        whatever this is (``store.update._FEWEST_DATED_ALONE``).
    cross_language_similarity: the cosine of multilingual lead embeddings at which a report in
        another language joins a story.
    """

    threshold: float = 0.17
    merge_threshold: float = 0.5
    window_days: int = 7
    max_span_days: int = 30
    lead_sentences: int = 5
    lead_weight: float = 2.0
    max_sentences: int = 30
    title_weight: float = 3.0
    entity_weight: float = 1.0
    max_terms: int = 100
    index_terms: int = 20
    max_candidates: int = 20
    refine_passes: int = 2
    primary_language: str = "en"
    cross_language_similarity: float = 0.65
    neighbours: int = 10
    link_threshold: float = 0.15
    support_threshold: float = 0.08
    weak_pair_threshold: float = 0.12
    plan_window: int = 2000
    plan_min_articles: int = 300
    plan_min_dated_articles: int = 100

    def __post_init__(self) -> None:
        check_float("threshold", self.threshold, 0.0, 1.0)
        check_float("merge_threshold", self.merge_threshold, 0.0, 1.0)
        check_int("window_days", self.window_days, 0, 100_000)
        check_int("max_span_days", self.max_span_days, 0, 100_000)
        check_int("lead_sentences", self.lead_sentences, 0, 1000)
        check_float("lead_weight", self.lead_weight, 0.0, 100.0)
        check_int("max_sentences", self.max_sentences, 1, 100_000)
        check_float("title_weight", self.title_weight, 0.0, 100.0)
        check_float("entity_weight", self.entity_weight, 0.0, 100.0)
        check_int("max_terms", self.max_terms, 1, 100_000)
        check_int("index_terms", self.index_terms, 1, self.max_terms)
        check_int("max_candidates", self.max_candidates, 1, 100_000)
        check_int("refine_passes", self.refine_passes, 0, 100)
        check_float("cross_language_similarity", self.cross_language_similarity, -1.0, 1.0)
        if not (isinstance(self.primary_language, str) and self.primary_language.isalpha()):
            raise ConfigError(
                "'primary_language' must be a language code such as 'en'; "
                f"got {self.primary_language!r}"
            )
        check_int("neighbours", self.neighbours, 0, 1000)
        check_float("link_threshold", self.link_threshold, 0.0, 1.0)
        check_float("support_threshold", self.support_threshold, 0.0, 1.0)
        check_float("weak_pair_threshold", self.weak_pair_threshold, 0.0, 1.0)
        check_int("plan_window", self.plan_window, 0, 1_000_000)
        check_int("plan_min_articles", self.plan_min_articles, 1, 1_000_000)
        check_int("plan_min_dated_articles", self.plan_min_dated_articles, 1, 1_000_000)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
