"""Timeline summarization metrics as the ``tilse`` package computes them.

Martschat and Markert (2017, "Improving ROUGE for Timeline Summarization"; 2018) define, and their
``tilse`` package implements, the measures every later paper reports; this module recomputes them:

- **date selection** precision, recall and F1 of the predicted dates against the dates of the
  reference timelines (tilse ``evaluation.dates``; news-tls ``evaluate_dates``);
- **concat ROUGE-1/2**: every daily summary of a timeline concatenated, in date order, into one
  text, scored against each reference timeline concatenated the same way;
- **alignment ROUGE-1/2** ("align_date_content_costs_many_to_one", "align+ m:1" in the paper): each
  predicted date is aligned to the reference date of least cost, and each reference date to the
  predicted date of least cost, where the cost of a pair is ``(1 - 1/(days apart + 1)) * (1 -
  content overlap)``; the n-gram hits of an aligned pair count ``1/(days apart + 1)``. Precision
  sums over the predicted dates' alignments, recall over the reference dates' alignments.

Several reference timelines form one ground truth, as in tilse: date selection is against the
union of their dates, and ROUGE counts sum over the references (hits and reference n-grams per
reference; predicted n-grams once per reference), the "raw" averaging of ROUGE-1.5.5 (``-t 2``).

**Tokens.** tilse's default scorer is the ROUGE-1.5.5 perl script with Porter stemming and
stopword removal (``-m -s``). This module reproduces it with the ``rouge-score`` tokenizer
(lower case, every character but ``a-z0-9`` a separator), then drops the SMART stopwords of
ROUGE-1.5.5's ``smart_common_words.txt`` and stems the remaining tokens longer than three
characters with rouge-score's Porter stemmer, in the perl script's order (stopwords are matched
before stemming). Bigrams are formed after stopword removal and run across sentence boundaries, as
in the script. The only known difference is the script's WordNet exception list applied before
stemming ("went", "children"), which is not reproduced. The content overlap in the alignment costs
is tilse's own approximation (``util.compute_rouge_approximation``): whitespace tokens, case kept,
punctuation tokens dropped, no stemming.

Scores are fractions in [0, 1], as the papers report them. Over several topics, precision and
recall are averaged and F1 is taken of the means (news-tls ``get_average_results``).
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rouge_score import tokenizers

# The alphanumeric entries of ROUGE-1.5.5's data/smart_common_words.txt (the SMART stop list with
# newswire additions such as "reuters", "ap" and month abbreviations). Entries with apostrophes or
# dots can never equal a token, which has neither, and are left out.
SMART_STOPWORDS = frozenset(
    """
    a able about above according accordingly across actually after afterwards again against all
    allow allows almost alone along already also although always am amid among amongst an and
    another any anybody anyhow anyone anything anyway anyways anywhere ap apart appear appreciate
    appropriate apr are around as aside ask asking associated at aug available away awfully b be
    became because become becomes becoming been before beforehand behind being believe below
    beside besides best better between beyond both brief but by c came can cannot cant cause
    causes certain certainly changes clearly co com come comes concerning consequently consider
    considering contain containing contains corresponding could course currently d dec definitely
    described despite did different do does doing done down downwards during e each edu eg eight
    either else elsewhere enough entirely especially et etc even ever every everybody everyone
    everything everywhere ex exactly example except f far feb few fifth five followed following
    follows for former formerly forth four fri from further furthermore g get gets getting given
    gives go goes going gone got gotten greetings h had happens hardly has have having he hello
    help hence her here hereafter hereby herein hereupon hers herself hi him himself his hither
    hopefully how howbeit however i ie if ignored immediate in inasmuch inc indeed index indicate
    indicated indicates inner insofar instead into inward is it its itself j jan jul jun just k
    keep keeps kept know known knows l lately later latter latterly least less lest let like liked
    likely little look looking looks ltd m mainly many mar may maybe me mean meanwhile merely
    might mon more moreover most mostly much must my myself n namely nd near nearly necessary need
    needs neither never nevertheless new news next nine no nobody non none noone nor normally not
    nothing nov novel now nowhere o obviously oct of off often oh ok okay old on once one ones
    only onto or other others otherwise ought our ours ourselves out outside over overall own p
    particular particularly per perhaps placed please plus possible presumably probably provides q
    que quite qv r rather rd re really reasonably regarding regardless regards relatively
    respectively reuters right s said same sat saw say saying says second secondly see seeing seem
    seemed seeming seems seen self selves sensible sent sep serious seriously seven several shall
    she should since six so some somebody somehow someone something sometime sometimes somewhat
    somewhere soon sorry specified specify specifying still sub such sup sure t take taken tech
    tell tends th than thank thanks thanx that thats the their theirs them themselves then thence
    there thereafter thereby therefore therein theres thereupon these they think third this
    thorough thoroughly those though three through throughout thru thu thus to together too took
    toward towards tried tries truly try trying tue twice two u un under unfortunately unless
    unlikely until unto up upon us use used useful uses using usually uucp v value various very
    via viz vs w want wants was way we wed welcome well went were what whatever when whence
    whenever where whereafter whereas whereby wherein whereupon wherever whether which while
    whither who whoever whole whom whose why will willing wish with within without wonder would x
    y yes yet you your yours yourself yourselves z zero
    """.split()
)

Ngram = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """Daily summaries by date: each date once, sentences stripped, dates in ascending order."""

    summaries: Mapping[date, tuple[str, ...]]

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str | date, Sequence[str]]]) -> Timeline:
        """A timeline from ``(date, sentences)`` pairs; a date is a ``date`` or "YYYY-MM-DD".

        Raises ValueError on a malformed date or a date given twice.
        """
        summaries: dict[date, tuple[str, ...]] = {}
        for when, sentences in pairs:
            day = when if isinstance(when, date) else parse_day(when)
            if day in summaries:
                raise ValueError(f"a timeline may give each date once; got {day} twice")
            summaries[day] = tuple(sent.strip() for sent in sentences)
        return cls(summaries=dict(sorted(summaries.items())))

    @property
    def dates(self) -> frozenset[date]:
        return frozenset(self.summaries)

    def summary(self, day: date) -> tuple[str, ...]:
        """The sentences of ``day``; none when the timeline does not have the date."""
        return self.summaries.get(day, ())

    def as_pairs(self) -> list[tuple[str, list[str]]]:
        return [(day.isoformat(), list(sentences)) for day, sentences in self.summaries.items()]


def parse_day(text: str) -> date:
    """A "YYYY-MM-DD" date; raises ValueError naming the text otherwise."""
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError) as e:
        raise ValueError(f"a timeline date must be 'YYYY-MM-DD'; got {text!r:.40}") from e


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1, each in [0, 1]."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, precision: float, recall: float) -> PRF:
        """F1 is the harmonic mean of the two, 0 when both are 0 (tilse ``get_f_score``)."""
        total = precision + recall
        return cls(precision, recall, 2 * precision * recall / total if total else 0.0)


ZERO = PRF(0.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class TimelineScores:
    """Every measure of one timeline against its references, or a mean over topics."""

    dates: PRF
    concat_rouge1: PRF
    concat_rouge2: PRF
    align_rouge1: PRF
    align_rouge2: PRF


_FIELDS = ("dates", "concat_rouge1", "concat_rouge2", "align_rouge1", "align_rouge2")


def mean_timeline_scores(scores: Sequence[TimelineScores]) -> TimelineScores:
    """Mean precision and recall of each measure, and F1 of the means (as news-tls averages)."""
    if not scores:
        raise ValueError("mean_timeline_scores needs at least one TimelineScores; got none")

    def mean(field: str) -> PRF:
        values = [getattr(score, field) for score in scores]
        return PRF.of(
            sum(value.precision for value in values) / len(values),
            sum(value.recall for value in values) / len(values),
        )

    dates, concat1, concat2, align1, align2 = (mean(field) for field in _FIELDS)
    return TimelineScores(dates, concat1, concat2, align1, align2)


def score_dates(predicted: Timeline, references: Sequence[Timeline]) -> PRF:
    """Date selection against the union of the references' dates."""
    reference_dates = frozenset().union(*(reference.dates for reference in references))
    shared = len(predicted.dates & reference_dates)
    if not predicted.dates or not reference_dates:
        return ZERO
    return PRF.of(shared / len(predicted.dates), shared / len(reference_dates))


def approximate_rouge1(predicted: Sequence[str], references: Sequence[Sequence[str]]) -> float:
    """tilse's quick ROUGE-1 F1 of a daily summary against daily summaries, used as the content
    part of alignment costs: whitespace tokens, case kept, tokens that are a run of punctuation
    characters (a substring of ``string.punctuation``, exactly as tilse tests) dropped."""
    return _overlap_f1(_surface_counts(predicted), [_surface_counts(ref) for ref in references])


def _surface_counts(sentences: Sequence[str]) -> Counter[str]:
    return Counter(
        token for sent in sentences for token in sent.split() if token not in string.punctuation
    )


def _overlap_f1(predicted: Counter[str], references: Sequence[Counter[str]]) -> float:
    match = sum(min(count, ref[token]) for token, count in predicted.items() for ref in references)
    precision_denominator = len(references) * predicted.total()
    recall_denominator = sum(ref.total() for ref in references)
    precision = match / precision_denominator if precision_denominator else 0.0
    recall = match / recall_denominator if recall_denominator else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True, slots=True)
class _Counts:
    """ROUGE-1.5.5 raw counts: hits, predicted n-grams (once per reference), reference n-grams."""

    hits: int
    predicted: int
    reference: int


def _rouge_counts(predicted: Counter[Ngram], references: Sequence[Counter[Ngram]]) -> _Counts:
    hits = sum(min(count, ref[gram]) for gram, count in predicted.items() for ref in references)
    return _Counts(
        hits=hits,
        predicted=len(references) * predicted.total(),
        reference=sum(ref.total() for ref in references),
    )


def _ngrams(tokens: Sequence[str], n: int) -> Counter[Ngram]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _date_weight(first: date, second: date) -> float:
    return 1 / (abs(first.toordinal() - second.toordinal()) + 1)


class TimelineScorer:
    """Scores predicted timelines against reference timelines with every tilse measure above.

    One scorer serves one run; it caches the tokens of the texts it has seen (per instance).

    >>> scorer = TimelineScorer()
    >>> tl = Timeline.from_pairs([("2010-04-20", ["The rig exploded."])])
    >>> scorer.score(tl, references=[tl]).align_rouge1.f1
    1.0
    """

    def __init__(self, *, max_cached_texts: int = 100_000) -> None:
        self._split = tokenizers.DefaultTokenizer(use_stemmer=False)
        self._stemmer = tokenizers.DefaultTokenizer(use_stemmer=True)
        self._stems: dict[str, str] = {}
        self._tokens: dict[str, tuple[str, ...]] = {}
        self._max_cached_texts = max_cached_texts

    def tokens(self, text: str) -> tuple[str, ...]:
        """ROUGE tokens of ``text``: lower case, alphanumeric, stopwords out, Porter-stemmed."""
        cached = self._tokens.get(text)
        if cached is None:
            cached = tuple(
                self._stem(token)
                for token in self._split.tokenize(text)
                if token not in SMART_STOPWORDS
            )
            if len(self._tokens) >= self._max_cached_texts:
                self._tokens.clear()
            self._tokens[text] = cached
        return cached

    def _stem(self, token: str) -> str:
        stem = self._stems.get(token)
        if stem is None:
            stem = self._stemmer.tokenize(token)[0] if len(token) > 3 else token
            self._stems[token] = stem
        return stem

    def _summary_tokens(self, sentences: Iterable[str]) -> tuple[str, ...]:
        return tuple(token for sent in sentences for token in self.tokens(sent))

    def score(self, predicted: Timeline, *, references: Sequence[Timeline]) -> TimelineScores:
        """Date selection, concat and alignment ROUGE of ``predicted``; raises ValueError when
        there is no reference timeline or no reference date to score against."""
        if not references or not any(reference.dates for reference in references):
            raise ValueError("a timeline needs at least one non-empty reference to be scored")
        concat1, concat2 = self.score_concat(predicted, references=references)
        align1, align2 = self.score_alignment(predicted, references=references)
        return TimelineScores(
            dates=score_dates(predicted, references),
            concat_rouge1=concat1,
            concat_rouge2=concat2,
            align_rouge1=align1,
            align_rouge2=align2,
        )

    def score_concat(
        self, predicted: Timeline, *, references: Sequence[Timeline]
    ) -> tuple[PRF, PRF]:
        """ROUGE-1 and ROUGE-2 of all daily summaries concatenated in date order."""
        predicted_tokens = self._summary_tokens(
            sent for sentences in predicted.summaries.values() for sent in sentences
        )
        reference_tokens = [
            self._summary_tokens(sent for sentences in ref.summaries.values() for sent in sentences)
            for ref in references
        ]
        scores = []
        for n in (1, 2):
            counts = _rouge_counts(
                _ngrams(predicted_tokens, n), [_ngrams(tokens, n) for tokens in reference_tokens]
            )
            scores.append(
                PRF.of(_ratio(counts.hits, counts.predicted), _ratio(counts.hits, counts.reference))
            )
        return scores[0], scores[1]

    def score_alignment(
        self, predicted: Timeline, *, references: Sequence[Timeline]
    ) -> tuple[PRF, PRF]:
        """ROUGE-1 and ROUGE-2 after many-to-one date-content-cost alignment (tilse
        ``evaluate_align_date_content_costs_many_to_one``)."""
        predicted_days = sorted(predicted.dates)
        reference_days = sorted(frozenset().union(*(ref.dates for ref in references)))
        if not predicted_days or not reference_days:
            return ZERO, ZERO
        to_reference, to_predicted = align_many_to_one(
            predicted,
            references=references,
            predicted_days=predicted_days,
            reference_days=reference_days,
        )
        grams = {
            n: (
                [_ngrams(self._summary_tokens(predicted.summary(d)), n) for d in predicted_days],
                [
                    [_ngrams(self._summary_tokens(ref.summary(d)), n) for ref in references]
                    for d in reference_days
                ],
            )
            for n in (1, 2)
        }
        scores = []
        for n in (1, 2):
            predicted_grams, reference_grams = grams[n]
            precision_hits = 0.0
            precision_total = 0
            for i, j in enumerate(to_reference):
                counts = _rouge_counts(predicted_grams[i], reference_grams[j])
                weight = _date_weight(predicted_days[i], reference_days[j])
                precision_hits += weight * counts.hits
                precision_total += counts.predicted
            recall_hits = 0.0
            recall_total = 0
            for j, i in enumerate(to_predicted):
                counts = _rouge_counts(predicted_grams[i], reference_grams[j])
                weight = _date_weight(predicted_days[i], reference_days[j])
                recall_hits += weight * counts.hits
                recall_total += counts.reference
            scores.append(
                PRF.of(_ratio(precision_hits, precision_total), _ratio(recall_hits, recall_total))
            )
        return scores[0], scores[1]


def align_many_to_one(
    predicted: Timeline,
    *,
    references: Sequence[Timeline],
    predicted_days: Sequence[date],
    reference_days: Sequence[date],
) -> tuple[list[int], list[int]]:
    """For each predicted day, the index of its least-cost reference day; and for each reference
    day, the index of its least-cost predicted day. Ties go to the earliest day (numpy argmin)."""
    predicted_counts = [_surface_counts(predicted.summary(day)) for day in predicted_days]
    reference_counts = [
        [_surface_counts(ref.summary(day)) for ref in references] for day in reference_days
    ]
    costs = [
        [
            (1 - _date_weight(pred_day, ref_day))
            * (1 - _overlap_f1(predicted_counts[i], reference_counts[j]))
            for j, ref_day in enumerate(reference_days)
        ]
        for i, pred_day in enumerate(predicted_days)
    ]
    to_reference = [_argmin(row) for row in costs]
    to_predicted = [_argmin(column) for column in zip(*costs, strict=True)]
    return to_reference, to_predicted


def _argmin(values: Sequence[float]) -> int:
    """The index of the first smallest value, as numpy's argmin picks it."""
    return min(range(len(values)), key=values.__getitem__)
