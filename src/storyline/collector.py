"""The cyclic garbage collector while a run makes many objects that live on.

CPython's collector runs when the tracked objects allocated since its last run, less those
freed, pass a threshold (700 by default), and every tenth time it also walks the older objects.
An ingest keeps a growing state (the stories' vectors and signatures, a window's prepared
articles), so with the default it ran thousands of times in a 10,000-article ingest and walked
the whole heap dozens of times: about 8 % of the ingest's time. Storyline's preparation and
story assignment make no reference cycles (a test checks it), so nothing is gained by looking
for them so often. ``bulk_allocation`` raises the threshold for the length of a block: the
collector still runs, once a million objects have piled up, which bounds what cyclic garbage
other code (a distributed engine's client) could leave.

When the block ends, what it made is moved to the oldest generation (``gc.freeze`` then
``gc.unfreeze``) before the threshold comes back: otherwise the first allocation after the block
starts a young collection over everything the block made that is still alive (a window's
prepared articles, the stories' new state), which took 0.1-0.2 s per 1,000 articles ingested
and was repeated after every ingest. Cycles among those objects are still found, by the next
collection of the oldest generation.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

NET_ALLOCATIONS = 1_000_000
"""Tracked objects allocated, less those freed, between two collections during the block."""


@contextmanager
def bulk_allocation(net_allocations: int = NET_ALLOCATIONS) -> Iterator[None]:
    """Collect cyclic garbage less often during the block (see the module's docstring); the
    thresholds are put back as they were when it ends."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(net_allocations, thresholds[0]), *thresholds[1:])
    try:
        yield
    finally:
        gc.freeze()  # every tracked object to the permanent generation,
        gc.unfreeze()  # and from there to the oldest one
        gc.set_threshold(*thresholds)
