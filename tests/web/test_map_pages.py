"""The console's embargo map, on both databases: the page and its offline assets, the areas
by role × own/other agency × sharing scope and as they were on a day, shipments and AIS
tracks screened from the page (drawn, and alerting the owners), bad input refused with
nothing stored."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from typing import Any

import pytest

from ictd.embargo import AreaInput, add_area_version, create_area, withdraw_area
from tests.embargo.conftest import square
from tests.web.conftest import Console
from tests.world import World

ROUTES = re.compile(r"data-routes='([^']*)'")
FINDINGS = re.compile(r"data-findings='([^']*)'")


@pytest.fixture
def areas(world: World, now: datetime) -> dict[str, int]:
    """AAA's areas: one of its own, one shared with BBB by name, one with all (two versions:
    Raqqa until 2017-10-17, then further east), one withdrawn."""
    analyst = world.actor("AAA", "analyst")

    def make(name: str, lon: float, **scope: Any) -> int:
        data = AreaInput(name, square(lon, 35.5), valid_from="2014-06-29", **scope)
        return create_area(world.store, analyst, data, now).id

    found = {
        "own": make("Own", 36.0, sharing="own"),
        "named": make("Named", 38.0, sharing="named", shared_with=["BBB"]),
        "all": make("Shared", 39.0, sharing="all", valid_until="2017-10-17"),
        "gone": make("Withdrawn", 42.0, sharing="all"),
    }
    later = AreaInput(
        name="Shared, later", geometry=square(40.6, 35.0), valid_from="2017-10-18",
        valid_until="2019-03-23",
    )  # fmt: skip
    add_area_version(world.store, analyst, found["all"], later, now)
    withdraw_area(world.store, analyst, found["gone"])
    return found


def _names(console: Console, on: str | None = None) -> list[str]:
    answer = console.get("/map/areas.json" + (f"?on={on}" if on else ""))
    assert answer.status_code == 200, answer.text
    return sorted(a["name"] for a in answer.json()["areas"])


@pytest.mark.parametrize(
    ("agency", "role", "seen"),
    [
        ("AAA", "analyst", ["Named", "Own", "Shared, later"]),
        ("AAA", "screener", ["Named", "Own", "Shared, later"]),
        ("BBB", "screener", ["Named", "Shared, later"]),
        ("BBB", "duty-officer", ["Named", "Shared, later"]),
        ("OPS", "analyst", ["Shared, later"]),
    ],
)
def test_areas_by_role_agency_and_sharing(  # type: ignore[no-untyped-def]
    signed_in, areas: dict[str, int], agency: str, role: str, seen: list[str]
) -> None:
    console: Console = signed_in(agency, role)
    page = console.get("/map")
    assert page.status_code == 200 and 'id="map"' in page.text
    assert _names(console) == seen


def test_roles_without_records_are_refused(signed_in, areas: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "auditor")
    assert console.get("/map").status_code == 403
    assert console.get("/map/areas.json").status_code == 403


def test_areas_as_they_were_on_a_day(signed_in, world: World, areas: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("BBB", "screener")
    assert _names(console, "2016-01-01") == ["Named", "Shared"]
    assert _names(console, "2018-01-01") == ["Named", "Shared, later"]
    assert _names(console, "2014-01-01") == []  # before any version
    body = console.get("/map/areas.json?on=2016-01-01").json()
    shared = next(a for a in body["areas"] if a["name"] == "Shared")
    assert (shared["id"], shared["version"], shared["agency"]) == (areas["all"], 1, "AAA")
    assert shared["geometry"]["type"] == "Polygon"
    assert body["on"] == "2016-01-01"
    assert body["span"] == {
        "from": "2014-06-29",
        "until": "2019-03-23",
        "open_start": False,
        "open_end": True,
    }
    bad = console.get("/map/areas.json?on=yesterday")
    assert bad.status_code == 422 and "on" in bad.text
    with world.store.begin() as session:
        events = list(session.audit.events())
    maps = [e for e in events if e.action == "area.map"]
    assert maps and all(e.agency == "BBB" for e in maps)
    assert f"area:{areas['own']}" not in {t for e in maps for t in e.targets}


def test_the_page_loads_its_map_offline_and_without_inline_script(signed_in) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("BBB", "screener")
    page = console.get("/map")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    scripts = re.findall(r"<script([^>]*)>", page.text)
    assert scripts and all("src=" in attributes for attributes in scripts)
    assert "http://" not in page.text and "https://" not in page.text.replace(
        "https://testserver", ""
    )
    for asset in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet/leaflet.css"):
        assert console.get(asset).status_code == 200, asset
    assert "/static/map.js" in page.text and "/static/vendor/leaflet/leaflet.js" in page.text
    base = console.get("/static/map/countries-110m.geojson").json()
    assert base["type"] == "FeatureCollection" and len(base["features"]) > 150
    names = {f["properties"]["name"] for f in base["features"]}
    assert {"Syria", "Iraq", "Turkey"} <= names


def _shipments() -> str:
    lines = [
        {
            "id": "S1",
            "date": "2016-01-05",
            "shipper": "Acme Ltd",
            "origin": "35.5,39.0",
            "destination": "TRMER",
            "goods": [{"hs": "2709.00", "description": "crude oil"}],
        },
        {"id": "S2", "date": "2016-01-05", "origin": "Paris, FR", "destination": "Atlantis, GR"},
    ]
    return "\n".join(json.dumps(x) for x in lines)


def _alerts(world: World, agency: str) -> list[Any]:
    with world.store.begin() as session:
        return session.alerts.page(agency, None, None, 0, 100)


def test_shipments_screened_from_the_map_are_drawn(  # type: ignore[no-untyped-def]
    signed_in, world: World, areas: dict[str, int]
) -> None:
    console: Console = signed_in("BBB", "screener")
    answer = console.post("/map", data={"kind": "shipments", "message": _shipments()})
    assert answer.status_code == 200, answer.text
    routes = json.loads(html.unescape(ROUTES.search(answer.text).group(1)))  # type: ignore[union-attr]
    first, second = routes
    assert (first["id"], first["status"], first["triggers"]) == ("S1", "hit", ["area"])
    assert [s["role"] for s in first["stops"]] == ["origin", "destination"]
    assert first["areas"] == ["Shared"]
    assert (second["status"], second["unplaced"]) == ("review", ["Atlantis, GR"])
    assert "2 shipments: 1 hit, 1 to review, 0 clear" in answer.text
    assert [(a.kind, a.detail["part"]) for a in _alerts(world, "AAA")] == [("trade", "area")]


def test_an_ais_track_screened_from_the_map_is_drawn(  # type: ignore[no-untyped-def]
    signed_in, world: World, areas: dict[str, int]
) -> None:
    console: Console = signed_in("BBB", "screener")
    rows = ["mmsi,time,lat,lon,sog"] + [
        f"273000001,2016-01-05T{h:02d}:00:00Z,35.5,39.0,0.2" for h in range(4)
    ]
    upload = {"file": ("track.csv", "\n".join(rows).encode(), "text/csv")}
    answer = console.post("/map", data={"kind": "ais"}, files=upload)
    assert answer.status_code == 200, answer.text
    (finding,) = json.loads(html.unescape(FINDINGS.search(answer.text).group(1)))  # type: ignore[union-attr]
    assert (finding["kind"], finding["mmsi"], finding["hours"]) == ("loitering", 273000001, 3.0)
    assert finding["area"] == "Shared"
    (alert,) = _alerts(world, "AAA")
    assert (alert.kind, alert.reporter) == ("ais", "BBB")
    duty: Console = signed_in("AAA", "duty-officer")
    shown = duty.get(f"/alerts/{alert.reference}")
    assert shown.status_code == 200 and "AIS finding" in shown.text and "loitering" in shown.text


def test_bad_input_is_named_and_nothing_is_stored(  # type: ignore[no-untyped-def]
    signed_in, world: World, areas: dict[str, int]
) -> None:
    console: Console = signed_in("BBB", "screener")
    bad = _shipments().replace('"2016-01-05"', '"someday"', 1)
    answer = console.post("/map", data={"kind": "shipments", "message": bad})
    assert answer.status_code == 422 and "line 1.date" in answer.text
    track = "mmsi,time,lat,lon\n273000001,2016-01-05T00:00:00Z,95,39.0\n"
    answer = console.post("/map", data={"kind": "ais", "message": track})
    assert answer.status_code == 422 and "line 2.lat" in answer.text
    assert console.post("/map", data={"kind": "ships", "message": "x"}).status_code == 422
    empty = console.post("/map", data={"kind": "ais", "message": ""})
    assert empty.status_code == 422 and "choose a file" in empty.text
    assert _alerts(world, "AAA") == []
    auditor: Console = signed_in("AAA", "auditor")
    assert auditor.post("/map", data={"kind": "ais", "message": track}).status_code == 403
