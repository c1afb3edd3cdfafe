"""Media signals: hashes and URLs of terrorist content shared between agencies and the
platforms they admit, and the feedback partners give on them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from ictd.model.listing import Handling, Sharing

__all__ = ["FEEDBACK_VERDICTS", "TAKEDOWN_STATES", "MediaFeedback", "MediaSignal", "SignalStatus"]

FEEDBACK_VERDICTS = ("true-positive", "false-positive")
TAKEDOWN_STATES = ("reported", "removed", "still-up")


class SignalStatus(StrEnum):
    """``active`` signals are matched; ``quarantined`` ones (too many disputes) are not until
    the owner reviews them; ``withdrawn`` ones never again."""

    ACTIVE = "active"
    QUARANTINED = "quarantined"
    WITHDRAWN = "withdrawn"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True, slots=True)
class MediaSignal:
    """One hash or URL an agency shares. ``value`` is the stored form (hex, or the canonical
    URL); ``digest`` is what is compared exactly (the value itself, or the SHA-256 of the
    canonical URL). ``subject_id`` attributes the content to a listed organisation."""

    id: int
    agency: str
    kind: str
    value: str
    digest: str
    quality: int | None
    labels: tuple[str, ...]
    taxonomy: str
    subject_id: int | None
    platform: str | None
    first_seen: datetime | None
    last_seen: datetime | None
    sharing: Sharing
    shared_with: tuple[str, ...]
    handling: Handling
    status: SignalStatus
    created_at: datetime
    updated_at: datetime
    reviewed_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "agency": self.agency,
            "kind": self.kind,
            "value": self.value,
            "digest": self.digest,
            "quality": self.quality,
            "labels": list(self.labels),
            "taxonomy": self.taxonomy,
            "subject_id": self.subject_id,
            "platform": self.platform,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
            "sharing": self.sharing.value,
            "shared_with": list(self.shared_with),
            "handling": self.handling.value,
            "status": self.status.value,
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "reviewed_at": _iso(self.reviewed_at),
        }


@dataclass(frozen=True, slots=True)
class MediaFeedback:
    """An agency's word on a signal: whether its matches were right, and for a URL whether
    the content was reported to the platform, removed, or is still up (with the date)."""

    id: int
    signal_id: int
    agency: str
    verdict: str | None
    takedown: str | None
    takedown_at: datetime | None
    note: str | None
    updated_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "signal_id": self.signal_id,
            "agency": self.agency,
            "verdict": self.verdict,
            "takedown": self.takedown,
            "takedown_at": _iso(self.takedown_at),
            "note": self.note,
            "updated_at": _iso(self.updated_at),
        }
