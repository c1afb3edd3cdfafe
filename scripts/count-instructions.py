"""Instructions per single request of the API, in one process, under callgrind.

The ASGI application is called directly, as ``scripts/count-round-trips.py`` calls it (the
same store, bodies and inline thread hops, no background work: no dispatcher, follower,
jobs or background sealer, so every instruction counted belongs to a request; on
PostgreSQL each request's audit events are then sealed right after its commit, in the
count). The key cache's clock is frozen after the warm-up, so that valgrind's slowness
does not make the held key expire and be read again. ``--thread-hops`` keeps the hops of
the requests' work to a worker thread, as served (the worker's instructions are counted
too). Run it under callgrind with the
instrumentation off at start; it switches it on (``callgrind_control -i on``) only around
the counted requests and prints the figure to divide by:

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.%p \\
        .venv/bin/python scripts/count-instructions.py --route screen
    callgrind_annotate /tmp/cg.<pid> | head   # "PROGRAM TOTALS" / requests

Without valgrind it runs the same requests and says so.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ictd.bench.http import _CALLS
from ictd.store import Store

_spec = importlib.util.spec_from_file_location(
    "profile_http", Path(__file__).with_name("profile-http.py")
)
assert _spec is not None and _spec.loader is not None
profile_http = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(profile_http)


def _instrument(on: bool) -> None:
    """Switch callgrind's instrumentation of this process on or off (no-op outside it)."""
    if shutil.which("callgrind_control") is None:
        return
    subprocess.run(  # noqa: S603 - a fixed local tool
        ["callgrind_control", "-i", "on" if on else "off", str(os.getpid())],  # noqa: S607
        check=False,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--route", choices=sorted(_CALLS), default="screen")
    parser.add_argument("--database-url", help="an EMPTY throw-away database (default: SQLite)")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--listed", type=int, default=300)
    parser.add_argument(
        "--thread-hops",
        action="store_true",
        help="keep the routes' hops to a worker thread (counted with the rest) instead of "
        "making them inline",
    )
    args = parser.parse_args()
    if not args.thread_hops:
        profile_http.inline_thread_hops()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='ictd-instr-')}/i.db"
    store = Store(url)
    store.init()
    try:
        count = args.requests + 50
        app, token, calls = profile_http.loaded_app(store, url, args.route, args.listed, count)
        asyncio.run(_run(app, token, calls))
    finally:
        if args.database_url:
            store.truncate_all()
        store.dispose()
    print(f"{args.route}: {args.requests} requests counted")


async def _run(app: Any, token: str, calls: list[tuple[str, Any]]) -> None:
    for path, body in calls[:50]:  # the index is built, the key checked once
        await profile_http._call(app, token, path, body)
    keys = app.state.server.keys
    frozen = keys.clock()
    keys.clock = lambda: frozen
    _instrument(True)
    for path, body in calls[50:]:
        await profile_http._call(app, token, path, body)
    _instrument(False)


if __name__ == "__main__":
    main()
