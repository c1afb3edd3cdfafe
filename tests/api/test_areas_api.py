"""Embargoed areas over the API: create, change (a new version), list, read with versions,
withdraw; bad shapes refused naming the field, with nothing stored."""

from __future__ import annotations

from fastapi.testclient import TestClient

from ictd.store import Store
from tests.api.test_errors import API, fields_of
from tests.embargo.conftest import BOWTIE, square
from tests.world import World

COVERED = {
    ("POST", f"{API}/areas"),
    ("GET", f"{API}/areas"),
    ("GET", f"{API}/areas/{{area_id}}"),
    ("PATCH", f"{API}/areas/{{area_id}}"),
    ("DELETE", f"{API}/areas/{{area_id}}"),
    ("GET", f"{API}/areas/{{area_id}}/versions"),
}


def count(store: Store) -> int:
    with store.begin() as session:
        return len(session.areas.page(None, 0, 1000))


def test_area_life_cycle(client: TestClient, world: World, store: Store) -> None:
    aaa, bbb = world.auth("AAA", "analyst"), world.auth("BBB", "analyst")
    body = {
        "name": "Area one",
        "geometry": square(39, 36),
        "legal_basis": "UNSCR 2199 (2015)",
        "valid_from": "2014-06-29",
        "valid_until": "2017-10-17",
        "sharing": "named",
        "shared_with": ["BBB"],
    }
    created = client.post(f"{API}/areas", json=body, headers=aaa)
    assert created.status_code == 201, created.text
    area = created.json()
    assert (area["version"], area["agency"], area["geometry"]) == (1, "AAA", square(39, 36))
    patch = {"geometry": square(40, 35), "valid_from": "2017-10-18", "valid_until": None}
    changed = client.patch(f"{API}/areas/{area['id']}", json=patch, headers=aaa)
    assert changed.status_code == 200, changed.text
    assert changed.json()["version"] == 2
    assert changed.json()["valid_until"] is None  # cleared
    assert changed.json()["name"] == "Area one"
    listed = client.get(f"{API}/areas", headers=bbb).json()
    assert [a["id"] for a in listed["items"]] == [area["id"]]
    assert "geometry" not in listed["items"][0]
    one = client.get(f"{API}/areas/{area['id']}", headers=bbb).json()
    assert one["geometry"] == square(40, 35)
    versions = client.get(f"{API}/areas/{area['id']}/versions", headers=bbb).json()
    assert [(v["version"], v["valid_until"]) for v in versions["versions"]] == [
        (2, None),
        (1, "2017-10-17"),
    ]
    refused = client.patch(f"{API}/areas/{area['id']}", json={"name": "x"}, headers=bbb)
    assert refused.status_code == 403
    hidden = client.get(f"{API}/areas/{area['id']}", headers=world.auth("OPS", "analyst"))
    assert hidden.status_code == 404  # outside the named scope: answered as missing
    gone = client.delete(f"{API}/areas/{area['id']}", headers=aaa)
    assert gone.json()["withdrawn"] is True


def test_bad_areas_are_refused_and_nothing_is_stored(
    client: TestClient, world: World, store: Store
) -> None:
    aaa = world.auth("AAA", "analyst")
    bad = client.post(f"{API}/areas", json={"name": "b", "geometry": BOWTIE}, headers=aaa)
    assert fields_of(bad) == ["geometry"]
    assert "Self-intersection" in bad.json()["error"]["details"][0]["message"]
    off = {"type": "Polygon", "coordinates": [[[0, 0], [200, 0], [1, 1], [0, 0]]]}
    bad = client.post(f"{API}/areas", json={"name": "b", "geometry": off}, headers=aaa)
    assert fields_of(bad) == ["geometry.coordinates.0.1"]
    assert count(store) == 0
