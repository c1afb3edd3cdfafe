"""Tables of sign-in throttling: failed sign-ins per account and per client address.

A row per key (``account:<sha256 of the e-mail>`` or ``address:<ip>``), shared by every
server process; rows whose failures are forgotten are deleted as new failures come in.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table

from ictd.store.tables.registry import metadata
from ictd.store.types import UTCDateTime

__all__ = ["sign_in_attempts"]

sign_in_attempts = Table(
    "sign_in_attempts",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("first_failure_at", UTCDateTime, nullable=False),
    Column("last_failure_at", UTCDateTime, nullable=False, index=True),
    Column("blocked_until", UTCDateTime),
)
