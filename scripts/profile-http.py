"""CPU per single request of the API, in one process, with or without cProfile.

The ASGI application of ``ictd serve`` is called directly (no socket, no HTTP parser) on a
throw-away store loaded as ``ictd bench http`` loads it (``--listed`` listed subjects;
agency BBB's screener sends the requests, the same bodies as the benchmark's). The hop of
the endpoint and of the key check to a worker thread is made inline, so that one profile
sees the whole request. Prints the CPU time (``time.process_time``) and wall time per
request over ``--requests`` requests after 50 not counted; with ``--profile FILE`` also
writes the cProfile statistics there and prints the heaviest functions.

    python scripts/profile-http.py --route movement
    python scripts/profile-http.py --route screen --database-url postgresql+psycopg://…/<empty db>
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import pstats
import random
import tempfile
import time
from typing import Any

import ictd.api.deps
import ictd.api.routers.movements
import ictd.api.routers.screening
from ictd.api import create_app
from ictd.bench.alerts_setup import load_store
from ictd.bench.http import _CALLS
from ictd.settings import Settings
from ictd.store import Store


async def _inline(func: Any, *args: Any, **kwargs: Any) -> Any:
    return func(*args, **kwargs)


def inline_thread_hops() -> None:
    """The routes' thread-pool calls run inline: one thread, so that what measures the
    requests (a profiler, callgrind, a statement trace) sees the whole of each."""
    for module in (ictd.api.deps, ictd.api.routers.movements, ictd.api.routers.screening):
        module.run_in_worker = _inline  # type: ignore[attr-defined]


def loaded_app(
    store: Store, url: str, route: str, listed: int, count: int
) -> tuple[Any, str, list[tuple[str, Any]]]:
    """The API over ``store`` (initialised) with ``listed`` subjects loaded, the screener's
    key, and ``count`` requests of ``route`` (the same ones on every run)."""
    tokens, names = load_store(store, listed)
    app = create_app(Settings(database_url=url, environment="test"), store)
    rng = random.Random(13)  # noqa: S311 - reproducible test data
    calls = [_CALLS[route](rng, names, n) for n in range(count)]
    return app, tokens["BBB:screener"], calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--route", choices=sorted(_CALLS), default="screen")
    parser.add_argument("--database-url", help="an EMPTY throw-away database (default: SQLite)")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--listed", type=int, default=2000)
    parser.add_argument("--profile", help="write cProfile statistics to this file")
    args = parser.parse_args()
    inline_thread_hops()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='ictd-profile-')}/p.db"
    store = Store(url)
    store.init()
    try:
        app, token, calls = loaded_app(store, url, args.route, args.listed, args.requests + 50)
        asyncio.run(_run(app, token, calls, args))
    finally:
        if args.database_url:
            store.truncate_all()
        store.dispose()


async def _run(app: Any, token: str, calls: list[tuple[str, Any]], args: Any) -> None:
    async with app.router.lifespan_context(app):
        for path, body in calls[:50]:
            await _call(app, token, path, body)
        profile = cProfile.Profile() if args.profile else None
        cpu, wall = time.process_time(), time.perf_counter()
        if profile:
            profile.enable()
        for path, body in calls[50:]:
            await _call(app, token, path, body)
        if profile:
            profile.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    n = len(calls) - 50
    print(
        f"{args.route}: CPU {cpu * 1000 / n:.3f} ms/request, wall {wall * 1000 / n:.3f} ms/request"
    )
    if profile:
        profile.dump_stats(args.profile)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(50)


async def _call(app: Any, token: str, path: str, body: Any) -> None:
    raw = json.dumps(body).encode()
    headers = [
        (b"host", b"bench"),
        (b"content-type", b"application/json"),
        (b"content-length", str(len(raw)).encode()),
        (b"authorization", f"Bearer {token}".encode()),
    ]
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "headers": headers, "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80), "state": {},
    }  # fmt: skip
    sent = False
    status: list[int] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": raw, "more_body": False}
        await asyncio.sleep(3600)  # no disconnect while the request runs
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await app(scope, receive, send)
    if not status or status[0] >= 300:
        raise SystemExit(f"{path} answered {status}")


if __name__ == "__main__":
    main()
