"""The areas repository: embargoed areas and their versions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, RowMapping, Select, func, insert, or_, select, update

from ictd.model import Sharing
from ictd.model.trade import Area, AreaVersion
from ictd.store.repository import Repository
from ictd.store.tables import area_versions, areas
from ictd.store.types import split_codes

__all__ = ["AreaRepository"]


def version_from_row(row: RowMapping) -> AreaVersion:
    return AreaVersion(
        area_id=row["area_id"],
        version=row["version"],
        name=row["name"],
        geometry=json.loads(row["geometry"]),
        legal_basis=row["legal_basis"],
        valid_from=row["valid_from"],
        valid_until=row["valid_until"],
        recorded_at=row["recorded_at"],
        recorded_by=row["recorded_by"],
    )


def area_from_row(row: RowMapping, versions: Sequence[AreaVersion]) -> Area:
    return Area(
        id=row["id"],
        agency=row["agency"],
        sharing=Sharing(row["sharing"]),
        shared_with=split_codes(row["shared_with"]),
        withdrawn=bool(row["withdrawn"]),
        created_at=row["created_at"],
        versions=tuple(versions),
    )


def _newest_versions() -> Select[Any]:
    newest = (
        select(area_versions.c.area_id, func.max(area_versions.c.version).label("version"))
        .group_by(area_versions.c.area_id)
        .subquery()
    )
    return select(area_versions).join(
        newest,
        (newest.c.area_id == area_versions.c.area_id)
        & (newest.c.version == area_versions.c.version),
    )


class AreaRepository(Repository):
    """Areas and their versions; a version, once written, is never changed."""

    __slots__ = ()
    READS = frozenset({"get", "page", "in_force", "visible_ids"})

    def insert(
        self,
        agency: str,
        sharing: Sharing,
        shared_with: Sequence[str],
        created_at: datetime,
        created_by: int | None,
    ) -> int:
        """A new area record (without versions yet); its id."""
        result = self.conn.execute(
            insert(areas)
            .values(
                agency=agency,
                sharing=sharing.value,
                shared_with=",".join(shared_with),
                withdrawn=False,
                created_at=created_at,
                created_by=created_by,
            )
            .returning(areas.c.id)
        )
        return int(result.scalar_one())

    def add_version(self, version: AreaVersion) -> None:
        self.conn.execute(
            insert(area_versions).values(
                area_id=version.area_id,
                version=version.version,
                name=version.name,
                legal_basis=version.legal_basis,
                valid_from=version.valid_from,
                valid_until=version.valid_until,
                geometry=json.dumps(version.geometry, separators=(",", ":")),
                recorded_at=version.recorded_at,
                recorded_by=version.recorded_by,
            )
        )

    def set_scope(
        self, area_id: int, sharing: Sharing, shared_with: Sequence[str], withdrawn: bool
    ) -> None:
        self.conn.execute(
            update(areas)
            .where(areas.c.id == area_id)
            .values(sharing=sharing.value, shared_with=",".join(shared_with), withdrawn=withdrawn)
        )

    def get(self, area_id: int) -> Area | None:
        """The area with every version, newest first."""
        row = self.conn.execute(select(areas).where(areas.c.id == area_id)).mappings().first()
        if row is None:
            return None
        rows = self.conn.execute(
            select(area_versions)
            .where(area_versions.c.area_id == area_id)
            .order_by(area_versions.c.version.desc())
        ).mappings()
        return area_from_row(row, [version_from_row(r) for r in rows])

    def visible_ids(self, agency: str | None) -> list[int]:
        """Ids of the areas ``agency`` may read (every area for None: the operator)."""
        query = select(areas.c.id)
        if agency is not None:
            query = query.where(_visible_to(agency))
        return [r[0] for r in self.conn.execute(query.order_by(areas.c.id))]

    def page(self, agency: str | None, after: int, limit: int) -> list[Area]:
        """Areas ``agency`` may read (all for None) with their newest version, by id."""
        query = select(areas).where(areas.c.id > after)
        if agency is not None:
            query = query.where(_visible_to(agency))
        rows = list(self.conn.execute(query.order_by(areas.c.id).limit(limit)).mappings())
        ids = [r["id"] for r in rows]
        heads = self.conn.execute(
            _newest_versions().where(area_versions.c.area_id.in_(ids))
        ).mappings()
        newest = {r["area_id"]: version_from_row(r) for r in heads}
        return [area_from_row(r, [newest[r["id"]]]) for r in rows if r["id"] in newest]

    def in_force(self, start: date | None = None, end: date | None = None) -> list[Area]:
        """Every area not withdrawn, with its versions whose period overlaps ``start``–``end``
        (all versions when not given), newest first."""
        rows = {
            r["id"]: r
            for r in self.conn.execute(select(areas).where(areas.c.withdrawn.is_(False)))
            .mappings()
            .all()
        }
        query = select(area_versions).where(area_versions.c.area_id.in_(list(rows)))
        if end is not None:
            query = query.where(
                or_(area_versions.c.valid_from.is_(None), area_versions.c.valid_from <= end)
            )
        if start is not None:
            query = query.where(
                or_(area_versions.c.valid_until.is_(None), area_versions.c.valid_until >= start)
            )
        found: dict[int, list[AreaVersion]] = {}
        order = (area_versions.c.area_id, area_versions.c.version.desc())
        for row in self.conn.execute(query.order_by(*order)).mappings():
            found.setdefault(row["area_id"], []).append(version_from_row(row))
        return [area_from_row(rows[i], found[i]) for i in sorted(found)]


def _visible_to(agency: str) -> ColumnElement[bool]:
    """Own areas, areas shared with all, and areas shared with ``agency`` by name."""
    named = ("," + areas.c.shared_with + ",").contains(f",{agency},")
    return or_(
        areas.c.agency == agency,
        areas.c.sharing == Sharing.ALL.value,
        (areas.c.sharing == Sharing.NAMED.value) & named,
    )
