"""Access-control matrix of passenger manifests and MRZ reading, on both databases: every role
of the submitting agency and of partners. A manifest is its submitter's alone; what a
traveller's hit tells follows the listing's sharing scope (own / named / all)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.api import create_app
from tests.alerts.support import listed, settings_for
from tests.api.matrix import PARTNERS, ROLES, SCOPES, add_partner, ask, hidden_probe
from tests.api.test_errors import API, error_of
from tests.border.conftest import read_fixture
from tests.manifests.conftest import ZAWAHIRI
from tests.world import World

REPORTERS = {"analyst", "screener"}
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


@pytest.fixture
def api(world: World) -> Iterator[TestClient]:
    add_partner(world)
    settings = settings_for(world.store, dispatcher_enabled=False, build_index_on_start=False)
    with TestClient(create_app(settings, world.store)) as client:
        yield client


def submit(api: TestClient, world: World, agency: str, role: str) -> Any:
    headers = {**world.auth(agency, role), "Content-Type": "application/edifact"}
    return api.post(
        f"{API}/manifests", content=read_fixture("paxlst_passengers.edi"), headers=headers
    )


@pytest.fixture
def listings(api: TestClient, world: World) -> dict[int, str]:
    """Three AAA subjects of the same person, listed own / named (BBB) / all: listing id ->
    scope."""
    made = {}
    for scope in SCOPES:
        shared = ["BBB"] if scope == "named" else None
        _sid, lid = listed(api, world, "AAA", scope, shared, person=ZAWAHIRI)
        made[lid] = scope
    return made


def test_submitting_tells_each_agency_what_its_scope_allows(
    api: TestClient, world: World, listings: dict[int, str]
) -> None:
    for agency in PARTNERS:
        for role in ROLES:
            response = submit(api, world, agency, role)
            if role not in REPORTERS:
                error_of(response, 403, "forbidden")
                continue
            assert response.status_code == 200, response.text
            traveller = response.json()["messages"][0]["travellers"][0]
            assert traveller["result"] == "hit"
            assert traveller["actions"] == ["arrest"]
            hits = traveller["hits"]
            assert len(hits) == 3, (agency, role, hits)
            full = [h for h in hits if h["details_withheld"] is False]
            seen = sorted(listings[h["listing"]["id"]] for h in full)
            expected = sorted(s for s in SCOPES if agency in SCOPES[s])
            assert seen == expected, (agency, role, hits)
            for hit in full:
                assert hit["subject"]["id"] == hit["listing"]["subject_id"]
            withheld = [h for h in hits if h["details_withheld"] is True]
            assert len(withheld) == 3 - len(expected)
            for hit in withheld:
                # hit, action, handling and how to reach the owner: no subject, no score
                assert set(hit) == {
                    "alert",
                    "category",
                    "actions",
                    "handling",
                    "owner",
                    "reference",
                    "details_withheld",
                }, hit
                assert hit["owner"]["agency"] == "AAA"
                assert hit["reference"].startswith("LREF-")


def test_a_manifest_is_its_submitters_alone(
    api: TestClient, world: World, listings: dict[int, str]
) -> None:
    response = submit(api, world, "BBB", "screener")
    manifest_id = response.json()["manifest_id"]
    url = f"{API}/manifests/{manifest_id}"
    for agency in PARTNERS:
        for role in ROLES:
            case = (agency, role)
            listed_ = ask(api, world, agency, role, "GET", f"{API}/manifests")
            if role not in REPORTERS:
                error_of(ask(api, world, agency, role, "GET", url), 403, "forbidden")
                error_of(listed_, 403, "forbidden")
            elif agency == "BBB":
                one = ask(api, world, agency, role, "GET", url)
                assert one.status_code == 200, case
                assert (one.json()["id"], one.json()["agency"]) == (manifest_id, "BBB")
                assert [x["id"] for x in listed_.json()["items"]] == [manifest_id], case
            else:
                assert listed_.json()["items"] == [], case
                hidden_probe(
                    api,
                    world,
                    agency,
                    role,
                    "GET",
                    f"{API}/manifests",
                    manifest_id,
                    kind="manifest",
                    owner="BBB",
                )


def test_any_key_reads_a_zone_and_nothing_is_stored(api: TestClient, world: World) -> None:
    for agency in PARTNERS:
        for role in ROLES:
            response = ask(api, world, agency, role, "POST", f"{API}/documents/read", {"mrz": TD3})
            assert response.status_code == 200, (agency, role)
            assert response.json()["document"]["number"] == "L898902C3"
