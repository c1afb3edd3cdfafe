"""Risk rules: an agency's targeting criteria over passenger and itinerary data.

A rule is kept as the text the agency wrote (``source``, in the rule language of
``ictd.border.rules``) with its identity and version; it is compiled where it is used.
Editing a rule makes a new version; old versions stay, so a hit can always be explained
by the text that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from ictd.exc import ErrorCollector

__all__ = ["MAX_RULE_SOURCE", "RiskRule"]

MAX_RULE_SOURCE = 4000
MAX_RULE_NAME = 200


@dataclass(frozen=True, slots=True)
class RiskRule:
    """One version of an agency's rule; ``active`` rules are evaluated on every traveller."""

    agency: str
    name: str
    source: str
    id: int | None = None
    version: int = 1
    active: bool = True
    description: str | None = None
    created_at: datetime | None = None
    created_by: int | None = None

    def next_version(self, source: str, **changes: Any) -> RiskRule:
        """The rule with new text, one version up (id and agency kept)."""
        return replace(self, source=source, version=self.version + 1, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "agency": self.agency,
            "name": self.name,
            "version": self.version,
            "source": self.source,
            "active": self.active,
            "description": self.description,
            "created_at": self.created_at.isoformat() if self.created_at else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], agency: str) -> RiskRule:
        """A new rule from a wire body for ``agency``. Checks the shape only: the caller
        compiles ``source`` (``ictd.border.rules.compile_rule``) to check the language."""
        errors = ErrorCollector()
        name = data.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_RULE_NAME:
            errors.add("name", f"give 1 to {MAX_RULE_NAME} characters")
        source = data.get("source")
        if not isinstance(source, str) or not source.strip() or len(source) > MAX_RULE_SOURCE:
            errors.add("source", f"give the rule text, 1 to {MAX_RULE_SOURCE} characters")
        active = data.get("active", True)
        if not isinstance(active, bool):
            errors.add("active", "true or false")
        description = data.get("description")
        if description is not None and not isinstance(description, str):
            errors.add("description", "a text")
        errors.raise_if_any("invalid risk rule")
        assert isinstance(name, str) and isinstance(source, str)
        return cls(
            agency=agency,
            name=name.strip(),
            source=source,
            active=active,
            description=description,
        )
