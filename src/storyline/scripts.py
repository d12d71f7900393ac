"""How long a text is in words, and where a sentence may start, in any script.

Most scripts storyline reads put spaces between words; Chinese, Japanese and Thai do not, so a
character of theirs counts as ``UNSPACED_CHARACTER_WORDS`` words (their words are one to two
characters long). Arabic, Chinese, Japanese, Korean and Thai letters have no case: a sentence
may open with any of them, where in a cased script it opens with a capital.
"""

from __future__ import annotations

import re
import unicodedata

UNSPACED_CHARACTER_WORDS = 0.5
"""The words a character of a script written without spaces counts as."""

THAI = "\u0e00-\u0e7f"
"""The Thai block, as a range for a character class."""
# Japanese kana and CJK ideographs (with extension A and the compatibility block).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_UNSPACED = re.compile(f"[{THAI}{_CJK}]")
# Runs of Chinese characters and Japanese kana: written without spaces, so a run is a clause,
# not a word.
_PAIRED_RUN = re.compile(f"[{_CJK}]+")

FULL_WIDTH_TERMINALS = "。！？"
"""Marks that end a sentence in Chinese and Japanese, with no space after them."""


def word_count(text: str) -> float:
    """About how many words ``text`` has: its space-separated tokens, and for the scripts
    written without spaces ``UNSPACED_CHARACTER_WORDS`` per character (their punctuation, such
    as "、" and "。", counts for nothing)."""
    if text.isascii():
        return len(text.split())
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    spaced = [token for token in _UNSPACED.sub(" ", text).split() if any(map(str.isalnum, token))]
    return len(spaced) + unspaced * UNSPACED_CHARACTER_WORDS


def opens_sentence(character: str) -> bool:
    """Whether a sentence may open with ``character``: a capital, a digit, or a letter of a
    script without case (never a lower-case letter)."""
    return character.isdigit() or (character.isalpha() and not character.islower())


def has_paired_script(text: str) -> bool:
    """Whether ``text`` has Chinese characters or Japanese kana (``character_pairs`` reads)."""
    return not text.isascii() and _PAIRED_RUN.search(text) is not None


def character_pairs(text: str) -> list[str]:
    """``text`` in pieces: its runs of Chinese characters or Japanese kana cut into overlapping
    pairs of characters ("金正恩抵达" -> 金正, 正恩, 恩抵, 抵达; a lone character stays itself),
    as retrieval reads those scripts without a dictionary (reports of one event share the pairs
    of its names and words), and the text between the runs whole."""
    pieces: list[str] = []
    end = 0
    for run in _PAIRED_RUN.finditer(text):
        if run.start() > end:
            pieces.append(text[end : run.start()])
        found = run.group()
        pieces.extend(found[i : i + 2] for i in range(max(1, len(found) - 1)))
        end = run.end()
    if end < len(text):
        pieces.append(text[end:])
    return pieces


def dominant_script(text: str) -> str | None:
    """The script most of the letters of ``text`` are written in, as Unicode names it ("LATIN",
    "CYRILLIC", "CJK", "HIRAGANA", "TELUGU", ...), or None for a text of no letter."""
    counts: dict[str, int] = {}
    for character in text:
        if character.isalpha():
            script = unicodedata.name(character, "UNKNOWN").split(" ", 1)[0]
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda script: (counts[script], script)) if counts else None
