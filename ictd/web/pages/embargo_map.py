"""The embargo map: the areas the user may read (as they were on a chosen day), and the routes
of screened shipments and the AIS findings of screened tracks, drawn with the vendored
Leaflet over the offline Natural Earth base map (``/static/map``; no tile server).

``GET /map/areas.json?on=YYYY-MM-DD`` gives the areas through ``ictd.embargo.map_areas``
(sharing scope applied, audited). ``POST /map`` screens a file or pasted text — shipments
(CSV or JSON lines, up to 1,000) or AIS positions (CSV or timed NMEA, up to 10,000) —
through the same services as the API and CLI (alerts raised as there) and draws the results.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from ictd.embargo import MAX_SHIPMENTS, map_areas, screen_ais, screen_shipments
from ictd.embargo.files import on_lines, read_shipments
from ictd.exc import InvalidInput
from ictd.security.policy import Permission, require
from ictd.trade.ais import parse_csv_positions, parse_nmea
from ictd.web.deps import AlertsDep, Form, StoreDep, User
from ictd.web.forms import field_errors, text
from ictd.web.render import SECURITY_HEADERS, add_nav, page
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
add_nav("/map", "Map", Permission.READ_RECORDS)

MAX_BYTES = 5_000_000
MAX_POSITIONS = 10_000
KINDS = ("shipments", "ais")


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput.field("on", f"{value!r} is not a date (YYYY-MM-DD)") from None


@router.get("/map")
def map_page(request: Request, user: User) -> Response:
    require(user.actor, Permission.READ_RECORDS)
    return page(request, "map.html", **_context())


@router.get("/map/areas.json")
def map_areas_json(user: User, store: StoreDep, on: str | None = None) -> Response:
    found = map_areas(store, user.actor, _day(on))
    return JSONResponse(found, headers=SECURITY_HEADERS)


def _context(**extra: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "kinds": KINDS,
        "errors": {},
        "kind": "shipments",
        "pasted": "",
        "routes": [],
        "findings": [],
        "summary": None,
    }
    context.update(extra)
    return context


def _routes(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the map draws of each screened shipment: its placed stops in route order, its
    status and what triggered (parts and area names), and what could not be placed."""
    out = []
    for result in results:
        findings = result["findings"]
        out.append(
            {
                "id": result["id"],
                "date": result["date"],
                "status": result["status"],
                "stops": [
                    {k: p[k] for k in ("role", "name", "country", "lat", "lon")}
                    for p in result["placed"]
                ],
                "unplaced": [u["text"] for u in result["unplaced"]],
                "triggers": sorted({f["part"] for f in findings}),
                "areas": sorted(
                    {f["area"].get("name") or "withheld area" for f in findings if "area" in f}
                ),
            }
        )
    return out


def _findings(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for event in events:
        area = event["area"]
        out.append(
            {
                "kind": event["kind"],
                "mmsi": event["mmsi"],
                "other_mmsi": event.get("other_mmsi"),
                "hours": event["hours"],
                "start": {k: event["start"][k] for k in ("time", "lat", "lon")},
                "end": {k: event["end"][k] for k in ("time", "lat", "lon")},
                "area": area.get("name") or "withheld area",
            }
        )
    return out


def _shipments(alerts: Any, user: User, content: str) -> tuple[list[dict[str, Any]], int]:
    fmt = "jsonl" if content.lstrip().startswith("{") else "csv"
    items = list(read_shipments(io.StringIO(content, newline=""), fmt))
    if not items:
        raise InvalidInput.field("file", "no shipment in the file")
    if len(items) > MAX_SHIPMENTS:
        raise InvalidInput.field("file", f"at most {MAX_SHIPMENTS:,} shipments at a time here")
    try:
        found = screen_shipments(
            alerts.store, alerts.live, user.actor, [s for _, s in items], config=alerts.config
        )
    except InvalidInput as err:
        raise on_lines(err, [n for n, _ in items]) from None
    return found.results, found.events


def _ais(alerts: Any, user: User, content: str) -> tuple[list[dict[str, Any]], int]:
    lines = content.splitlines()
    if len(lines) > MAX_POSITIONS + 1:
        raise InvalidInput.field("file", f"at most {MAX_POSITIONS:,} positions at a time here")
    if lines and lines[0].strip().lower().startswith("mmsi"):
        positions = parse_csv_positions(csv.DictReader(io.StringIO(content, newline="")))
    else:
        positions, _ = parse_nmea(lines)
    if not positions:
        raise InvalidInput.field("file", "no AIS position in the file")
    found = screen_ais(alerts.store, user.actor, positions, config=alerts.config)
    return found.events, found.alert_events


@router.post("/map")
async def map_screen(request: Request, user: User, alerts: AlertsDep, form: Form) -> Response:
    require(user.actor, Permission.SCREEN)
    kind = text(form, "kind", 20) or ""
    pasted = text(form, "message", MAX_BYTES + 1) or ""
    upload = form.get("file")
    try:
        if kind not in KINDS:
            raise InvalidInput.field("kind", "choose shipments or ais")
        if isinstance(upload, UploadFile) and upload.filename:
            raw = await upload.read(MAX_BYTES + 1)
        else:
            raw = pasted.encode("utf-8")
        if not raw.strip():
            raise InvalidInput.field("file", "choose a file or paste its lines")
        if len(raw) > MAX_BYTES:
            raise InvalidInput.field("file", f"larger than {MAX_BYTES:,} bytes")
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput.field("file", "the file is not UTF-8 text") from None
        if kind == "shipments":
            results, events = await run_in_threadpool(_shipments, alerts, user, content)
            counts = {s: sum(r["status"] == s for r in results) for s in ("hit", "review", "clear")}
            summary = (
                f"{len(results)} shipments: {counts['hit']} hit, {counts['review']} to review, "
                f"{counts['clear']} clear"
            )
            extra: dict[str, Any] = {"routes": _routes(results), "summary": summary}
        else:
            found, events = await run_in_threadpool(_ais, alerts, user, content)
            summary = f"{len(found)} AIS findings"
            extra = {"findings": _findings(found), "summary": summary}
    except InvalidInput as err:
        return page(
            request,
            "map.html",
            status=422,
            **_context(errors=field_errors(err), kind=kind, pasted=pasted),
        )
    alerts.committed(events)
    return page(request, "map.html", **_context(kind=kind, **extra))
