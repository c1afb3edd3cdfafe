"""Housekeeping jobs of the platform itself."""

from __future__ import annotations

from datetime import datetime, timedelta

from ictd.settings import Settings
from ictd.store import Store

__all__ = ["forget_web_sessions"]


def forget_web_sessions(store: Store, settings: Settings, now: datetime) -> dict[str, int]:
    """Delete console sessions ended or idle for longer than ``web_session_keep_days``
    (their sign-ins and sign-outs stay in the audit)."""
    with store.begin() as session:
        deleted = session.web_sessions.forget_before(
            now - timedelta(days=settings.web_session_keep_days)
        )
    return {"deleted": deleted}
