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
