"""Fetching a source file from a path or a URL, with a timeout and a size bound."""

from __future__ import annotations

from pathlib import Path

import httpx

from ictd.exc import SourceError

__all__ = ["MAX_SOURCE_BYTES", "fetch_source"]

MAX_SOURCE_BYTES = 512 * 1024 * 1024


def fetch_source(
    location: str, timeout: float = 60.0, transport: httpx.BaseTransport | None = None
) -> bytes:
    """The bytes at ``location``: an ``http(s)://`` URL or a local path.

    A failed, slow (``timeout`` seconds) or oversized download raises ``SourceError``;
    ``transport`` lets tests answer without a network.
    """
    if not location.startswith(("http://", "https://")):
        try:
            return Path(location).read_bytes()
        except OSError as err:
            raise SourceError(f"cannot read {location}: {err.strerror}") from err
    try:
        client = httpx.Client(timeout=timeout, transport=transport, follow_redirects=True)
        with client, client.stream("GET", location) as response:
            if response.status_code != 200:
                raise SourceError(f"download of {location} failed: HTTP {response.status_code}")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_SOURCE_BYTES:
                    raise SourceError(f"download of {location} exceeds {MAX_SOURCE_BYTES} bytes")
                chunks.append(chunk)
    except httpx.TimeoutException as err:
        raise SourceError(f"download of {location} timed out after {timeout:g} s") from err
    except httpx.HTTPError as err:
        raise SourceError(f"download of {location} failed: {type(err).__name__}") from err
    return b"".join(chunks)
