"""Response bodies made once and served many times: kept gzip-compressed with an ETag (a hash of
the body), answered with 304 when the client already has them, compressed when it accepts gzip."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.responses import Response

GZIP_LEVEL = 6


@dataclass(frozen=True, slots=True)
class CachedBody:
    """A body, gzip-compressed, with its media type and its ETag (quoted, as sent)."""

    gzipped: bytes
    media_type: str
    etag: str

    @classmethod
    def of(cls, body: bytes, *, media_type: str) -> CachedBody:
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        return cls(gzip.compress(body, GZIP_LEVEL, mtime=0), media_type, etag)

    @property
    def size(self) -> int:
        """Bytes held."""
        return len(self.gzipped)

    def plain(self) -> bytes:
        return gzip.decompress(self.gzipped)

    def response(self, request_headers: Headers, *, headers: dict[str, str]) -> Response:
        """The answer to a GET with ``request_headers``: 304 if its If-None-Match names this
        body, else the body (gzip-encoded if the client accepts it), with ``headers`` added."""
        common = {
            **headers,
            "ETag": self.etag,
            "Cache-Control": "no-cache",
            "Vary": "Accept-Encoding",
        }
        if etag_matches(request_headers.get("if-none-match", ""), self.etag):
            return Response(status_code=304, headers=common)
        if accepts_gzip(request_headers.get("accept-encoding", "")):
            return Response(
                self.gzipped,
                media_type=self.media_type,
                headers={**common, "Content-Encoding": "gzip"},
            )
        return Response(self.plain(), media_type=self.media_type, headers=common)


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Whether an If-None-Match header value names ``etag`` (weak or strong) or is ``*``."""
    for candidate in if_none_match.split(","):
        tag = candidate.strip()
        if tag == "*" or tag.removeprefix("W/") == etag:
            return True
    return False


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header value accepts gzip (``gzip`` or ``*`` with q > 0)."""
    accepted: dict[str, bool] = {}
    for item in accept_encoding.split(","):
        coding, _, params = item.strip().partition(";")
        quality = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        accepted[coding.strip().lower()] = quality > 0
    return accepted.get("gzip", accepted.get("*", False))
