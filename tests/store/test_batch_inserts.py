"""Batches written on the driver's cursor (``Direct.many``), on both databases: movements and
alerts get the ids of their own rows, in the order given, however the database hands them
out; a time shared by the rows of a batch is stored as each row's own; a repeated key
fails the whole batch; events and manifest travellers read back as written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from ictd.exc import Conflict
from ictd.registry import accounts
from ictd.security.actor import Actor
from ictd.store import Store
from ictd.store.alerts import payload_texts
from ictd.store.repository import json_text
from ictd.store.tables import alert_events, movements

EAST = timezone(timedelta(hours=3))
NOW = datetime(2026, 12, 6, 9, 15, 30, 125000, tzinfo=UTC)


def _movement(agency: str, key: str, when: datetime) -> dict[str, Any]:
    return {
        "agency": agency,
        "idempotency_key": key,
        "digest": key.ljust(64, "0"),
        "kind": "border-entry",
        "occurred_at": when,
        "country": "FR",
        "names": [f"Traveller {key}"],
        "nationalities": ["FR"],
        "created_at": NOW,  # one object shared by every row, as in a batch
        "created_by": None,
        "reply": {"result": "no-hit", "key": key},
    }


def _alert(reference: str, agency: str, movement_id: int | None, due: datetime) -> dict[str, Any]:
    return {
        "reference": reference,
        "kind": "rule",
        "movement_id": movement_id,
        "listing_id": None,
        "subject_id": None,
        "agency": agency,
        "reporter": "AAA",
        "category": None,
        "actions": ["discreet-check", "locate-and-inform"],
        "handling": None,
        "score": None,
        "origin": "rule",
        "status": "new",
        "created_at": NOW,
        "updated_at": NOW,
        "due_at": due,
        "detail": {"rule_id": 7, "name": "Ütopia"},
        "dedupe_key": None,
    }


@pytest.fixture
def agencies(store: Store) -> Store:
    for code in ("AAA", "BBB"):
        accounts.create_agency(store, Actor.system("tests"), code, f"Agency {code}")
    return store


def test_a_batch_of_movements_gets_the_ids_of_its_own_rows_in_order(agencies: Store) -> None:
    store = agencies
    # keys in an order unlike their sort order; two agencies share a key
    keys = ["k-9", "k-1", "k-5", "k-3"]
    rows = [_movement("AAA", k, NOW + timedelta(minutes=i)) for i, k in enumerate(keys)]
    rows.insert(2, _movement("BBB", "k-1", NOW.astimezone(EAST)))
    with store.begin() as session:
        ids = session.movements.insert_many(rows)
    assert len(set(ids)) == len(rows)
    with store.read() as session:
        stored = session.movements.get_many(ids)
    for movement_id, row in zip(ids, rows, strict=True):
        found = stored[movement_id]
        assert (found.agency, found.idempotency_key) == (row["agency"], row["idempotency_key"])
        assert found.occurred_at == row["occurred_at"] and found.occurred_at.tzinfo == UTC
        assert found.created_at == NOW
        assert found.reply == {"result": "no-hit", "key": row["idempotency_key"]}


def test_a_key_repeated_in_a_batch_or_stored_before_fails_the_whole_batch(
    agencies: Store,
) -> None:
    store = agencies
    with store.begin() as session:
        session.movements.insert_many([_movement("AAA", "taken", NOW)])
    batches = [
        [_movement("AAA", "x-1", NOW), _movement("AAA", "x-2", NOW), _movement("AAA", "x-1", NOW)],
        [_movement("AAA", "y-1", NOW), _movement("AAA", "taken", NOW)],
    ]
    for batch in batches:
        with pytest.raises(Conflict), store.begin() as session:
            session.movements.insert_many(batch)
    with store.read() as session:
        assert list(session.movements.by_keys("AAA", ["taken", "x-1", "x-2", "y-1"])) == ["taken"]


def test_a_batch_of_alerts_reads_back_as_returned(agencies: Store) -> None:
    store = agencies
    with store.begin() as session:
        (movement_id,) = session.movements.insert_many([_movement("AAA", "m", NOW)])
        rows = [
            _alert("ALR-00000000000C", "BBB", movement_id, NOW + timedelta(hours=12)),
            _alert("ALR-00000000000A", "AAA", None, (NOW + timedelta(hours=1)).astimezone(EAST)),
            _alert("ALR-00000000000B", "BBB", movement_id, NOW + timedelta(hours=12)),
        ]
        created = session.alerts.insert_many(rows)
    assert [a.reference for a in created] == [r["reference"] for r in rows]
    with store.read() as session:
        for alert in created:
            found = session.alerts.get(alert.id)
            assert found == alert
            assert found is not None and found.detail == {"rule_id": 7, "name": "Ütopia"}
            assert found.actions == ("discreet-check", "locate-and-inform")
    assert created[1].due_at == NOW + timedelta(hours=1)


def test_events_of_a_batch_read_back_as_appended(agencies: Store) -> None:
    store = agencies
    specs = [
        (None, "AAA", "alert.created", "system", None, {"n": 1, "name": "Ωmega"}),
        (None, "BBB", "alert.created", "system", "a note", {"n": 2}),
    ]
    with store.begin() as session:
        appended = session.alerts.append_events(specs, NOW.astimezone(EAST))
        more = session.alerts.append_events(specs[:1], NOW)
    with store.read() as session:
        stored = session.alerts.events_by_seq([e.seq for e in [*appended, *more]])
    assert [e.seq for e in appended] == [appended[0].seq, appended[0].seq + 1]
    assert more[0].seq == appended[1].seq + 1
    for event in [*appended, *more]:
        assert stored[event.seq] == event
        assert stored[event.seq].created_at == NOW


def test_rows_inserted_by_sqlalchemy_and_directly_are_stored_alike(agencies: Store) -> None:
    """The same values through SQLAlchemy's ``execute`` and through a batch: the same
    columns stored (times naive UTC, lists as text)."""
    store = agencies
    one = _movement("AAA", "through-sqlalchemy", NOW.astimezone(EAST))
    other = _movement("AAA", "direct-1", NOW.astimezone(EAST))
    with store.begin() as session:
        session.conn.execute(
            insert(movements),
            [
                dict(
                    one,
                    names=json_text(one["names"]),
                    reply=json_text(other["reply"]),
                    nationalities="FR",
                )
            ],
        )
        session.movements.insert_many([other, _movement("AAA", "direct-2", NOW)])
        session.conn.execute(
            insert(alert_events),
            [
                dict(
                    seq=10_000,
                    alert_id=None,
                    agency="AAA",
                    type="t",
                    actor="a",
                    note=None,
                    payload="{}",
                    created_at=NOW,
                )
            ],
        )
        session.alerts.append_events([(None, "AAA", "t", "a", None, {})], NOW)
    with store.read() as session:
        query = select(movements).where(movements.c.agency == "AAA").order_by(movements.c.id)
        found = [dict(r) for r in session.conn.execute(query).mappings()]
        times = session.conn.execute(select(alert_events.c.created_at)).scalars().all()
    assert len(found) == 3
    for row in found:
        row.pop("id"), row.pop("idempotency_key"), row.pop("digest"), row.pop("names")
    assert found[0] == found[1]
    assert found[1]["occurred_at"] == NOW and found[1]["created_at"] == NOW
    assert set(times) == {NOW}


def test_a_batch_takes_its_ids_from_its_own_inserts_on_postgresql(
    agencies: Store, tmp_path: Path
) -> None:
    """PostgreSQL: a batch of movements and one of alerts are each one pipeline of inserts
    whose ``RETURNING`` gives the ids (no statement reads them after); the ids are those of
    the rows, in the order given."""
    store = agencies
    if store.dialect != "postgresql":
        pytest.skip("SQLite's executemany returns no rows: the ids are read after")
    with (tmp_path / "trace").open("w") as trace, store.begin() as session:
        pgconn = session.conn.connection.dbapi_connection.pgconn  # type: ignore[union-attr]
        pgconn.trace(trace.fileno())  # libpq's protocol trace of this connection
        ids = session.movements.insert_many([_movement("AAA", f"k-{i}", NOW) for i in (3, 1, 2)])
        created = session.alerts.insert_many(
            [_alert(f"ALR-00000000000{c}", "BBB", ids[0], NOW) for c in "CAB"]
        )
        pgconn.untrace()
    sent = [line.split("\t") for line in (tmp_path / "trace").read_text().splitlines()]
    client = [parts[3] for parts in sent if len(parts) > 3 and parts[1] == "F"]
    statements = [parts[4] for parts in sent if len(parts) > 4 and parts[3] in ("Parse", "Query")]
    # BEGIN (sent with the first statement), then one run per row and no read of the ids,
    # each batch one pipeline: three waits for the server in all
    assert client.count("Execute") == 1 + 6
    assert not [s for s in statements if "SELECT" in s]  # (a statement prepared before
    # is not parsed again: the counts are the measure)
    assert client.count("Sync") == 1 + 2
    with store.read() as session:
        stored = session.movements.get_many(ids)
        assert [stored[i].idempotency_key for i in ids] == ["k-3", "k-1", "k-2"]
        assert [session.alerts.get(a.id) for a in created] == created
    assert [a.reference for a in created] == [f"ALR-00000000000{c}" for c in "CAB"]


def test_payload_texts_are_the_encoders_with_shared_values() -> None:
    """The events' payloads as ``json_text`` writes each, whether a value is held by one
    payload or several (a movement with several alerts), at any key."""
    movement = {"id": 7, "names": ["Ωmega", 'a "quoted" name'], "place": {"country": "FR"}}
    other = {"id": 8, "names": [], "score": 0.91234}
    payloads: list[dict[str, Any]] = [
        {
            "alert": {"reference": "ALR-1", "detail": {"b": 1, "a": [1.5, None]}},
            "movement": movement,
        },
        {"movement": movement, "alert": {"reference": "ALR-2", "detail": {}}},
        {"alert": {"reference": "ALR-3"}, "movement": other, "zeta": movement, "note": "ü"},
        {},
        {"listing": None, "actions": ["arrest"], "movement": movement},
        {"Z": 1, "a": 2, "_": 3, "ä": 4, "\n": 5},
        {1: "not a text key"},  # written by the encoder itself
    ]
    assert payload_texts(payloads) == [json_text(p) for p in payloads]
