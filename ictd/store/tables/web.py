"""Tables of the web console: server-side sign-in sessions.

Only the SHA-256 of a session token is stored; the token itself lives in the browser's
HTTP-only cookie. ``csrf_token`` is the per-session secret every form and HTMX request echoes.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, String, Table

from ictd.store.tables.registry import ID, metadata
from ictd.store.types import UTCDateTime

__all__ = ["web_sessions"]

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", ID, ForeignKey("users.id"), nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Column("ended_at", UTCDateTime),
)
