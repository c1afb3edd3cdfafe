"""Screening shipments: parties, vessel, places on the route and goods, one explained result
per shipment, and ``trade`` alerts to the owners of what triggered.

- **Parties** (shipper, consignee, notify party, carrier) and the **vessel** (name, IMO
  number, MMSI, as a ``Vessel`` query) go through ``ictd.screening.screen_batch`` — the same
  matcher, hit thresholds, sharing scope and withheld hits as ``POST /screen``. The same
  name in many shipments of a batch is screened once.
- **Places** (origin, destination, transshipment ports) are placed offline
  (``ictd.trade.locate_place``) and judged against every area not withdrawn **as it was on
  the shipment's date** (the newest-recorded version whose period covers that date). An
  area the caller may not read is told in its withheld form (its owner's contact only).
  A place that cannot be placed is reported (the shipment needs review), never passed.
- **Goods** (HS code and description) are judged against the commodity rules of the areas
  the route touches on that date.

A shipment is ``hit`` when any part triggered, ``review`` when nothing triggered but a
place could not be placed, else ``clear``. Each trigger raises one ``trade`` alert to the
agency owning the listing or area (a source's listing: the operator), once per shipment,
part and target (screening the same shipment again raises nothing new).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import numpy as np

from ictd.embargo.areas import can_read_area
from ictd.exc import ErrorCollector
from ictd.model import Listing
from ictd.model.text import text_problem
from ictd.model.trade import Area, AreaVersion, CommodityRule
from ictd.outbox import AlertConfig, AlertWriter, NewAlert
from ictd.screening import LiveIndex, QueryInput, QueryResult, screen_batch
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require
from ictd.store import Session, Store
from ictd.trade import (
    AreaIndex,
    IndexedVersion,
    Place,
    Unplaced,
    check_geometry,
    hs_problem,
    locate_place,
    normalize_hs,
    rule_matches,
)

__all__ = [
    "MAX_SHIPMENTS",
    "PARTY_ROLES",
    "ShipmentInput",
    "ShipmentScreening",
    "parse_shipments",
    "screen_shipments",
]

MAX_SHIPMENTS = 1000
MAX_TRANSSHIPMENTS = 10
MAX_GOODS = 50
MAX_TEXT = 300
MAX_DESCRIPTION = 1000
CHUNK = 1000  # queries per screening call (ictd.screening.MAX_QUERIES)
PARTY_ROLES = ("shipper", "consignee", "notify_party", "carrier")


@dataclass(frozen=True, slots=True)
class ShipmentInput:
    """A shipment or transaction as a caller gives it (API body, CSV row, JSON line)."""

    id: str
    date: str
    shipper: str | None = None
    consignee: str | None = None
    notify_party: str | None = None
    carrier: str | None = None
    vessel: dict[str, Any] | None = None  # name, imo, mmsi, flag
    origin: str | None = None
    destination: str | None = None
    transshipment: list[str] = field(default_factory=list)
    goods: list[dict[str, Any]] = field(default_factory=list)  # hs, description
    value: float | None = None
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class _Shipment:
    id: str
    day: date
    parties: tuple[tuple[str, str], ...]  # (role, name)
    vessel: dict[str, str] | None
    places: tuple[tuple[str, str], ...]  # (role, text): origin, transshipment.N, destination
    goods: tuple[tuple[tuple[str, ...], str, str], ...]  # (digits, HS as given, description)
    value: float | None
    currency: str | None


@dataclass(frozen=True, slots=True)
class ShipmentScreening:
    """One result per shipment, in input order, and how many alert events were written."""

    results: list[dict[str, Any]]
    events: int


def _text(errors: ErrorCollector, path: str, value: Any, limit: int = MAX_TEXT) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        errors.add(path, "must be text")
        return None
    clean = value.strip()
    if len(clean) > limit:
        errors.add(path, f"longer than {limit} characters")
        return None
    if problem := text_problem(clean):
        errors.add(path, problem)
        return None
    return clean or None


def _place(errors: ErrorCollector, path: str, value: Any) -> str | None:
    text = _text(errors, path, value)
    if text is not None:
        found = locate_place(text)
        if isinstance(found, Unplaced) and found.reason.startswith("impossible coordinates"):
            errors.add(path, found.reason)
            return None
    return text


def _vessel(errors: ErrorCollector, path: str, data: Any) -> dict[str, str] | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        errors.add(path, "must be an object with name, imo, mmsi, flag")
        return None
    out = {}
    for key in ("name", "imo", "mmsi", "flag"):
        value = _text(errors, f"{path}.{key}", data.get(key), 100)
        if value:
            out[key] = value
    unknown = sorted(set(data) - {"name", "imo", "mmsi", "flag"})
    if unknown:
        errors.add(f"{path}.{unknown[0]}", "is not a vessel field (name, imo, mmsi, flag)")
    imo = out.get("imo", "").upper().removeprefix("IMO").strip()
    if imo and not (len(imo) == 7 and imo.isdigit() and _imo_check(imo)):
        errors.add(f"{path}.imo", f"{out['imo']!r} is not an IMO number (7 digits, check digit)")
    elif imo:
        out["imo"] = imo
    mmsi = out.get("mmsi", "")
    if mmsi and not (len(mmsi) == 9 and mmsi.isdigit()):
        errors.add(f"{path}.mmsi", f"{mmsi!r} is not an MMSI (9 digits)")
    return out or None


def _imo_check(imo: str) -> bool:
    """IMO ship numbers: the last digit is the sum of the first six times 7..2, modulo 10."""
    total = sum(int(d) * w for d, w in zip(imo[:6], range(7, 1, -1), strict=True))
    return total % 10 == int(imo[6])


def _goods(errors: ErrorCollector, path: str, items: Any) -> list[tuple[tuple[str, ...], str, str]]:
    if not isinstance(items, list):
        errors.add(path, "must be a list")
        return []
    if len(items) > MAX_GOODS:
        errors.add(path, f"at most {MAX_GOODS} goods")
    out = []
    for i, item in enumerate(items[:MAX_GOODS]):
        where = f"{path}.{i}"
        if not isinstance(item, dict):
            errors.add(where, "must be an object with hs and description")
            continue
        hs = _text(errors, f"{where}.hs", item.get("hs"), 40)
        description = _text(
            errors, f"{where}.description", item.get("description"), MAX_DESCRIPTION
        )
        codes: tuple[str, ...] = ()
        if hs:
            parts = [p for p in hs.replace(",", ";").split(";") if p.strip()]
            for part in parts:
                if problem := hs_problem(part):
                    errors.add(f"{where}.hs", problem)
            codes = tuple(normalize_hs(p) for p in parts)
        if not hs and not description:
            errors.add(where, "give an HS code or a description")
        out.append((codes, hs or "", description or ""))
    return out


def _one(data: ShipmentInput, errors: ErrorCollector, path: str) -> _Shipment | None:
    start = len(errors.errors)
    ident = _text(errors, f"{path}.id", data.id, 100)
    if not ident:
        errors.add(f"{path}.id", "is required")
    day = None
    try:
        day = date.fromisoformat(str(data.date))
    except ValueError:
        errors.add(f"{path}.date", f"{data.date!r} is not a date (YYYY-MM-DD)")
    parties = []
    for role in PARTY_ROLES:
        name = _text(errors, f"{path}.{role}", getattr(data, role))
        if name:
            parties.append((role, name))
    vessel = _vessel(errors, f"{path}.vessel", data.vessel)
    places = []
    if not isinstance(data.transshipment, list):
        errors.add(f"{path}.transshipment", "must be a list")
    elif len(data.transshipment) > MAX_TRANSSHIPMENTS:
        errors.add(f"{path}.transshipment", f"at most {MAX_TRANSSHIPMENTS} ports")
    stops = data.transshipment if isinstance(data.transshipment, list) else []
    named = [("origin", data.origin)]
    named += [(f"transshipment.{i}", p) for i, p in enumerate(stops[:MAX_TRANSSHIPMENTS])]
    named.append(("destination", data.destination))
    for role, given in named:
        text = _place(errors, f"{path}.{role}", given)
        if text:
            places.append((role, text))
    goods = _goods(errors, f"{path}.goods", data.goods)
    value = data.value
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1e15
    ):
        errors.add(f"{path}.value", "must be a number from 0")
        value = None
    currency = _text(errors, f"{path}.currency", data.currency, 3)
    if len(errors.errors) == start and not (parties or vessel or places or goods):
        errors.add(path, "give at least one party, vessel, place or goods item")
    if len(errors.errors) > start or day is None or not ident:
        return None
    return _Shipment(
        ident, day, tuple(parties), vessel, tuple(places), tuple(goods), value, currency
    )


def parse_shipments(inputs: Sequence[ShipmentInput], prefix: str = "shipments") -> list[Any]:
    """Validate a batch; every problem is raised at once as ``shipments.N.field``."""
    errors = ErrorCollector()
    if not inputs:
        errors.add(prefix, "give at least one shipment")
    if len(inputs) > MAX_SHIPMENTS:
        errors.add(prefix, f"at most {MAX_SHIPMENTS} shipments per call")
    parsed = [_one(s, errors, f"{prefix}.{i}") for i, s in enumerate(inputs[:MAX_SHIPMENTS])]
    seen: dict[str, int] = {}
    for i, item in enumerate(parsed):
        if item is not None and item.id in seen:
            errors.add(f"{prefix}.{i}.id", f"repeats shipment {seen[item.id]}'s id")
        elif item is not None:
            seen[item.id] = i
    errors.raise_if_any("invalid shipments")
    return [p for p in parsed if p is not None]


# -- parties and vessels, through the screening service ------------------------------------


def _queries(
    shipments: Sequence[_Shipment],
) -> tuple[list[QueryInput], list[list[tuple[str, int]]]]:
    """The distinct queries of a batch, and per shipment its (role, query number) pairs."""
    unique: dict[tuple[Any, ...], int] = {}
    queries: list[QueryInput] = []
    uses: list[list[tuple[str, int]]] = []

    def add(key: tuple[Any, ...], query: QueryInput) -> int:
        if key not in unique:
            unique[key] = len(queries)
            queries.append(query)
        return unique[key]

    for shipment in shipments:
        mine = []
        for role, name in shipment.parties:
            n = add(("party", name.casefold()), QueryInput(id=f"q{len(queries)}", names=[name]))
            mine.append((role, n))
        vessel = shipment.vessel
        if vessel and (vessel.get("name") or vessel.get("imo")):
            ids = [{"value": vessel["imo"], "type": "imoNumber"}] if vessel.get("imo") else []
            names = [vessel.get("name") or f"IMO {vessel['imo']}"]
            key = ("vessel", names[0].casefold(), vessel.get("imo"))
            query = QueryInput(id=f"q{len(queries)}", names=names, schema="Vessel", identifiers=ids)
            mine.append(("vessel", add(key, query)))
        uses.append(mine)
    return queries, uses


# -- places, through the areas as they were -----------------------------------------------


@dataclass(slots=True)
class AreaSet:
    """The areas in force over a batch's dates, indexed; the versions by (area, version)."""

    areas: dict[int, Area]
    index: AreaIndex

    @classmethod
    def load(cls, session: Session, days: Iterable[date]) -> AreaSet:
        span = sorted(set(days))
        found = session.areas.in_force(span[0], span[-1]) if span else []
        items = []
        for area in found:
            for version in area.versions:
                shape = check_geometry(version.geometry, ErrorCollector(), "geometry")
                if shape is not None:  # stored shapes were checked when written
                    key = IndexedVersion(
                        area.id, version.version, version.valid_from, version.valid_until
                    )
                    items.append((key, shape))
        return cls({a.id: a for a in found}, AreaIndex(items))

    def version(self, area_id: int, number: int) -> AreaVersion:
        return next(v for v in self.areas[area_id].versions if v.version == number)


def _locate(
    areas: AreaSet, shipments: Sequence[_Shipment]
) -> tuple[dict[str, Place | Unplaced], list[dict[tuple[str, str], list[AreaVersion]]]]:
    """Where each place is, and per shipment, per (role, text), the area versions it lies in
    on the shipment's date (the newest-recorded version of each area)."""
    placed = {text: locate_place(text) for s in shipments for _, text in s.places}
    rows = [(n, role, text) for n, s in enumerate(shipments) for role, text in s.places]
    points: list[tuple[int, Place]] = []
    for i, (_, _, text) in enumerate(rows):
        where = placed[text]
        if isinstance(where, Place):
            points.append((i, where))
    out: list[dict[tuple[str, str], list[AreaVersion]]] = [{} for _ in shipments]
    if not points or not len(areas.index):
        return placed, out
    lons = np.array([p.lon for _, p in points])
    lats = np.array([p.lat for _, p in points])
    days = np.array([shipments[rows[i][0]].day.toordinal() for i, _ in points])
    point_no, version_no = areas.index.locate(lons, lats, days)
    containing: dict[tuple[int, int], set[int]] = {}
    for p, v in zip(point_no.tolist(), version_no.tolist(), strict=True):
        key = areas.index.versions[v]
        containing.setdefault((p, key.area_id), set()).add(key.version)
    for (p, area_id), numbers in sorted(containing.items()):
        row = rows[points[p][0]]
        # the area as it was that day is its newest version covering the day: an older
        # version that holds the point does not count once a newer one replaced it
        day = shipments[row[0]].day
        applied = next(v for v in areas.areas[area_id].versions if v.covers(day))
        if applied.version in numbers:
            out[row[0]].setdefault((row[1], row[2]), []).append(applied)
    return placed, out


# -- rendering and alerts -----------------------------------------------------------------


class _Render:
    """Builds each shipment's result and the alerts its triggers raise."""

    def __init__(
        self,
        session: Session,
        actor: Actor,
        writer: AlertWriter,
        areas: AreaSet,
        rules: list[CommodityRule],
    ) -> None:
        self.session, self.actor, self.writer, self.areas = session, actor, writer, areas
        self.rules: dict[int, list[CommodityRule]] = {}
        for rule in rules:
            self.rules.setdefault(rule.area_id, []).append(rule)
        self.alerts: list[NewAlert] = []
        self.listings: dict[Any, Listing | None] = {}
        self.reporter = actor.agency or actor.name

    def area(self, version: AreaVersion) -> dict[str, Any]:
        area = self.areas.areas[version.area_id]
        if can_read_area(self.actor, area):
            return {"id": area.id, "agency": area.agency, **version.to_dict(geometry=False)}
        return {"details_withheld": True, "owner": self.writer.contact(area.agency)}

    def rule(
        self, rule: CommodityRule, version: AreaVersion, ranges: list[str], words: list[str]
    ) -> dict[str, Any]:
        """What a commodity finding tells of the rule: in full to its agency and to those who
        read its area; to others only that a rule of its owner matched (its name, ranges and
        keywords would tell what the withheld area is about)."""
        area = self.areas.areas[version.area_id]
        if rule.agency == self.actor.agency or can_read_area(self.actor, area):
            return {
                "hs_ranges": ranges,
                "keywords": words,
                "rule": {
                    "id": rule.id,
                    "version": rule.version,
                    "name": rule.name,
                    "agency": rule.agency,
                },
            }
        return {"rule": {"details_withheld": True, "owner": self.writer.contact(rule.agency)}}

    def listing(self, told: dict[str, Any]) -> Listing | None:
        key = told.get("id") or told.get("reference")
        if key not in self.listings:
            if told.get("id"):
                self.listings[key] = self.session.listings.get(int(told["id"]))
            else:
                self.listings[key] = self.session.listings.by_contact_ref(str(key))
        return self.listings[key]

    def alert(
        self, shipment: _Shipment, owner: str | None, part: str, target: str, **detail: Any
    ) -> None:
        if not owner:
            return
        listing = detail.pop("listing", None)
        self.alerts.append(
            NewAlert(
                kind="trade",
                agency=owner,
                reporter=self.reporter,
                category=listing.category if listing else "embargo",
                actions=tuple(a.value for a in listing.actions)
                if listing
                else ("information-only",),
                handling=listing.handling.value if listing else None,
                origin="trade",
                listing_id=listing.id if listing else None,
                subject_id=listing.subject_id if listing else None,
                score=detail.get("score"),
                dedupe_key=f"trade:{self.reporter}:{shipment.id}:{part}:{target}",
                detail={
                    "shipment": shipment.id,
                    "date": shipment.day.isoformat(),
                    "part": part,
                    **detail,
                },
            )
        )

    def shipment(
        self,
        shipment: _Shipment,
        uses: list[tuple[str, int]],
        results: list[QueryResult],
        placed: dict[str, Place | Unplaced],
        inside: dict[tuple[str, str], list[AreaVersion]],
    ) -> dict[str, Any]:
        findings: list[dict[str, Any]] = []
        names = dict(shipment.parties)
        for role, n in uses:
            for match in results[n].matches:
                if not match.hit:
                    continue
                part = "vessel" if role == "vessel" else "party"
                name = (shipment.vessel or {}).get("name") if role == "vessel" else names[role]
                findings.append(
                    {"part": part, "role": role, "name": name, "match": match.to_dict()}
                )
                for told in match.listings:
                    listing = self.listing(told)
                    if listing is not None:
                        owner = self.writer.owner_of(listing)
                        self.alert(
                            shipment,
                            owner,
                            part,
                            f"listing:{listing.id}",
                            role=role,
                            score=match.score,
                            listing=listing,
                        )
        touched: dict[int, AreaVersion] = {}
        for (role, text), versions in inside.items():
            place = placed[text]
            for version in versions:
                touched[version.area_id] = version
                findings.append(
                    {
                        "part": "area",
                        "role": role,
                        "place": place.to_dict(),
                        "area": self.area(version),
                    }
                )
                owner = self.areas.areas[version.area_id].agency
                self.alert(
                    shipment, owner, "area", f"area:{version.area_id}", role=role, place=text
                )
        for g, (codes, hs, description) in enumerate(shipment.goods):
            for area_id, version in sorted(touched.items()):
                for rule in self.rules.get(area_id, []):
                    if not rule.covers(shipment.day):
                        continue
                    ranges, words = rule_matches(rule, codes, description)
                    if not ranges and not words:
                        continue
                    findings.append(
                        {
                            "part": "commodity",
                            "goods": g,
                            "hs": hs or None,
                            "description": description or None,
                            **self.rule(rule, version, ranges, words),
                            "area": self.area(version),
                        }
                    )
                    owner = self.areas.areas[area_id].agency
                    self.alert(
                        shipment,
                        owner,
                        "commodity",
                        f"rule:{rule.id}:goods:{g}",
                        rule=rule.id,
                        rule_version=rule.version,
                        area=area_id,
                    )
        unplaced = [
            {"role": role, **placed[text].to_dict()}
            for role, text in shipment.places
            if isinstance(placed[text], Unplaced)
        ]
        status = "hit" if findings else ("review" if unplaced else "clear")
        return {
            "id": shipment.id,
            "date": shipment.day.isoformat(),
            "status": status,
            "findings": findings,
            "unplaced": unplaced,
            "placed": [
                {"role": role, **placed[text].to_dict()}
                for role, text in shipment.places
                if isinstance(placed[text], Place)
            ],
        }


def screen_shipments(
    store: Store,
    live: LiveIndex,
    actor: Actor,
    inputs: Sequence[ShipmentInput],
    config: AlertConfig | None = None,
    now: datetime | None = None,
) -> ShipmentScreening:
    """Screen up to ``MAX_SHIPMENTS`` shipments (see the module's doc); audited as one
    ``trade.screen`` event (and the ``screen`` events of the party look-ups)."""
    require(actor, Permission.SCREEN)
    shipments = parse_shipments(inputs)
    moment = now or datetime.now(UTC)
    queries, uses = _queries(shipments)
    results: list[QueryResult] = []
    events = 0
    for start in range(0, len(queries), CHUNK):
        found = screen_batch(
            store, live, actor, queries[start : start + CHUNK], config=config, now=moment
        )
        results.extend(found.results)
        events += found.events
    with store.begin() as session:
        areas = AreaSet.load(session, (s.day for s in shipments))
        placed, inside = _locate(areas, shipments)
        rules = session.commodity_rules.newest()
        writer = AlertWriter(session, config or AlertConfig(), moment)
        render = _Render(session, actor, writer, areas, rules)
        out = [
            render.shipment(s, u, results, placed, i)
            for s, u, i in zip(shipments, uses, inside, strict=True)
        ]
        writer.raise_many(render.alerts)
        targets = sorted(
            {
                f"area:{f['area']['id']}"
                for r in out
                for f in r["findings"]
                if "id" in f.get("area", {})
            }
        )
        session.audit.record(
            actor,
            "trade.screen",
            targets,
            shipments=len(out),
            hits=sum(r["status"] == "hit" for r in out),
            review=sum(r["status"] == "review" for r in out),
            ids=[r["id"] for r in out][:50],
        )
    return ShipmentScreening(out, events + len(writer.events))
