"""Access-control matrix of media signals, on both databases: every role of the owning agency
(AAA), a named partner (BBB) and a partner outside the scope (CCC), for signals shared with no
one, with BBB, and with all. Each signal is attributed to an organisation that AAA lists for
itself only: no one else, and no platform, learns which registry record it is."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.matrix import (
    PARTNERS,
    ROLES,
    SCOPES,
    SHARING,
    add_partner,
    ask,
    cases,
    hidden_probe,
)
from tests.api.test_errors import API, audit_seq, business_rows, error_of, fields_of
from tests.signals.support import image, listed_organisation
from tests.world import World

URL = f"{API}/media/signals"
MATCHERS = {"analyst", "screener", "duty-officer", "platform"}
SUBMITTERS = {"analyst", "platform"}
READERS = {"analyst", "screener", "duty-officer"}  # of the registry
MISSING = 999_999
SIGNAL = "media_signal"  # what a refusal names
MD5 = {"own": "0" * 31 + "1", "named": "0" * 31 + "2", "all": "0" * 31 + "3"}


@pytest.fixture
def org(world: World) -> int:
    add_partner(world)
    return listed_organisation(world.store, world, "AAA", sharing="own", name="Hidden Front")


@pytest.fixture
def signals(client: TestClient, world: World, org: int) -> dict[str, dict[str, Any]]:
    """One AAA signal per scope, each attributed to AAA's hidden organisation."""
    items = [
        {"kind": "md5", "value": MD5[s], "labels": ["recruitment"], "subject_id": org, **SHARING[s]}
        for s in SCOPES
    ]
    made = ask(client, world, "AAA", "analyst", "POST", URL, {"items": items})
    assert made.status_code == 201, made.text
    return dict(zip(SCOPES, made.json()["items"], strict=True))


def attribution(agency: str, role: str, org: int) -> dict[str, Any]:
    """What a reader of a signal learns of its organisation."""
    if agency == "AAA" and role in READERS:
        return {"subject_id": org}
    return {"subject_id": None, "attribution_withheld": True}


def test_reading_a_signal(
    client: TestClient, world: World, signals: dict[str, dict[str, Any]], org: int
) -> None:
    for c in cases(signals, MATCHERS):
        signal, agency, role, case = c.record, c.agency, c.role, c.key
        url = f"{URL}/{signal['id']}"
        if c.outcome == "forbidden":
            error_of(ask(client, world, agency, role, "GET", url), 403, "forbidden")
        elif c.outcome == "shown":
            shown = ask(client, world, agency, role, "GET", url)
            assert shown.status_code == 200, case
            body = shown.json()
            assert (body["id"], body["agency"], body["value"]) == (
                signal["id"],
                "AAA",
                MD5[c.scope],
            )
            expected = attribution(agency, role, org)
            assert {k: body.get(k) for k in expected} == expected, case
            assert ("feedback_rows" in body) is (agency == "AAA"), case
        else:
            hidden_probe(client, world, agency, role, "GET", URL, signal["id"], kind=SIGNAL)


ROUTES = [
    ("PATCH", "", {"handling": "H2"}, SUBMITTERS),
    ("POST", "/review", {"keep": True}, SUBMITTERS),
    ("POST", "/feedback", {"verdict": "true-positive"}, MATCHERS),
]


@pytest.mark.parametrize(
    ("method", "suffix", "body", "allowed"), ROUTES, ids=["edit", "review", "feedback"]
)
def test_acting_on_a_signal(
    client: TestClient,
    world: World,
    signals: dict[str, dict[str, Any]],
    org: int,
    method: str,
    suffix: str,
    body: dict[str, Any],
    allowed: set[str],
) -> None:
    owner_only = suffix != "/feedback"
    for c in cases(signals, allowed):
        signal, agency, role, case = c.record, c.agency, c.role, c.key
        url = f"{URL}/{signal['id']}{suffix}"
        if c.outcome == "forbidden" or (owner_only and c.outcome == "shown" and agency != "AAA"):
            error_of(ask(client, world, agency, role, method, url, body), 403, "forbidden")
        elif c.outcome == "hidden":
            hidden_probe(
                client, world, agency, role, method, URL, signal["id"], suffix, body, kind=SIGNAL
            )
        else:
            done = ask(client, world, agency, role, method, url, body)
            assert done.status_code == 200, (case, done.text)
            if owner_only:
                expected = attribution(agency, role, org)
                assert {k: done.json().get(k) for k in expected} == expected, case
            else:
                assert done.json()["agency"] == agency, case


def test_listing_matching_and_exporting(
    client: TestClient, world: World, signals: dict[str, dict[str, Any]], org: int
) -> None:
    query = {"items": [{"kind": "md5", "value": v} for v in MD5.values()]}
    for agency in PARTNERS:
        for role in ROLES:
            case = (agency, role)
            listed = ask(client, world, agency, role, "GET", URL)
            matched = ask(client, world, agency, role, "POST", f"{API}/media/match", query)
            exported = ask(client, world, agency, role, "GET", f"{URL}/export")
            if role in SUBMITTERS:
                ids = [x["id"] for x in listed.json()["items"]]
                assert ids == ([s["id"] for s in signals.values()] if agency == "AAA" else []), case
                for item in listed.json()["items"]:
                    expected = attribution(agency, role, org)
                    assert {k: item.get(k) for k in expected} == expected, case
            else:
                error_of(listed, 403, "forbidden")
            if role not in MATCHERS:
                error_of(matched, 403, "forbidden")
                error_of(exported, 403, "forbidden")
                continue
            in_scope = [s for s in SCOPES if agency in SCOPES[s]]
            results = matched.json()["results"]
            got = [[m["signal_id"] for m in r["matches"]] for r in results]
            assert got == [[signals[s]["id"]] if s in in_scope else [] for s in SCOPES], case
            for result in results:
                for match in result["matches"]:
                    if agency == "AAA" and role in READERS:
                        assert match["attribution"] == {"subject_id": org, "name": "Hidden Front"}
                    else:
                        assert match["attribution"] == {
                            "listed_organisation": True,
                            "details_withheld": True,
                        }, case
            lines = exported.text.splitlines()[1:]
            assert sorted(x.split(",")[1] for x in lines) == [MD5[s] for s in in_scope], case


def test_an_organisations_signals(
    client: TestClient, world: World, signals: dict[str, dict[str, Any]], org: int
) -> None:
    url = f"{API}/media/organisations/{org}/signals"
    for agency in PARTNERS:
        for role in ROLES:
            case = (agency, role)
            if role not in READERS:
                error_of(ask(client, world, agency, role, "GET", url), 403, "forbidden")
            elif agency == "AAA":
                shown = ask(client, world, agency, role, "GET", url)
                assert shown.status_code == 200, case
                assert [x["id"] for x in shown.json()["items"]] == [
                    s["id"] for s in signals.values()
                ]
            else:
                hidden_probe(
                    client,
                    world,
                    agency,
                    role,
                    "GET",
                    f"{API}/media/organisations",
                    org,
                    "/signals",
                    kind="subject",
                )


def test_submitting_cannot_probe_for_a_hidden_organisation(
    client: TestClient, world: World, org: int
) -> None:
    for agency in PARTNERS:
        for role in ROLES:
            plain = {"items": [{"kind": "md5", "value": "f" * 32}]}
            made = ask(client, world, agency, role, "POST", URL, plain)
            if role not in SUBMITTERS:
                error_of(made, 403, "forbidden")
                continue
            assert made.status_code == 201, (agency, role, made.text)
    before, seq = business_rows(world.store), audit_seq(world.store)
    answers = []
    for subject in (MISSING, org):
        item = {"kind": "md5", "value": "e" * 32, "subject_id": subject}
        answers.append(ask(client, world, "BBB", "analyst", "POST", URL, {"items": [item]}))
    assert [fields_of(a) for a in answers] == [["subject_id"], ["subject_id"]]
    messages = [error_of(a, 422)["details"][0]["message"] for a in answers]
    assert messages == [f"subject {MISSING} does not exist", f"subject {org} does not exist"]
    assert audit_seq(world.store) == seq
    # a platform attributes to no registry record, its agency's own included
    platform = {"items": [{"kind": "md5", "value": "e" * 32, "subject_id": org}]}
    error_of(ask(client, world, "AAA", "platform", "POST", URL, platform), 403, "forbidden")
    assert business_rows(world.store) == before


def test_files_and_imports_by_role(
    client: TestClient, world: World, signals: dict[str, dict[str, Any]]
) -> None:
    """Uploads and CSV imports follow the same roles as their JSON forms; an upload matched by
    a partner outside the scope of AAA's signal finds nothing of it."""
    own = {"sharing": "own"}
    made = client.post(
        f"{URL}/files",
        files=[("files", ("a.png", image(7), "image/png"))],
        data=own,
        headers=world.auth("AAA", "analyst"),
    )
    assert made.status_code == 201, made.text
    ids = {x["id"] for x in made.json()["items"]}
    for agency in PARTNERS:
        for role in ROLES:
            case = (agency, role)
            headers = world.auth(agency, role)
            digest = hashlib.sha256(f"{agency}:{role}".encode()).hexdigest()[:32]
            csv = f"signal_type,signal_value,labels\nmd5,{digest},recruitment\n"
            imported = client.post(
                f"{URL}/import",
                files={"file": ("s.csv", csv, "text/csv")},
                headers=headers,
            )
            uploaded = client.post(
                f"{URL}/files", files=[("files", ("b.png", image(8), "image/png"))], headers=headers
            )
            matched = client.post(
                f"{API}/media/match/files",
                files=[("files", ("c.png", image(7), "image/png"))],
                headers=headers,
            )
            if role in SUBMITTERS:
                assert imported.status_code == 200, (case, imported.text)
                assert uploaded.status_code == 201, case
            else:
                error_of(imported, 403, "forbidden")
                error_of(uploaded, 403, "forbidden")
            if role not in MATCHERS:
                error_of(matched, 403, "forbidden")
                continue
            found = {m["signal_id"] for m in matched.json()["results"][0]["matches"]}
            assert (found & ids) == (ids if agency == "AAA" else set()), case
