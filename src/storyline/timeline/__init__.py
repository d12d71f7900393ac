"""Timelines: what happened when.

``entries`` builds a story's dated events from its reports; ``tls`` summarizes a whole news
collection into a timeline of the most important dates (timeline summarization, as evaluated on
Timeline17). Import them from their modules: this package imports neither, so that
``storyline.pipeline`` and ``tls`` (which uses the pipeline's cleaning) never import each other in
a circle.
"""
