"""URLs in canonical form, so that the same page shared twice is one signal.

Scheme and host are lower-cased, a default port is dropped, the path keeps its case with
``%``-escapes upper-cased and an empty path becomes ``/``, tracking parameters (``utm_*``,
``fbclid``, ``gclid`` and kin) are removed, the remaining query keeps its order, and the
fragment is dropped. Only ``http`` and ``https`` URLs with a host are accepted.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["canonical_url", "url_digest"]

SCHEMES = {"http": 80, "https": 443}
TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_eid"})
MAX_LENGTH = 4000
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
_HOST = re.compile(r"^[a-z0-9.\-\[\]:_]+$")


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low.startswith("utm_") or low in TRACKING


def canonical_url(url: str) -> str:
    """The canonical form of ``url``; ``ValueError`` says why a URL is refused."""
    text = url.strip()
    if not text or len(text) > MAX_LENGTH:
        raise ValueError(f"give a URL of 1 to {MAX_LENGTH} characters")
    if any(ord(c) < 33 or ord(c) == 127 for c in text):
        raise ValueError("a URL may not contain spaces or control characters")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as problem:
        raise ValueError(f"not a valid URL: {problem}") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise ValueError("only http and https URLs are accepted")
    host = (parts.hostname or "").rstrip(".")
    if not host or not _HOST.match(host):
        raise ValueError("the URL has no valid host")
    if parts.username or parts.password:
        raise ValueError("a URL with a user name or password is refused")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != SCHEMES[scheme]:
        netloc = f"{netloc}:{port}"
    path = _ESCAPE.sub(lambda m: m.group(0).upper(), parts.path) or "/"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = urlencode([(k, v) for k, v in pairs if not _is_tracking(k)])
    return urlunsplit((scheme, netloc, path, query, ""))


def url_digest(canonical: str) -> str:
    """The SHA-256 (hex) of a canonical URL: what partners compare."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
