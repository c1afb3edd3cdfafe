"""The store: the only home of SQL. SQLAlchemy Core over SQLite (default) or PostgreSQL.

May import ``ictd.model``, ``ictd.security`` (audit event type), ``ictd.exc``.
Services open a transaction with ``store.begin()`` and call the row methods of the
``Session`` it yields; nothing outside this package builds SQL.
"""

from ictd.store.screening import DispositionRow
from ictd.store.session import Session, Store
from ictd.store.sources import SourceRecordRow, SourceState

__all__ = ["DispositionRow", "Session", "SourceRecordRow", "SourceState", "Store"]
