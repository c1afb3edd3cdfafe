"""Fetching a source file from a path or a URL, with a timeout and a size bound.

``TRANSPORT`` is the httpx transport used when a caller passes none: ``None`` means the
network. Tests set it to an ``httpx.MockTransport`` (``monkeypatch.setattr``) to answer
downloads made deep inside a command such as ``ictd import un-sc URL``.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from ictd.exc import SourceError

__all__ = ["MAX_SOURCE_BYTES", "TRANSPORT", "fetch_source"]

MAX_SOURCE_BYTES = 512 * 1024 * 1024
TRANSPORT: httpx.BaseTransport | None = None


def fetch_source(
    location: str, timeout: float = 60.0, transport: httpx.BaseTransport | None = None
) -> bytes:
    """The bytes at ``location``: an ``http(s)://`` URL or a local path.

    A failed, slow (``timeout`` seconds) or oversized download raises ``SourceError``;
    ``transport`` (default: the module's ``TRANSPORT``) lets tests answer without a network.
    """
    if not location.startswith(("http://", "https://")):
        try:
            return Path(location).read_bytes()
        except OSError as err:
            raise SourceError(f"cannot read {location}: {err.strerror}") from err
    try:
        client = httpx.Client(
            timeout=timeout, transport=transport or TRANSPORT, follow_redirects=True
        )
        with client, client.stream("GET", location) as response:
            if response.status_code != 200:
                raise SourceError(f"download of {location} failed: HTTP {response.status_code}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_SOURCE_BYTES:
                raise SourceError(f"download of {location} exceeds {MAX_SOURCE_BYTES} bytes")
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
