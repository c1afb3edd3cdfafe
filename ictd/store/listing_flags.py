"""The listing flags repository: partners' "no action on our territory" on listings."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import RowMapping, bindparam, insert, select, update

from ictd.model.lifecycle import Flag
from ictd.store.repository import Repository
from ictd.store.tables import listing_flags

__all__ = ["ListingFlagRepository"]


def flag_from_row(row: RowMapping) -> Flag:
    return Flag(
        id=row["id"],
        listing_id=row["listing_id"],
        agency=row["agency"],
        reason=row["reason"],
        created_at=row["created_at"],
        created_by=row["created_by"],
        withdrawn_at=row["withdrawn_at"],
        withdrawn_by=row["withdrawn_by"],
    )


# built once: a statement object keeps its cache key (the screening path)
_ACTIVE_OF = select(listing_flags).where(
    listing_flags.c.agency == bindparam("agency"),
    listing_flags.c.listing_id.in_(bindparam("ids", expanding=True)),
    listing_flags.c.withdrawn_at.is_(None),
)


class ListingFlagRepository(Repository):
    """Flags by listing; the active flags of one agency on the listings a hit touched."""

    __slots__ = ()
    READS = frozenset({"active_of", "of_listing"})

    def insert(self, flag: Flag) -> Flag:
        values = {
            "listing_id": flag.listing_id,
            "agency": flag.agency,
            "reason": flag.reason,
            "created_at": flag.created_at,
            "created_by": flag.created_by,
            "withdrawn_at": None,
            "withdrawn_by": None,
        }
        result = self.conn.execute(insert(listing_flags).values(values))
        assert result.inserted_primary_key is not None
        return Flag(**{**values, "id": result.inserted_primary_key[0]})

    def withdraw(self, flag: Flag) -> None:
        self.conn.execute(
            update(listing_flags)
            .where(listing_flags.c.id == flag.id)
            .values(withdrawn_at=flag.withdrawn_at, withdrawn_by=flag.withdrawn_by)
        )

    def of_listing(self, listing_id: int, agency: str | None = None) -> list[Flag]:
        """A listing's flags, oldest first (withdrawn ones too); of one agency if given."""
        query = select(listing_flags).where(listing_flags.c.listing_id == listing_id)
        if agency is not None:
            query = query.where(listing_flags.c.agency == agency)
        rows = self.conn.execute(query.order_by(listing_flags.c.id)).mappings()
        return [flag_from_row(r) for r in rows]

    def active_of(self, agency: str, listing_ids: Sequence[int]) -> dict[int, Flag]:
        """``agency``'s flags in force on these listings, by listing id."""
        if not listing_ids:
            return {}
        found = {"agency": agency, "ids": sorted(set(listing_ids))}
        rows = self.conn.execute(_ACTIVE_OF, found).mappings()
        return {r["listing_id"]: flag_from_row(r) for r in rows}
