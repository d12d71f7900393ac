"""Rendering a digest for people (Markdown) and programs (JSON), and an ingest run's report."""

from storyline.render.json_payload import (
    digest_payload,
    render_json,
    render_run_report,
    run_report_payload,
)
from storyline.render.markdown import render_markdown

__all__ = [
    "digest_payload",
    "render_json",
    "render_markdown",
    "render_run_report",
    "run_report_payload",
]
