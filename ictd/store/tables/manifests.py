"""Tables of passenger manifests: accepted interchanges, their PNR bookings and travellers.

``manifests`` holds one row per interchange an agency submitted, unique on (agency, sender,
interchange control reference): a repeat finds it and answers the stored ``answer``.
``messages`` is the JSON of each message's header and flight legs; ``pnr_bookings`` the
bookings of PNRGOV messages; ``manifest_travellers`` one row per traveller with the movement
it became. Airline times are local times at the port, as sent: kept as ISO text.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from ictd.store.tables.registry import ID, metadata
from ictd.store.types import UTCDateTime

__all__ = ["manifest_travellers", "manifests", "pnr_bookings"]

manifests = Table(
    "manifests",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("sender", String(80), nullable=False),
    Column("reference", String(35), nullable=False),
    Column("recipient", String(80), nullable=False),
    Column("message_types", String(40), nullable=False),
    Column("syntax", String(8), nullable=False),
    Column("prepared_at", String(19), nullable=False),  # local time of the sender, as sent
    Column("received_at", UTCDateTime, nullable=False),
    Column("received_by", ID, ForeignKey("users.id")),
    Column("digest", String(64), nullable=False),
    Column("test", Boolean, nullable=False),
    Column("travellers", Integer, nullable=False),
    Column("hits", Integer, nullable=False),
    Column("messages", Text, nullable=False),  # JSON: each message's header and legs
    Column("answer", Text, nullable=False),  # JSON: what the submitter was answered
    UniqueConstraint("agency", "sender", "reference"),
    Index("ix_manifests_agency_id", "agency", "id"),
)

pnr_bookings = Table(
    "pnr_bookings",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("manifest_id", ID, ForeignKey("manifests.id"), nullable=False, index=True),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("message_reference", String(35), nullable=False),
    Column("record_locator", String(35), nullable=False),
    Column("booked_at", String(19)),  # local time, as sent
    Column("travel_agency", String(100)),
    Column("payment", String(40)),
    Column("segments", Text, nullable=False),  # JSON list of flight legs
    Column("positions", Text, nullable=False),  # JSON list of the travellers' positions
    Index("ix_pnr_bookings_agency_record_locator", "agency", "record_locator"),
)

manifest_travellers = Table(
    "manifest_travellers",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("manifest_id", ID, ForeignKey("manifests.id"), nullable=False),
    Column("agency", String(32), ForeignKey("agencies.code"), nullable=False),
    Column("message_reference", String(35), nullable=False),
    Column("position", Integer, nullable=False),
    Column("role", String(10), nullable=False),
    Column("movement_id", ID, ForeignKey("movements.id"), nullable=False, index=True),
    Column("hit", Boolean, nullable=False),
    Column("booking_id", ID, ForeignKey("pnr_bookings.id"), index=True),
    Column("record_locator", String(35)),
    Column("seat", String(35)),
    Column("baggage", Text, nullable=False),  # JSON list of bag tags
    Column("passenger", Text, nullable=False),  # JSON: the traveller as sent
    Column("booking_key", String(48)),  # carrier/record locator: the booking across messages
    UniqueConstraint("manifest_id", "message_reference", "position"),
    Index("ix_manifest_travellers_agency_booking_key", "agency", "booking_key"),
)
