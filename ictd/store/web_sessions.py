"""The web sessions repository: sign-in sessions of the web console."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import RowMapping, delete, insert, or_, select, update

from ictd.model.account import WebSession
from ictd.store.repository import Repository
from ictd.store.tables import web_sessions

__all__ = ["WebSessionRepository"]


def web_session_from_row(row: RowMapping) -> WebSession:
    return WebSession(
        id=row["id"],
        user_id=row["user_id"],
        csrf_token=row["csrf_token"],
        created_at=row["created_at"],
        last_seen_at=row["last_seen_at"],
        ended_at=row["ended_at"],
    )


class WebSessionRepository(Repository):
    """Sessions by token hash; touched on use, ended on sign-out."""

    __slots__ = ()
    READS = frozenset({"get"})

    def insert(self, token_hash: str, user_id: int, csrf_token: str, now: datetime) -> WebSession:
        values = {
            "token_hash": token_hash,
            "user_id": user_id,
            "csrf_token": csrf_token,
            "created_at": now,
            "last_seen_at": now,
        }
        new_id = self.conn.execute(insert(web_sessions).values(values)).inserted_primary_key
        assert new_id is not None
        return WebSession(new_id[0], user_id, csrf_token, now, now, None)

    def get(self, token_hash: str) -> WebSession | None:
        query = select(web_sessions).where(web_sessions.c.token_hash == token_hash)
        row = self.conn.execute(query).mappings().first()
        return web_session_from_row(row) if row else None

    def touch(self, session_id: int, now: datetime) -> None:
        query = update(web_sessions).where(web_sessions.c.id == session_id)
        self.conn.execute(query.values(last_seen_at=now))

    def end(self, session_id: int, now: datetime) -> None:
        query = update(web_sessions).where(
            web_sessions.c.id == session_id, web_sessions.c.ended_at.is_(None)
        )
        self.conn.execute(query.values(ended_at=now))

    def forget_before(self, moment: datetime) -> int:
        """Delete the sessions ended, or last used, before ``moment``; returns how many."""
        query = delete(web_sessions).where(
            or_(web_sessions.c.ended_at < moment, web_sessions.c.last_seen_at < moment)
        )
        return int(self.conn.execute(query).rowcount or 0)
