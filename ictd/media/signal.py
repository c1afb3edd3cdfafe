"""Signal kinds and the values a partner may submit for each."""

from __future__ import annotations

import re

from ictd.media.pdq import check_pdq_hex
from ictd.media.url import canonical_url
from ictd.media.video import check_video_value

__all__ = ["NEAR_KINDS", "SIGNAL_KINDS", "normalise_value"]

SIGNAL_KINDS = ("pdq", "video", "md5", "sha256", "url")
"""What a signal holds: a PDQ image hash, a video's PDQ frame hashes (vPDQ-style), an MD5 or
SHA-256 file digest, or a canonical URL."""
NEAR_KINDS = ("pdq", "video")
"""The kinds matched by Hamming distance rather than exactly."""
_HEX = {"md5": re.compile(r"^[0-9a-f]{32}$"), "sha256": re.compile(r"^[0-9a-f]{64}$")}
# ThreatExchange / HMA names of signal types
EXCHANGE_NAMES = {
    "pdq": "pdq",
    "photo_pdq": "pdq",
    "md5": "md5",
    "video": "video",
    "video_md5": "md5",
    "photo_md5": "md5",
    "sha256": "sha256",
    "url": "url",
    "raw_url": "url",
}


def normalise_value(kind: str, value: str) -> str:
    """``value`` of signal ``kind`` in its stored form (hex lower-case; URL canonical);
    ``ValueError`` says what is wrong."""
    if kind not in SIGNAL_KINDS:
        raise ValueError(f"kind must be one of {', '.join(SIGNAL_KINDS)}")
    if kind == "pdq":
        return check_pdq_hex(value)
    if kind == "url":
        return canonical_url(value)
    if kind == "video":
        return check_video_value(value)
    text = value.strip().lower()
    if not _HEX[kind].match(text):
        digits = 32 if kind == "md5" else 64
        raise ValueError(f"an {kind.upper()} digest is {digits} hexadecimal digits")
    return text
