"""POST /movements over HTTP with two agencies, on both databases: hit and no-hit replies,
each sharing scope, idempotent retries, validation and roles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ictd.api import create_app
from tests.alerts.support import API, listed, movement, report, settings_for
from tests.world import World

COVERED = {("POST", f"{API}/movements")}


@pytest.fixture
def quiet(world: World) -> Iterator[TestClient]:
    """The API without the background dispatcher (tests drive time themselves)."""
    app = create_app(settings_for(world.store, dispatcher_enabled=False), world.store)
    with TestClient(app) as client:
        yield client


def test_hit_and_no_hit_replies(quiet: TestClient, world: World) -> None:
    sid, lid = listed(quiet, world, "AAA", sharing="all")
    hit, miss = report(
        quiet, world, movement("m-1"), movement("m-2", names=["Jean-Pierre Dupont"]), agency="BBB"
    )
    assert miss["result"] == "no-hit" and miss["hits"] == []
    assert hit["result"] == "hit" and hit["idempotency_key"] == "m-1"
    (found,) = hit["hits"]
    assert found["actions"] == ["arrest"]
    assert found["category"] == "terrorist" and found["handling"] == "H2"
    assert found["alert"].startswith("ALR-")
    assert found["owner"] == {"agency": "AAA", "name": "Agency AAA", "contact": None}
    assert found["details_withheld"] is False
    assert found["subject"]["id"] == sid and "Hamza bin Laden" in found["subject"]["names"]
    assert found["listing"]["id"] == lid
    alerts = quiet.get(f"{API}/alerts", headers=world.auth("AAA", "duty-officer")).json()
    assert [a["reference"] for a in alerts["items"]] == [found["alert"]]
    assert alerts["items"][0]["reporter"] == "BBB" and alerts["items"][0]["status"] == "new"


@pytest.mark.parametrize(
    ("sharing", "shared_with", "visible"),
    [
        ("own", None, False),
        ("named", ["BBB"], True),
        ("named", ["OPS"], False),
        ("all", None, True),
    ],
)
def test_each_sharing_scope(
    quiet: TestClient,
    world: World,
    sharing: str,
    shared_with: list[str] | None,
    visible: bool,
) -> None:
    listed(quiet, world, "AAA", sharing=sharing, shared_with=shared_with)
    (reply,) = report(quiet, world, movement("k"), agency="BBB")
    (found,) = reply["hits"]
    assert reply["result"] == "hit" and found["actions"] == ["arrest"]
    assert found["alert"] and found["owner"]["agency"] == "AAA"
    assert found["details_withheld"] is not visible
    assert (found.get("subject") is not None) is visible
    assert (found.get("listing") is not None) is visible
    assert ("score" in found) is visible  # a withheld hit carries no score and no ids
    if not visible:
        assert found["reference"].startswith("LREF-")
        assert set(found) == {
            "alert",
            "category",
            "actions",
            "handling",
            "owner",
            "reference",
            "details_withheld",
        }
    # the owner reporting its own subject always sees the details
    (own,) = report(quiet, world, movement("k"), agency="AAA")
    assert own["hits"][0]["details_withheld"] is False


def test_a_retry_returns_the_original_answer_and_alerts_once(
    quiet: TestClient, world: World
) -> None:
    listed(quiet, world, "AAA")
    (first,) = report(quiet, world, movement("retry-1"))
    (again,) = report(quiet, world, movement("retry-1"))
    assert again.pop("replayed") is True
    assert again == first
    alerts = quiet.get(f"{API}/alerts", headers=world.auth("AAA", "duty-officer")).json()
    assert len(alerts["items"]) == 1
    # a batch mixing a retry and a new report: only the new one alerts
    old, new = report(quiet, world, movement("retry-1"), movement("retry-2"))
    assert old["replayed"] is True and "replayed" not in new
    alerts = quiet.get(f"{API}/alerts", headers=world.auth("AAA", "duty-officer")).json()
    assert len(alerts["items"]) == 2
    # the same key with other content is refused, and changes nothing
    other = movement("retry-1", names=["Somebody Else"])
    answer = quiet.post(
        f"{API}/movements", json={"movements": [other]}, headers=world.auth("BBB", "screener")
    )
    assert answer.status_code == 409
    assert answer.json()["error"]["details"] == {"idempotency_keys": ["retry-1"]}
    # keys are per agency: AAA's "retry-1" is a movement of its own
    (mine,) = report(quiet, world, movement("retry-1"), agency="AAA")
    assert "replayed" not in mine and mine["movement_id"] != first["movement_id"]


def test_bad_input_is_refused_whole_with_field_paths(quiet: TestClient, world: World) -> None:
    auth = world.auth("BBB", "screener")
    bad = [
        movement("ok"),
        movement("b", kind="teleport", time="yesterday"),
        movement("c", place={"country": "QQ"}),
        movement("ok"),
    ]
    answer = quiet.post(f"{API}/movements", json={"movements": bad}, headers=auth)
    assert answer.status_code == 422
    fields = {d["field"] for d in answer.json()["error"]["details"]}
    assert fields == {
        "movements.1.kind",
        "movements.1.time",
        "movements.2.place.country",
        "movements.3.idempotency_key",
    }
    (fresh,) = report(quiet, world, movement("ok"))
    assert "replayed" not in fresh  # nothing of the refused batch was kept
    too_many = {"movements": [movement(str(i)) for i in range(1001)]}
    assert quiet.post(f"{API}/movements", json=too_many, headers=auth).status_code == 422


def test_roles(quiet: TestClient, world: World) -> None:
    body = {"movements": [movement("r")]}
    for role, code in (("auditor", 403), ("duty-officer", 403), ("analyst", 200)):
        answer = quiet.post(f"{API}/movements", json=body, headers=world.auth("BBB", role))
        assert answer.status_code == code, role
    assert quiet.post(f"{API}/movements", json=body).status_code == 401
