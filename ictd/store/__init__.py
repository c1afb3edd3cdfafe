"""The store: the only home of SQL. SQLAlchemy Core over SQLite (default) or PostgreSQL.

May import ``ictd.model``, ``ictd.security`` (audit event type), ``ictd.exc``.
Services open a transaction with ``store.begin()`` and use the repositories of the
``Session`` it yields (``session.subjects``, ``session.audit`` …); nothing outside this
package builds SQL. Tables are declared in ``ictd.store.tables``, one module per area.
"""

from ictd.store.changes import IntakeWindow
from ictd.store.listener import EventListener
from ictd.store.session import REPOSITORIES, Session, Store

__all__ = ["REPOSITORIES", "EventListener", "IntakeWindow", "Session", "Store"]
