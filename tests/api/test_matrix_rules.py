"""Access-control matrix of risk rules, on both databases: a rule is private to its agency
(AAA); every role of AAA and of a partner (BBB) asks every route. Another agency's rule
answers exactly as a missing one, and the refusal is audited for AAA."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.alerts.support import movement, report
from tests.api.matrix import ROLES, ask, hidden_probe
from tests.api.test_errors import API, error_of
from tests.world import World

URL = f"{API}/rules"
READERS = {"analyst", "screener", "duty-officer"}
RULE = {"name": "young men from SA", "source": 'nationality == "SA" and gender == "male"'}
DRAFT = {"source": RULE["source"]}


@pytest.fixture
def rule(client: TestClient, world: World) -> dict[str, Any]:
    """An AAA rule, and one movement of each partner's that it would hit."""
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    for agency in ("AAA", "BBB"):
        report(client, world, movement(f"m-{agency}", ["Jean Dupont"], time=now), agency=agency)
    made = ask(client, world, "AAA", "analyst", "POST", URL, RULE)
    assert made.status_code == 201, made.text
    return dict(made.json())


ROUTES = [
    ("GET", "", None, READERS),
    ("POST", "/preview", {}, READERS),
    ("POST", "/preview", {"version": 1}, READERS),
    ("PATCH", "", {"name": "renamed"}, {"analyst"}),
    ("POST", "/activate", {}, {"analyst"}),
    ("POST", "/deactivate", None, {"analyst"}),
]


@pytest.mark.parametrize(
    ("method", "suffix", "body", "allowed"),
    ROUTES,
    ids=[f"{m} {s or '/'}{' v' if b and 'version' in b else ''}" for m, s, b, _ in ROUTES],
)
def test_a_rule_is_its_agencys_alone(
    client: TestClient,
    world: World,
    rule: dict[str, Any],
    method: str,
    suffix: str,
    body: Any,
    allowed: set[str],
) -> None:
    url = f"{URL}/{rule['id']}{suffix}"
    for agency in ("BBB", "AAA"):
        for role in ROLES:
            case = (agency, role)
            if role not in allowed:
                error_of(ask(client, world, agency, role, method, url, body), 403, "forbidden")
            elif agency == "BBB":
                hidden_probe(
                    client, world, agency, role, method, URL, rule["id"], suffix, body, kind="rule"
                )
            else:
                response = ask(client, world, agency, role, method, url, body)
                assert response.status_code == 200, (case, response.text)
                shown = response.json()
                if suffix == "/preview":
                    # AAA's own movement only
                    assert (shown["movements"], shown["hits"]) == (1, 1), case
                    assert shown["shown"][0]["movement"]["agency"] == "AAA"
                else:
                    assert (shown["id"], shown["agency"]) == (rule["id"], "AAA"), case


def test_listing_creating_and_drafting_rules(
    client: TestClient, world: World, rule: dict[str, Any]
) -> None:
    for agency in ("AAA", "BBB"):
        for role in ROLES:
            case = (agency, role)
            listed = ask(client, world, agency, role, "GET", URL)
            draft = ask(client, world, agency, role, "POST", f"{URL}/preview", DRAFT)
            if role not in READERS:
                error_of(listed, 403, "forbidden")
                error_of(draft, 403, "forbidden")
            else:
                ids = [x["id"] for x in listed.json()["items"]]
                assert ids == ([rule["id"]] if agency == "AAA" else []), case
                # a draft runs over the caller's own agency's movements only
                assert draft.status_code == 200, case
                shown = draft.json()
                assert (shown["movements"], shown["hits"]) == (1, 1), case
                assert shown["shown"][0]["movement"]["agency"] == agency, case
    for agency in ("AAA", "BBB"):
        for role in ROLES:
            made = ask(client, world, agency, role, "POST", URL, RULE)
            if role == "analyst":
                assert made.status_code == 201, (agency, role)
                assert made.json()["agency"] == agency
            else:
                error_of(made, 403, "forbidden")
