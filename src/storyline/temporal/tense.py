"""The tense around a time expression: does "on Tuesday" point back or ahead?

The nearest tense cue to the left of the expression decides ("arrived in Vietnam on Tuesday",
"announced Saturday that ... will"), else the nearest to its right ("On Tuesday, Kim arrived");
a semicolon bounds the search. Cues:

- future: will, shall, would, 'll; "due", "expected", "scheduled", "slated", "upcoming";
  "plans/going/intends ... to", "set to/for" (any other "set" is past);
- past: was, were, had, did, "ago", "since", and past forms (irregular ones such as said,
  left, met, and words in -ed that read as verbs: not capitalised, not hyphenated), unless after
  a determiner ("the armored train") or a form of "be", where they are passive participles
  ("would be followed", "will be held": the auxiliary decides);
- "until Sunday", "through Friday": the end of a span is read as the nearest such day;
- "after" following a duration ("eight months after their summit in June"): the named time lies
  before the event the sentence reports, so it reads as past;
- to the right, "that" with a subject of its own after it opens a clause with its own tense
  ("the announcement on Wednesday that it will pay"): the search stops there.
"""

from __future__ import annotations

import re

from storyline.temporal.spec import Tense

_WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*|;")

_FUTURE = frozenset(
    "will shall would wo won't won’t upcoming expected expects scheduled scheduling slated".split()
)
_FUTURE_BEFORE_TO = frozenset(
    "going plan plans planned planning intend intends intended aims aiming poised".split()
)
_PAST = frozenset("was were had did ago previously since".split())
_IRREGULAR_PAST = frozenset(
    """
    said told left met went came took made held began gave saw sent spoke wrote flew won lost got
    found kept brought thought felt stood led paid fled fell rose struck drove ran became broke
    chose drew knew meant sought sold shot shook swore taught threw understood wore withdrew arose
    caught dealt fought grew heard hung slept spent stole stuck swept tore built bought sank sang
    rang shrank sprang spun wept
    """.split()
)
_BE = frozenset("be been being is are am was were 's 're".split())
_DETERMINERS = frozenset(
    "the a an this that these those his her its their our my your some much long well widely "
    "highly newly so".split()
)
_NOT_VERBS = frozenset(
    "need speed seed feed breed deed greed weed bleed proceed exceed succeed indeed hundred "
    "kindred sacred naked wicked rugged beloved wretched crooked ragged aged".split()
)
_OPEN_ENDED = frozenset("until till through".split())
_DURATION_UNITS = frozenset("days weeks months years decades day week month year".split())


def tense_at(text: str, *, start: int, end: int) -> Tense:
    """The tense of the clause around ``text[start:end]``."""
    before = _WORD.findall(text, 0, start)
    if before and before[-1].lower() in _OPEN_ENDED:
        # "has cancelled sailings until Sunday": the end of a span, read as the nearest such day.
        return Tense.UNKNOWN
    for index in range(len(before) - 1, -1, -1):
        tense = _cue(before, index)
        if tense is not Tense.UNKNOWN:
            return Tense.UNKNOWN if tense is None else tense
    after = _WORD.findall(text, end)
    for index in range(len(after)):
        if _opens_a_clause_of_its_own(after, index):
            # "the announcement on Wednesday that it will pay": what is announced has its own
            # tense ("the explosion on April 20 that killed 11" goes on: "that" is its subject).
            return Tense.UNKNOWN
        tense = _cue(after, index)
        if tense is not Tense.UNKNOWN:
            return Tense.UNKNOWN if tense is None else tense
    return Tense.UNKNOWN


def _cue(words: list[str], index: int) -> Tense | None:
    """The tense ``words[index]`` gives, UNKNOWN for none, ``None`` at a clause boundary (";")."""
    word = words[index]
    lower = word.lower()
    if lower == ";":
        return None
    if lower in _FUTURE or lower.endswith(("'ll", "’ll")):
        return Tense.FUTURE
    following = words[index + 1].lower() if index + 1 < len(words) else ""
    previous = words[index - 1].lower() if index > 0 else ""
    if following == "to" and lower in _FUTURE_BEFORE_TO:
        return Tense.FUTURE
    if lower == "set":
        return Tense.FUTURE if following in ("to", "for") else Tense.PAST
    if lower == "due" and previous in _BE:
        return Tense.FUTURE
    if lower in _PAST:
        return Tense.PAST
    if lower == "after" and previous in _DURATION_UNITS:
        return Tense.PAST
    if _is_past_verb(word, lower, previous):
        return Tense.PAST
    return Tense.UNKNOWN


def _opens_a_clause_of_its_own(words: list[str], index: int) -> bool:
    """Whether ``words[index]`` is "that" opening a clause with a subject of its own."""
    return (
        words[index].lower() == "that"
        and index + 1 < len(words)
        and words[index + 1].lower() in _SUBJECTS
    )


_SUBJECTS = frozenset("it he she they we i you there the a an its his her their this".split())


def _is_past_verb(word: str, lower: str, previous: str) -> bool:
    """A past form in the active voice: "arrived", "left"; not "the armored", "be held"."""
    if previous in _DETERMINERS or previous in _BE:
        return False
    if lower in _IRREGULAR_PAST:
        return True
    return (
        word.endswith("ed")
        and len(word) > 4
        and word[0].islower()
        and "-" not in word
        and word not in _NOT_VERBS
    )
