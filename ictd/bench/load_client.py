"""The load generator's HTTP/1.1 client: keep-alive connections over asyncio streams.

Why not httpx's async client: the generator must keep its schedule at several hundred
requests a second on a machine whose cores the servers need too, and httpx's client cost
the generating process about as much CPU per request as a server spent answering it
(see the load test in docs/benchmarks.md). This client does only what the test needs:
one request at a time per connection, a JSON body out, a body of known length (or
chunked) back, connections reused last-in first-out and dropped on any error.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

__all__ = ["TRANSPORT_ERRORS", "Pool", "Response"]

TRANSPORT_ERRORS = (OSError, TimeoutError, EOFError, ValueError, IndexError)
"""What a request that got no (readable) answer raises: connection refused or reset,
timed out, closed mid-answer (``asyncio.IncompleteReadError``), not HTTP at all."""

_Conn = tuple[asyncio.StreamReader, asyncio.StreamWriter]


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes

    @property
    def is_success(self) -> bool:
        return 200 <= self.status < 300

    def json(self) -> Any:
        return json.loads(self.body)


class Pool:
    """Keep-alive connections to one server (``http://host:port``)."""

    def __init__(self, base: str, timeout: float) -> None:
        parts = urlsplit(base)
        if parts.scheme != "http" or parts.hostname is None or parts.port is None:
            raise ValueError(f"not an http://host:port address: {base}")
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self._idle: list[_Conn] = []

    async def request(self, method: str, path: str, headers: dict[str, str],
                      body: Any = None, params: dict[str, Any] | None = None,
                      ) -> Response:  # fmt: skip
        conn = await self._connection()
        try:
            response, keep = await asyncio.wait_for(
                self._exchange(conn, method, path, headers, body, params), self.timeout
            )
        except BaseException:
            conn[1].close()
            raise
        if keep:
            self._idle.append(conn)
        else:
            conn[1].close()
        return response

    async def close(self) -> None:
        for _, writer in self._idle:
            writer.close()
        self._idle.clear()

    async def _connection(self) -> _Conn:
        while self._idle:
            reader, writer = self._idle.pop()
            if not reader.at_eof() and not writer.is_closing():
                return reader, writer
            writer.close()  # the server closed it while it was idle
        return await asyncio.wait_for(asyncio.open_connection(self.host, self.port), self.timeout)

    async def _exchange(self, conn: _Conn, method: str, path: str, headers: dict[str, str],
                        body: Any, params: dict[str, Any] | None,
                        ) -> tuple[Response, bool]:  # fmt: skip
        reader, writer = conn
        target = f"{path}?{urlencode(params)}" if params else path
        payload = b"" if body is None else json.dumps(body).encode()
        lines = [f"{method} {target} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if body is not None:
            lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)
        await writer.drain()
        status = int((await reader.readline()).split()[1])
        length, chunked, keep = 0, False, True
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding":
                chunked = "chunked" in value
            elif name == "connection":
                keep = value != "close"
        data = await (_chunks(reader) if chunked else reader.readexactly(length))
        return Response(status, data), keep


async def _chunks(reader: asyncio.StreamReader) -> bytes:
    parts = []
    while size := int((await reader.readline()).split(b";")[0], 16):
        parts.append(await reader.readexactly(size))
        await reader.readline()
    while await reader.readline() not in (b"\r\n", b""):  # trailers
        pass
    return b"".join(parts)
