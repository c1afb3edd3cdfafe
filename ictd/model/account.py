"""Agencies, users and API keys."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

__all__ = ["Agency", "ApiKey", "Role", "User", "WebSession"]


class Role(StrEnum):
    ANALYST = "analyst"
    SCREENER = "screener"
    DUTY_OFFICER = "duty-officer"
    AGENCY_ADMIN = "agency-admin"
    AUDITOR = "auditor"
    REDRESS_OFFICER = "redress-officer"
    COMPLIANCE_REVIEWER = "compliance-reviewer"  # operator agency only: reviews before sharing
    PLATFORM = "platform"  # an admitted platform: submits and matches media signals only


@dataclass(frozen=True, slots=True)
class Agency:
    """A partner organisation. The ``operator`` agency hosts the partnership and admits others.

    ``hit_threshold`` is the score from which a match of a listed subject is a hit for this
    agency's screenings (``None``: the calibrated default, ``ictd.matching.DEFAULT_THRESHOLD``).
    ``country`` is the state the agency serves (ISO 3166 alpha-2): it records the lost and
    stolen travel documents issued by that state.
    """

    code: str
    name: str
    id: int | None = None
    contact: str | None = None
    is_operator: bool = False
    created_at: datetime | None = None
    hit_threshold: float | None = None
    country: str | None = None

    def copy_with(self, **changes: Any) -> Agency:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "contact": self.contact,
            "is_operator": self.is_operator,
            "hit_threshold": self.hit_threshold,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "country": self.country,
        }

    def contact_card(self) -> dict[str, Any]:
        """How partners reach this agency: its code, name and published contact point."""
        return {"agency": self.code, "name": self.name, "contact": self.contact}


@dataclass(frozen=True, slots=True)
class User:
    email: str
    agency: str
    roles: frozenset[Role]
    id: int | None = None
    name: str | None = None
    password_hash: str | None = None
    disabled: bool = False
    created_at: datetime | None = None

    def copy_with(self, **changes: Any) -> User:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "email": self.email,
            "name": self.name,
            "agency": self.agency,
            "roles": sorted(r.value for r in self.roles),
            "disabled": self.disabled,
            "has_password": self.password_hash is not None,
            "created_at": self.created_at.isoformat() if self.created_at else None,
        }


@dataclass(frozen=True, slots=True)
class ApiKey:
    """An API key. Only ``secret_hash`` is stored; the token is shown once at creation."""

    prefix: str
    secret_hash: str
    user_id: int
    id: int | None = None
    label: str | None = None
    created_at: datetime | None = None
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None

    def is_usable(self, now: datetime) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or now < self.expires_at

    def to_dict(self) -> dict[str, Any]:
        def iso(v: datetime | None) -> str | None:
            return v.isoformat() if v else None

        return {
            "id": self.id,
            "prefix": self.prefix,
            "user_id": self.user_id,
            "label": self.label,
            "created_at": iso(self.created_at),
            "expires_at": iso(self.expires_at),
            "revoked_at": iso(self.revoked_at),
            "last_used_at": iso(self.last_used_at),
        }


@dataclass(frozen=True, slots=True)
class WebSession:
    """A signed-in session of the web console (the store keeps only its token's hash)."""

    id: int
    user_id: int
    csrf_token: str
    created_at: datetime
    last_seen_at: datetime
    ended_at: datetime | None
