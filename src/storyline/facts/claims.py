"""Facts and disagreements from the quantities the reports state.

Quantities of one kind (a distance, a duration, a count of passengers) are statements of the same
slot of the story when they agree in value, or when they are within a factor of two of each other
and their sentences share words: "a trip of 4,500 km" and "the 2,700-mile train journey" are the
journey's length; "the 170 km drive to Hanoi" is something else. Within a slot, values within a
tolerance after normalisation (5 % by default) are one fact, cited to every report stating it;
a slot holding several facts is a disagreement, with a note saying what differs and whether the
difference may be a different measure ("as the crow flies").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from storyline.disjoint_sets import DisjointSets
from storyline.facts.quantities import is_unit_word
from storyline.model import Citation, Claim, Disagreement, Fact, Quantity, Sentence
from storyline.summarize.attribute import cite
from storyline.terms import STOPWORDS, TermExtractor

SentenceIndex = Mapping[tuple[str, int], Sentence]
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_CONTEXT_WORDS = 6
# The words either side of a figure that say what it measures, when two reports' figures are
# compared as rival claims (``_same_thing``); more for a distance, which names what it is
# measured from ("about 4 miles off the island of Halmsey").
_SIDE_WORDS = 3
_SIDE_WORDS_BY_KIND = {"distance": 5}
# The words of its clause before a figure whose names say whose figure it is.
_NAME_WORDS = 8
_TIME_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)
_PHRASE_WORDS = 4
_COUNT_KINDS = frozenset({"people", "count"})
_MIN_COUNT = 3
_KIND_NOUNS = {"people": "number of people", "count": "number", "money": "amount"}
# Kinds compared by their ratio; percentages by percentage points.
_ABSOLUTE_KINDS = frozenset({"percentage"})


@dataclass(frozen=True, slots=True)
class FactSettings:
    """How statements become facts and disagreements.

    tolerance: values within this relative difference agree (``approximate_tolerance`` when a
    statement says "about"); exact counts of people or things agree only within
    ``count_tolerance`` (214 passengers is not 212); percentages within ``percentage_points``.
    max_ratio: values further apart than this factor are never statements of one slot.
    min_shared_words: content words two sentences must share for their quantities to be linked.
    """

    tolerance: float = 0.05
    approximate_tolerance: float = 0.10
    count_tolerance: float = 0.0
    percentage_points: float = 1.0
    max_ratio: float = 2.0
    min_shared_words: int = 2


@dataclass(frozen=True, slots=True)
class _Statement:
    quantity: Quantity
    citation: Citation
    stems: frozenset[str]
    context: frozenset[str]
    phrase: str
    fate: str | None = None
    # Stems of the content words just before and just after the figure (names included, unit
    # words left out), and of the word right after it ("the 24-ton Zarya", "43 nations").
    before: frozenset[str] = frozenset()
    after: frozenset[str] = frozenset()
    measured: frozenset[str] = frozenset()
    # The names in its clause before the figure, lower-case: whose figure it is ("BP shares fell
    # 7 %", "Shell's shares traded up 0.8 percent").
    names: frozenset[str] = frozenset()


def quantity_facts(
    quantities: Sequence[Quantity],
    *,
    sentences: SentenceIndex,
    texts: Mapping[str, str],
    terms: TermExtractor,
    settings: FactSettings | None = None,
    published: Mapping[str, date] | None = None,
) -> tuple[tuple[Fact, ...], tuple[Disagreement, ...]]:
    """Facts (one per agreed value of each slot) and disagreements (slots with several values).

    ``published`` is the day each report was published, when its source gives it: a note says
    when the rival values come from reports of different days (``_days_note``)."""
    settings = settings or FactSettings()
    statements = _statements(quantities, sentences=sentences, texts=texts, terms=terms)
    facts: list[Fact] = []
    disagreements: list[Disagreement] = []
    for slot in _slots(statements, settings=settings):
        values = _agreeing_values(slot, settings=settings)
        claims = _contested(values)
        if values[0][0].quantity.kind not in _COUNT_KINDS:
            claims = _rivals(claims)
        about = _about(claims[0])
        # A value shown as a rival is about what the main value is about; any other value of
        # the slot is a fact of its own, about what its own words say.
        facts.extend(
            _fact(group, about=about if any(group is claim for claim in claims) else _about(group))
            for group in values
        )
        if len(claims) > 1:
            disagreements.append(_disagreement(claims, about=about, published=published or {}))
    facts.sort(key=lambda fact: -len({citation.article for citation in fact.sources}))
    return tuple(facts), tuple(disagreements)


def _statements(
    quantities: Sequence[Quantity],
    *,
    sentences: SentenceIndex,
    texts: Mapping[str, str],
    terms: TermExtractor,
) -> list[_Statement]:
    statements: list[_Statement] = []
    seen: set[tuple[str, int, str, float]] = set()
    for quantity in quantities:
        sent = sentences.get((quantity.article_id, quantity.sentence))
        if sent is None or _is_trivial(quantity) or _is_time_anchor(quantity, sent):
            continue
        # "170 km (105 miles)": one statement, however many units it is given in.
        key = (quantity.article_id, quantity.sentence, quantity.kind, _rounded(quantity))
        if key in seen:
            continue
        seen.add(key)
        statements.append(
            _Statement(
                quantity=quantity,
                citation=cite(sent, texts[quantity.article_id]),
                stems=frozenset(terms.content_stems(sent.text)) - _unit_stems(quantity, terms),
                context=_context_stems(sent, quantity, terms) - _unit_stems(quantity, terms),
                phrase=_phrase(sent, quantity),
                fate=_fate(sent, quantity, terms),
                **_sides(sent, quantity, terms),
            )
        )
    return statements


def _sides(sent: Sentence, quantity: Quantity, terms: TermExtractor) -> dict[str, frozenset[str]]:
    """The ``before``, ``after``, ``measured`` and ``names`` of a statement (see
    ``_Statement``)."""
    start, end = quantity.start - sent.start, quantity.end - sent.start
    reach = _SIDE_WORDS_BY_KIND.get(quantity.kind, _SIDE_WORDS)
    preceding = _words(sent.text[:start])
    before = [w for w in preceding[-reach:] if not is_unit_word(w)]
    clause = _words(re.split(r"[,;:()]", sent.text[:start])[-1])
    opening = len(clause) == len(preceding)  # the clause opens the sentence
    names = [
        word.lower()
        for i, word in enumerate(clause)
        if i >= len(clause) - _NAME_WORDS
        and word[:1].isupper()
        and (i > 0 or not opening or word.lower() not in STOPWORDS)  # not an opening "The"
        and word.lower() not in _TIME_NAMES  # "on Monday" says when, not whose
        and not is_unit_word(word)
    ]
    following = _words(sent.text[end:])[:reach]
    after = [w for w in following if not is_unit_word(w)]
    first = following[:1] if following and not is_unit_word(following[0]) else []
    if quantity.kind in _AGE_KINDS:
        first = []  # "a 14-year-old girl", "a six-year-old girl": two girls
    return {
        "before": frozenset(terms.content_stems(" ".join(before))),
        "after": frozenset(terms.content_stems(" ".join(after))),
        "measured": frozenset(terms.content_stems(" ".join(first))),
        "names": frozenset(names),
    }


def _is_trivial(quantity: Quantity) -> bool:
    """ "Two leaders", "one day": small counts are wording, not figures worth checking."""
    return quantity.kind in _COUNT_KINDS and quantity.value < _MIN_COUNT


def _is_time_anchor(quantity: Quantity, sent: Sentence) -> bool:
    """ "Four years ago", "a week ago": a duration that says when something happened, counted
    back from the day the report was written, not how long anything lasted. Two reports' such
    anchors are of different events, or of one event written on different days ("a week ago",
    "ten days ago"); on DUC 2004 they made 9 of 129 disagreements ("only four years ago"
    against "two years ago"). The timeline dates what they anchor. A gap between two events
    ("three days after crossing the border", "two hours later") is kept: it is a measure the
    reports can disagree on."""
    if quantity.kind != "duration":
        return False
    after = sent.text[quantity.end - sent.start :].split(None, 1)
    return bool(after) and after[0].strip(".,;:!?\"'”’)").lower() == "ago"


def _rounded(quantity: Quantity) -> float:
    if quantity.normalized == 0:
        return 0.0
    digits = 2 - math.floor(math.log10(abs(quantity.normalized)))
    return round(quantity.normalized, digits)


def _unit_stems(quantity: Quantity, terms: TermExtractor) -> frozenset[str]:
    return frozenset(terms.content_stems(quantity.text))


def _context_stems(sent: Sentence, quantity: Quantity, terms: TermExtractor) -> frozenset[str]:
    """The stems of the content words near the quantity (``_CONTEXT_WORDS`` on either side, in
    its sentence, names left out): what it counts or measures ("killed", "winched", "journey")."""
    before, after = _near_words(sent, quantity)
    words = [word for word in (*before, *after) if word.lower() not in STOPWORDS and word.islower()]
    return frozenset(terms.content_stems(" ".join(words)))


def _near_words(sent: Sentence, quantity: Quantity) -> tuple[list[str], list[str]]:
    """The ``_CONTEXT_WORDS`` words before the quantity and as many after it, in its sentence."""
    before = _WORD.findall(sent.text[: quantity.start - sent.start])[-_CONTEXT_WORDS:]
    after = _WORD.findall(sent.text[quantity.end - sent.start :])[:_CONTEXT_WORDS]
    return before, after


def _fate(sent: Sentence, quantity: Quantity, terms: TermExtractor) -> str | None:
    """What befell the people or things counted, when the word nearest the count says it:
    "dead" ("killing 7 people") or "hurt" ("injuring 25 people"); None otherwise. A death toll
    and a count of the injured are never one figure, however alike their sentences."""
    if quantity.kind not in _COUNT_KINDS:
        return None
    before, after = _near_words(sent, quantity)
    by_distance = sorted(
        [(len(before) - i, word) for i, word in enumerate(before)]
        + [(i + 1, word) for i, word in enumerate(after)],
        key=lambda item: item[0],
    )
    for _, word in by_distance:
        for stem in terms.content_stems(word):
            fate = _FATES.get(stem)
            if fate is not None:
                return fate
    return None


# Stems of the words that say what befell people: killed or injured.
_FATES = {
    **dict.fromkeys("kill dead die death fatal bodi drown perish".split(), "dead"),
    **dict.fromkeys("injur injuri hurt wound hospit hospitalis hospitaliz".split(), "hurt"),
}


def _phrase(sent: Sentence, quantity: Quantity) -> str:
    """The quantity with a few words either side, within its clause: "a long trip of 4,500 km"."""
    start = quantity.start - sent.start
    end = quantity.end - sent.start
    before = re.split(r"[,;:()]", sent.text[:start])[-1].split()[-_PHRASE_WORDS:]
    after = re.split(r"[,;:()]", sent.text[end:])[0].split()[:_PHRASE_WORDS]
    words = [*before, quantity.text, *after]
    return " ".join(words).strip(" .!?")


@dataclass(frozen=True, slots=True)
class _Alike:
    """Statements of one value that any other statement links to alike.

    They agree with each other (so they share a slot), and a link to another statement depends
    only on the value, the approximation, the qualifier and the sentence's words, which they
    share, and on whether the two sentences are one, checked with ``places``.
    """

    head: _Statement
    members: list[int]
    places: set[tuple[str, int]]


def _alike_key(
    statement: _Statement,
) -> tuple[float, bool, str | None, frozenset[str], frozenset[str], str | None]:
    quantity = statement.quantity
    return (
        quantity.normalized,
        quantity.approximate,
        quantity.qualifier,
        statement.stems,
        statement.context,
        statement.fate,
    )


def _linked(left: _Alike, right: _Alike, *, settings: FactSettings) -> bool:
    """Whether some statement of ``left`` and some of ``right`` state the same slot.

    The same answer as trying every pair: counts of the dead and of the injured never link
    (``_fate``); values that agree link; values further apart than
    ``max_ratio`` do not; otherwise two statements in one sentence link when their qualifiers
    differ ("4,500 km by road, 2,700 as the crow flies"), in two sentences when those share
    ``min_shared_words`` content words and the words near the two quantities share one (what
    they count: "killing 60 people" and "killing 65 people", not "140 people died in El
    Salvador" and "at least 231 people have been confirmed dead in Honduras"; on the 50 DUC 2004
    clusters this left 70 of 120 disagreements, and the 50 it dropped were of different things).
    """
    a, b = left.head.quantity, right.head.quantity
    if None not in (left.head.fate, right.head.fate) and left.head.fate != right.head.fate:
        return False  # the dead and the injured
    if _agree(a, b, settings=settings):
        return True
    if a.kind not in _ABSOLUTE_KINDS and not _within_ratio(a, b, settings=settings):
        return False
    qualifiers_differ = a.qualifier != b.qualifier
    words_shared = len(left.head.stems & right.head.stems) >= settings.min_shared_words and bool(
        left.head.context & right.head.context
    )
    if words_shared and qualifiers_differ:
        return True
    if words_shared:  # a pair in two sentences, unless all are in one and the same sentence
        return not (len(left.places) == 1 and left.places == right.places)
    if qualifiers_differ:  # a pair in one sentence
        return not left.places.isdisjoint(right.places)
    return False


def _within_ratio(a: Quantity, b: Quantity, *, settings: FactSettings) -> bool:
    low, high = sorted((abs(a.normalized), abs(b.normalized)))
    return low > 0 and high / low <= settings.max_ratio


def _agree(a: Quantity, b: Quantity, *, settings: FactSettings, bounds: bool = False) -> bool:
    """Whether two values are one fact: equal within the tolerance, or (with ``bounds``) one
    is a bound that holds the other (``_within_bounds``). A bound says little of what a figure
    is about, so it links no slot ("more than a year" is no sign that "a year" and "two years"
    count the same thing): only the values of a slot are compared with it."""
    if a.kind in _ABSOLUTE_KINDS:
        return abs(a.normalized - b.normalized) <= settings.percentage_points
    if bounds and _within_bounds(a, b, settings=settings):
        return True
    if a.approximate or b.approximate:
        tolerance = settings.approximate_tolerance
    elif a.kind in _COUNT_KINDS:
        tolerance = settings.count_tolerance
    else:
        tolerance = settings.tolerance
    scale = max(abs(a.normalized), abs(b.normalized))
    return scale == 0 or abs(a.normalized - b.normalized) / scale <= tolerance


def _within_bounds(a: Quantity, b: Quantity, *, settings: FactSettings) -> bool:
    """Whether a bound one quantity states holds the other, within ``settings.max_ratio`` of it:
    "more than a month" holds "five weeks", "up to 40 people" holds "35 people"; two lower
    bounds (or two upper ones) never contradict each other, and a lower bound holds an upper one
    above it."""
    first, second = _bound(a), _bound(b)
    if (first is None and second is None) or not _within_ratio(a, b, settings=settings):
        return False  # "up to two weeks" holds "a day", but hardly states it
    if first is not None and first == second:
        return True
    slack = 1 + settings.approximate_tolerance
    low, high = (a, b) if first == "lower" or second == "upper" else (b, a)
    return low.normalized <= high.normalized * slack


def _bound(quantity: Quantity) -> str | None:
    """ "lower" for a quantity stated as a lower bound ("more than 200"), "upper" for an upper
    one ("up to 200"), None otherwise."""
    opening = " ".join(quantity.text.lower().split()[:3])
    if opening.startswith(_LOWER_BOUNDS):
        return "lower"
    if opening.startswith(_UPPER_BOUNDS):
        return "upper"
    return None


_LOWER_BOUNDS = (
    *("more than ", "over ", "at least ", "upwards of ", "upward of ", "in excess of "),
    *("no fewer than ", "no less than ", "a little over ", "a little more than "),
)
_UPPER_BOUNDS = (
    *("less than ", "fewer than ", "at most ", "up to ", "no more than ", "not more than "),
    *("as many as ", "as much as ", "under "),
)


def _slots(statements: Sequence[_Statement], *, settings: FactSettings) -> list[list[_Statement]]:
    """Connected groups of statements of the same slot (union-find over linked pairs).

    Statements are compared by kind and unit, in order of size (a value more than ``max_ratio``
    times another's ends the comparisons), and alike statements (one value, approximation,
    qualifier and set of words) once for all: a figure repeated through a story costs one
    comparison with each other figure, not one per repetition.
    """
    sets = DisjointSets(range(len(statements)))
    buckets: dict[tuple[str, str | None], dict[object, _Alike]] = {}
    for i, statement in enumerate(statements):
        quantity = statement.quantity
        alike = buckets.setdefault((quantity.kind, quantity.base_unit), {})
        key = _alike_key(statement)
        if key in alike:
            alike[key].members.append(i)
            sets.union(alike[key].members[0], i)
        else:
            alike[key] = _Alike(statement, [i], set())
        alike[key].places.add((quantity.article_id, quantity.sentence))
    for (kind, _), alike in buckets.items():
        ordered = sorted(alike.values(), key=lambda group: abs(group.head.quantity.normalized))
        for a, left in enumerate(ordered):
            ceiling = abs(left.head.quantity.normalized) * settings.max_ratio
            for right in ordered[a + 1 :]:
                if kind not in _ABSOLUTE_KINDS and abs(right.head.quantity.normalized) > ceiling:
                    break  # sorted: every later value is further apart still
                if _linked(left, right, settings=settings):
                    sets.union(left.members[0], right.members[0])
    groups: dict[int, list[_Statement]] = {}
    for i, statement in enumerate(statements):
        groups.setdefault(sets.find(i), []).append(statement)
    return list(groups.values())


@dataclass(slots=True)
class _ValueGroup:
    """Statements of one agreed value, with their distinct values and their reports."""

    members: list[_Statement]
    values: dict[tuple[str, float, bool], Quantity]
    articles: set[str]

    def agrees_with(self, quantity: Quantity, *, settings: FactSettings) -> bool:
        return all(
            _agree(value, quantity, settings=settings, bounds=True)
            for value in self.values.values()
        )

    def add(self, statement: _Statement) -> None:
        quantity = statement.quantity
        self.members.append(statement)
        self.values.setdefault((quantity.kind, quantity.normalized, quantity.approximate), quantity)
        self.articles.add(statement.citation.article)


def _agreeing_values(
    slot: Sequence[_Statement], *, settings: FactSettings
) -> list[list[_Statement]]:
    """The slot's statements grouped by value: each joins the first group it agrees with.

    Exact figures are grouped first; an approximate one ("more than 200") then joins the most
    widely reported group it agrees with, so it cannot bridge two different exact figures.
    A statement is compared with each distinct value of a group (agreement depends only on the
    kind, the value and whether it is approximate), so repeating a figure costs no more
    comparisons.
    """
    ordered = sorted(
        slot, key=lambda statement: (statement.quantity.approximate, statement.quantity.normalized)
    )
    groups: list[_ValueGroup] = []
    for statement in ordered:
        agreeing = [
            group for group in groups if group.agrees_with(statement.quantity, settings=settings)
        ]
        if agreeing:
            max(agreeing, key=lambda group: len(group.articles)).add(statement)
        else:
            group = _ValueGroup([], {}, set())
            group.add(statement)
            groups.append(group)
    groups.sort(key=lambda group: -len(group.articles))
    return [group.members for group in groups]


def _contested(values: Sequence[Sequence[_Statement]]) -> list[Sequence[_Statement]]:
    """The value groups that really oppose each other.

    A value stated only by reports that also state a more widely reported value of the slot is
    something else those reports say ("23 in the town, 35 in the region"), not a rival claim;
    unless it is qualified as a different measure ("as the crow flies"), which is worth showing.
    """
    contested: list[Sequence[_Statement]] = []
    for i, group in enumerate(values):
        articles = _articles(group)
        subsumed = any(articles <= _articles(other) for other in values[:i])
        qualified = any(statement.quantity.qualifier for statement in group)
        if not subsumed or qualified:
            contested.append(group)
    return contested


def _words(text: str) -> list[str]:
    """The words of ``text``, tokenised brackets left out ("-LRB- 1.6 km -RRB-")."""
    return [word for word in _WORD.findall(text) if word.strip("-") not in _BRACKET_TOKENS]


_BRACKET_TOKENS = frozenset("LRB RRB LCB RCB LSB RSB".split())
# Kinds whose word after the figure names the kind of thing, not the thing itself.
_AGE_KINDS = frozenset({"age"})


def _rivals(claims: Sequence[Sequence[_Statement]]) -> list[Sequence[_Statement]]:
    """The most widely reported value that has rivals, and the values that clearly state the
    same thing as it (the first value alone when none has).

    A duration, a sum, a percentage or a distance recurs in many roles through a story (a
    two-year sentence and a two-year-old coalition; a deficit and a surplus "of gross domestic
    product"), and sentences that share words are no proof that two such figures measure one
    thing. A rival value is shown only when one of its statements and one of the head value's,
    in two reports, measure the same thing (``_same_thing``), or when one sentence gives both
    as different measures ("as the crow flies", ``_opposed``). Counts of people and things are
    not filtered: what they count, and what befell the people, says that already. (On the 50
    DUC 2004 clusters this left 16 of 64 disagreements; of the 64, 13 read as real rival
    figures, and 10 of those are among the 16.)"""
    for head in claims:  # the most widely reported value with a rival, and its rivals
        kept = [
            other
            for other in claims
            if other is not head and any(_opposed(a, b) for a in head for b in other)
        ]
        if kept:
            return [head, *kept]
    return list(claims[:1])


def _opposed(a: _Statement, b: _Statement) -> bool:
    """Whether two statements of different values are rival claims: in one sentence, when their
    qualifiers differ ("about 2,900 km apart as the crow flies, 4,500 km by rail"); in two
    reports, when they measure the same thing (``_same_thing``)."""
    if (a.quantity.article_id, a.quantity.sentence) == (b.quantity.article_id, b.quantity.sentence):
        return a.quantity.qualifier != b.quantity.qualifier
    if a.citation.quote == b.citation.quote:
        return False  # one sentence copied into two reports states both figures
    return a.citation.article != b.citation.article and _same_thing(a, b)


def _same_thing(a: _Statement, b: _Statement) -> bool:
    """Whether two figures measure the same thing: the word right after them is one ("the
    44,000-pound Zarya", "the 24-ton Zarya"), or the words before them have one in common and
    the words either side two ("trailing Voinovich by 10 percentage points in some polls", "the
    rescue took five hours", "the rescue took nearly six hours"). Figures of two different
    names are two things ("BP shares fell 7 %", "Transocean shares fell 3.7 %")."""
    if a.names and b.names and a.names.isdisjoint(b.names):
        return False
    if a.measured & b.measured:
        return True
    shared_before = len(a.before & b.before)
    return shared_before > 0 and shared_before + len(a.after & b.after) >= 2


def _articles(group: Sequence[_Statement]) -> set[str]:
    return {statement.citation.article for statement in group}


def _about(group: Sequence[_Statement]) -> str:
    """What a value is about: its kind and the most common wording with a few words around it."""
    return f"{group[0].quantity.kind}: {_most_common_wording(group).phrase}"


def _fact(group: Sequence[_Statement], *, about: str) -> Fact:
    head = _most_common_wording(group)
    return Fact(
        kind=head.quantity.kind,
        about=about,
        text=head.quantity.text,
        value=head.quantity.normalized,
        unit=head.quantity.base_unit,
        sources=tuple(statement.citation for statement in group),
    )


def _most_common_wording(group: Sequence[_Statement]) -> _Statement:
    """The wording most reports use, a figure before a bound ("43 Mexicans" before "up to 70
    Mexicans", which only allows it: a bound named for the group would read as the value of
    another); on a tie, the one nearest the group's median value."""
    counts = Counter(statement.quantity.text.lower() for statement in group)
    values = sorted(statement.quantity.normalized for statement in group)
    median = values[len(values) // 2]
    return max(
        group,
        key=lambda statement: (
            _bound(statement.quantity) is None,
            counts[statement.quantity.text.lower()],
            -abs(statement.quantity.normalized - median),
        ),
    )


def _disagreement(
    values: Sequence[Sequence[_Statement]], *, about: str, published: Mapping[str, date]
) -> Disagreement:
    # Each value's wording, chosen once: the claim, the note and the days note name it.
    heads = [_most_common_wording(group).quantity for group in values]
    claims = tuple(
        Claim(
            text=head.text,
            value=head.value,
            unit=head.unit,
            normalized=head.normalized,
            sources=tuple(statement.citation for statement in group),
        )
        for head, group in zip(heads, values, strict=True)
    )
    note = _note(values, heads) + _days_note(values, heads, published)
    return Disagreement(about=about, claims=claims, note=note)


# The other wordings of a value a note names, at most (the most frequent first).
_MAX_WORDINGS = 3


def _by_frequency(wordings: Sequence[str], *, without: str) -> list[str]:
    """The distinct ``wordings`` other than ``without``, the most frequent first, then in
    alphabetical order."""
    counts: dict[str, int] = {}
    for wording in wordings:
        if wording != without:
            counts[wording] = counts.get(wording, 0) + 1
    return sorted(counts, key=lambda wording: (-counts[wording], wording))


def _note(values: Sequence[Sequence[_Statement]], heads: Sequence[Quantity]) -> str:
    """What differs: each value (``heads``: as named) with its reports and other wordings, and
    how far apart the values named are."""
    sides = []
    for head, group in zip(heads, values, strict=True):
        reports = len(_articles(group))
        wordings = _by_frequency(
            [statement.quantity.text for statement in group], without=head.text
        )
        shown = wordings[:_MAX_WORDINGS]
        more = len(wordings) - len(shown)
        also = f", also given as {', '.join(shown)}" if shown else ""
        also += f" and {more} other wording{'s' if more != 1 else ''}" if more else ""
        sides.append(f"{head.text} ({reports} report{'s' if reports != 1 else ''}{also})")
    named = [abs(head.normalized) for head in heads]
    low, high = min(named), max(named)
    spread = f"; they differ by {100 * (high - low) / high:.0f} %" if high else ""
    kind = values[0][0].quantity.kind
    noun = _KIND_NOUNS.get(kind, kind)
    note = f"Reports give this {noun} differently: {' vs '.join(sides)}{spread}."
    qualified = {
        statement.quantity.qualifier
        for group in values
        for statement in group
        if statement.quantity.qualifier
    }
    if qualified:
        measures = ", ".join(sorted(qualified))
        note += f" Some figures are measured differently ({measures}), which may explain it."
    return note


# Kinds of figures that grow or shrink as news comes in: tolls, counts, sums, spills, areas.
_UPDATED_KINDS = frozenset({"people", "count", "money", "volume", "area"})


def _days_note(
    values: Sequence[Sequence[_Statement]],
    heads: Sequence[Quantity],
    published: Mapping[str, date],
) -> str:
    """A sentence saying that the values come from reports of different days, one after the
    other, when they do ("79 cases on 2009-04-29, 91 human cases on 2009-04-30"): a count
    that grows as news comes in is an update, not a contradiction. Empty when a report's day is
    unknown or the values' days overlap, and for kinds that news does not update (an age, a
    distance, a duration)."""
    if values[0][0].quantity.kind not in _UPDATED_KINDS:
        return ""
    spans: list[tuple[date, date, str]] = []
    for head, group in zip(heads, values, strict=True):
        days = [published.get(article) for article in _articles(group)]
        known = [day for day in days if day is not None]
        if len(known) < len(days):
            return ""
        spans.append((min(known), max(known), head.text))
    spans.sort()
    if any(earlier[1] >= later[0] for earlier, later in pairwise(spans)):
        return ""
    parts = ", ".join(
        f"{text} on {first.isoformat()}"
        if first == last
        else f"{text} from {first.isoformat()} to {last.isoformat()}"
        for first, last, text in spans
    )
    return f" The reports are of different days ({parts}): a later figure may be an update."
