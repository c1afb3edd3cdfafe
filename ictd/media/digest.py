"""Exact digests of files: MD5 (as platforms share it) and SHA-256."""

from __future__ import annotations

import hashlib

__all__ = ["file_digests"]


def file_digests(data: bytes) -> dict[str, str]:
    """The ``md5`` and ``sha256`` of ``data``, lower-case hex."""
    return {
        "md5": hashlib.md5(data, usedforsecurity=False).hexdigest(),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
