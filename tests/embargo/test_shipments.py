"""Shipment screening through the service, on both databases: parties and vessels through
the matcher (withheld outside the sharing scope), places through the areas as they were on
the shipment's date, goods through commodity rules; trade alerts to the owners, once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from ictd.embargo import (
    AreaInput,
    RuleInput,
    ShipmentInput,
    add_area_version,
    create_area,
    create_rule,
    screen_shipments,
)
from ictd.exc import Forbidden, InvalidInput
from ictd.model.alert import Alert
from ictd.registry import subjects
from ictd.registry.listings import ListingInput
from ictd.registry.subjects import StatementInput
from ictd.screening import LiveIndex
from tests.embargo.conftest import square
from tests.world import World, create_published

RAQQA = (39.01, 35.95)
DEIR_EZ_ZOR = (40.14, 35.34)


def _listed(world: World, schema: str, sharing: str, **props: str) -> int:
    items = [StatementInput(k, v) for k, v in props.items()]
    actor = world.actor("AAA", "analyst")
    created = subjects.create_subject(world.store, actor, schema, items)
    assert created.subject.id is not None
    data = ListingInput(
        category="financier", actions=["freeze-assets"], sharing=sharing, status="active"
    )
    create_published(world.store, actor, created.subject.id, data)
    return created.subject.id


@pytest.fixture
def setup(world: World, now: datetime) -> dict[str, Any]:
    company = _listed(world, "Company", "own", name="Al-Nur Petroleum Trading")
    vessel = _listed(world, "Vessel", "all", name="SEA FALCON", imoNumber="9074729")
    analyst = world.actor("AAA", "analyst")
    area = create_area(
        store=world.store,
        actor=analyst,
        data=AreaInput(
            "Euphrates valley", square(39.5, 35.7, 0.8), valid_from="2014-06-29", sharing="all"
        ),
        now=now,
    )
    # from 2017-10-18 the area no longer holds Raqqa: a later version, further east
    later = AreaInput(geometry=square(40.6, 35.0, 0.7), valid_from="2017-10-18")
    add_area_version(world.store, analyst, area.id, later, now)
    rule = create_rule(
        world.store,
        analyst,
        RuleInput("Oil", area.id, hs_ranges=["2709-2710"], keywords=["crude oil"]),
        now,
    )
    return {"company": company, "vessel": vessel, "area": area.id, "rule": rule.id}


def _screen(world: World, agency: str, *shipments: ShipmentInput, now: datetime) -> list[dict]:
    holder = LiveIndex(world.store)
    found = screen_shipments(
        world.store, holder, world.actor(agency, "screener"), shipments, now=now
    )
    return found.results


def _alerts(world: World, agency: str) -> list[Alert]:
    with world.store.begin() as session:
        return session.alerts.page(agency, None, None, 0, 1000)


OIL = ShipmentInput(
    id="S1",
    date="2015-03-01",
    shipper="Al Nur Petroleum Trading",
    consignee="Acme Widgets Ltd",
    vessel={"name": "Sea Falcon", "imo": "IMO 9074729"},
    origin="Raqqa, SY",
    destination="TRMER",
    goods=[{"hs": "2709.00", "description": "Crude oil, light"}, {"description": "spare parts"}],
    value=1_200_000,
)


def test_a_shipment_is_explained_part_by_part(
    world: World, setup: dict[str, Any], now: datetime
) -> None:
    (result,) = _screen(world, "BBB", OIL, now=now)
    assert result["status"] == "hit"
    parts = sorted((f["part"], f.get("role")) for f in result["findings"])
    assert parts == [
        ("area", "origin"),
        ("commodity", None),
        ("party", "shipper"),
        ("vessel", "vessel"),
    ]
    party = next(f for f in result["findings"] if f["part"] == "party")
    assert party["match"]["details_withheld"] is True  # AAA shares the company with no one
    assert "subject_id" not in party["match"]
    vessel = next(f for f in result["findings"] if f["part"] == "vessel")
    assert vessel["match"]["subject_id"] == setup["vessel"]  # shared with all
    area = next(f for f in result["findings"] if f["part"] == "area")
    assert (area["area"]["id"], area["area"]["version"]) == (setup["area"], 1)
    assert area["place"]["name"] == "Ar Raqqah"
    goods = next(f for f in result["findings"] if f["part"] == "commodity")
    assert (goods["goods"], goods["hs_ranges"], goods["keywords"]) == (
        0,
        ["2709-2710"],
        ["crude oil"],
    )
    assert goods["rule"]["id"] == setup["rule"]
    alerts = _alerts(world, "AAA")
    assert sorted({a.kind for a in alerts}) == ["trade"]
    assert sorted(a.detail["part"] for a in alerts) == ["area", "commodity", "party", "vessel"]
    assert {a.reporter for a in alerts} == {"BBB"}
    _screen(world, "BBB", OIL, now=now)  # the same shipment again raises nothing new
    assert len(_alerts(world, "AAA")) == len(alerts)
    with world.store.begin() as session:
        actions = [e.action for e in session.audit.events()]
    assert actions.count("trade.screen") == 2


def test_the_area_is_judged_as_it_was_on_the_date(
    world: World, setup: dict[str, Any], now: datetime
) -> None:
    before = ShipmentInput(id="A", date="2016-05-01", origin="Raqqa", consignee="Acme Widgets Ltd")
    after = ShipmentInput(id="B", date="2018-05-01", origin="Raqqa", consignee="Acme Widgets Ltd")
    east = ShipmentInput(id="C", date="2018-05-01", origin="Deir ez-Zor", goods=[{"hs": "2710"}])
    results = {r["id"]: r for r in _screen(world, "AAA", before, after, east, now=now)}
    assert results["A"]["status"] == "hit"
    assert results["B"]["status"] == "clear"  # Raqqa left the area's version 2
    found = [(f["part"], f["area"]["version"]) for f in results["C"]["findings"]]
    assert found == [("area", 2), ("commodity", 2)]


def test_what_cannot_be_placed_needs_review(
    world: World, setup: dict[str, Any], now: datetime
) -> None:
    shipment = ShipmentInput(id="R", date="2016-05-01", origin="Syria", destination="XXZZZ")
    (result,) = _screen(world, "AAA", shipment, now=now)
    assert result["status"] == "review"
    assert [(u["role"], u["text"]) for u in result["unplaced"]] == [
        ("origin", "Syria"),
        ("destination", "XXZZZ"),
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"goods": [{"hs": "7701", "description": "x"}]}, "shipments.0.goods.0.hs"),
        ({"goods": [{"hs": "27A9"}]}, "shipments.0.goods.0.hs"),
        ({"origin": "95.0, 40.0"}, "shipments.0.origin"),
        ({"date": "2015-02-30"}, "shipments.0.date"),
        ({"vessel": {"imo": "9074728"}}, "shipments.0.vessel.imo"),
        ({"vessel": {"mmsi": "12345"}}, "shipments.0.vessel.mmsi"),
        ({"value": -1}, "shipments.0.value"),
        ({"shipper": "bad\u202ename"}, "shipments.0.shipper"),
    ],
)
def test_bad_shipments_are_refused_naming_the_field(
    world: World, setup: dict[str, Any], now: datetime, changes: dict[str, Any], field: str
) -> None:
    fields = {name: getattr(OIL, name) for name in OIL.__dataclass_fields__}
    shipment = ShipmentInput(**{**fields, **changes})
    with pytest.raises(InvalidInput) as caught:
        _screen(world, "BBB", shipment, now=now)
    assert caught.value.details[0]["field"] == field
    assert _alerts(world, "AAA") == []


def test_screening_needs_the_screen_permission(
    world: World, setup: dict[str, Any], now: datetime
) -> None:
    with pytest.raises(Forbidden):
        screen_shipments(
            world.store, LiveIndex(world.store), world.actor("BBB", "auditor"), [OIL], now=now
        )
