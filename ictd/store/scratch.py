"""Throw-away PostgreSQL databases for benchmarks that must not touch real data.

A benchmark given a server URL gets a database of its own, created under a random name
and dropped (``WITH (FORCE)``, so lingering connections of killed servers do not keep it
alive) when it ends, whatever happened in between. The database named in the URL is used
only to connect for ``CREATE`` and ``DROP``; it is never written to.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError

from ictd.exc import InvalidInput, StoreError
from ictd.store.engine import normalize_url

__all__ = ["scratch_database"]


@contextmanager
def scratch_database(server_url: str, prefix: str = "ictd_bench") -> Iterator[str]:
    """Create an empty database on the PostgreSQL server of ``server_url``; yield its URL;
    drop it afterwards. Any other kind of URL is refused; a server that cannot be reached
    (or refuses to create the database) is a ``StoreError`` naming it, not a traceback."""
    url = make_url(normalize_url(server_url))
    if not url.drivername.startswith("postgresql"):
        raise InvalidInput.field("--database-url", "must be a PostgreSQL server URL")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        except (OperationalError, ProgrammingError) as err:
            where = url.render_as_string(hide_password=True)
            raise StoreError(
                f"cannot create a scratch database on the PostgreSQL server at {where}",
                str(err.orig).strip().splitlines()[0] if err.orig else type(err).__name__,
            ) from err
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
