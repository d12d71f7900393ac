"""Reading news reports from files: plain text, HTML, JSON, JSON Lines, CSV/TSV, RSS/Atom feeds and
WARC.

``read_inputs`` turns paths into articles and rejections; ``article_from_text`` reads one plain-text
report given as a string.
"""

from storyline.ingest.plaintext import article_from_text
from storyline.ingest.reader import read_inputs

__all__ = ["article_from_text", "read_inputs"]
