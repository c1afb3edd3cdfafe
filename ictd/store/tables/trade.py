"""Tables of embargo and trade screening: areas with their versions, commodity rules with
theirs.

``areas`` is the record an agency owns and shares; ``area_versions`` holds each recorded
shape with its name, legal basis and period (old versions are never changed). The same
split holds for ``commodity_rules`` and ``commodity_rule_versions``.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Table, Text

from ictd.store.tables.registry import ID, metadata
from ictd.store.types import UTCDateTime

__all__ = ["area_versions", "areas", "commodity_rule_versions", "commodity_rules"]

areas = Table(
    "areas",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False, index=True),
    Column("sharing", String(16), nullable=False),
    Column("shared_with", Text, nullable=False, default=""),
    Column("withdrawn", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", ID, ForeignKey("users.id")),
)

area_versions = Table(
    "area_versions",
    metadata,
    Column("area_id", ID, ForeignKey("areas.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("legal_basis", Text),
    Column("valid_from", Date),
    Column("valid_until", Date),
    Column("geometry", Text, nullable=False),  # GeoJSON Polygon or MultiPolygon
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("recorded_by", ID, ForeignKey("users.id")),
)

commodity_rules = Table(
    "commodity_rules",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False, index=True),
    Column("created_at", UTCDateTime, nullable=False),
)

commodity_rule_versions = Table(
    "commodity_rule_versions",
    metadata,
    Column("rule_id", ID, ForeignKey("commodity_rules.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("area_id", ID, ForeignKey("areas.id"), nullable=False),
    Column("hs_ranges", Text, nullable=False),  # JSON list of [low, high]
    Column("keywords", Text, nullable=False),  # JSON list of words
    Column("active", Boolean, nullable=False),
    Column("valid_from", Date),
    Column("valid_until", Date),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("recorded_by", ID, ForeignKey("users.id")),
)
