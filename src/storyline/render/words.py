"""Counts written in words, for people reading the command line and the web page."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """ "1 article", "5 articles" (``plural`` when adding an s is wrong: "stories")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def ordinal(number: int) -> str:
    """ "1st", "2nd", "3rd", "4th", "11th", "22nd": a position counted from 1, for people."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def shortened(text: str, limit: int) -> str:
    """``text``, or its first words within ``limit`` characters and "…" when it is longer."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    words = cut.rsplit(None, 1)
    return (words[0] if len(words) == 2 and text[limit - 1] != " " else cut).rstrip(" ,;:") + "…"
