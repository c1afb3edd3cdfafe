"""A stored movement in the API's nested shape (``Movement.to_dict``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from ictd.model.movement import MOVEMENT_FIELDS, Movement


def test_to_dict_follows_the_field_declarations() -> None:
    """Every declared field at its path (group and key), in declaration order, times as
    ISO text, tuples as lists, with id, agency and the report time."""
    occurred = datetime(2026, 3, 1, 8, 30, tzinfo=timezone(timedelta(hours=2)))
    movement = Movement(
        id=7,
        agency="BBB",
        idempotency_key="k-1",
        digest="0" * 64,
        kind="border-entry",
        occurred_at=occurred,
        names=("JULIEN LAMBERT", "LAMBERT/JULIEN"),
        country="US",
        point_of_entry="JFK",
        carrier="LH",
        flight="LH400",
        vehicle=None,
        document_type="P",
        document_number="11TG66228",
        document_country="FR",
        birth_date="1953-02-28",
        nationalities=("FR", "DE"),
        gender="male",
        created_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
        created_by=3,
    )
    expected: dict[str, object] = {"id": 7, "agency": "BBB"}
    for spec in MOVEMENT_FIELDS:
        value = getattr(movement, spec.column or spec.name)
        value = value.isoformat() if isinstance(value, datetime) else value
        value = list(value) if isinstance(value, tuple) else value
        head, _, rest = spec.path.partition(".")
        target = expected.setdefault(head, {}) if rest else expected
        assert isinstance(target, dict)
        target[spec.path.rpartition(".")[2]] = value
    expected["reported_at"] = "2026-03-01T09:00:00+00:00"
    shown = movement.to_dict()
    assert shown == expected
    assert list(shown) == list(expected)
    assert list(shown["traveller"]) == ["names", "birth_date", "nationalities", "gender"]
    assert shown["time"] == "2026-03-01T08:30:00+02:00"
    assert shown["traveller"]["nationalities"] == ["FR", "DE"]
    assert shown["place"] == {"country": "US", "point_of_entry": "JFK"}
