"""The statements a manifest submission sends to the store, counted on the driver.

    python scripts/manifest_statements.py LISTED [--db CACHE.db | --url POSTGRES_URL]
        [--messages N] [--show]

The store of ``ictd bench manifests`` (``LISTED`` listed subjects, the reporter's 20 rules,
10,000 register reports): on SQLite a copy of ``--db`` (made first when missing, as
``scripts/manifest_cpu.py`` makes it); on PostgreSQL (``--url`` of a server database to
create, e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/ictd_count``) a database made
for the run and dropped after. The live index built, one warm-up message, then ``N``
synthetic 400-passenger PAXLST messages (seeds 101 and up) submitted with
``submit_manifest``. Counted during those submissions, per message:

- SQLite: each statement the library runs (``set_trace_callback``; a statement of an
  ``executemany`` once per row), and by its first words (``INSERT INTO alerts`` …);
- PostgreSQL: from libpq's protocol trace of every connection, the messages the client
  sent: ``Query`` (a simple query), ``Execute`` (a statement of the extended protocol, one
  per row of a pipelined ``executemany``) and ``Sync`` (the end of a batch of them: a
  ``Sync`` or ``Query`` is a point where the client waits for the server, unless
  pipelined), and the statements parsed (``Parse``; a statement psycopg prepared before
  on the connection is not parsed again, so these vary). ``--show`` prints the statements.

The pool's connections are closed after the warm-up, so those of the measured submissions
are new (and traced from their start).

Run with ``PYTHONPATH`` pointing at another checkout's ``ictd`` for the other side.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from ictd.manifests import submit_manifest
from ictd.outbox.config import AlertConfig
from ictd.registry import accounts
from ictd.screening import LiveIndex
from ictd.security.actor import Actor
from ictd.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from manifest_cpu import NOW, _message, _prepare, work_store  # a script beside this one

_WORDS = re.compile(r"^\s*(\w+(?:\s+(?:INTO|FROM)\s+\w+)?|\w+\s+\w+)", re.IGNORECASE)


def _kind(sql: str) -> str:
    head = sql.strip().strip('"')
    if head.upper().startswith("UPDATE"):
        return " ".join(head.split()[:2])
    if head.upper().startswith("SELECT"):
        found = re.search(r"\bFROM\s+(\w+)", head, re.IGNORECASE)
        return f"SELECT FROM {found.group(1)}" if found else " ".join(head.split()[:2])
    found = _WORDS.match(head)
    return found.group(1) if found else head[:30]


def _submit_all(store: Store, texts: list[str], on: list[bool]) -> None:
    live = LiveIndex(store)
    live.build()
    user = accounts.find_user(store, "screener@bbb.bench")
    assert user is not None
    actor = Actor.from_user(user)
    submit_manifest(store, live, actor, texts[0], AlertConfig(), now=NOW)  # warm-up
    store.engine.dispose()  # the connections of the measured submissions are new
    on[0] = True
    for item in texts[1:]:
        submit_manifest(store, live, actor, item, AlertConfig(), now=NOW)
    on[0] = False


def _sqlite(args: argparse.Namespace, texts: list[str]) -> dict[str, Any]:
    seen: list[str] = []
    on = [False]
    with tempfile.TemporaryDirectory() as tmp:
        store = work_store(tmp, args.db, args.listed)

        @event.listens_for(store.engine, "connect")
        def trace(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.set_trace_callback(lambda sql: seen.append(sql) if on[0] else None)

        store.engine.dispose()  # connections made from now on are traced
        _submit_all(store, texts, on)
        store.dispose()
    kinds = Counter(_kind(s) for s in seen)
    return {"statements": len(seen), "by kind": dict(kinds.most_common()), "sql": seen}


def _postgresql(args: argparse.Namespace, texts: list[str]) -> dict[str, Any]:
    url = make_url(args.url)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    on = [False]
    with tempfile.TemporaryDirectory() as tmp:
        traces: list[Path] = []
        traced: list[tuple[Any, Any]] = []
        try:
            store = Store(url.render_as_string(hide_password=False))
            _prepare_into(store, args.listed)

            @event.listens_for(store.engine, "connect")
            def trace(dbapi_connection: Any, _record: Any) -> None:
                if not on[0]:
                    return
                path = Path(tmp) / f"trace{len(traces)}"
                traces.append(path)
                handle = path.open("w")
                dbapi_connection.pgconn.trace(handle.fileno())
                traced.append((dbapi_connection, handle))

            _submit_all(store, texts, on)
            for connection, handle in traced:
                connection.pgconn.untrace()  # flushes the trace
                handle.close()
            store.dispose()
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
            admin.dispose()
        return _read_traces(traces)


def _prepare_into(store: Store, listed: int) -> None:
    from ictd.bench.alerts_setup import load_store
    from ictd.bench.manifests import _rules_and_register

    store.init()
    load_store(store, listed)
    _rules_and_register(store, 20, 10_000)


def _read_traces(traces: list[Path]) -> dict[str, Any]:
    """The messages the client sent on the connections of the measured submissions."""
    sent: list[tuple[str, str]] = []
    for path in traces:
        for line in path.read_text(errors="replace").splitlines():
            parts = line.split("\t")
            if len(parts) > 3 and parts[1] == "F":
                sent.append((parts[3], parts[4] if len(parts) > 4 else ""))
    kinds = Counter(k for k, _ in sent)
    queries = [body for k, body in sent if k in ("Query", "Parse")]
    return {
        "messages": {k: kinds.get(k, 0) for k in ("Query", "Parse", "Bind", "Execute", "Sync")},
        "by kind": dict(Counter(_kind(body.split('"', 2)[-1] if k == "Parse" else body)
                                for k, body in sent if k in ("Query", "Parse")).most_common()),
        "sql": queries,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("listed", type=int)
    parser.add_argument("--db")
    parser.add_argument("--url")
    parser.add_argument("--messages", type=int, default=2)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    if args.db and not Path(args.db).exists():
        _prepare(Path(args.db), args.listed)
    texts = [_message(100 + i) for i in range(args.messages + 1)]
    if args.url:
        found = _postgresql(args, texts)
        out: dict[str, Any] = {
            "store": "postgresql",
            "per message": {k: v / args.messages for k, v in found["messages"].items()},
            "queries and parsed statements by kind, per message": {
                k: v / args.messages for k, v in found["by kind"].items()
            },
        }
        if args.show:
            print("\n".join(found["sql"]))
    else:
        found = _sqlite(args, texts)
        out = {
            "store": "sqlite",
            "statements per message": found["statements"] / args.messages,
            "by kind, per message": {k: v / args.messages for k, v in found["by kind"].items()},
        }
        if args.show:
            print("\n".join(found["sql"]))
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
