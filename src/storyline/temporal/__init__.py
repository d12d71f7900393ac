"""Time in news reports: time expressions resolved to calendar values, and undated reports
placed in time from the rest of their story.

``find_time_mentions(sent, published=..., zone=...)`` finds and resolves the time expressions of
a sentence; ``infer_publication(articles)`` gives undated articles of a story a publication date.
"""

from storyline.temporal.anchor import infer_publication
from storyline.temporal.expressions import find_time_mentions

__all__ = ["find_time_mentions", "infer_publication"]
