"""An outlet's boilerplate: sentences repeated word for word across stories.

A site repeats its own furniture on every page it serves: a blurb about the site ("News,
features, and opinions on environmental policy ..."), a notice ("The Associated Press contributed
to this report."), a sidebar explaining the background. The cleaner cannot tell such a sentence
from news by its wording, but a corpus can: the same sentence in the reports of three different
stories is no news of any of them. (A report's own sentences repeat across the copies of one
wire story; those are one story, so they are kept.)

Quotations and background lines that many stories repeat ("The blast killed 11 workers.") are
left out with the furniture: each of those stories states them only in passing.

Digesting the 1,866 Timeline17 pages together (733 stories), 141 sentences are repeated in
three stories or more; they used to be 9 headlines ("Get constant updates from our in-the-field
reporters and producers ..."), 58 summary sentences and 55 timeline entries. None of the 500 DUC
2004 articles has one.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from storyline.model import Debris, Document, Sentence

MIN_STORIES = 3
"""Stories a sentence must be repeated in, word for word, to be boilerplate."""


def sentence_key(text: str) -> int:
    """A 64-bit hash of a sentence's words in lower case, for finding repeats across pages (a
    store keeps it: ``store.sqlite``)."""
    words = " ".join(text.lower().split()).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(words, digest_size=8).digest(), "little", signed=True)


def document_keys(document: Document) -> set[int]:
    """The keys of a document's sentences."""
    return {sentence_key(sent.text) for sent in document.sentences}


def keys_of(documents: Iterable[Document]) -> set[int]:
    """The keys of the sentences of all the documents."""
    return {key for document in documents for key in document_keys(document)}


def repeated_across_stories(
    stories: Sequence[Sequence[Document]], *, min_stories: int = MIN_STORIES
) -> frozenset[int]:
    """The keys (``sentence_key``) of the sentences found in ``min_stories`` stories or more."""
    counts = Counter(key for documents in stories for key in keys_of(documents))
    return frozenset(key for key, count in counts.items() if count >= min_stories)


def without_boilerplate(document: Document, boilerplate: frozenset[int]) -> Document:
    """The document with its sentences in ``boilerplate`` moved to its debris (kind
    "boilerplate"), the others numbered again in order."""
    if not boilerplate:
        return document
    kept: list[Sentence] = []
    dropped: list[Debris] = []
    for sent in document.sentences:
        if sentence_key(sent.text) in boilerplate:
            dropped.append(Debris(sent.start, sent.end, "boilerplate"))
        else:
            kept.append(replace(sent, index=len(kept)))
    if not dropped:
        return document
    debris = sorted((*document.debris, *dropped), key=lambda item: item.start)
    return replace(document, sentences=tuple(kept), debris=tuple(debris))
