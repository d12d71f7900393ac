"""Shorter readings of a sentence: the same statement without words a summary can spare.

Each rule finds a span that can go without breaking the grammar: a trailing attribution
(", officials said Tuesday."), a parenthetical ("(152 kilometers)"), a non-restrictive relative
clause (", which sat off the coast for days,"), an appositive after a name (", the union's
director,"), or an opening discourse marker ("However, "). The selector then chooses, for each
sentence, the full reading or one shorter one, whichever covers more of the story per word. A
compressed reading only ever removes words, so the full sentence it came from still supports it
and remains its citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight)"
_SPEECH = r"(?:said|says|reported|announced|added|stated|noted|confirmed|told reporters)"
# ", the National Emergency Commission said Saturday." -> "."
_TRAILING_ATTRIBUTION = re.compile(
    rf",\s+(?:[^,;:\"“”()]{{1,60}}?\s+{_SPEECH}|according to [^,;:\"“”()]{{1,60}}?)"
    rf"(?:\s+(?:on\s+)?{_DAY}(?:\s+(?:morning|afternoon|evening|night))?)?(?=[.!]$)"
)
_PARENTHETICAL = re.compile(r"\s+\([^()\"“”]{1,60}\)(?=[\s,.;:!])")
# ", which destroyed ..., " between a noun and its verb.
_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whose)\s+[^,;:\"“”()]{3,90},\s+(?=[a-z])")
# After a two-word name: "Russ Granik, the league's deputy commissioner, said" -> "Russ Granik said"
_APPOSITIVE = re.compile(
    r"\b[A-Z][\w'.-]*\s+[A-Z][\w'.-]*(?P<cut>,\s+(?:the|a|an)\s+[^,;:\"“”()]{2,60},\s+)(?=[a-z])"
)
_OPENING_MARKER = re.compile(
    r"^(?:However|Meanwhile|Moreover|Furthermore|In addition|Also|But|And|Still|Nevertheless|"
    r"Nonetheless|Instead|Indeed|In fact|Separately|Besides)\b,?\s+(?=[A-Za-z])"
)
_RULES = (_TRAILING_ATTRIBUTION, _PARENTHETICAL, _RELATIVE_CLAUSE, _APPOSITIVE, _OPENING_MARKER)
_QUOTE_MARKS = ('"', "“", "”")


@dataclass(frozen=True, slots=True)
class Cut:
    """A span of a sentence that a shorter reading leaves out, and what replaces it."""

    start: int
    end: int
    replacement: str


def find_cuts(text: str) -> list[Cut]:
    """Spans of ``text`` that can be removed on their own; none in sentences with quotations."""
    if any(mark in text for mark in _QUOTE_MARKS):
        return []
    cuts: list[Cut] = []
    for rule in _RULES:
        group = "cut" if "cut" in rule.groupindex else 0
        for match in rule.finditer(text):
            replacement = " " if rule in (_RELATIVE_CLAUSE, _APPOSITIVE) else ""
            cuts.append(Cut(match.start(group), match.end(group), replacement))
    cuts.sort(key=lambda cut: cut.start)
    return [cut for i, cut in enumerate(cuts) if i == 0 or cut.start >= cuts[i - 1].end]


def apply_cuts(text: str, cuts: tuple[Cut, ...]) -> str:
    """``text`` without the spans of ``cuts`` (sorted, non-overlapping), re-capitalised."""
    pieces: list[str] = []
    pos = 0
    for cut in cuts:
        pieces.append(text[pos : cut.start])
        pieces.append(cut.replacement)
        pos = cut.end
    pieces.append(text[pos:])
    shorter = "".join(pieces).strip()
    return shorter[:1].upper() + shorter[1:]


def compressions(text: str, *, max_readings: int = 4) -> list[str]:
    """Shorter readings of ``text``, shortest first: every cut alone and all cuts together."""
    cuts = find_cuts(text)
    if not cuts:
        return []
    chosen: list[tuple[Cut, ...]] = [tuple(cuts)]
    chosen += [subset for subset in combinations(cuts, 1) if len(cuts) > 1]
    readings: list[str] = []
    for subset in chosen[:max_readings]:
        reading = apply_cuts(text, subset)
        if reading != text and reading not in readings:
            readings.append(reading)
    return readings
