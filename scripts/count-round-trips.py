"""Database round trips per single request of the API, in one process.

The ASGI application is called directly, as ``scripts/profile-http.py`` calls it (the same
store, bodies and inline thread hops), without its background work, so that every
statement seen belongs to a request. PostgreSQL: libpq's protocol trace of every pooled
connection; a round trip is one wait for the server (one ``ReadyForQuery``: a simple
query such as ``BEGIN`` or ``COMMIT``, or one extended-protocol ``Sync``). SQLite: each
statement the library runs (``set_trace_callback``; no network, but each is a call into
the library). Prints how many requests made how many, and the statements of the last one.

    python scripts/count-round-trips.py --route screen
    python scripts/count-round-trips.py --route movement \
        --database-url postgresql+psycopg://…/<empty db>
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import importlib.util
import re
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import event

from ictd.bench.http import _CALLS
from ictd.store import Store

_spec = importlib.util.spec_from_file_location(
    "profile_http", Path(__file__).with_name("profile-http.py")
)
assert _spec is not None and _spec.loader is not None
profile_http = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(profile_http)


class Trace:
    """What the database was asked, in order, for every connection of one engine."""

    def __init__(self, store: Store) -> None:
        self.sqlite: list[str] = []
        self.folder = Path(tempfile.mkdtemp(prefix="ictd-trace-"))
        # one per connection: psycopg names its prepared statements per connection
        self.libpq: list[LibpqTrace] = []
        event.listen(store.engine, "connect", self._connected)

    def _connected(self, dbapi: Any, _record: Any) -> None:
        if isinstance(dbapi, sqlite3.Connection):
            dbapi.set_trace_callback(self.sqlite.append)
        else:
            self.libpq.append(LibpqTrace(self.folder / f"{len(self.libpq)}.txt"))
            dbapi.pgconn.trace(self.libpq[-1].file.fileno())

    def mark(self) -> tuple[int, list[int]]:
        return len(self.sqlite), [len(t.read()) for t in self.libpq]

    def since(self, mark: tuple[int, list[int]]) -> list[str]:
        """The statements (SQLite) or round trips (PostgreSQL) since ``mark``."""
        if self.sqlite[mark[0] :]:
            return [" ".join(s.split())[:110] for s in self.sqlite[mark[0] :]]
        trips: list[str] = []
        for n, trace in enumerate(self.libpq):
            trips.extend(trace.read()[mark[1][n] if n < len(mark[1]) else 0 :])
        return trips


class LibpqTrace:
    """libpq's protocol trace of one connection, read as round trips: each message sent
    that the client then waits on the server to answer (a simple ``Query`` such as
    ``BEGIN`` or ``COMMIT``, an extended-protocol ``Sync``), named by its statement. (libpq
    writes what it receives to the trace late, what it sends at once.)"""

    def __init__(self, path: Path) -> None:
        self.file = path.open("w")
        self.lines = path.open()
        self.trips: list[str] = []
        self.prepared: dict[str, str] = {}  # psycopg prepares a statement on its fifth use
        self.sent = ""
        self.sql: list[str] | None = None  # a statement's text spanning several lines

    def read(self) -> list[str]:
        while (line := self.lines.readline()).endswith("\n"):
            self._take(line.rstrip("\n"))
        self.lines.seek(self.lines.tell() - len(line.encode()))  # a partly written line
        return self.trips

    def _take(self, line: str) -> None:
        parts = line.split("\t")
        if self.sql is not None:  # inside a Parse's text
            self.sql.append(line)
            self._parsed()
            return
        kind, text = (parts[3], parts[-1]) if len(parts) > 3 else ("", "")
        if parts[1:2] == ["F"] and kind == "Query":
            self.trips.append(" ".join(text.split())[:110])
        elif parts[1:2] == ["F"] and kind == "Parse":
            self.sql = [text]
            self._parsed()
        elif parts[1:2] == ["F"] and kind == "Bind":
            name = _BIND.match(text)
            if name and name[1]:
                self.sent = self.prepared.get(name[1], self.sent)
        elif parts[1:2] == ["F"] and len(parts) > 3 and parts[3] == "Sync":
            self.trips.append(self.sent)

    def _parsed(self) -> None:
        assert self.sql is not None
        found = _PARSE.fullmatch(" ".join(self.sql))
        if found:
            self.sent = " ".join(found[2].split())[:110]
            self.prepared[found[1]] = self.sent
            self.sql = None


_PARSE = re.compile(r' "([^"]*)" "(.*)" \d+( \d+)*', re.DOTALL)
_BIND = re.compile(r' "[^"]*" "([^"]*)"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--route", choices=sorted(_CALLS), default="screen")
    parser.add_argument("--database-url", help="an EMPTY throw-away database (default: SQLite)")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--listed", type=int, default=200)
    args = parser.parse_args()
    profile_http.inline_thread_hops()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='ictd-trips-')}/t.db"
    store = Store(url)
    trace = Trace(store)
    store.init()
    try:
        count = args.requests + 20
        app, token, calls = profile_http.loaded_app(store, url, args.route, args.listed, count)
        asyncio.run(_run(app, token, calls, trace, args.route))
    finally:
        if args.database_url:
            store.truncate_all()
        store.dispose()
        shutil.rmtree(trace.folder)


async def _run(
    app: Any, token: str, calls: list[tuple[str, Any]], trace: Trace, route: str
) -> None:
    for path, body in calls[:20]:  # the index is built, the key checked once
        await profile_http._call(app, token, path, body)
    counts: collections.Counter[int] = collections.Counter()
    last: list[str] = []
    for path, body in calls[20:]:
        mark = trace.mark()
        await profile_http._call(app, token, path, body)
        last = trace.since(mark)
        counts[len(last)] += 1
    shown = ", ".join(f"{n} requests: {trips}" for trips, n in sorted(counts.items()))
    print(f"{route}: round trips per request: {shown}")
    print("the last request:")
    for statement in last:
        print("   ", statement)


if __name__ == "__main__":
    main()
