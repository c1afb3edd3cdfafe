#!/usr/bin/env python3
"""Turn world-atlas's countries-110m.json (TopoJSON of Natural Earth's 1:110m countries,
public domain) into the GeoJSON FeatureCollection the console map draws.

Usage: natural-earth-geojson.py countries-110m.json countries-110m.geojson

TopoJSON keeps shared borders once, as quantised, delta-encoded arcs; a ring lists its
arcs by index (``~i``: arc ``i`` reversed). Each ring is stitched back from its arcs, the
coordinates rounded to 3 decimals (about 100 m, finer than the 1:110m data). Only the
country name is kept of the properties; a ring that crosses the antimeridian is shifted
east (longitudes past 180°) so that a plain lon/lat map draws no band across the world.
Standard library only.
"""

from __future__ import annotations

import itertools
import json
import sys
from typing import Any


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    transform = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((position[0], position[1]))
        out.append(points)
    return out


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    # Antarctica's ring runs along the whole map's south edge: only rings near 180° move
    near = all(abs(x) > 150 for x, _ in ring)
    if near and any(abs(a[0] - b[0]) > 180 for a, b in itertools.pairwise(ring)):
        # a ring across the antimeridian (Fiji, Chukotka): drawn east of 180° rather than
        # as a band across the whole map
        ring = [(x + 360 if x < 0 else x, y) for x, y in ring]
    return [[round(x, 3), round(y, 3)] for x, y in ring]


def convert(topology: dict[str, Any], name: str = "countries") -> dict[str, Any]:
    arcs = _arcs(topology)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            coordinates: Any = [_ring(r, arcs) for r in geometry["arcs"]]
        elif kind == "MultiPolygon":
            coordinates = [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"name": (geometry.get("properties") or {}).get("name")},
                "geometry": {"type": kind, "coordinates": coordinates},
            }
        )
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), "
        "through the npm package world-atlas (countries-110m.json)",
        "features": features,
    }


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as handle:
        topology = json.load(handle)
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(convert(topology), handle, separators=(",", ":"), ensure_ascii=False)
        handle.write("\n")


if __name__ == "__main__":
    main()
