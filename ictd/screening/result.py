"""What a screening answers: one ``QueryResult`` per query, one ``MatchResult`` per match.

A match of a subject the caller may read carries its id, score, hit flag, external ids, the
listings the caller may see in full (others in their withheld form) and the explanation. A
**withheld** match (a hit on a subject the caller may not read) carries only that it is a
hit and, per listing in force, what ``ictd.security.policy.withheld_listing`` lets through:
no subject id, no score, no explanation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["MatchResult", "QueryResult"]


@dataclass(frozen=True, slots=True)
class MatchResult:
    """One match as the caller may learn it; ``visible`` is false for a withheld hit, whose
    ``subject_id`` and ``score`` are then ``None``."""

    subject_id: int | None
    score: float | None
    hit: bool
    visible: bool
    external_ids: tuple[str, ...] = ()
    listings: tuple[dict[str, Any], ...] = ()
    explanation: tuple[dict[str, Any], ...] = ()

    @property
    def reference(self) -> str | None:
        """A withheld hit's contact reference (of its first listing), to quote to the owner."""
        if self.visible or not self.listings:
            return None
        found = self.listings[0].get("reference")
        return str(found) if found else None

    def to_dict(self) -> dict[str, Any]:
        if not self.visible:
            return {"hit": self.hit, "details_withheld": True, "listings": list(self.listings)}
        return {
            "subject_id": self.subject_id,
            "score": round(self.score or 0.0, 4),
            "hit": self.hit,
            "details_withheld": False,
            "external_ids": list(self.external_ids),
            "listings": list(self.listings),
            "explanation": list(self.explanation),
        }


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The matches of one query, withheld hits first, then the others best first; the
    subjects left out because the caller's agency judged them false matches."""

    query_id: str
    query_key: str
    matches: tuple[MatchResult, ...]
    suppressed: tuple[int, ...] = field(default=())

    @property
    def is_hit(self) -> bool:
        return any(m.hit for m in self.matches)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query_id": self.query_id,
            "query_key": self.query_key,
            "hit": self.is_hit,
            "matches": [m.to_dict() for m in self.matches],
            "suppressed_false_matches": list(self.suppressed),
        }
