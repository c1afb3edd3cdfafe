"""The label taxonomy of media signals, versioned.

Labels say what the content is (its harm category, after the GIFCT hash-sharing taxonomy),
its content type and its language (``lang:`` and an ISO 639-1 code). A signal's labels are
checked against the version in force when they are set; the version is stored with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["CATEGORIES", "CONTENT_TYPES", "LABELS", "TAXONOMY_VERSION", "check_labels"]

TAXONOMY_VERSION = "2026.1"
CATEGORIES = (
    "imminent-credible-threat",
    "graphic-violence-defenceless",
    "glorification",
    "recruitment",
    "instructional",
    "threat-or-incitement",
    "personal-identifying-information",
)
CONTENT_TYPES = ("image", "video", "audio", "text", "url", "document")
LABELS = frozenset(CATEGORIES) | frozenset(f"type:{t}" for t in CONTENT_TYPES)
MAX_LABELS = 20
_LANG = re.compile(r"^lang:[a-z]{2}$")


def check_labels(labels: Iterable[str]) -> list[str]:
    """The labels, trimmed, lower-cased, de-duplicated and sorted; ``ValueError`` names the
    first label not in the taxonomy."""
    out: set[str] = set()
    for raw in labels:
        label = raw.strip().lower()
        if not label:
            continue
        if label not in LABELS and not _LANG.match(label):
            raise ValueError(
                f"{raw!r} is not a label of taxonomy {TAXONOMY_VERSION}: one of "
                f"{', '.join(sorted(LABELS))}, or lang:<two-letter code>"
            )
        out.add(label)
    if len(out) > MAX_LABELS:
        raise ValueError(f"at most {MAX_LABELS} labels")
    return sorted(out)
