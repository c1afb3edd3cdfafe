"""Screening AIS tracks against the areas: loitering, gaps and ship-to-ship candidates.

The positions (``ictd.trade.ais``) are judged against every area not withdrawn, each as it
was on the position's day; an area the caller may not read is told in its withheld form
(its owner's contact only). Audited as one ``ais.screen`` event.

Every event (each passed the thresholds of ``AisSettings``) raises an ``ais`` alert to the
agency that owns its area, through ``ictd.outbox`` in the same transaction. The alert is
keyed by the event's kind, vessel(s), area and start time, so the same finding screened
again (by anyone, in a longer track) raises nothing new.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import shapely

from ictd.embargo.areas import can_read_area
from ictd.embargo.shipments import AreaSet
from ictd.outbox import AlertConfig, AlertWriter, NewAlert
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require
from ictd.store import Store
from ictd.trade.ais import KM_PER_DEGREE, AisSettings, Position, find_events
from ictd.trade.geometry import IndexedVersion

__all__ = ["AisScreening", "screen_ais"]


@dataclass(frozen=True, slots=True)
class AisScreening:
    """The events, by time, kind and vessel; the alerts raised (new ones only) and how many
    alert events were written (when any, live streams and the dispatcher have news)."""

    events: list[dict[str, Any]]
    alerts: int
    alert_events: int


def _alert(event: dict[str, Any], area_id: int, owner: str, reporter: str) -> NewAlert:
    other = event.get("other_mmsi")
    vessels = f"{event['mmsi']}" + (f"+{other}" if other else "")
    key = f"ais:{event['kind']}:{vessels}:area:{area_id}:{event['start']['time']}"
    detail = {k: v for k, v in event.items() if k != "area"}
    detail["area"] = {"id": area_id, "version": event["area"]["version"]}
    return NewAlert(
        kind="ais",
        agency=owner,
        reporter=reporter,
        category="embargo",
        actions=("information-only",),
        handling=None,
        origin="ais",
        dedupe_key=key,
        detail=detail,
    )


def screen_ais(
    store: Store,
    actor: Actor,
    positions: Sequence[Position],
    settings: AisSettings | None = None,
    config: AlertConfig | None = None,
    now: datetime | None = None,
) -> AisScreening:
    """The events the positions show near areas, by kind, vessel and time, each raising an
    ``ais`` alert to the area's owner (once per finding)."""
    require(actor, Permission.SCREEN)
    moment = now or datetime.now(UTC)
    reporter = actor.agency or actor.name
    with store.begin() as session:
        areas = AreaSet.load(session, (p.time.date() for p in positions))
        shapes = {
            (v.area_id, v.version): areas.index.geometries[i]
            for i, v in enumerate(areas.index.versions)
        }

        def near(version: IndexedVersion, lon: float, lat: float) -> float:
            shape = shapes[(version.area_id, version.version)]
            return float(shapely.distance(shape, shapely.Point(lon, lat))) * KM_PER_DEGREE

        events = find_events(positions, areas.index, near, settings)
        alerts = []
        for event in events:
            ref = event["area"]
            area = areas.areas[ref["area_id"]]
            alerts.append(_alert(event, area.id, area.agency, reporter))
            if can_read_area(actor, area):
                version = areas.version(area.id, ref["version"])
                event["area"] = {"id": area.id, "agency": area.agency, **version.to_dict(False)}
            else:
                owner = session.accounts.get_agency(area.agency)
                contact = {"agency": area.agency, "name": owner.name if owner else None}
                event["area"] = {"details_withheld": True, "owner": contact}
        events.sort(key=lambda e: (e["start"]["time"], e["kind"], e["mmsi"]))
        writer = AlertWriter(session, config or AlertConfig(), moment)
        raised = writer.raise_many(alerts)
        session.audit.record(
            actor,
            "ais.screen",
            sorted({f"area:{e['area']['id']}" for e in events if "id" in e["area"]}),
            positions=len(positions),
            vessels=len({p.mmsi for p in positions}),
            events=len(events),
            alerts=len(raised),
        )
    return AisScreening(events, len(raised), len(writer.events))
