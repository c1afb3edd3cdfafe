"""Screening AIS tracks against the areas: loitering, gaps and ship-to-ship candidates.

The positions (``ictd.trade.ais``) are judged against every area not withdrawn, each as it
was on the position's day; an area the caller may not read is told in its withheld form
(its owner's contact only). Audited as one ``ais.screen`` event.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import shapely

from ictd.embargo.areas import can_read_area
from ictd.embargo.shipments import AreaSet
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require
from ictd.store import Store
from ictd.trade.ais import KM_PER_DEGREE, AisSettings, Position, find_events
from ictd.trade.geometry import IndexedVersion

__all__ = ["screen_ais"]


def screen_ais(
    store: Store,
    actor: Actor,
    positions: Sequence[Position],
    settings: AisSettings | None = None,
) -> list[dict[str, Any]]:
    """The events the positions show near areas, by kind, vessel and time."""
    require(actor, Permission.SCREEN)
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
        for event in events:
            ref = event["area"]
            area = areas.areas[ref["area_id"]]
            if can_read_area(actor, area):
                version = areas.version(area.id, ref["version"])
                event["area"] = {"id": area.id, "agency": area.agency, **version.to_dict(False)}
            else:
                owner = session.accounts.get_agency(area.agency)
                contact = {"agency": area.agency, "name": owner.name if owner else None}
                event["area"] = {"details_withheld": True, "owner": contact}
        events.sort(key=lambda e: (e["start"]["time"], e["kind"], e["mmsi"]))
        session.audit.record(
            actor,
            "ais.screen",
            sorted({f"area:{e['area']['id']}" for e in events if "id" in e["area"]}),
            positions=len(positions),
            vessels=len({p.mmsi for p in positions}),
            events=len(events),
        )
    return events
