"""`ictd manifests demo` and `ictd manifests import`, on both databases: demo files parse
and carry listed people of the demo data; importing answers one JSON line per file;
a bad file is answered with its errors and the others go on; a repeat is replayed."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from ictd.alerts import AlertConfig
from ictd.border import parse_interchange
from ictd.demo import load_synthetic
from ictd.manifests import submit_manifest
from ictd.manifests.demo import demo_messages
from ictd.screening import LiveIndex
from ictd.security.actor import Actor
from tests.border.conftest import FIXTURES
from tests.cli.test_cli import ictd, ok
from tests.world import World

OWNERS = ("AAA", "BBB", "AAA", "BBB")  # as many as `ictd demo` has: the same draws


def test_demo_writes_messages_that_parse(tmp_path: Path, world: World) -> None:
    out = tmp_path / "demo"
    run = ictd(
        world.store.url, "manifests", "demo", "--out", str(out), "--flights", "2",
        "--passengers", "15", "--listed", "3", "--seed", "4", "--demo-size", "300",
    )  # fmt: skip
    assert "wrote 6 messages of 2 flights" in ok(run)
    assert "3 listed travellers aboard" in run.stdout
    files = sorted(out.iterdir())
    assert len(files) == 6
    for path in files:
        outcome = parse_interchange(path.read_bytes())
        assert outcome.rejected == ()
        (manifest,) = outcome.interchange.manifests
        assert manifest.passengers


def test_import_files_and_directories(tmp_path: Path, world: World) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "paxlst_passengers.edi", folder / "a.edi")
    shutil.copy(FIXTURES / "bad" / "wrong_segment_count.edi", folder / "b.edi")
    shutil.copy(FIXTURES / "pnrgov_bookings.edi", tmp_path / "pnr.edi")
    email = "screener@bbb.example"
    run = ictd(
        world.store.url, "manifests", "import", str(folder), str(tmp_path / "pnr.edi"),
        "--as", email, "--state", "us",
    )  # fmt: skip
    assert run.exit_code == 1  # one file was rejected
    lines = [json.loads(x) for x in run.stdout.splitlines()]
    assert [Path(x["file"]).name for x in lines] == ["a.edi", "b.edi", "pnr.edi"]
    assert lines[0]["travellers"] == 4 and lines[0]["replayed"] is False
    assert lines[1]["error"]["details"][0]["field"] == "segment 56 (UNT)"
    assert lines[2]["messages"][0]["message_type"] == "PNRGOV"
    assert "2 manifests submitted (7 travellers, 0 hits), 1 rejected" in run.stderr
    again = ictd(world.store.url, "manifests", "import", str(folder / "a.edi"), "--as", email)
    assert json.loads(ok(again))["replayed"] is True
    missing = ictd(world.store.url, "manifests", "import", str(tmp_path / "nope"), "--as", email)
    assert missing.exit_code == 1 and "no such file" in missing.stderr


def test_demo_travellers_listed_in_the_demo_data_hit(world: World) -> None:
    """The listed people planted under their passports' MRZ spellings (Arabic and Cyrillic
    names in ICAO transliteration) are found by the screening."""
    load_synthetic(world.store, Actor.system("test"), 300, 7, OWNERS)
    messages = demo_messages(
        5, 2, datetime.now(UTC), passengers=10, listed=4, demo_size=300, agencies=OWNERS
    )
    live = LiveIndex(world.store)
    actor = world.actor("OPS", "screener")
    planted = hits = 0
    for message in messages:
        if not message.name.endswith("_passengers.edi"):
            continue
        answer = submit_manifest(world.store, live, actor, message.text, AlertConfig()).answer
        planted += message.planted
        hits += answer["hits"]
    assert planted == 4
    assert hits >= planted
