"""``ictd bench http``: a tiny real run through ``ictd serve`` (SQLite), and its table.
Nothing here depends on how fast anything is."""

from __future__ import annotations

import os
import sys

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from ictd.bench.http import (
    HttpBenchResult,
    _percentile,
    bench_http,
    cpu_seconds,
    format_http_table,
)
from tests.cli.test_cli import ictd, refused
from tests.conftest import PG_ADMIN_URL, PG_REQUIRED


def test_a_tiny_run_answers_every_request_without_error() -> None:
    results = bench_http(listed=10, requests=12, clients=2)
    assert [(r.backend, r.route) for r in results] == [("SQLite", "screen"), ("SQLite", "movement")]
    for r in results:
        assert r.errors == 0 and r.requests == 12
        assert r.per_second > 0 and 0 < r.p50_ms <= r.p99_ms
        # the server's CPU per request is read from /proc on Linux (one worker)
        assert (r.cpu_ms is not None) == sys.platform.startswith("linux")


def test_the_table_names_the_command_and_each_row() -> None:
    row = HttpBenchResult("SQLite", "screen", 100, 1000, 4, 2, 812.4, 1.234, 5.678, 0)
    table = format_http_table([row], "ictd bench http --listed 100")
    assert table.splitlines()[0] == "`ictd bench http --listed 100`"
    last = "| SQLite | screen | 100 | 1,000 | 4 | 2 | 812 | 1.23 | 5.68 | 0 | — |"
    assert table.splitlines()[-1] == last
    measured = HttpBenchResult("SQLite", "screen", 100, 1000, 1, 1, 500.0, 1.5, 3.0, 0, 1.234)
    assert format_http_table([measured], "x").splitlines()[-1].endswith("| 0 | 1.23 |")


def test_cpu_time_is_read_for_a_live_process_and_not_for_a_missing_one() -> None:
    if not sys.platform.startswith("linux"):
        return
    own = cpu_seconds(os.getpid())
    assert own is not None and own > 0  # this test process has run Python for a while
    assert cpu_seconds(2**22 + 1) is None  # above the kernel's largest process id


def test_the_99th_percentile_is_a_measured_value() -> None:
    values = [float(v) for v in range(1, 201)]
    assert _percentile(values, 0.99) == 199.0
    assert _percentile([3.0], 0.99) == 3.0


def test_an_unknown_route_is_refused() -> None:
    refused(ictd("sqlite:///unused.db", "bench", "http", "--route", "nope"), "--route")


def test_a_postgresql_run_gets_a_database_of_its_own_and_drops_it() -> None:
    """``--database-url`` names a server: the run creates its own database there and drops
    it; the database of the URL is only connected to."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        try:
            with admin.connect() as conn:
                before = set(conn.execute(text("SELECT datname FROM pg_database")).scalars())
        except OperationalError:
            if PG_REQUIRED:
                raise
            pytest.skip("PostgreSQL unreachable")
        results = bench_http(listed=10, requests=12, clients=2, routes=("screen",),
                             pg_url=PG_ADMIN_URL)  # fmt: skip
        with admin.connect() as conn:
            after = set(conn.execute(text("SELECT datname FROM pg_database")).scalars())
    finally:
        admin.dispose()
    assert [(r.backend, r.errors) for r in results] == [("SQLite", 0), ("PostgreSQL", 0)]
    assert {name for name in after - before if name.startswith("ictd_bench_")} == set()


def test_an_unreachable_postgresql_server_is_a_clear_error_before_anything_runs() -> None:
    unreachable = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"
    run = ictd("sqlite:///unused.db", "bench", "http", "--database-url", unreachable)
    refused(run, "cannot create a scratch database on the PostgreSQL server at")
    assert "Traceback" not in run.output
