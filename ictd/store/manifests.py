"""The manifests repository: accepted interchanges, their PNR bookings and travellers.

One interchange is written whole (``insert``) in the transaction that stores its movements;
a repeat of it is found by (agency, sender, reference) and answered from ``answer``.
``travellers`` rebuilds each traveller with its message's legs and its booking, as the
parser gave them, for risk rules and co-traveller checks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, bindparam, func, insert, select

from ictd.model.encoding import json_encoder
from ictd.model.manifest import Booking, FlightLeg, MessageType
from ictd.model.manifest_record import ManifestRecord, ManifestTraveller
from ictd.model.movement import Movement
from ictd.model.passenger import Passenger
from ictd.store.direct import Direct
from ictd.store.movements import movement_from_row
from ictd.store.repository import Repository
from ictd.store.tables import manifest_travellers, manifests, movements, pnr_bookings

__all__ = ["ManifestRepository", "manifest_from_row"]


_json = json_encoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
"""Made once (``ictd.model.encoding``)."""


def _local(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def manifest_from_row(row: RowMapping, with_answer: bool = False) -> ManifestRecord:
    return ManifestRecord(
        id=row["id"],
        agency=row["agency"],
        sender=row["sender"],
        reference=row["reference"],
        recipient=row["recipient"],
        message_types=tuple(x for x in row["message_types"].split(",") if x),
        syntax=row["syntax"],
        prepared_at=datetime.fromisoformat(row["prepared_at"]),
        received_at=row["received_at"],
        received_by=row["received_by"],
        digest=row["digest"],
        test=bool(row["test"]),
        travellers=row["travellers"],
        hits=row["hits"],
        answer={"manifest_id": row["id"], **json.loads(row["answer"])} if with_answer else {},
    )


def _booking_from_row(row: RowMapping) -> Booking:
    return Booking(
        record_locator=row["record_locator"],
        booked_at=_local(row["booked_at"]),
        agency=row["travel_agency"],
        payment=row["payment"],
        segments=tuple(FlightLeg.from_dict(s) for s in json.loads(row["segments"])),
        passengers=tuple(int(p) for p in json.loads(row["positions"])),
    )


_SUMMARY = [c for c in manifests.c if c.name not in ("answer", "messages")]
# the travellers of an interchange by the driver's ``executemany`` (``ictd.store.direct``),
# without SQLAlchemy's work per row of parameters
_INSERT_TRAVELLERS = Direct(
    insert(manifest_travellers).values(
        {c.name: bindparam(c.name, type_=c.type) for c in manifest_travellers.c if c.name != "id"}
    )
)


class ManifestRepository(Repository):
    """Interchanges of one agency with their bookings and travellers."""

    __slots__ = ()
    READS = frozenset({"find", "get", "page", "travellers", "count", "of_movements", "on_bookings"})

    def find(self, agency: str, sender: str, reference: str) -> ManifestRecord | None:
        """The interchange ``reference`` of ``sender`` that ``agency`` submitted, with its
        answer."""
        query = select(manifests).where(
            manifests.c.agency == agency,
            manifests.c.sender == sender,
            manifests.c.reference == reference,
        )
        row = self.conn.execute(query).mappings().first()
        return manifest_from_row(row, with_answer=True) if row else None

    def get(self, manifest_id: int) -> ManifestRecord | None:
        row = (
            self.conn.execute(select(manifests).where(manifests.c.id == manifest_id))
            .mappings()
            .first()
        )
        return manifest_from_row(row, with_answer=True) if row else None

    def page(self, agency: str | None, before: int | None, limit: int) -> list[ManifestRecord]:
        """Summaries (no answer), newest first; ``agency`` None: every agency's."""
        query = select(*_SUMMARY).order_by(manifests.c.id.desc()).limit(limit)
        if agency is not None:
            query = query.where(manifests.c.agency == agency)
        if before is not None:
            query = query.where(manifests.c.id < before)
        return [manifest_from_row(r) for r in self.conn.execute(query).mappings()]

    def count(self, agency: str | None = None) -> int:
        query = select(func.count()).select_from(manifests)
        if agency is not None:
            query = query.where(manifests.c.agency == agency)
        return int(self.conn.execute(query).scalar() or 0)

    def insert(
        self,
        values: dict[str, Any],
        bookings: Sequence[dict[str, Any]],
        travellers: Sequence[dict[str, Any]],
    ) -> int:
        """Write one interchange whole. ``values``: the ``manifests`` columns, ``messages``
        and ``answer`` as data; ``bookings``: ``message_reference`` and a ``Booking``;
        ``travellers``: ``message_reference``, ``passenger`` (a ``Passenger``),
        ``movement_id``, ``hit``, ``booking_key`` (optional). Returns the manifest's id."""
        row = dict(
            values,
            message_types=",".join(values["message_types"]),
            prepared_at=values["prepared_at"].isoformat(),
            messages=_json(values["messages"]),
            answer=_json(values["answer"]),
        )
        manifest_id = int(
            self.conn.execute(insert(manifests).returning(manifests.c.id), row).scalar_one()
        )
        agency = values["agency"]
        booking_ids: dict[tuple[str, int], int] = {}
        if bookings:
            rows = [_booking_row(manifest_id, agency, b) for b in bookings]
            query = insert(pnr_bookings).returning(pnr_bookings.c.id, sort_by_parameter_order=True)
            ids = [int(r[0]) for r in self.conn.execute(query, rows)]
            for item, booking_id in zip(bookings, ids, strict=True):
                for position in item["booking"].passengers:
                    booking_ids[(item["message_reference"], position)] = booking_id
        if travellers:
            rows = [_traveller_row(manifest_id, agency, t, booking_ids) for t in travellers]
            _INSERT_TRAVELLERS.many(self.conn, rows)
        return manifest_id

    def of_movements(self, movement_ids: Sequence[int]) -> dict[int, int]:
        """The manifest each of these movements came from (movements reported one by one
        are not in the answer)."""
        if not movement_ids:
            return {}
        query = select(manifest_travellers.c.movement_id, manifest_travellers.c.manifest_id).where(
            manifest_travellers.c.movement_id.in_(list(movement_ids))
        )
        return {int(m): int(x) for m, x in self.conn.execute(query)}

    def on_bookings(
        self, agency: str, keys: Sequence[str], since: datetime
    ) -> list[tuple[str, Movement]]:
        """The travellers ``agency`` reported on these bookings (``booking_key``) whose
        movements happened at or after ``since`` and are not masked: (booking key, movement)."""
        if not keys:
            return []
        query = (
            select(manifest_travellers.c.booking_key, movements)
            .join(movements, movements.c.id == manifest_travellers.c.movement_id)
            .where(
                manifest_travellers.c.agency == agency,
                manifest_travellers.c.booking_key.in_(sorted(set(keys))),
                movements.c.occurred_at >= since,
                movements.c.names != "[]",
            )
            .order_by(manifest_travellers.c.id)
        )
        out = []
        for row in self.conn.execute(query).mappings():
            values = dict(row)
            key = str(values.pop("booking_key"))
            out.append((key, movement_from_row(values)))  # type: ignore[arg-type]
        return out

    def travellers(self, manifest_id: int) -> list[ManifestTraveller]:
        """Every traveller of a manifest, in message and position order, with the legs and
        type of its message and its booking."""
        head = (
            self.conn.execute(select(manifests.c.messages).where(manifests.c.id == manifest_id))
            .scalars()
            .first()
        )
        if head is None:
            return []
        messages = {m["message_reference"]: m for m in json.loads(head)}
        bookings = {
            r["id"]: _booking_from_row(r)
            for r in self.conn.execute(
                select(pnr_bookings).where(pnr_bookings.c.manifest_id == manifest_id)
            ).mappings()
        }
        query = (
            select(manifest_travellers)
            .where(manifest_travellers.c.manifest_id == manifest_id)
            .order_by(manifest_travellers.c.id)
        )
        out = []
        for row in self.conn.execute(query).mappings():
            message = messages[row["message_reference"]]
            out.append(
                ManifestTraveller(
                    id=row["id"],
                    manifest_id=manifest_id,
                    agency=row["agency"],
                    message_reference=row["message_reference"],
                    message_type=MessageType(message["message_type"]),
                    legs=tuple(FlightLeg.from_dict(leg) for leg in message["legs"]),
                    passenger=Passenger.from_dict(json.loads(row["passenger"])),
                    booking=bookings.get(row["booking_id"]),
                    movement_id=row["movement_id"],
                    hit=bool(row["hit"]),
                )
            )
        return out


def _booking_row(manifest_id: int, agency: str, item: dict[str, Any]) -> dict[str, Any]:
    booking: Booking = item["booking"]
    return {
        "manifest_id": manifest_id,
        "agency": agency,
        "message_reference": item["message_reference"],
        "record_locator": booking.record_locator,
        "booked_at": booking.booked_at.isoformat() if booking.booked_at else None,
        "travel_agency": booking.agency,
        "payment": booking.payment,
        "segments": _json([s.to_dict() for s in booking.segments]),
        "positions": _json(list(booking.passengers)),
    }


def _traveller_row(
    manifest_id: int,
    agency: str,
    item: dict[str, Any],
    booking_ids: dict[tuple[str, int], int],
) -> dict[str, Any]:
    passenger: Passenger = item["passenger"]
    reference = item["message_reference"]
    return {
        "manifest_id": manifest_id,
        "agency": agency,
        "message_reference": reference,
        "position": passenger.position,
        "role": passenger.role.value,
        "movement_id": item["movement_id"],
        "hit": item["hit"],
        "booking_id": booking_ids.get((reference, passenger.position)),
        "record_locator": passenger.record_locator,
        "seat": passenger.seat,
        "baggage": _json(list(passenger.baggage)),
        "passenger": _json(passenger.to_dict()),
        "booking_key": item.get("booking_key"),
    }
