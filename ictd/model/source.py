"""External sources: the state of each source's imports and the records it feeds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

__all__ = ["SourceLink", "SourceState"]


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the store knows of one source: its last good import and its last error."""

    name: str
    last_import_at: datetime | None
    file_hash: str | None
    counts: dict[str, Any]
    last_error: str | None
    last_error_at: datetime | None

    def to_dict(self) -> dict[str, Any]:
        def iso(v: datetime | None) -> str | None:
            return v.isoformat() if v else None

        return {
            "name": self.name,
            "last_import_at": iso(self.last_import_at),
            "file_hash": self.file_hash,
            "counts": self.counts,
            "last_error": self.last_error,
            "last_error_at": iso(self.last_error_at),
        }


@dataclass(frozen=True, slots=True)
class SourceLink:
    """One entry of a source (by its key in the source) and the subject it feeds."""

    key: str
    subject_id: int
    digest: str
    removed_at: datetime | None
