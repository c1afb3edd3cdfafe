"""Rows of web console sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, RowMapping, insert, select, update

from ictd.store.tables_web import web_sessions

__all__ = ["WebSessionRow", "WebSessionRows"]


@dataclass(frozen=True, slots=True)
class WebSessionRow:
    id: int
    user_id: int
    csrf_token: str
    created_at: datetime
    last_seen_at: datetime
    ended_at: datetime | None

    @classmethod
    def from_row(cls, row: RowMapping) -> WebSessionRow:
        return cls(
            id=row["id"],
            user_id=row["user_id"],
            csrf_token=row["csrf_token"],
            created_at=row["created_at"],
            last_seen_at=row["last_seen_at"],
            ended_at=row["ended_at"],
        )


class WebSessionRows:
    conn: Connection

    def insert_web_session(
        self, token_hash: str, user_id: int, csrf_token: str, now: datetime
    ) -> WebSessionRow:
        values = {
            "token_hash": token_hash,
            "user_id": user_id,
            "csrf_token": csrf_token,
            "created_at": now,
            "last_seen_at": now,
        }
        new_id = self.conn.execute(insert(web_sessions).values(values)).inserted_primary_key
        assert new_id is not None
        return WebSessionRow(new_id[0], user_id, csrf_token, now, now, None)

    def get_web_session(self, token_hash: str) -> WebSessionRow | None:
        query = select(web_sessions).where(web_sessions.c.token_hash == token_hash)
        row = self.conn.execute(query).mappings().first()
        return WebSessionRow.from_row(row) if row else None

    def touch_web_session(self, session_id: int, now: datetime) -> None:
        query = update(web_sessions).where(web_sessions.c.id == session_id)
        self.conn.execute(query.values(last_seen_at=now))

    def end_web_session(self, session_id: int, now: datetime) -> None:
        query = update(web_sessions).where(
            web_sessions.c.id == session_id, web_sessions.c.ended_at.is_(None)
        )
        self.conn.execute(query.values(ended_at=now))

    def end_idle_web_sessions(self, user_id: int, idle_before: datetime, now: datetime) -> int:
        """End the user's sessions idle since before ``idle_before``; return how many."""
        query = update(web_sessions).where(
            web_sessions.c.user_id == user_id,
            web_sessions.c.ended_at.is_(None),
            web_sessions.c.last_seen_at < idle_before,
        )
        return int(self.conn.execute(query.values(ended_at=now)).rowcount or 0)
