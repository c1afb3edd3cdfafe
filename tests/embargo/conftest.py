"""Shared helpers of the embargo tests."""

from __future__ import annotations

from typing import Any


def square(lon: float, lat: float, half: float = 0.5) -> dict[str, Any]:
    """A square GeoJSON Polygon centred on ``lon``/``lat``."""
    w, e, s, n = lon - half, lon + half, lat - half, lat + half
    return {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}


BOWTIE = {"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]}


def feature(name: str, geometry: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"name": name, **props}, "geometry": geometry}


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}
