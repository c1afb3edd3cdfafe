"""Index snapshots on both databases: the same results as a build from the store, catching up
with the change feed, and refusing a snapshot that does not fit."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from ictd.demo.load import load_synthetic
from ictd.matching import Identifier, Query
from ictd.registry import subjects
from ictd.registry.subjects import StatementInput
from ictd.screening import LiveIndex
from ictd.screening import snapshot as snap
from ictd.security.actor import Actor
from ictd.store import Store
from tests.world import World

SIZE = 300
OPERATOR = Actor.system("tests")


@pytest.fixture
def loaded(world: World) -> World:
    load_synthetic(world.store, Actor.system("tests"), SIZE, 11, ("AAA", "BBB"))
    return world


def _queries(store: Store, count: int) -> list[Query]:
    """Names of stored subjects, some with a letter dropped or the parts swapped, and their
    identifiers: queries that find candidates."""
    rng = random.Random(5)
    with store.read() as session:
        ids = session.subjects.list_ids(None, 0, 10_000)
        found = session.subjects.get_many(rng.sample(ids, min(count, len(ids))))
    out: list[Query] = []
    for n, subject in enumerate(found):
        name = subject.first("name") or "x"
        parts = name.split()
        if n % 3 == 1 and len(name) > 4:
            name = name[:2] + name[3:]
        elif n % 3 == 2 and len(parts) > 1:
            name = " ".join(reversed(parts))
        out.append(Query(f"q{n}", names=(name,), birth_date=subject.first("birthDate")))
        number = subject.first("passportNumber")
        if number:
            out.append(Query(f"i{n}", identifiers=(Identifier(number),)))
    return out


@pytest.mark.parametrize("workers", [1, 2])
def test_snapshot_gives_the_results_of_a_build(loaded: World, tmp_path: Path, workers: int) -> None:
    path = tmp_path / "index.snap"
    info = snap.build(loaded.store, OPERATOR, path, workers=workers, chunk=70)  # 5 blocks merged
    built = LiveIndex(loaded.store).index
    index, read = snap.load(path)
    assert info.subjects == read.subjects == len(built) == len(index) >= SIZE
    queries = _queries(loaded.store, 60)
    assert len(queries) > 60
    found = 0
    for query in queries:
        expected = built.search(query, limit=10)
        assert index.search(query, limit=10) == expected, query
        found += bool(expected)
    assert found == len(queries)


def test_a_worker_catches_up_from_the_feed(loaded: World, tmp_path: Path) -> None:
    path = tmp_path / "index.snap"
    snap.build(loaded.store, OPERATOR, path)
    running = LiveIndex(loaded.store)  # a worker that built from the store before the change
    running.build()
    analyst = loaded.actor("AAA", "analyst")
    new = subjects.create_subject(
        loaded.store, analyst, "Person", [StatementInput("name", "Zebulon Quartermaine")]
    ).subject.id
    live = LiveIndex(loaded.store)
    info = snap.load_into(live, loaded.store, path)
    assert live.position > info.position
    (match,) = live.index.search(Query("q", names=("Zebulon Quartermaine",)), limit=1)
    assert match.subject_id == new
    assert len(live.index) == info.subjects + 1
    # the snapshot plus the feed says what a worker running all along says
    running.refresh()
    for query in _queries(loaded.store, 20):
        assert live.index.search(query) == running.index.search(query)


def test_freshness_and_refusals(loaded: World, tmp_path: Path) -> None:
    path = tmp_path / "index.snap"
    info = snap.build(loaded.store, OPERATOR, path)
    assert snap.freshness(loaded.store, info) is None
    with pytest.raises(snap.SnapshotError, match="no index snapshot"):
        snap.read_info(tmp_path / "missing.snap")
    other = tmp_path / "other.snap"
    other.write_text("id,names\n1,Someone\n", encoding="utf-8")
    with pytest.raises(snap.SnapshotError, match="not an index snapshot"):
        snap.read_info(other)
    # a snapshot of another matcher: same layout, another digest in the header
    raw = path.read_bytes()
    size = int.from_bytes(raw[8:16], "little")
    header = json.loads(raw[16 : 16 + size])
    stale = json.dumps({**header, "matcher": "0" * 64}, separators=(",", ":")).encode()
    assert len(stale) == size
    changed = tmp_path / "stale.snap"
    changed.write_bytes(raw[:16] + stale + raw[16 + size :])
    with pytest.raises(snap.SnapshotError, match="another version of the matcher"):
        snap.load(changed)
    assert "another version" in (snap.freshness(loaded.store, snap.read_info(changed)) or "")
    with pytest.raises(snap.SnapshotError, match="not used: made by another version"):
        snap.load_into(LiveIndex(loaded.store), loaded.store, changed)
    headless = tmp_path / "headless.snap"
    bare = f'{{"format":{snap.FORMAT}}}'.encode()
    headless.write_bytes(raw[:8] + len(bare).to_bytes(8, "little") + bare)
    with pytest.raises(snap.SnapshotError, match="damaged header"):
        snap.read_info(headless)
    old = json.dumps({**header, "format": 1}, separators=(",", ":")).encode()
    first = tmp_path / "first.snap"  # the format before the keys' counts were stored
    first.write_bytes(raw[:8] + len(old).to_bytes(8, "little") + old + raw[16 + size :])
    with pytest.raises(snap.SnapshotError, match="of format 1, this version reads format 2"):
        snap.read_info(first)
    cut = tmp_path / "cut.snap"
    cut.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(snap.SnapshotError, match="cut short"):
        snap.load(cut)
    moved = json.dumps({**header, "store": "elsewhere"[:9]}, separators=(",", ":")).encode()
    elsewhere = tmp_path / "elsewhere.snap"
    elsewhere.write_bytes(raw[:8] + len(moved).to_bytes(8, "little") + moved + raw[16 + size :])
    reason = snap.freshness(loaded.store, snap.read_info(elsewhere))
    assert reason is not None and "another store" in reason
