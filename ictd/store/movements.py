"""The movements repository: reported movements, by reporter and idempotency key."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, bindparam, delete, exists, insert, select, update

from ictd.model.movement import Movement
from ictd.store.direct import Direct
from ictd.store.repository import Repository, json_text
from ictd.store.tables import alerts, movements

__all__ = ["MovementRepository", "movement_from_row"]


def movement_from_row(row: RowMapping) -> Movement:
    values = dict(row)
    values["names"] = tuple(json.loads(values["names"]))
    values["nationalities"] = tuple(x for x in (values["nationalities"] or "").split(",") if x)
    values["reply"] = json.loads(values["reply"] or "{}")
    return Movement(**values)


# the statements of every movement report, built once (a statement object keeps its cache key)
_BY_KEYS = select(movements).where(
    movements.c.agency == bindparam("agency"),
    movements.c.idempotency_key.in_(bindparam("keys", expanding=True)),
)
# every column a parameter, on the driver's cursor: one movement (a single report) with its
# id returned, or many (a batch) by the driver's ``executemany``: on PostgreSQL each row's
# ``RETURNING`` kept (one pipeline), on SQLite (whose ``executemany`` returns no rows) their
# ids read after by their keys. SQLAlchemy inserts a batch with RETURNING one row at a time
# on SQLite (to keep the ids in order), about 40 µs of CPU a movement against 26 µs this way
# (400 at once)
_COLUMNS = tuple(c.name for c in movements.c if c.name != "id")
_ADD = insert(movements).values(
    {name: bindparam(name, type_=movements.c[name].type) for name in _COLUMNS}
)
_INSERT_ONE = Direct(_ADD.returning(movements.c.id))
_INSERT_ROWS = Direct(_ADD)
_IDS = select(movements.c.idempotency_key, movements.c.id).where(
    movements.c.agency == bindparam("agency"),
    movements.c.idempotency_key.in_(bindparam("keys", expanding=True)),
)


class MovementRepository(Repository):
    """Movements with the reply their reporter got (a retry answers the same)."""

    __slots__ = ()
    READS = frozenset({"any_since", "by_keys", "get_many", "reported_by", "since"})

    def by_keys(self, agency: str, keys: Sequence[str]) -> dict[str, Movement]:
        if not keys:
            return {}
        found = self.conn.execute(_BY_KEYS, {"agency": agency, "keys": list(keys)})
        rows = [movement_from_row(r) for r in found.mappings()]
        return {r.idempotency_key: r for r in rows}

    def insert_many(self, rows: Sequence[dict[str, Any]]) -> list[int]:
        """Insert many movements; their ids, in the order given. An (agency, idempotency
        key) is stored once: a repeat, in ``rows`` or stored before, fails the insert."""
        if not rows:
            return []
        values = []
        for r in rows:
            row: dict[str, Any] = {k: r.get(k) for k in _COLUMNS}
            row["names"] = json_text(list(r["names"]))
            row["reply"] = json_text(r["reply"])
            row["nationalities"] = ",".join(r.get("nationalities") or ())
            values.append(row)
        if len(values) == 1:
            found = _INSERT_ONE.execute(self.conn, values[0])
            assert found is not None  # RETURNING: one row
            return [int(found[0])]
        if self.conn.dialect.name == "postgresql":  # each row's id in its own result
            return [int(r[0]) for r in _INSERT_ONE.many_returning(self.conn, values)]
        _INSERT_ROWS.many(self.conn, values)
        ids: dict[tuple[str, str], int] = {}
        for agency in sorted({r["agency"] for r in values}):
            keys = [r["idempotency_key"] for r in values if r["agency"] == agency]
            for key, movement_id in self.conn.execute(_IDS, {"agency": agency, "keys": keys}):
                ids[(agency, key)] = int(movement_id)
        return [ids[(r["agency"], r["idempotency_key"])] for r in values]

    def get_many(self, ids: Sequence[int]) -> dict[int, Movement]:
        if not ids:
            return {}
        query = select(movements).where(movements.c.id.in_(list(ids)))
        return {r.id: r for r in map(movement_from_row, self.conn.execute(query).mappings())}

    def since(self, since: datetime, after: int, limit: int) -> list[Movement]:
        """Movements that happened at or after ``since``, by id, a page at a time."""
        query = (
            select(movements)
            .where(movements.c.occurred_at >= since, movements.c.id > after)
            .order_by(movements.c.id)
            .limit(limit)
        )
        return [movement_from_row(r) for r in self.conn.execute(query).mappings()]

    def any_since(self, since: datetime) -> bool:
        query = select(exists().where(movements.c.occurred_at >= since))
        return bool(self.conn.execute(query).scalar())

    def reported_by(self, agency: str, since: datetime, after: int, limit: int) -> list[Movement]:
        """The movements ``agency`` reported that happened at or after ``since``, by id, a
        page at a time (a risk rule's preview runs over them)."""
        query = (
            select(movements)
            .where(
                movements.c.agency == agency,
                movements.c.occurred_at >= since,
                movements.c.id > after,
            )
            .order_by(movements.c.id)
            .limit(limit)
        )
        return [movement_from_row(r) for r in self.conn.execute(query).mappings()]

    # retention
    def mask_before(self, before: datetime) -> tuple[int, int]:
        """Mask the passenger data of movements that happened before ``before``: those no
        alert refers to lose names, birth date, nationalities, gender, document and
        vehicle; those an alert refers to keep what the alert rests on (names, birth date,
        document) and lose the rest (nationalities, gender, vehicle). Rows masked already
        are left alone. Answers ``(without alert, with alert)`` rows masked."""
        alerted = select(alerts.c.movement_id).where(alerts.c.movement_id.is_not(None))
        old = movements.c.occurred_at < before
        plain = self.conn.execute(
            update(movements)
            .where(old, movements.c.names != "[]", movements.c.id.not_in(alerted))
            .values(
                names="[]",
                birth_date=None,
                nationalities="",
                gender=None,
                document_type=None,
                document_number=None,
                document_country=None,
                vehicle=None,
            )
        ).rowcount
        kept = self.conn.execute(
            update(movements)
            .where(
                old,
                movements.c.id.in_(alerted),
                (movements.c.nationalities != "")
                | movements.c.gender.is_not(None)
                | movements.c.vehicle.is_not(None),
            )
            .values(nationalities="", gender=None, vehicle=None)
        ).rowcount
        return int(plain or 0), int(kept or 0)

    def delete_before(self, before: datetime, limit: int = 10_000) -> list[int]:
        """Delete up to ``limit`` movements that happened before ``before`` and that no
        alert refers to (the caller detaches alerts first); their ids."""
        alerted = select(alerts.c.movement_id).where(alerts.c.movement_id.is_not(None))
        query = (
            select(movements.c.id)
            .where(movements.c.occurred_at < before, movements.c.id.not_in(alerted))
            .order_by(movements.c.id)
            .limit(limit)
        )
        ids = [int(x) for x in self.conn.execute(query).scalars()]
        if ids:
            self.conn.execute(delete(movements).where(movements.c.id.in_(ids)))
        return ids
