"""Webhook signatures: HMAC-SHA256 over ``"{timestamp}.{body}"`` with the webhook's secret.

A receiver recomputes the signature from the ``X-ICTD-Timestamp`` header and the raw body,
compares it in constant time with ``X-ICTD-Signature`` (``sha256=<hex>``), and refuses a
timestamp older than a few minutes (a replay).

>>> headers = sign(b'{"id": 1}', "s3cret-s3cret-s3cret", timestamp=1700000000)
>>> verify(b'{"id": 1}', "s3cret-s3cret-s3cret", headers, now=1700000010)
True
"""

from __future__ import annotations

import hashlib
import hmac
import time

__all__ = ["SIGNATURE_HEADER", "TIMESTAMP_HEADER", "sign", "verify"]

SIGNATURE_HEADER = "X-ICTD-Signature"
TIMESTAMP_HEADER = "X-ICTD-Timestamp"
TOLERANCE = 300


def _mac(body: bytes, secret: str, timestamp: int) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(body: bytes, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """The signature and timestamp headers for ``body``."""
    moment = int(time.time()) if timestamp is None else timestamp
    return {
        TIMESTAMP_HEADER: str(moment),
        SIGNATURE_HEADER: f"sha256={_mac(body, secret, moment)}",
    }


def verify(
    body: bytes,
    secret: str,
    headers: dict[str, str],
    now: float | None = None,
    tolerance: int = TOLERANCE,
) -> bool:
    """Whether ``headers`` carry a fresh, valid signature of ``body`` (header names any case)."""
    lower = {k.lower(): v for k, v in headers.items()}
    stamp = lower.get(TIMESTAMP_HEADER.lower(), "")
    given = lower.get(SIGNATURE_HEADER.lower(), "")
    if not stamp.isdigit() or not given.startswith("sha256="):
        return False
    moment = time.time() if now is None else now
    if abs(moment - int(stamp)) > tolerance:
        return False
    return hmac.compare_digest(given.removeprefix("sha256="), _mac(body, secret, int(stamp)))
