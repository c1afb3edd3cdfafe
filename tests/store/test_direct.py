"""Statements on the driver's cursor (``ictd.store.direct``), on both databases: a movement
inserted alone (``Direct``, its times through their type's bind processor) is stored as one
inserted with others (SQLAlchemy's ``execute``), and reads back the same."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy.exc import StatementError

from ictd.registry import accounts
from ictd.security.actor import Actor
from ictd.store import Store


def _row(key: str, when: datetime) -> dict[str, Any]:
    return {
        "agency": "AAA",
        "idempotency_key": key,
        "digest": "d" * 64,
        "kind": "border-entry",
        "occurred_at": when,
        "country": "FR",
        "names": ["Jean Dupont"],
        "nationalities": ["SA", "FR"],
        "created_at": when + timedelta(minutes=1),
        "created_by": None,
        "reply": {"result": "no-hit", "hits": []},
    }


def test_a_movement_inserted_alone_is_stored_as_one_inserted_with_others(store: Store) -> None:
    accounts.create_agency(store, Actor.system("tests"), "AAA", "Agency AAA")
    east = timezone(timedelta(hours=3))
    when = datetime(2026, 11, 28, 11, 30, 15, 250000, tzinfo=east)  # stored in UTC
    with store.begin() as session:
        (alone,) = session.movements.insert_many([_row("alone", when)])
        together = session.movements.insert_many([_row("with-1", when), _row("with-2", when)])
    assert alone < together[0] < together[1]
    with store.read() as session:
        found = session.movements.by_keys("AAA", ["alone", "with-1"])
    one, other = found["alone"], found["with-1"]
    assert one.occurred_at == other.occurred_at == when
    assert one.occurred_at.tzinfo == UTC and one.created_at == when + timedelta(minutes=1)
    assert one.names == other.names == ("Jean Dupont",)
    assert one.nationalities == other.nationalities == ("SA", "FR")
    assert one.reply == other.reply == {"result": "no-hit", "hits": []}
    assert (one.country, one.point_of_entry, one.created_by) == ("FR", None, None)


def test_a_naive_time_is_refused_alone_as_with_others(store: Store) -> None:
    accounts.create_agency(store, Actor.system("tests"), "AAA", "Agency AAA")
    naive = datetime(2026, 11, 28, 11, 30)  # the case refused
    for rows in ([_row("a", naive)], [_row("b", naive), _row("c", naive)]):
        refused = pytest.raises((ValueError, StatementError), match="timezone-aware")
        with refused, store.begin() as session:
            session.movements.insert_many(rows)
    with store.read() as session:
        assert session.movements.by_keys("AAA", ["a", "b", "c"]) == {}
