"""AIS positions from CSV and NMEA; loitering, gaps and ship-to-ship candidates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import shapely
from pyais.encode import encode_dict

from ictd.exc import ErrorCollector, InvalidInput
from ictd.trade import AreaIndex, IndexedVersion, check_geometry
from ictd.trade.ais import KM_PER_DEGREE, Position, find_events, parse_csv_positions, parse_nmea

T0 = datetime(2016, 3, 1, 6, tzinfo=UTC)
BAD_SUM = "!AIVDM,1,1,,A,144N8P?P032jTePDTQl00001P000,0*00"
SQUARE = {"type": "Polygon", "coordinates": [[[35, 35], [36, 35], [36, 36], [35, 36], [35, 35]]]}


def _index() -> tuple[AreaIndex, object]:
    shape = check_geometry(SQUARE, ErrorCollector(), "g")
    index = AreaIndex([(IndexedVersion(7, 1, None, None), shape)])

    def near(version: IndexedVersion, lon: float, lat: float) -> float:
        return float(shapely.distance(shape, shapely.Point(lon, lat))) * KM_PER_DEGREE

    return index, near


def _track(mmsi: int, lat: float, lon: float, hours: float, sog: float, step: float = 0.5):
    count = int(hours / step) + 1
    return [
        Position(mmsi, T0 + timedelta(hours=i * step), lat, lon + i * 1e-5, sog)
        for i in range(count)
    ]


def test_events_near_an_area() -> None:
    index, near = _index()
    positions = [
        *_track(273000001, 35.5, 35.2, 3.0, 0.2),  # loiters inside
        *_track(273000003, 35.7, 35.7, 2.5, 0.1),  # meets 004 inside, 100 m apart
        *_track(273000004, 35.7009, 35.7, 2.5, 0.4),
        *_track(273000005, 35.5, 35.3, 1.0, 0.2),  # inside, too short to loiter
        Position(273000002, T0, 35.5, 36.1, 12.0),  # 9 km east of the area, then silent
        Position(273000002, T0 + timedelta(hours=9), 34.0, 33.0, 12.0),
        *_track(273000006, 30.0, 30.0, 4.0, 0.1),  # loiters far away
    ]
    events = find_events(positions, index, near)
    found = sorted((e["kind"], e["mmsi"], e.get("other_mmsi")) for e in events)
    assert found == [
        ("gap", 273000002, None),
        ("loitering", 273000001, None),
        ("loitering", 273000003, None),
        ("loitering", 273000004, None),
        ("ship-to-ship", 273000003, 273000004),
    ]
    gap = next(e for e in events if e["kind"] == "gap")
    assert (gap["near"], gap["hours"], gap["area"]) == ("start", 9.0, {"area_id": 7, "version": 1})
    assert 10 < gap["km_from_area"] < 12  # 0.1 degree at 111.32 km a degree
    loiter = next(e for e in events if e["mmsi"] == 273000001)
    assert (loiter["hours"], loiter["positions"]) == (3.0, 7)
    sts = next(e for e in events if e["kind"] == "ship-to-ship")
    assert sts["hours"] == 2.5


def test_nmea_is_decoded_and_timed() -> None:
    (sentence,) = encode_dict(
        {"type": 1, "mmsi": 273123456, "lat": 35.5, "lon": 35.5, "speed": 0.3}, talker_id="AI"
    )
    static = encode_dict({"type": 5, "mmsi": 273123456, "shipname": "SEA FALCON"}, talker_id="AI")
    timed = [f"2016-03-01T09:00:00Z {part}" for part in static]
    lines = [f"\\c:1456812000*00\\{sentence}", f"2016-03-01T08:00:00Z {sentence}", *timed, ""]
    positions, skipped = parse_nmea(lines)
    assert [(p.mmsi, p.time.isoformat(), p.lat, p.lon, p.sog) for p in positions] == [
        (273123456, "2016-03-01T06:00:00+00:00", 35.5, 35.5, 0.3),
        (273123456, "2016-03-01T08:00:00+00:00", 35.5, 35.5, 0.3),
    ]
    assert skipped == 2  # the two fragments of the static message


@pytest.mark.parametrize(
    ("line", "field", "words"),
    [
        ("hello", "line 1", "no !AIVDM"),
        ("!AIVDM,1,1,,A,144N8P?P032jTePDTQl00001P000,0*1A", "line 1.time", "no time"),
        (
            "\\c:1456812000*00\\!AIVDM,1,1,,A,144N8P?P032jTePDTQl00001P000,0*00",
            "line 1",
            "malformed",
        ),
        ("\\c:1456812000*00\\!AIVDM,1,1,,A", "line 1", "malformed"),
    ],
)
def test_malformed_nmea_names_the_line(line: str, field: str, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_nmea([line])
    assert caught.value.errors[0].field == field
    assert words in caught.value.errors[0].message


def test_csv_positions_are_checked() -> None:
    rows = [
        {"mmsi": "273000001", "time": "2016-03-01T06:00:00", "lat": "35.5", "lon": "35.5"},
        {"mmsi": "27300", "time": "yesterday", "lat": "95", "lon": "35.5", "sog": "x"},
    ]
    with pytest.raises(InvalidInput) as caught:
        parse_csv_positions(rows)
    fields = [e.field for e in caught.value.errors]
    assert fields == ["line 3.mmsi", "line 3.time", "line 3.sog", "line 3.lat"]
    (good,) = parse_csv_positions(rows[:1])
    assert good.time.tzinfo is UTC and good.sog is None
