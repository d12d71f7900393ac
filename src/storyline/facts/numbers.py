"""English numbers as news text writes them: numerals and number words.

Numerals are "4,500", "4500", "2.6" and ".5" (a comma groups thousands; a point is the decimal
point: "4.500" is four and a half). Number words are cardinals ("three", "twenty-one", "one
hundred and twenty"), scales ("a dozen", "two million", "half a million") and halves ("two and a
half"). Vague plurals ("dozens", "hundreds of", "thousands") are not numbers.

``NUMERAL`` and ``NUMBER_WORDS`` are regular-expression sources for a larger pattern; ``parse_number``
reads the text one of them matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from types import MappingProxyType

_SMALL = MappingProxyType(
    {
        word: float(value)
        for value, word in enumerate(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen".split()
        )
    }
    | {
        word: float(10 * value)
        for value, word in enumerate(
            "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2
        )
    }
)
_MULTIPLIERS = MappingProxyType({"hundred": 100.0, "dozen": 12.0})
_SCALES = MappingProxyType({"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12})
_FRACTIONS = MappingProxyType({"half": 0.5, "quarter": 0.25})


_Trie = dict[str, "_Trie"]


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, longest first, written as a trie.

    "km|kms|kilometre" becomes "k(?:ms?|ilometre)": the engine rejects a position after one
    character instead of trying every word. A space in a word matches any white space; every
    other character matches itself.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: _Trie) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    if "" in node:
        return f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def capitalized(words: Iterable[str]) -> list[str]:
    """Each word as written and with a capital first letter ("three", "Three")."""
    return [
        variant for word in words for variant in dict.fromkeys((word, word[:1].upper() + word[1:]))
    ]


_CARDINAL = rf"{alternation(_SMALL)}(?:-{alternation(_SMALL)})?"
_FIRST_CARDINAL = rf"{alternation(capitalized(_SMALL))}(?:-{alternation(_SMALL)})?"
_SCALE_WORD = alternation([*_MULTIPLIERS, *_SCALES])
_TERM = rf"(?:{_CARDINAL}|{_SCALE_WORD})"

NUMERAL = (
    r"(?:\d+(?:\s+|-))?(?:[12]/[234]|3/4)(?!\d)|\d*[½¼¾⅓⅔]"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
)
"""A numeral: "4,500", "4500", "2.6", ".5", and a half, third or quarter: "2 1/2", "2½"."""

NUMBER_WORDS = (
    rf"(?:(?:[Hh]alf\s+an?|[Aa]n?)\s+{_SCALE_WORD}|{_FIRST_CARDINAL})"
    rf"(?:(?:\s+and\s+|\s+|-){_TERM}(?!\w))*"
    r"(?:\s+and\s+an?\s+(?:half|quarter))?"
)
"""A number in words: "three", "twenty-one", "a dozen", "half a million", "two and a half"."""

NUMBER_WORD_STARTS = frozenset([*_SMALL, "a", "an", "half"])
"""Every word a number in words can start with (lower case)."""

SCALE_WORD = alternation("thousand million billion trillion mln bln bn tn".split())
"""A scale written after a numeral: "1.5 million", "2.6 mln", "5bn"."""

_SCALE_ABBREVIATIONS = MappingProxyType(
    {"mln": 1e6, "mn": 1e6, "m": 1e6, "bln": 1e9, "bn": 1e9, "b": 1e9, "tn": 1e12, "k": 1e3}
)
_WORD_SPLIT = re.compile(r"[\s-]+")
_FRACTION_SIGNS = MappingProxyType({"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3})


def scale_value(word: str) -> float:
    """The factor of a scale word or abbreviation: "million" and "mln" -> 1e6, "bn" -> 1e9."""
    folded = word.lower()
    factor = _SCALES.get(folded) or _SCALE_ABBREVIATIONS.get(folded)
    if factor is None:
        raise ValueError(f"'word' must be a scale word ({', '.join(_SCALES)}, ...); got {word!r}")
    return factor


def parse_number(text: str) -> float | None:
    """The value of a numeral or of number words; None when the words do not form a number.

    >>> parse_number("4,500"), parse_number("twenty-one"), parse_number("two and a half")
    (4500.0, 21.0, 2.5)
    """
    folded = text.strip().lower()
    if not folded:
        return None
    if folded[0].isdigit() or folded[0] == "." or folded[0] in _FRACTION_SIGNS:
        return _parse_numeral(folded)
    return _parse_words(_WORD_SPLIT.split(folded))


def _parse_numeral(folded: str) -> float | None:
    """A numeral with its fraction: "4,500", "2.6", "2 1/2", "2-1/2", "2½", "½"."""
    fraction = 0.0
    if folded[-1] in _FRACTION_SIGNS:
        folded, fraction = folded[:-1], _FRACTION_SIGNS[folded[-1]]
    elif "/" in folded:
        folded, _, ratio = _WORD_SPLIT.sub(" ", folded).rpartition(" ")
        numerator, _, denominator = ratio.partition("/")
        fraction = int(numerator) / int(denominator)
    try:
        return (float(folded.replace(",", "")) if folded else 0.0) + fraction
    except ValueError:
        return None


def _parse_words(words: list[str]) -> float | None:
    factor = 1.0
    if words[0] == "half":
        factor, words = 0.5, words[1:]
    fraction = 0.0
    if len(words) >= 3 and words[-3:-1] in (["and", "a"], ["and", "an"]):
        fraction, words = _FRACTIONS.get(words[-1], 0.0), words[:-3]
    total = current = 0.0
    for word in words:
        if word in ("a", "an") and current == 0.0:
            current = 1.0
        elif word in _SMALL:
            current += _SMALL[word]
        elif word in _MULTIPLIERS:
            current = (current or 1.0) * _MULTIPLIERS[word]
        elif word in _SCALES:
            total += (current or 1.0) * _SCALES[word]
            current = 0.0
        elif word != "and":
            return None
    value = total + current
    if value == 0.0 and "zero" not in words:
        return None
    return factor * value + fraction
