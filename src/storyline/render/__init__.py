"""Rendering a digest for people (Markdown) and programs (JSON)."""

from storyline.render.json_payload import digest_payload, render_json
from storyline.render.markdown import render_markdown

__all__ = ["digest_payload", "render_json", "render_markdown"]
