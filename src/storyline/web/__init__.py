"""The web interface: story pages rendered on the server and a JSON API, over the story store."""

from storyline.web.app import create_app

__all__ = ["create_app"]
