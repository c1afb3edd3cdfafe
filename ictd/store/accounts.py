"""The accounts repository: agencies, users and API keys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, bindparam, insert, select, update

from ictd.model import Agency, ApiKey, Role, User
from ictd.store.repository import Repository
from ictd.store.tables import agencies, api_keys, users

__all__ = ["AccountRepository"]


def agency_from_row(row: RowMapping) -> Agency:
    return Agency(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        contact=row["contact"],
        is_operator=bool(row["is_operator"]),
        created_at=row["created_at"],
        hit_threshold=row["hit_threshold"],
        country=row["country"],
    )


def user_from_row(row: RowMapping) -> User:
    return User(
        id=row["id"],
        email=row["email"],
        agency=row["agency"],
        name=row["name"],
        roles=frozenset(Role(r) for r in row["roles"].split(",") if r),
        password_hash=row["password_hash"],
        disabled=bool(row["disabled"]),
        created_at=row["created_at"],
    )


def key_from_row(row: RowMapping) -> ApiKey:
    return ApiKey(
        id=row["id"],
        prefix=row["prefix"],
        secret_hash=row["secret_hash"],
        user_id=row["user_id"],
        label=row["label"],
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        revoked_at=row["revoked_at"],
        last_used_at=row["last_used_at"],
    )


# built once: a statement object keeps its cache key (every screening reads it)
_AGENCY = select(agencies).where(agencies.c.code == bindparam("code"))


class AccountRepository(Repository):
    """Agencies, their users and the users' API keys."""

    __slots__ = ()
    READS = frozenset(
        {
            "get_agency",
            "get_key",
            "get_key_by_prefix",
            "get_user",
            "get_user_by_email",
            "list_agencies",
            "list_keys",
            "list_users",
        }
    )

    def insert_agency(self, agency: Agency) -> Agency:
        values = {
            "code": agency.code,
            "name": agency.name,
            "contact": agency.contact,
            "is_operator": agency.is_operator,
            "created_at": agency.created_at,
            "hit_threshold": agency.hit_threshold,
            "country": agency.country,
        }
        new_id = self.conn.execute(insert(agencies).values(values)).inserted_primary_key
        assert new_id is not None
        return replace(agency, id=new_id[0])

    def get_agency(self, code: str) -> Agency | None:
        row = self.conn.execute(_AGENCY, {"code": code}).mappings().first()
        return agency_from_row(row) if row else None

    def set_hit_threshold(self, code: str, threshold: float | None) -> None:
        """Set an agency's own hit threshold (``None``: the calibrated default)."""
        query = update(agencies).where(agencies.c.code == code)
        self.conn.execute(query.values(hit_threshold=threshold))

    def set_country(self, code: str, country: str | None) -> None:
        """Set the state an agency serves (whose travel documents it records)."""
        self.conn.execute(update(agencies).where(agencies.c.code == code).values(country=country))

    def lock_agency(self, code: str) -> None:
        """Lock the agency's row until the transaction ends (PostgreSQL; SQLite's write
        transaction already runs alone): changes of its admins happen one at a time."""
        query = select(agencies.c.id).where(agencies.c.code == code).with_for_update()
        self.conn.execute(query)

    def list_agencies(self) -> list[Agency]:
        rows = self.conn.execute(select(agencies).order_by(agencies.c.code)).mappings()
        return [agency_from_row(r) for r in rows]

    def insert_user(self, user: User) -> User:
        result = self.conn.execute(insert(users).values(_user_values(user)))
        assert result.inserted_primary_key is not None
        return user.copy_with(id=result.inserted_primary_key[0])

    def update_user(self, user: User) -> None:
        self.conn.execute(update(users).where(users.c.id == user.id).values(_user_values(user)))

    def get_user(self, user_id: int) -> User | None:
        row = self.conn.execute(select(users).where(users.c.id == user_id)).mappings().first()
        return user_from_row(row) if row else None

    def get_user_by_email(self, email: str) -> User | None:
        query = select(users).where(users.c.email == email.strip().casefold())
        row = self.conn.execute(query).mappings().first()
        return user_from_row(row) if row else None

    def list_users(self, agency: str | None = None) -> list[User]:
        query = select(users).order_by(users.c.id)
        if agency is not None:
            query = query.where(users.c.agency == agency)
        return [user_from_row(r) for r in self.conn.execute(query).mappings()]

    def insert_key(self, key: ApiKey) -> ApiKey:
        values = {
            "prefix": key.prefix,
            "secret_hash": key.secret_hash,
            "user_id": key.user_id,
            "label": key.label,
            "created_at": key.created_at,
            "expires_at": key.expires_at,
        }
        result = self.conn.execute(insert(api_keys).values(values))
        assert result.inserted_primary_key is not None
        return replace(key, id=result.inserted_primary_key[0])

    def get_key(self, key_id: int) -> ApiKey | None:
        row = self.conn.execute(select(api_keys).where(api_keys.c.id == key_id)).mappings().first()
        return key_from_row(row) if row else None

    def get_key_by_prefix(self, prefix: str) -> ApiKey | None:
        query = select(api_keys).where(api_keys.c.prefix == prefix)
        row = self.conn.execute(query).mappings().first()
        return key_from_row(row) if row else None

    def list_keys(self, user_ids: Sequence[int]) -> list[ApiKey]:
        query = select(api_keys).where(api_keys.c.user_id.in_(list(user_ids)))
        return [
            key_from_row(r) for r in self.conn.execute(query.order_by(api_keys.c.id)).mappings()
        ]

    def revoke_key(self, key_id: int, at: datetime) -> None:
        self.conn.execute(update(api_keys).where(api_keys.c.id == key_id).values(revoked_at=at))

    def touch_key(self, key_id: int, at: datetime) -> None:
        self.conn.execute(update(api_keys).where(api_keys.c.id == key_id).values(last_used_at=at))


def _user_values(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "agency": user.agency,
        "name": user.name,
        "roles": ",".join(sorted(r.value for r in user.roles)),
        "password_hash": user.password_hash,
        "disabled": user.disabled,
        "created_at": user.created_at,
    }
