"""Access-control matrix of the listing lifecycle routes (reviews due, extension and its
record, partners' flags), on both databases: every role of the owning agency (AAA), a named
partner (BBB) and a partner outside the scope (CCC), for listings shared with no one, with BBB,
and with all. A hidden listing answers exactly as a missing one, audited for AAA."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.matrix import PARTNERS, ROLES, SCOPES, SHARING, add_partner, ask, hidden_like_missing
from tests.api.test_errors import API, error_of
from tests.api.test_listings import create_listing
from tests.api.test_subjects import create_subject
from tests.world import World

READERS = {"analyst", "screener", "duty-officer"}
MISSING = 999_999
FLAG = {"reason": "No legal basis for an arrest on our territory."}


@pytest.fixture
def listings(client: TestClient, world: World) -> dict[str, dict[str, Any]]:
    """One active AAA listing per scope, its review date 40 days ahead."""
    add_partner(world)
    review = (datetime.now(UTC).date() + timedelta(days=40)).isoformat()
    made = {}
    for scope in SCOPES:
        subject = create_subject(client, world, "AAA", f"Abu Example {scope}")
        made[scope] = create_listing(
            client,
            world,
            "AAA",
            subject["id"],
            status="active",
            review_date=review,
            **SHARING[scope],
        )
    return made


def _hidden(
    client: TestClient,
    world: World,
    agency: str,
    role: str,
    method: str,
    listing: dict[str, Any],
    suffix: str,
    body: Any = None,
) -> None:
    hidden_like_missing(
        client,
        world,
        agency,
        role,
        method,
        f"{API}/listings/{listing['id']}{suffix}",
        f"{API}/listings/{MISSING}{suffix}",
        (f"listing:{listing['id']}", f"subject:{listing['subject_id']}"),
        "AAA",
        body,
    )


def test_reviews_due_are_the_agencys_own(
    client: TestClient, world: World, listings: dict[str, dict[str, Any]]
) -> None:
    for agency in PARTNERS:
        for role in ROLES:
            due = ask(client, world, agency, role, "GET", f"{API}/listings/due")
            if role not in READERS:
                error_of(due, 403, "forbidden")
                continue
            ids = [x["id"] for x in due.json()["items"]]
            assert sorted(ids) == (
                sorted(x["id"] for x in listings.values()) if agency == "AAA" else []
            )


def test_extending_and_its_record(
    client: TestClient, world: World, listings: dict[str, dict[str, Any]]
) -> None:
    until = (datetime.now(UTC).date() + timedelta(days=400)).isoformat()
    body = {"until": until, "reason": "Reassessed: still needed."}
    for scope, listing in listings.items():
        extend = f"{API}/listings/{listing['id']}/extend"
        record = f"{API}/listings/{listing['id']}/extensions"
        for agency in PARTNERS:
            for role in ROLES:
                case = (scope, agency, role)
                # extend: the owner's analysts
                if role == "analyst" and agency not in SCOPES[scope]:
                    _hidden(client, world, agency, role, "POST", listing, "/extend", body)
                elif role != "analyst" or agency != "AAA":
                    error_of(
                        ask(client, world, agency, role, "POST", extend, body), 403, "forbidden"
                    )
                # its record: the owner's readers; a partner who sees the listing is refused
                if role not in READERS:
                    error_of(ask(client, world, agency, role, "GET", record), 403, "forbidden")
                elif agency not in SCOPES[scope]:
                    _hidden(client, world, agency, role, "GET", listing, "/extensions")
                elif agency != "AAA":
                    error_of(ask(client, world, agency, role, "GET", record), 403, "forbidden")
                else:
                    assert ask(client, world, agency, role, "GET", record).json()["items"] == [], (
                        case
                    )
        done = ask(client, world, "AAA", "analyst", "POST", extend, body)
        assert done.status_code == 200, done.text
        for role in READERS:
            items = ask(client, world, "AAA", role, "GET", record).json()["items"]
            assert [x["new_date"] for x in items] == [until]


def test_flags(client: TestClient, world: World, listings: dict[str, dict[str, Any]]) -> None:
    for scope, listing in listings.items():
        url = f"{API}/listings/{listing['id']}/flags"
        for agency in PARTNERS:
            for role in ROLES:
                case = (scope, agency, role)
                if role != "analyst":
                    error_of(ask(client, world, agency, role, "POST", url, FLAG), 403, "forbidden")
                    error_of(ask(client, world, agency, role, "DELETE", url), 403, "forbidden")
                elif agency not in SCOPES[scope]:
                    _hidden(client, world, agency, role, "POST", listing, "/flags", FLAG)
                    _hidden(client, world, agency, role, "DELETE", listing, "/flags")
                elif agency == "AAA":
                    error_of(ask(client, world, agency, role, "POST", url, FLAG), 409, "conflict")
                else:
                    posted = ask(client, world, agency, role, "POST", url, FLAG)
                    assert posted.status_code == 201, case
                    assert posted.json()["agency"] == agency
                if role not in READERS:
                    error_of(ask(client, world, agency, role, "GET", url), 403, "forbidden")
                elif agency not in SCOPES[scope]:
                    _hidden(client, world, agency, role, "GET", listing, "/flags")
                else:
                    shown = ask(client, world, agency, role, "GET", url).json()["items"]
                    # AAA asks before any partner flagged; a partner (its analyst having
                    # flagged first) sees its own flag only
                    expected = [] if agency == "AAA" else [agency]
                    assert [x["agency"] for x in shown] == expected, case
        # after every partner's turn: the owner sees all their flags, each partner withdraws its own
        shown = ask(client, world, "AAA", "analyst", "GET", url).json()["items"]
        assert sorted(x["agency"] for x in shown) == sorted(
            a for a in ("BBB", "CCC") if a in SCOPES[scope]
        )
        for agency in ("BBB", "CCC"):
            if agency in SCOPES[scope]:
                gone = ask(client, world, agency, "analyst", "DELETE", url)
                assert gone.status_code == 200, gone.text
                assert gone.json()["withdrawn_at"]
