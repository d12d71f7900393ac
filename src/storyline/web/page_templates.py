"""The Jinja2 environment of the pages (the server and its rendering workers both use it)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined

from storyline.render.words import counted
from storyline.web.display import format_span


def page_templates() -> Environment:
    """The page templates, with every value HTML-escaped unless a template marks it safe."""
    templates = Environment(
        loader=PackageLoader("storyline.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    templates.globals["format_span"] = format_span
    templates.filters["counted"] = counted
    return templates
