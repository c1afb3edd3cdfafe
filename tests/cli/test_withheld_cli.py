"""Withheld hits and the hit threshold from the command line, on both databases: ``ictd
screen`` writes a withheld hit without subject, score or explanation and tells the owner;
``ictd agency set`` sets an agency's hit threshold."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ictd.alerts import read_events
from ictd.registry import subjects
from ictd.registry.listings import ListingInput
from ictd.registry.subjects import StatementInput
from tests.cli.test_cli import ictd, ok, refused
from tests.world import World, create_published

NAME = "Abu Mohammed al-Adnani"


def _hidden(world: World) -> int:
    """A person of AAA's, listed for AAA only."""
    analyst = world.actor("AAA", "analyst")
    facts = [StatementInput("name", NAME), StatementInput("birthDate", "1977")]
    created = subjects.create_subject(world.store, analyst, "Person", facts)
    assert created.subject.id is not None
    data = ListingInput(category="terrorist", actions=["arrest"], status="active")
    create_published(world.store, analyst, created.subject.id, data)
    return created.subject.id


def test_screen_writes_a_withheld_hit_without_ids_and_tells_the_owner(
    world: World, tmp_path: Path
) -> None:
    sid = _hidden(world)
    queries = tmp_path / "people.csv"
    queries.write_text(f"id,names,birth_date\np1,{NAME},1977\n", encoding="utf-8")
    for fmt in ("csv", "jsonl"):
        out = ok(
            ictd(world.store.url, "screen", str(queries), "--as", "screener@bbb.example",
                 "--out-format", fmt, "--threshold", "0")
        )  # fmt: skip
        if fmt == "csv":
            (row,) = list(csv.DictReader(io.StringIO(out)))
            assert (row["hit"], row["details_withheld"]) == ("True", "True")
            assert (row["subject_id"], row["score"], row["explanation"]) == ("", "", "")
            assert row["owner"].startswith("AAA") and row["reference"].startswith("LREF-")
        else:
            (match,) = json.loads(out)["matches"]
            assert set(match) == {"hit", "details_withheld", "listings"}
    events = read_events(world.store, "AAA", 0)
    assert [e.type for e in events] == ["screening.hit-withheld"] * 2
    assert {e.payload["subject_id"] for e in events} == {sid}


def test_agency_set_hit_threshold(world: World) -> None:
    url = world.store.url
    assert "hit threshold 0.8" in ok(ictd(url, "agency", "set", "AAA", "--hit-threshold", "0.8"))
    with world.store.read() as session:
        agency = session.accounts.get_agency("AAA")
    assert agency is not None and agency.hit_threshold == 0.8
    reset = ictd(
        url, "agency", "set", "AAA", "--default-hit-threshold", "--as", "agency-admin@aaa.example"
    )
    assert "hit threshold default" in ok(reset)
    refused(ictd(url, "agency", "set", "AAA", "--hit-threshold", "1.5"), "hit_threshold")
    refused(ictd(url, "agency", "set", "AAA"), "--hit-threshold")
    refused(
        ictd(
            url,
            "agency",
            "set",
            "AAA",
            "--hit-threshold",
            "0.7",
            "--as",
            "agency-admin@bbb.example",
        ),
        "own agency",
    )
    refused(ictd(url, "agency", "set", "ZZZ", "--hit-threshold", "0.7"), "ZZZ")
    with world.store.read() as session:
        agency = session.accounts.get_agency("AAA")
    assert agency is not None and agency.hit_threshold is None
