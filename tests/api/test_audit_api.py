"""The audit trail over the API: who may read which events, the purpose header, paging and
filters, and chain verification."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert, text

from ictd.security.audit import AuditEvent
from ictd.store.audit import AuditRepository
from ictd.store.tables import audit_events
from tests.api.test_errors import API, audit_seq, business_rows, denied, fields_of
from tests.api.test_subjects import create_subject
from tests.world import World

COVERED = {
    ("GET", f"{API}/audit/events"),
    ("GET", f"{API}/audit/verify"),
}


def events(
    client: TestClient, world: World, auditor_of: str, **params: Any
) -> list[dict[str, Any]]:
    """Every event the auditor of ``auditor_of`` can read with ``params``, following ``next``."""
    out: list[dict[str, Any]] = []
    after = 0
    while True:
        response = client.get(
            f"{API}/audit/events",
            params={"limit": 500, **params, "after": after},
            headers=world.auth(auditor_of, "auditor"),
        )
        assert response.status_code == 200, response.text
        page = response.json()
        out += page["items"]
        if page["next"] is None:
            return out
        after = page["next"]


def test_purpose_header_is_recorded(client: TestClient, world: World) -> None:
    subject = create_subject(client, world, "AAA", "Abu Bakr al-Baghdadi")
    response = client.get(
        f"{API}/subjects/{subject['id']}",
        headers={**world.auth("AAA", "screener"), "X-Purpose": "border check, case 2026/114"},
    )
    assert response.status_code == 200
    found = events(client, world, "OPS", action="subject.view", target=f"subject:{subject['id']}")
    assert len(found) == 1
    event = found[0]
    assert event["purpose"] == "border check, case 2026/114"
    assert event["agency"] == "AAA"
    assert event["actor"] == f"user:{world.actor('AAA', 'screener').user_id}:screener@aaa.example"
    assert event["targets"] == [f"subject:{subject['id']}"]
    assert event["ts"]
    assert len(event["hash"]) == 64
    created = events(client, world, "OPS", action="subject.create")
    assert [e["purpose"] for e in created] == [None]


def test_operator_auditor_reads_every_agency(client: TestClient, world: World) -> None:
    create_subject(client, world, "AAA", "First Person")
    create_subject(client, world, "BBB", "Second Person")
    everything = events(client, world, "OPS")
    agencies = {e["agency"] for e in everything}
    assert {"AAA", "BBB", None} <= agencies  # None: the operator at the machine (world setup)
    seqs = [e["seq"] for e in everything]
    assert seqs == list(range(1, len(seqs) + 1))
    for earlier, later in itertools.pairwise(everything):
        assert later["prev_hash"] == earlier["hash"]
    creates = events(client, world, "OPS", action="subject.create")
    assert [e["agency"] for e in creates] == ["AAA", "BBB"]
    only_bbb = events(client, world, "OPS", agency="BBB")
    assert only_bbb
    assert {e["agency"] for e in only_bbb} == {"BBB"}


@pytest.mark.parametrize("params", [{}, {"agency": "BBB"}, {"agency": "OPS"}])
def test_partner_auditor_reads_only_its_agency(
    client: TestClient, world: World, params: dict[str, str]
) -> None:
    create_subject(client, world, "AAA", "First Person")
    create_subject(client, world, "BBB", "Second Person")
    found = events(client, world, "AAA", **params)
    if params:  # another agency's events: none of them concerns AAA
        assert found == []
        return
    assert found
    assert {e["agency"] for e in found} == {"AAA"}
    assert [e["action"] for e in found if e["action"] == "subject.create"] == ["subject.create"]


def test_filters(client: TestClient, world: World) -> None:
    first = create_subject(client, world, "AAA", "First Person")
    second = create_subject(client, world, "AAA", "Second Person")
    auth = world.auth("AAA", "analyst")
    client.get(f"{API}/subjects/{first['id']}", headers=auth)
    client.get(f"{API}/subjects/{second['id']}", headers=auth)
    by_target = events(client, world, "OPS", target=f"subject:{first['id']}")
    assert [e["action"] for e in by_target] == ["subject.create", "subject.view"]
    analyst = f"user:{world.actor('AAA', 'analyst').user_id}:analyst@aaa.example"
    by_actor = events(client, world, "OPS", actor=analyst, action="subject.view")
    assert [e["targets"] for e in by_actor] == [
        [f"subject:{first['id']}"],
        [f"subject:{second['id']}"],
    ]
    since = by_actor[1]["ts"]
    recent = events(client, world, "OPS", since=since, action="subject.view")
    assert [e["seq"] for e in recent] == [by_actor[1]["seq"]]


def test_paging(client: TestClient, world: World) -> None:
    auth = world.auth("OPS", "auditor")
    first = client.get(f"{API}/audit/events", params={"limit": 5}, headers=auth).json()
    assert [e["seq"] for e in first["items"]] == [1, 2, 3, 4, 5]
    assert first["next"] == 5
    second = client.get(
        f"{API}/audit/events", params={"limit": 5, "after": first["next"]}, headers=auth
    ).json()
    assert [e["seq"] for e in second["items"]] == [6, 7, 8, 9, 10]


def test_reading_the_audit_is_audited(client: TestClient, world: World) -> None:
    seq = audit_seq(world.store)
    client.get(
        f"{API}/audit/events",
        params={"action": "subject.view"},
        headers={**world.auth("AAA", "auditor"), "X-Purpose": "quarterly review"},
    )
    reads = events(client, world, "OPS", action="audit.read")
    assert reads[0]["seq"] == seq + 1
    assert reads[0]["purpose"] == "quarterly review"
    assert reads[0]["detail"]["filters"]["concerning"] == "AAA"


@pytest.mark.parametrize(
    "who",
    [("AAA", "analyst"), ("AAA", "screener"), ("OPS", "agency-admin"), ("OPS", "duty-officer")],
)
def test_only_auditors_read_events(client: TestClient, world: World, who: tuple[str, str]) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.get(f"{API}/audit/events", headers=world.auth(*who))
    denied(world.store, response, seq)
    assert business_rows(world.store) == before


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"limit": 0}, ["limit"]),
        ({"limit": 501}, ["limit"]),
        ({"after": -1}, ["after"]),
        ({"after": "x"}, ["after"]),
        ({"action": "a" * 301}, ["action"]),
        ({"actor": "a" * 301}, ["actor"]),
        ({"target": "t" * 301}, ["target"]),
    ],
)
def test_invalid_event_query_is_422(
    client: TestClient, world: World, params: dict[str, Any], fields: list[str]
) -> None:
    seq = audit_seq(world.store)
    response = client.get(
        f"{API}/audit/events", params=params, headers=world.auth("OPS", "auditor")
    )
    assert fields_of(response) == fields
    assert audit_seq(world.store) == seq


# --- verify ---------------------------------------------------------------------------------


@pytest.mark.parametrize("agency", ["OPS", "AAA"])
def test_auditor_verifies_the_chain(client: TestClient, world: World, agency: str) -> None:
    create_subject(client, world, "AAA", "First Person")
    seq = audit_seq(world.store)
    response = client.get(f"{API}/audit/verify", headers=world.auth(agency, "auditor"))
    assert response.status_code == 200
    expected = {"ok": True, "checked": seq, "head_seq": seq, "broken": None, "unsealed": None}
    assert response.json() == expected
    verified = events(client, world, "OPS", action="audit.verify")
    assert verified[0]["detail"] == {"ok": True, "checked": seq}


@pytest.mark.parametrize("who", [("AAA", "analyst"), ("OPS", "agency-admin")])
def test_only_auditors_verify(client: TestClient, world: World, who: tuple[str, str]) -> None:
    seq = audit_seq(world.store)
    response = client.get(f"{API}/audit/verify", headers=world.auth(*who))
    denied(world.store, response, seq)


def test_verify_names_an_altered_event(client: TestClient, world: World) -> None:
    with world.store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET action = 'x' WHERE seq = 2"))
    response = client.get(f"{API}/audit/verify", headers=world.auth("OPS", "auditor"))
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is False
    assert body["broken"]["seq"] == 2
    assert "altered" in body["broken"]["reason"]


def test_verify_names_a_removed_event(client: TestClient, world: World) -> None:
    with world.store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq = 3"))
    body = client.get(f"{API}/audit/verify", headers=world.auth("AAA", "auditor")).json()
    assert body["ok"] is False
    assert body["broken"]["seq"] == 3
    assert "missing" in body["broken"]["reason"]


def test_verify_names_an_appended_event(client: TestClient, world: World) -> None:
    head = audit_seq(world.store)
    row = {
        "seq": head + 1,
        "ts": "2026-01-01T00:00:00+00:00",
        "actor": "forger",
        "action": "subject.view",
        "targets": "[]",
        "detail": "{}",
        "prev_hash": "f" * 64,
        "hash": "e" * 64,
    }
    with world.store.engine.begin() as conn:
        conn.execute(insert(audit_events).values(row))
    response = client.get(f"{API}/audit/verify", headers=world.auth("OPS", "auditor"))
    assert response.status_code == 200, response.text
    assert response.json()["broken"]["seq"] == head + 1


def test_verify_reports_events_that_waited_unsealed(client: TestClient, world: World) -> None:
    """Events left in the intake for minutes (a crashed process, a sealer that fails) are
    sealed by the verification and reported; ``ok`` is false for that run only."""
    old = AuditEvent(actor="crashed", action="subject.view", ts="2026-01-01T00:00:00+00:00")
    with world.store.engine.begin() as conn:
        AuditRepository(conn).append(old)
    seq = audit_seq(world.store)  # the read seals it
    # the server's background sealer sweeps the intake every second: paused, so that the
    # event below is still waiting when the verification looks (as after a crash)
    world.store.stop_sealer()
    try:
        with world.store.engine.begin() as conn:
            AuditRepository(conn).append(old)
        body = client.get(f"{API}/audit/verify", headers=world.auth("OPS", "auditor")).json()
    finally:
        world.store.start_sealer()
    assert body["ok"] is False and body["broken"] is None
    assert body["checked"] == seq + 1
    assert body["unsealed"]["count"] == 1 and body["unsealed"]["oldest_age_seconds"] > 60
    again = client.get(f"{API}/audit/verify", headers=world.auth("OPS", "auditor")).json()
    assert again["ok"] is True and again["unsealed"] is None
