"""Where the per-article work runs: in this process (``LocalEngine``) or on a Dask cluster.

An engine reads files and prepares articles (``preparation.ArticlePreparer``: clean, split,
features, MinHash) and gives the results back in input order, so that story assignment, which
runs in the calling process, decides the same whatever engine did the work.
"""

from storyline.engine.local import Engine, LocalEngine

__all__ = ["Engine", "LocalEngine"]
