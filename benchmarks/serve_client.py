"""A lean HTTP/1.1 keep-alive client on asyncio for the load benchmark: one connection per
simulated client, GET only, Content-Length or chunked bodies, gzip accepted (as browsers do).

It reads just enough of each answer to time it: the status, a few headers and the whole body
(not decoded). A load generator that shares two cores with the server it measures must be cheap:
a request costs it tens of microseconds, not the milliseconds of a full-featured client.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

MAX_HEADER_BYTES = 65_536


class HttpError(Exception):
    """The connection failed or the answer was not HTTP/1.1 as expected."""


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer: its status, the headers asked for (lower-case names) and the body's size."""

    status: int
    headers: dict[str, str]
    body_bytes: int


class Connection:
    """A keep-alive connection to ``host:port``; it reconnects when the server closed it."""

    def __init__(self, host: str, port: int, *, gzip: bool = True) -> None:
        self.host = host
        self.port = port
        self._accept = "Accept-Encoding: gzip\r\n" if gzip else ""
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, *, keep: tuple[str, ...] = (), headers: str = "") -> Answer:
        """``GET path``; ``keep`` names the answer's headers to return; ``headers`` are more
        request header lines, each ending in CRLF."""
        if self._writer is None or self._reader is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        request = (
            f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n{self._accept}{headers}\r\n"
        )
        try:
            self._writer.write(request.encode("latin-1"))
            return await self._read_answer(self._reader, keep=keep)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as e:
            await self.close()
            raise HttpError(f"GET {path}: {type(e).__name__}: {e}") from e

    async def close(self) -> None:
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError):  # the server may have closed it first
                await writer.wait_closed()

    async def _read_answer(self, reader: asyncio.StreamReader, *, keep: tuple[str, ...]) -> Answer:
        head = await reader.readuntil(b"\r\n\r\n")
        if len(head) > MAX_HEADER_BYTES:
            raise HttpError(f"answer headers longer than {MAX_HEADER_BYTES} bytes")
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
            raise HttpError(f"not an HTTP/1.1 status line: {lines[0]!r}")
        fields: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            fields[name.strip().lower()] = value.strip()
        if fields.get("transfer-encoding", "").lower() == "chunked":
            size = await self._read_chunked(reader)
        else:
            size = int(fields.get("content-length", "0"))
            if size:
                await reader.readexactly(size)
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return Answer(int(parts[1]), {name: fields.get(name, "") for name in keep}, size)

    async def _read_chunked(self, reader: asyncio.StreamReader) -> int:
        total = 0
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)  # the chunk and its CRLF
            total += size
            if size == 0:
                return total
