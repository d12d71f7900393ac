"""Counts written in words, for people reading the command line and the web page."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """ "1 article", "5 articles" (``plural`` when adding an s is wrong: "stories")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
