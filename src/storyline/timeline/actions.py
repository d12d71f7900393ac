"""The same action dated differently by two reports, found by what is done and to what.

Sentence overlap (``timeline.entries``) finds a statement dated differently when reports word it
alike. Reports often word it differently: "the ship had left the port city of Nordvik late
Wednesday, calling at two islands" and "the vessel had left Nordvik on Thursday evening on its
regular crossing" share few words besides the two that matter. Here a dated action is a verb of a
small class of datable acts (leaving, arriving, meeting, striking, ...) with a name the story's
entity recogniser found within a few words after it ("left Nordvik", "boarded a train from
Pyongyang", "departing train in Pyongyang"), and a day-precise time in the same clause, near
the act and with no other verb between ("the oil's arrival in Texas was predicted Friday" dates
a prediction). Two reports that give one action with one name on different days disagree about
when it happened, unless the capitalised words before the verbs (who acted) have none in
common.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.model import Citation, Claim, Disagreement, Document, Entity, Sentence, TimeMention
from storyline.render.words import counted
from storyline.summarize.attribute import cite

# The verb forms of each class of datable acts (English: the summary language).
_ACTION_CLASSES = {
    "leave": "leave leaves leaving left depart departs departed departing departure board boards "
    "boarded boarding",
    "arrive": "arrive arrives arrived arriving arrival reach reaches reached reaching land lands "
    "landed landing",
    "meet": "meet meets met meeting",
    "strike": "strike strikes struck striking hit hits",
    "die": "die dies died dying",
    "sign": "sign signs signed signing",
}
_ACTION_FORMS = {
    form: action for action, forms in _ACTION_CLASSES.items() for form in forms.split()
}
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Where a clause ends: punctuation that closes one, and words that start another.
_CLAUSE_BREAK = re.compile(
    r"[;:](?=\s)|\s[—–]\s|,\s*(?:which|who|where|and|but|while|as|after|before|[^\W\d_]+ing)\b"
    r"|\s(?:that|but|while|after|before|when|until|since)\s",
    re.IGNORECASE,
)
_MAX_WORDS_TO_NAME = 5
"""Words at most between the verb and the name after it ("left the port city of Nordvik")."""
_MAX_WORDS_AFTER = 8
"""Words at most between the name and a time after it ("... to Vietnam on Saturday")."""
_MAX_WORDS_BEFORE = 3
"""Words at most between a time and the verb after it ("on Saturday Kim left")."""
# Words between an act and a time that show the time belongs to another verb: auxiliaries and
# reporting verbs (and, in ``_marks_a_verb``, past forms ending in "-ed").
_VERB_MARKERS = frozenset(
    "is are was were be been being has have had will would shall should can could may might must "
    "do does did says said say tell tells told".split()
)
_PRECISE = ("day", "time")


@dataclass(frozen=True, slots=True)
class DatedAction:
    """An act of ``action``'s class to or from ``target`` (an entity's name), said by a sentence
    to happen on ``day``; ``actors`` are the capitalised words before the verb in its clause
    (``_actors``), ``phrase`` the text from the verb to the name, ``mention`` the time
    expression."""

    action: str
    target: str
    day: str
    actors: frozenset[str]
    phrase: str
    mention: TimeMention
    citation: Citation


def dated_actions(
    documents: Sequence[Document],
    mentions: Mapping[tuple[str, int], Sequence[TimeMention]],
    entities: Sequence[Entity],
) -> list[DatedAction]:
    """Every dated action the documents' sentences state, in reading order."""
    names = _name_pattern(entities)
    if names is None:
        return []
    canonical = {alias.casefold(): entity.name for entity in entities for alias in entity.aliases}
    canonical.update((entity.name.casefold(), entity.name) for entity in entities)
    found: list[DatedAction] = []
    for document in documents:
        text = document.article.text
        for sent in document.sentences:
            precise = [
                mention
                for mention in mentions.get((sent.article_id, sent.index), ())
                if mention.granularity in _PRECISE
            ]
            if precise:
                found.extend(_sentence_actions(sent, text, precise, names, canonical))
    return found


def _name_pattern(entities: Sequence[Entity]) -> re.Pattern[str] | None:
    spellings = {
        spelling
        for entity in entities
        for spelling in (entity.name, *entity.aliases)
        if spelling.strip()
    }
    if not spellings:
        return None
    alternatives = "|".join(re.escape(name) for name in sorted(spellings, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _sentence_actions(
    sent: Sentence,
    text: str,
    mentions: Sequence[TimeMention],
    names: re.Pattern[str],
    canonical: Mapping[str, str],
) -> list[DatedAction]:
    found: list[DatedAction] = []
    for start, end in _clauses(sent):
        in_clause = [m for m in mentions if start <= m.start and m.end <= end]
        if not in_clause:
            continue
        clause_names = [
            (match.start(), match.end(), match.group())
            for match in names.finditer(text, start, end)
            if not any(m.start < match.end() and match.start() < m.end for m in in_clause)
        ]
        for verb in _WORD.finditer(text, start, end):
            action = _ACTION_FORMS.get(verb.group())  # lower case: a verb, not part of a name
            if action is None:
                continue
            target = _name_after(text, verb.end(), clause_names)
            if target is None:
                continue
            name_end, name = target
            mention = _time_of(text, in_clause, verb.start(), name_end)
            if mention is None:
                continue
            actors = _actors(text, start, verb.start(), in_clause)
            found.append(
                DatedAction(
                    action=action,
                    target=canonical.get(name.casefold(), name),
                    day=mention.when[:10],
                    actors=actors,
                    phrase=text[verb.start() : name_end],
                    mention=mention,
                    citation=cite(sent, text),
                )
            )
            break  # one act per clause: the first datable verb with a name after it
    return found


def _actors(text: str, start: int, end: int, mentions: Sequence[TimeMention]) -> frozenset[str]:
    """The capitalised words of ``text[start:end]`` (a clause up to its verb), lower-cased: who
    acted, as far as names tell. The clause's first word and the time expressions' are left
    out ("The", "We", "On Saturday")."""
    words = list(_WORD.finditer(text, start, end))[1:]
    return frozenset(
        word.group().lower()
        for word in words
        if word.group()[0].isupper() and not any(m.start <= word.start() < m.end for m in mentions)
    )


def _time_of(
    text: str, mentions: Sequence[TimeMention], start: int, end: int
) -> TimeMention | None:
    """The time expression that dates the act written at ``start:end`` (verb to name): the
    nearest of those within it, or after it with at most ``_MAX_WORDS_AFTER`` words between, or
    before it with at most ``_MAX_WORDS_BEFORE``; words between that mark another verb
    ("was predicted Friday") leave the time to that verb."""
    dating: list[tuple[int, TimeMention]] = []
    for mention in mentions:
        if start <= mention.start and mention.end <= end:
            dating.append((0, mention))
            continue
        after = mention.start >= end
        gap = (
            _WORD.findall(text, end, mention.start)
            if after
            else _WORD.findall(text, mention.end, start)
        )
        if len(gap) <= (_MAX_WORDS_AFTER if after else _MAX_WORDS_BEFORE) and not any(
            _marks_a_verb(word) for word in gap
        ):
            dating.append((len(gap) + 1, mention))
    return min(dating, key=lambda item: item[0])[1] if dating else None


def _marks_a_verb(word: str) -> bool:
    lowered = word.lower()
    return lowered in _VERB_MARKERS or (lowered.endswith("ed") and len(lowered) > 4)


def _clauses(sent: Sentence) -> list[tuple[int, int]]:
    """The sentence cut into clauses, as offsets into the article text."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for cut in _CLAUSE_BREAK.finditer(sent.text):
        bounds.append((sent.start + start, sent.start + cut.start()))
        start = cut.start() + 1  # the breaking word stays with the clause it opens
    bounds.append((sent.start + start, sent.end))
    return bounds


def _name_after(
    text: str, position: int, names: Sequence[tuple[int, int, str]]
) -> tuple[int, str] | None:
    """The first name after ``position`` with at most ``_MAX_WORDS_TO_NAME`` words between."""
    for name_start, name_end, name in names:
        if name_start < position:
            continue
        if len(_WORD.findall(text, position, name_start)) <= _MAX_WORDS_TO_NAME:
            return name_end, name
        return None
    return None


def action_disagreements(actions: Sequence[DatedAction]) -> list[Disagreement]:
    """Acts of one class with one name given on different days by different reports."""
    by_act: dict[tuple[str, str], list[DatedAction]] = defaultdict(list)
    for action in actions:
        by_act[(action.action, action.target)].append(action)
    disagreements: list[Disagreement] = []
    for group in by_act.values():
        sides = _sides(group)
        if len(sides) < 2:
            continue
        claims = tuple(_claim(side) for side in sides)
        disagreements.append(
            Disagreement(
                about=f"when: {sides[0][0].phrase}", claims=claims, note=dating_note(claims)
            )
        )
    return disagreements


def dating_note(claims: Sequence[Claim]) -> str:
    """The note of a disagreement about a date: each day with its number of sources."""
    days = ", ".join(f"{claim.value} ({counted(len(claim.sources), 'source')})" for claim in claims)
    return f"Reports date this differently: {days}."


def _sides(group: Sequence[DatedAction]) -> list[list[DatedAction]]:
    """The days ``group``'s reports give, most reports first, each with its statements; only
    days given by a report that gives no other, and only when the actors can be the same."""
    by_day: dict[str, list[DatedAction]] = defaultdict(list)
    for action in group:
        by_day[action.day].append(action)
    if len(by_day) < 2:
        return []
    articles = {day: {action.citation.article for action in side} for day, side in by_day.items()}
    sides = [
        side
        for day, side in by_day.items()
        if articles[day] - set().union(*(seen for other, seen in articles.items() if other != day))
    ]
    if len(sides) < 2 or not _same_actors(sides):
        return []
    return sorted(sides, key=lambda side: (-len({a.citation.article for a in side}), side[0].day))


def _same_actors(sides: Sequence[Sequence[DatedAction]]) -> bool:
    """False when two sides name who acted and no word of those names is shared."""
    named = [frozenset().union(*(action.actors for action in side)) for side in sides]
    named = [actors for actors in named if actors]
    return all(
        not left.isdisjoint(right) for i, left in enumerate(named) for right in named[i + 1 :]
    )


def _claim(side: Sequence[DatedAction]) -> Claim:
    day = side[0].day
    sources: dict[tuple[str, int], Citation] = {}
    for action in side:
        sources.setdefault((action.citation.article, action.citation.sentence), action.citation)
    return Claim(
        text=side[0].mention.text,
        value=day,
        unit=None,
        normalized=day,
        sources=tuple(sources.values()),
    )


def without_repeats(
    found: Sequence[Disagreement], earlier: Sequence[Disagreement]
) -> list[Disagreement]:
    """``found`` without the disagreements whose sides cite sentences ``earlier`` ones cite."""
    cited = {
        (source.article, source.sentence)
        for disagreement in earlier
        for claim in disagreement.claims
        for source in claim.sources
    }
    return [
        disagreement
        for disagreement in found
        if not all(
            any((source.article, source.sentence) in cited for source in claim.sources)
            for claim in disagreement.claims
        )
    ]
