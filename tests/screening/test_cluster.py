"""`ictd screen --cluster local:2` on both databases: a local Dask cluster of two worker
processes gives what screening in one process gives, in input order, audited once per job."""

from __future__ import annotations

import csv
import hashlib
import io
import random
import socket
from pathlib import Path

import pytest

from ictd.demo.load import load_synthetic
from ictd.screening import LiveIndex, QueryInput, screen
from ictd.screening import snapshot as snap
from ictd.screening.batchfile import read_queries
from ictd.screening.cluster import (
    IndexRef,
    Span,
    decode_matches,
    encode_matches,
    open_client,
    screen_on_cluster,
    search_partition,
    ship,
)
from ictd.screening.service import parse_queries
from ictd.security.actor import Actor
from tests.cli.test_cli import ictd
from tests.world import World

pytest.importorskip("distributed")


@pytest.fixture
def loaded(world: World) -> World:
    load_synthetic(world.store, Actor.system("tests"), 150, 5, ("AAA", "BBB"))
    return world


def _input(world: World, path: Path, count: int) -> None:
    rng = random.Random(3)
    with world.store.read() as session:
        found = session.subjects.get_many(session.subjects.list_ids(None, 0, 1000))
    rows = []
    for n in range(count):
        subject = rng.choice(found)
        name = subject.first("name") or "nobody"
        if n % 4 == 1:
            name = name[:-1]
        if n % 4 == 3:
            name = "Quentin Marlowe-Zabrisky"  # no one
        rows.append({"id": f"r{n}", "names": name, "birth_date": subject.first("birthDate")})
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, ["id", "names", "birth_date"])
        writer.writeheader()
        writer.writerows(rows)


def test_cluster_screening_matches_one_process(loaded: World, tmp_path: Path) -> None:
    queries = tmp_path / "queries.csv"
    _input(loaded, queries, 2600)  # three partitions of at most 1,000
    user = "screener@bbb.example"
    url = loaded.store.url
    one = tmp_path / "one.csv"
    run = ictd(url, "screen", str(queries), "--as", user, "-o", str(one))
    assert run.exit_code == 0, run.output
    many = tmp_path / "many.csv"
    run = ictd(url, "screen", str(queries), "--as", user, "-o", str(many), "--cluster", "local:2")
    assert run.exit_code == 0, run.output
    assert "screened 2600 queries on 2 workers" in run.stderr
    expected = one.read_text(encoding="utf-8")
    assert many.read_text(encoding="utf-8") == expected
    rows = list(csv.DictReader(io.StringIO(expected)))
    order = list(dict.fromkeys(r["query_id"] for r in rows))
    assert order == [f"r{n}" for n in range(2600)]
    assert any(r["hit"] == "True" for r in rows)
    with loaded.store.read() as session:
        (job,) = [e for e in session.audit.events() if e.action == "screen.job"]
    digest = hashlib.sha256(queries.read_bytes()).hexdigest()
    assert job.detail["input_sha256"] == digest
    assert job.detail["queries"] == 2600
    assert job.detail["partitions"] == 3
    assert job.detail["workers"] == 2
    assert job.agency == "BBB"


def test_cluster_option_is_checked(loaded: World, tmp_path: Path) -> None:
    queries = tmp_path / "queries.csv"
    _input(loaded, queries, 5)
    user = "screener@bbb.example"
    bad = ictd(loaded.store.url, "screen", str(queries), "--as", user, "--cluster", "nowhere")
    assert bad.exit_code == 1
    assert "--cluster" in bad.stderr and "Traceback" not in bad.output
    with queries.open("a", encoding="utf-8") as out:
        out.write("r99,Somebody,1975-13-40\n")  # a bad date on the last line
    broken = ictd(loaded.store.url, "screen", str(queries), "--as", user, "--cluster", "local:2")
    assert broken.exit_code == 1
    assert "birth_date" in broken.stderr and "nothing was screened" in broken.stderr
    with loaded.store.read() as session:
        actions = {e.action for e in session.audit.events()}
    assert "screen.job" not in actions and "screen" not in actions


def test_snapshot_sent_to_workers_without_a_shared_disk(loaded: World, tmp_path: Path) -> None:
    """The path of a remote cluster: the snapshot's bytes go to each worker once, which
    writes them to its own disk and maps them; results as in one process."""
    info = snap.build(loaded.store, Actor.system("tests"), tmp_path / "job.snap")
    actor = loaded.actor("AAA", "screener")
    with loaded.store.read() as session:
        found = session.subjects.get_many(session.subjects.list_ids(None, 0, 40))
    inputs = [QueryInput(id=f"s{s.id}", names=[s.first("name") or "x"]) for s in found]
    expected = screen(loaded.store, LiveIndex(loaded.store), actor, inputs)
    client, close = open_client("local:2")
    got: list = []
    try:
        ref = ship(client, info, shared=False)
        assert ref.path is None and ref.data is not None
        job = screen_on_cluster(
            loaded.store,
            actor,
            client,
            ref,
            [inputs[:25], inputs[25:]],
            "0" * 64,
            on_results=got.extend,
        )
    finally:
        close()
    assert [r.to_dict() for r in got] == [r.to_dict() for r in expected]
    assert job.queries == len(inputs) and job.partitions == 2 and job.hits >= 1


def test_spans_and_encoded_matches_give_the_matches_of_one_process(
    loaded: World, tmp_path: Path
) -> None:
    """A partition sent as its raw lines, or as a byte range of a file the workers read,
    is parsed on the worker; its matches come back as flat arrays and decode to the very
    matches the index gives in this process."""
    info = snap.build(loaded.store, Actor.system("tests"), tmp_path / "job.snap")
    index, _ = snap.load(info.path)
    queries = tmp_path / "queries.csv"
    _input(loaded, queries, 30)
    raw = queries.read_bytes()
    header, _, body = raw.partition(b"\n")
    with queries.open(encoding="utf-8", newline="") as handle:
        expected_queries = parse_queries([q for _, q in read_queries(handle, "csv")])
    expected = [index.search(q, limit=5, threshold=0.5) for q in expected_queries]
    assert any(expected) and not all(expected)
    ref = IndexRef("test-" + info.matcher[:8], path=str(info.path))
    start = len(header) + 1
    spans = [
        Span("csv", header + b"\n", body=body),
        Span("csv", header + b"\n", path=str(queries), start=start, stop=len(raw)),
    ]
    for part in [*spans, expected_queries]:
        got = decode_matches(search_partition(ref, part, 5, 0.5))
        assert got == expected
    assert decode_matches(encode_matches([])) == []


def test_a_local_cluster_starts_beside_another_holding_the_dashboard_port() -> None:
    """Two local clusters at once (two jobs, or tests in parallel): the second must not
    stumble on the first's dashboard port (Dask's 8787 by default); a local cluster's
    dashboard takes a free port on the loopback."""
    held = socket.socket()
    try:
        held.bind(("127.0.0.1", 8787))
        held.listen()
    except OSError:
        pass  # already held by something else: the same situation
    try:
        client, close = open_client("local:1")
        try:
            assert len(client.scheduler_info()["workers"]) == 1
            host = client.scheduler_info()["services"]
            assert host.get("dashboard") != 8787
        finally:
            close()
    finally:
        held.close()
