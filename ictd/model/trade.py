"""Embargoed areas and commodity rules: an agency's territory and goods controls.

An **area** is a record an agency owns (with a sharing scope, like a listing); its shape,
name, legal basis and period of validity live in its **versions**. A territory changes hands
over time, so a shipment is judged against the versions in force on the shipment's date:
the newest-recorded version whose period covers that date. Old versions are never changed.

A **commodity rule** names goods (HS-code ranges and keywords) that are embargoed when they
come from, go to or pass through one area in a period. Editing a rule makes a new version;
the newest version of a rule is the one in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ictd.model.listing import Sharing

__all__ = ["Area", "AreaVersion", "CommodityRule"]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True, slots=True)
class AreaVersion:
    """One version of an area: its shape (a GeoJSON Polygon or MultiPolygon, lon/lat) and
    what applied to it from ``valid_from`` until ``valid_until`` (inclusive; open ends)."""

    area_id: int
    version: int
    name: str
    geometry: dict[str, Any]
    legal_basis: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    recorded_at: datetime | None = None
    recorded_by: int | None = None

    def covers(self, day: date) -> bool:
        """Whether this version applied on ``day``."""
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)

    def to_dict(self, geometry: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "area_id": self.area_id,
            "version": self.version,
            "name": self.name,
            "legal_basis": self.legal_basis,
            "valid_from": _iso(self.valid_from),
            "valid_until": _iso(self.valid_until),
            "recorded_at": _iso(self.recorded_at),
        }
        if geometry:
            out["geometry"] = self.geometry
        return out


@dataclass(frozen=True, slots=True)
class Area:
    """An embargoed area owned by ``agency``; ``versions`` newest first (may be only the
    newest one when read for a list)."""

    id: int
    agency: str
    sharing: Sharing
    shared_with: tuple[str, ...]
    withdrawn: bool
    created_at: datetime
    versions: tuple[AreaVersion, ...]

    @property
    def current(self) -> AreaVersion:
        return self.versions[0]

    def to_dict(self, geometry: bool = True) -> dict[str, Any]:
        head = self.current
        return {
            "id": self.id,
            "agency": self.agency,
            "sharing": self.sharing.value,
            "shared_with": list(self.shared_with),
            "withdrawn": self.withdrawn,
            "created_at": _iso(self.created_at),
            "version": head.version,
            "name": head.name,
            "legal_basis": head.legal_basis,
            "valid_from": _iso(head.valid_from),
            "valid_until": _iso(head.valid_until),
            **({"geometry": head.geometry} if geometry else {}),
        }


@dataclass(frozen=True, slots=True)
class CommodityRule:
    """One version of an agency's rule: goods whose HS code falls in one of ``hs_ranges``
    (pairs of equal-length digit strings, inclusive) or whose description holds one of
    ``keywords`` are embargoed on a route touching ``area_id`` between ``valid_from`` and
    ``valid_until``."""

    agency: str
    name: str
    area_id: int
    hs_ranges: tuple[tuple[str, str], ...]
    keywords: tuple[str, ...]
    id: int | None = None
    version: int = 1
    active: bool = True
    valid_from: date | None = None
    valid_until: date | None = None
    recorded_at: datetime | None = None

    def covers(self, day: date) -> bool:
        if not self.active:
            return False
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "agency": self.agency,
            "name": self.name,
            "version": self.version,
            "area_id": self.area_id,
            "hs_ranges": [lo if lo == hi else f"{lo}-{hi}" for lo, hi in self.hs_ranges],
            "keywords": list(self.keywords),
            "active": self.active,
            "valid_from": _iso(self.valid_from),
            "valid_until": _iso(self.valid_until),
            "recorded_at": _iso(self.recorded_at),
        }
