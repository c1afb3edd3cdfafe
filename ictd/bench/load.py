"""Load test: mixed traffic at a fixed rate for a fixed time against several servers.

A throw-away store (a new SQLite file, or a database created for the run on a PostgreSQL
server and dropped after it) gets ``listed`` listed synthetic subjects owned by agency AAA
(``ictd.bench.alerts_setup.load_store``). ``workers`` ``ictd serve`` processes run on ports
of their own and requests go to them in turn (round robin), as a reverse proxy would send
them; no proxy is measured.

The requests are drawn in advance from the seed (``ictd.bench.load_plan``). The schedule
is open: request *i* is due at ``t0 + i / rate`` whatever happened to the ones before it,
and its latency runs from that due time to its answer, so a slow server cannot slow the
generator down and hide its own slowness. At most ``clients`` requests are in flight at
once; a request waiting for a free client is late, and its wait counts. One asyncio loop
drives every request (``ictd.bench.load_client``, keep-alive connections to each server).

Afterwards every movement a client got a 2xx for is looked up in the store
(``ictd.bench.reconcile``). CPU of the generator and of each server is read over the run
(``getrusage`` and ``/proc``) and the machine's load average at its start and end: the
figures of a shared machine mean little without them.
"""

from __future__ import annotations

import asyncio
import os
import resource
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from ictd.bench.alerts_setup import Server, load_store
from ictd.bench.http import cpu_seconds
from ictd.bench.load_client import TRANSPORT_ERRORS, Pool, Response
from ictd.bench.load_plan import Call, Mix, build_plan
from ictd.bench.load_report import LoadResult, Outcome, route_stats
from ictd.bench.reconcile import Answer, reconcile, stored_movements
from ictd.store import Store
from ictd.store.scratch import scratch_database

__all__ = ["LoadOptions", "bench_load"]

_LATE_S = 1.0
_WARM_PER_WORKER = 12


@dataclass(frozen=True, slots=True)
class LoadOptions:
    rate: float = 100.0  # requests per second, over all workers
    duration: float = 60.0  # seconds
    workers: int = 2
    listed: int = 10_000
    clients: int = 64  # requests in flight at most
    mix: Mix = field(default_factory=Mix)
    seed: int = 1
    timeout: float = 30.0  # seconds a request may take before it counts as a transport error

    @property
    def requests(self) -> int:
        return max(1, round(self.rate * self.duration))


def bench_load(options: LoadOptions, database_url: str | None = None) -> LoadResult:
    """Run the load test on a new SQLite file, or on a database created for it on the
    PostgreSQL server of ``database_url`` (dropped afterwards)."""
    if database_url:
        with scratch_database(database_url) as url:
            return _run("PostgreSQL", url, options)
    with tempfile.TemporaryDirectory(prefix="ictd-load-") as tmp:
        return _run("SQLite", f"sqlite:///{Path(tmp) / 'load.db'}", options)


def _run(backend: str, url: str, options: LoadOptions) -> LoadResult:
    store = Store(url)
    try:
        store.init()
        tokens, names = load_store(store, options.listed)
        with store.read() as session:
            subject_ids = session.subjects.list_ids(None, 0, 1000)
    finally:
        store.dispose()
    headers = {role: {"Authorization": f"Bearer {token}"} for role, token in tokens.items()}
    plan = build_plan(options.requests, options.mix, options.seed, names, subject_ids)
    warm = build_plan(_WARM_PER_WORKER * options.workers, options.mix, options.seed + 1, names,
                      subject_ids, tag="warm")  # fmt: skip
    servers = [Server(url) for _ in range(options.workers)]
    answers: dict[str, Answer | None] = {}
    with ExitStack() as stack:
        for server in servers:
            stack.callback(server.stop)
        with ThreadPoolExecutor(len(servers)) as pool:
            list(pool.map(_start, servers))
        _warm_up([s.base for s in servers], warm, headers, answers)
        load_start = os.getloadavg()
        cpu_start = [_server_cpu(s) for s in servers]
        own_start = _own_cpu()
        outcomes, elapsed, lag = asyncio.run(
            _drive(plan, [s.base for s in servers], headers, answers, options)
        )
        own = (_own_cpu() - own_start) / elapsed
        cpu_end = [_server_cpu(s) for s in servers]
        load_end = os.getloadavg()
    server_cpu = tuple((b - a) / elapsed for a, b in zip(cpu_start, cpu_end, strict=True)
                       if a is not None and b is not None)  # fmt: skip
    store = Store(url)
    try:
        stored = stored_movements(store, "BBB")
    finally:
        store.dispose()
    late = [o.late_s for o in outcomes]
    return LoadResult(
        backend=backend, workers=options.workers, listed=options.listed,
        clients=options.clients, mix=str(options.mix), target_rate=options.rate,
        duration=options.duration, achieved_rate=len(outcomes) / elapsed,
        late=sum(1 for s in late if s > _LATE_S), max_late_s=max(late), generator_lag_s=lag,
        generator_cpu=own,
        server_cpu=server_cpu, load_start=load_start, load_end=load_end,
        routes=route_stats(outcomes), reconciliation=reconcile(answers, stored),
    )  # fmt: skip


def _start(server: Server) -> None:
    """Start and wait until its index is built and caught up (``/health/ready``)."""
    server.start()
    ends = time.monotonic() + 600
    while time.monotonic() < ends:
        if httpx.get(f"{server.base}/health/ready", timeout=5).is_success:
            return
        time.sleep(0.2)
    raise RuntimeError("the server did not become ready")


def _server_cpu(server: Server) -> float | None:
    return cpu_seconds(server.proc.pid) if server.proc is not None else None


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _answer(response: httpx.Response | Response) -> Answer | None:
    if not response.is_success:
        return None
    reply = response.json()["results"][0]
    return Answer(int(reply["movement_id"]), str(reply["result"]))


def _warm_up(bases: Sequence[str], plan: Sequence[Call], headers: dict[str, dict[str, str]],
             answers: dict[str, Answer | None]) -> None:  # fmt: skip
    """A few requests of every kind on every server first (not counted in the figures;
    their movements are reconciled like the others)."""
    for n, call in enumerate(plan):
        with httpx.Client(base_url=bases[n % len(bases)], timeout=60) as http:
            if call.key is not None:
                answers[call.key] = None
            answer = http.request(call.method, call.path, json=call.body, params=call.params,
                                  headers=headers[call.role])  # fmt: skip
            if call.key is not None:
                answers[call.key] = _answer(answer)


async def _drive(plan: Sequence[Call], bases: Sequence[str], headers: dict[str, dict[str, str]],
                 answers: dict[str, Answer | None], options: LoadOptions,
                 ) -> tuple[list[Outcome], float, float]:  # fmt: skip
    """Send ``plan`` on schedule; the outcomes, seconds from the first due time to the
    last answer, and the most the generator itself fell behind the schedule (seconds from
    a request's due time to the moment it was handed on, before it waits for a client)."""
    gate = asyncio.Semaphore(options.clients)
    pools = [Pool(base, options.timeout) for base in bases]

    async def send(n: int, call: Call, due: float) -> Outcome:
        async with gate:
            sent = time.perf_counter()
            status = None
            if call.key is not None:
                answers[call.key] = None
            try:
                response = await pools[n % len(pools)].request(
                    call.method, call.path, headers[call.role], call.body, call.params
                )
                status = response.status
                if call.key is not None:
                    answers[call.key] = _answer(response)
                elif response.is_success:
                    response.json()  # as a client would
            except TRANSPORT_ERRORS:
                pass  # counted as a transport error (status None)
        return Outcome(call.route, status, (time.perf_counter() - due) * 1000, sent - due)

    try:
        t0 = time.perf_counter() + 0.1
        tasks = []
        lag = 0.0
        for n, call in enumerate(plan):
            due = t0 + n / options.rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))  # 0: let others run
            lag = max(lag, time.perf_counter() - due)
            tasks.append(asyncio.create_task(send(n, call, due)))
        outcomes = list(await asyncio.gather(*tasks))
        return outcomes, time.perf_counter() - t0, lag
    finally:
        for pool in pools:
            await pool.close()
