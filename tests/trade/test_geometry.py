"""GeoJSON shapes and the point-in-area index."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from ictd.exc import ErrorCollector
from ictd.trade import AreaIndex, IndexedVersion, check_geometry

SQUARE = {"type": "Polygon", "coordinates": [[[38, 35], [40, 35], [40, 37], [38, 37], [38, 35]]]}
BOWTIE = {"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]}


def check(data: object) -> tuple[object, list[tuple[str, str]]]:
    errors = ErrorCollector()
    found = check_geometry(data, errors, "geometry")
    return found, [(e.field, e.message) for e in errors.errors]


def test_a_valid_polygon_and_multipolygon_pass() -> None:
    assert check(SQUARE)[0] is not None
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]}
    assert check(multi)[0] is not None


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (BOWTIE, "geometry", "Self-intersection"),
        ({"type": "Point", "coordinates": [1, 2]}, "geometry.type", "not one of"),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]},
            "geometry.coordinates.0",
            "at least 4",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]},
            "geometry.coordinates.0",
            "end where it starts",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 95], [1, 1], [0, 0]]]},
            "geometry.coordinates.0.1",
            "latitude 95",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], ["x", 1], [1, 1], [0, 0]]]},
            "geometry.coordinates.0.1",
            "not a number",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [2, 2], [0, 0]]]},
            "geometry",
            "invalid shape",
        ),
        ("nope", "geometry", "GeoJSON"),
    ],
)
def test_bad_shapes_are_refused_naming_the_field(data: object, field: str, words: str) -> None:
    found, errors = check(data)
    assert found is None
    assert errors[0][0] == field
    assert words in errors[0][1]


def test_the_index_finds_points_in_areas_on_their_days() -> None:
    errors = ErrorCollector()
    shape = check_geometry(SQUARE, errors, "g")
    early = IndexedVersion(1, 1, date(2014, 1, 1), date(2015, 12, 31))
    late = IndexedVersion(1, 2, date(2016, 1, 1), None)
    index = AreaIndex([(early, shape), (late, shape)])
    assert index.at(39, 36, date(2015, 6, 1)) == [early]
    assert index.at(39, 36, date(2020, 6, 1)) == [late]
    assert index.at(39, 36, date(2013, 6, 1)) == []
    assert index.at(10, 10, date(2015, 6, 1)) == []
    assert len(index.at(39, 36)) == 2
    lons, lats = np.array([39.0, 10.0, 38.5]), np.array([36.0, 10.0, 35.5])
    days = np.array([date(2015, 1, 1).toordinal()] * 3)
    points, versions = index.locate(lons, lats, days)
    assert points.tolist() == [0, 2]
    assert versions.tolist() == [0, 0]
