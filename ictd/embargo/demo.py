"""The illustrative area set of the demo: shapes around places in Syria and Iraq with dates,
labelled in every name and legal basis as NOT authoritative (``ictd.trade.ILLUSTRATIVE_AREAS``).

A feature with ``later_version_of`` (the name of an earlier feature) is loaded as a later
version of that area, so the demo shows an area that changed over time.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ictd.embargo.areas import import_areas, parse_feature_collection
from ictd.embargo.rules import DEMO_RULES, RuleInput, create_rule
from ictd.model.trade import Area
from ictd.security.actor import Actor
from ictd.store import Store
from ictd.trade import ILLUSTRATIVE_AREAS

__all__ = ["load_illustrative_areas"]


def load_illustrative_areas(store: Store, actor: Actor, now: datetime | None = None) -> list[Area]:
    """Import the illustrative areas for ``actor``'s agency, each with the demo's commodity
    rules (oil, antiquities and gold, narcotics precursors); the areas stored."""
    data = json.loads(ILLUSTRATIVE_AREAS.read_text(encoding="utf-8"))
    first: list[dict[str, Any]] = []
    later: list[dict[str, Any]] = []
    for feature in data["features"]:
        props = feature["properties"]
        (later if "later_version_of" in props else first).append(feature)
    areas = import_areas(store, actor, parse_feature_collection({**data, "features": first}), now)
    by_name = {a.current.name: a.id for a in areas}
    for feature in later:
        props = dict(feature["properties"])
        props["area_id"] = by_name[props.pop("later_version_of")]
        feature = {**feature, "properties": props}
        doc = {"type": "FeatureCollection", "features": [feature]}
        import_areas(store, actor, parse_feature_collection(doc), now)
    for area in areas:
        for name, ranges, words in DEMO_RULES:
            data = RuleInput(
                name=f"{name} (illustrative)",
                area_id=area.id,
                hs_ranges=list(ranges),
                keywords=list(words),
            )
            create_rule(store, actor, data, now)
    return areas
