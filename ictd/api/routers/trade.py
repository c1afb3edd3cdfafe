"""Trade screening: shipments against parties, areas and commodity rules; the rules."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, status
from pydantic import Field

from ictd.api.deps import CurrentActor, StoreDep
from ictd.api.schemas import Strict
from ictd.edge import AlertsDep, Id
from ictd.embargo import (
    RuleInput,
    ShipmentInput,
    create_rule,
    list_rules,
    rule_versions,
    screen_ais,
    screen_shipments,
    update_rule,
)
from ictd.exc import InvalidInput
from ictd.trade.ais import parse_csv_positions, parse_nmea

router = APIRouter(tags=["trade"])
Party = Annotated[str | None, Field(max_length=300)]
PlaceText = Annotated[str, Field(max_length=300)]
Day = Annotated[str, Field(max_length=10, description="YYYY-MM-DD")]
Keyword = Annotated[str, Field(max_length=100)]
PLACE_HELP = (
    "A UN/LOCODE-style port code (SYLTK), a city with an optional country "
    "('Mosul, IQ'), or coordinates 'lat,lon'."
)


class VesselIn(Strict):
    name: Annotated[str | None, Field(max_length=100)] = None
    imo: Annotated[str | None, Field(max_length=20, description="IMO ship number")] = None
    mmsi: Annotated[str | None, Field(max_length=9)] = None
    flag: Annotated[str | None, Field(max_length=100)] = None


class GoodsIn(Strict):
    hs: Annotated[str | None, Field(max_length=40, description="HS code(s), ';' between")] = None
    description: Annotated[str | None, Field(max_length=1000)] = None


class ShipmentIn(Strict):
    id: Annotated[str, Field(min_length=1, max_length=100)]
    date: Day
    shipper: Party = None
    consignee: Party = None
    notify_party: Party = None
    carrier: Party = None
    vessel: VesselIn | None = None
    origin: Annotated[PlaceText | None, Field(description=PLACE_HELP)] = None
    destination: Annotated[PlaceText | None, Field(description=PLACE_HELP)] = None
    transshipment: Annotated[list[PlaceText], Field(max_length=10)] = []
    goods: Annotated[list[GoodsIn], Field(max_length=50)] = []
    value: Annotated[float | None, Field(ge=0, lt=1e15)] = None
    currency: Annotated[str | None, Field(max_length=3)] = None

    def to_input(self) -> ShipmentInput:
        return ShipmentInput(
            id=self.id,
            date=self.date,
            shipper=self.shipper,
            consignee=self.consignee,
            notify_party=self.notify_party,
            carrier=self.carrier,
            vessel=self.vessel.model_dump(exclude_none=True) if self.vessel else None,
            origin=self.origin,
            destination=self.destination,
            transshipment=list(self.transshipment),
            goods=[g.model_dump() for g in self.goods],
            value=self.value,
            currency=self.currency,
        )


class TradeScreenIn(Strict):
    shipments: Annotated[list[ShipmentIn], Field(min_length=1, max_length=1000)]


class RulePatch(Strict):
    name: Annotated[str | None, Field(min_length=1, max_length=200)] = None
    area_id: Id | None = None
    hs_ranges: Annotated[
        list[Annotated[str, Field(max_length=40)]] | None,
        Field(max_length=50, description="HS codes or ranges: 2709-2710, 2915.24"),
    ] = None
    keywords: Annotated[
        list[Annotated[str, Field(max_length=100)]] | None, Field(max_length=50)
    ] = None
    valid_from: Day | None = None
    valid_until: Day | None = None
    active: bool | None = None

    def to_input(self) -> RuleInput:
        return RuleInput(
            name=self.name,
            area_id=self.area_id,
            hs_ranges=self.hs_ranges,
            keywords=self.keywords,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            active=self.active,
            fields=frozenset(self.model_fields_set),
        )


class RuleIn(RulePatch):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    area_id: Id


@router.post("/trade/screen")
def post_trade_screen(
    body: TradeScreenIn, actor: CurrentActor, alerts: AlertsDep
) -> dict[str, Any]:
    """Screen up to 1,000 shipments. Each result says ``hit``, ``review`` (a place could not
    be placed: listed in ``unplaced``) or ``clear``, with one finding per trigger: a
    ``party`` or ``vessel`` hit (as ``POST /screen`` tells it, withheld outside your
    sharing scope), an ``area`` on the route on the shipment's date, or embargoed
    ``commodity`` goods on such a route, each with its evidence. Each trigger raises a
    ``trade`` alert to the agency owning the listing or area."""
    found = screen_shipments(
        alerts.store,
        alerts.live,
        actor,
        [s.to_input() for s in body.shipments],
        config=alerts.config,
    )
    alerts.committed(found.events)
    return {"results": found.results}


@router.post("/trade/rules", status_code=status.HTTP_201_CREATED)
def post_rule(body: RuleIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """A commodity rule of your agency (analysts) for an area you may read: HS ranges and
    keywords whose goods are embargoed on a route through the area in the rule's period."""
    return create_rule(store, actor, body.to_input()).to_dict()


@router.get("/trade/rules")
def get_rules(actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Your agency's commodity rules, newest version of each."""
    return {"items": [r.to_dict() for r in list_rules(store, actor)]}


@router.patch("/trade/rules/{rule_id}")
def patch_rule(
    rule_id: Id, body: RulePatch, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """Change a rule: a new version from the given fields over the newest."""
    return update_rule(store, actor, rule_id, body.to_input()).to_dict()


@router.get("/trade/rules/{rule_id}/versions")
def get_rule_versions(rule_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Every version of one of your agency's rules, newest first."""
    return {"versions": [r.to_dict() for r in rule_versions(store, actor, rule_id)]}


class PositionIn(Strict):
    mmsi: Annotated[str, Field(min_length=1, max_length=9)]
    time: Annotated[str, Field(max_length=40, description="ISO 8601; UTC when no zone")]
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]
    sog: Annotated[float | None, Field(ge=0, le=102.3, description="knots")] = None


class AisScreenIn(Strict):
    positions: Annotated[list[PositionIn], Field(max_length=10_000)] = []
    nmea: Annotated[
        list[Annotated[str, Field(max_length=300)]],
        Field(max_length=10_000, description="Sentences timed by a tag block or ISO time"),
    ] = []


@router.post("/ais/screen")
def post_ais_screen(body: AisScreenIn, actor: CurrentActor, alerts: AlertsDep) -> dict[str, Any]:
    """AIS positions (up to 10,000, as objects or timed NMEA sentences) against the areas:
    ``loitering`` inside an area, transponder ``gap`` near one, ``ship-to-ship``
    candidates in or near one, each with times and positions. Each event raises an ``ais``
    alert to the agency owning the area, once per finding (screening the same track again
    raises nothing new). A bad position or sentence is named (``positions.3.time``,
    ``nmea.0``) and nothing is screened."""
    if not body.positions and not body.nmea:
        raise InvalidInput.field("positions", "give positions or nmea sentences")
    rows = [
        {k: "" if v is None else str(v) for k, v in p.model_dump().items()} for p in body.positions
    ]
    positions = parse_csv_positions(rows, lambda i: f"positions.{i}") if rows else []
    decoded, skipped = parse_nmea(body.nmea, lambda i: f"nmea.{i}") if body.nmea else ([], 0)
    found = screen_ais(alerts.store, actor, [*positions, *decoded], config=alerts.config)
    alerts.committed(found.alert_events)
    return {
        "events": found.events,
        "positions": len(positions) + len(decoded),
        "skipped": skipped,
    }
