"""AIS findings raise ``ais`` alerts to the agency owning the area, once per finding, through
the alert pipeline (log, events), on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ictd.embargo import AreaInput, create_area, screen_ais, withdraw_area
from ictd.exc import InvalidInput
from ictd.model.alert import ALERT_KINDS, Alert
from ictd.trade.ais import Position, parse_csv_positions
from tests.embargo.conftest import square
from tests.world import World

START = datetime(2016, 1, 5, 6, tzinfo=UTC)


def _track(mmsi: int, hours: int, lon: float = 43.1, lat: float = 36.3) -> list[Position]:
    """A position every 30 minutes for ``hours`` hours, at 0.2 knots."""
    return [
        Position(mmsi, START + timedelta(minutes=30 * i), lat, lon, 0.2)
        for i in range(2 * hours + 1)
    ]


def _alerts(world: World, agency: str) -> list[Alert]:
    with world.store.begin() as session:
        return session.alerts.page(agency, None, None, 0, 1000)


def _events(world: World, agency: str) -> list[str]:
    with world.store.begin() as session:
        return [e.type for e in session.alerts.events_after(agency, 0, 1000)]


def test_a_finding_alerts_the_area_owner_once(world: World, now: datetime) -> None:
    analyst = world.actor("AAA", "analyst")
    data = AreaInput("Mosul reach", square(43.1, 36.3), sharing="own")
    area = create_area(world.store, analyst, data, now)
    screener = world.actor("BBB", "screener")
    found = screen_ais(world.store, screener, _track(273000001, 3), now=now)
    (event,) = found.events
    assert event["kind"] == "loitering"
    assert event["area"]["details_withheld"] is True  # BBB may not read the area
    assert (found.alerts, found.alert_events) == (1, 1)
    (alert,) = _alerts(world, "AAA")
    assert "ais" in ALERT_KINDS
    assert (alert.kind, alert.agency, alert.reporter, alert.origin) == ("ais", "AAA", "BBB", "ais")
    assert (alert.category, alert.actions) == ("embargo", ("information-only",))
    assert alert.detail["kind"] == "loitering" and alert.detail["mmsi"] == 273000001
    assert alert.detail["area"] == {"id": area.id, "version": 1}
    assert alert.detail["hours"] == 3.0
    assert alert.detail["start"]["time"] == START.isoformat()
    assert _events(world, "AAA") == ["alert.created"]
    assert _alerts(world, "BBB") == []  # the screener is told the event, not alerted
    # the same finding again, in a longer track and by another agency: nothing new
    again = screen_ais(world.store, world.actor("AAA", "analyst"), _track(273000001, 5), now=now)
    assert (len(again.events), again.alerts, again.alert_events) == (1, 0, 0)
    assert len(_alerts(world, "AAA")) == 1
    assert _events(world, "AAA") == ["alert.created"]
    # another vessel is another finding
    other = screen_ais(world.store, screener, _track(273000002, 3), now=now)
    assert other.alerts == 1
    assert sorted(a.detail["mmsi"] for a in _alerts(world, "AAA")) == [273000001, 273000002]


def test_each_owner_hears_of_its_own_area(world: World, now: datetime) -> None:
    aaa, ops = world.actor("AAA", "analyst"), world.actor("OPS", "analyst")
    north = create_area(world.store, aaa, AreaInput("North", square(43.1, 36.3)), now)
    south = create_area(world.store, ops, AreaInput("South", square(43.1, 33.3)), now)
    positions = [*_track(273000001, 3), *_track(273000002, 3, lat=33.3)]
    found = screen_ais(world.store, world.actor("BBB", "screener"), positions, now=now)
    assert found.alerts == 2
    assert [a.detail["area"]["id"] for a in _alerts(world, "AAA")] == [north.id]
    assert [a.detail["area"]["id"] for a in _alerts(world, "OPS")] == [south.id]


def test_a_withdrawn_area_and_a_short_stay_raise_nothing(world: World, now: datetime) -> None:
    analyst = world.actor("AAA", "analyst")
    area = create_area(world.store, analyst, AreaInput("Reach", square(43.1, 36.3)), now)
    screener = world.actor("BBB", "screener")
    short = screen_ais(world.store, screener, _track(273000001, 1), now=now)  # under 2 hours
    assert (short.events, short.alerts) == ([], 0)
    withdraw_area(world.store, analyst, area.id)
    gone = screen_ais(world.store, screener, _track(273000001, 3), now=now)
    assert (gone.events, gone.alerts) == ([], 0)
    assert _alerts(world, "AAA") == []


def test_bad_positions_raise_no_alert(world: World, now: datetime) -> None:
    analyst = world.actor("AAA", "analyst")
    create_area(world.store, analyst, AreaInput("Reach", square(43.1, 36.3)), now)
    rows = [
        {"mmsi": "273000001", "time": f"2016-01-05T0{h}:00:00Z", "lat": "36.3", "lon": "43.1"}
        for h in range(4)
    ]
    rows.append({"mmsi": "273000001", "time": "2016-01-05T05:00:00Z", "lat": "96", "lon": "43.1"})
    with pytest.raises(InvalidInput) as refused:
        parse_csv_positions(rows)
    assert [e.field for e in refused.value.errors] == ["line 6.lat"]
    assert _alerts(world, "AAA") == []
