"""Agencies, users and API keys over the API: who may manage what, and bad input."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from ictd.api import create_app
from ictd.exc import Conflict
from ictd.registry import accounts
from ictd.registry.sign_in import authenticate_password
from ictd.security.actor import Actor
from ictd.settings import Settings
from tests.api.test_errors import (
    API,
    audit_events,
    audit_seq,
    business_rows,
    denied,
    error_of,
    fields_of,
)
from tests.world import World

COVERED = {
    ("GET", f"{API}/agencies"),
    ("POST", f"{API}/agencies"),
    ("GET", f"{API}/agencies/{{code}}"),
    ("GET", f"{API}/me"),
    ("GET", f"{API}/users"),
    ("POST", f"{API}/users"),
    ("PATCH", f"{API}/users/{{user_id}}"),
    ("GET", f"{API}/keys"),
    ("POST", f"{API}/keys"),
    ("POST", f"{API}/keys/{{key_id}}/revoke"),
}

PASSWORD = "correct horse battery staple"


def user_id(world: World, agency: str, role: str) -> int:
    found = world.actor(agency, role).user_id
    assert found is not None
    return found


def new_key(client: TestClient, world: World, agency: str, role: str) -> dict[str, Any]:
    """A fresh key for the ``role`` user of ``agency``, made by that agency's admin."""
    response = client.post(
        f"{API}/keys",
        json={"user_id": user_id(world, agency, role), "label": "tests"},
        headers=world.auth(agency, "agency-admin"),
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


# --- agencies -------------------------------------------------------------------------------


def test_any_user_lists_agencies(client: TestClient, world: World) -> None:
    response = client.get(f"{API}/agencies", headers=world.auth("BBB", "screener"))
    assert response.status_code == 200
    items = response.json()["items"]
    assert sorted((a["code"], a["name"], a["is_operator"]) for a in items) == [
        ("AAA", "Agency AAA", False),
        ("BBB", "Agency BBB", False),
        ("OPS", "Agency OPS", True),
    ]


def test_get_one_agency(client: TestClient, world: World) -> None:
    response = client.get(f"{API}/agencies/AAA", headers=world.auth("BBB", "auditor"))
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "AAA"
    assert body["name"] == "Agency AAA"
    assert body["is_operator"] is False
    assert body["created_at"]


def test_get_missing_agency_is_404(client: TestClient, world: World) -> None:
    response = client.get(f"{API}/agencies/ZZZ", headers=world.auth("AAA", "analyst"))
    error = error_of(response, 404, "not_found")
    assert "ZZZ" in error["message"]


def test_operator_admin_admits_an_agency(client: TestClient, world: World) -> None:
    seq = audit_seq(world.store)
    response = client.post(
        f"{API}/agencies",
        json={"code": "fr-dgsi", "name": "  Direction générale  ", "contact": "+33 1 00 00"},
        headers=world.auth("OPS", "agency-admin"),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["code"] == "FR-DGSI"
    assert body["name"] == "Direction générale"
    assert body["contact"] == "+33 1 00 00"
    assert body["is_operator"] is False
    listed = client.get(f"{API}/agencies/FR-DGSI", headers=world.auth("AAA", "analyst"))
    assert listed.json()["name"] == "Direction générale"
    created = [e for e in audit_events(world.store, seq) if e.action == "agency.create"]
    assert [e.targets for e in created] == [("agency:FR-DGSI",)]
    assert created[0].agency == "OPS"


@pytest.mark.parametrize("who", [("AAA", "agency-admin"), ("OPS", "analyst"), ("OPS", "auditor")])
def test_only_operator_admins_admit_agencies(
    client: TestClient, world: World, who: tuple[str, str]
) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(
        f"{API}/agencies", json={"code": "CCC", "name": "Agency CCC"}, headers=world.auth(*who)
    )
    denied(world.store, response, seq)
    assert business_rows(world.store) == before


@pytest.mark.parametrize("code", ["AAA", "aaa", " BBB "])
def test_duplicate_agency_code_is_409(client: TestClient, world: World, code: str) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(
        f"{API}/agencies",
        json={"code": code, "name": "Again"},
        headers=world.auth("OPS", "agency-admin"),
    )
    error = error_of(response, 409, "conflict")
    assert error["details"] == {"field": "code"}
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"code": "1AB", "name": "Digits first"}, ["code"]),
        ({"code": "A B", "name": "Space"}, ["code"]),
        ({"code": "A", "name": "Too short"}, ["code"]),
        ({"code": "X" * 33, "name": "Too long"}, ["code"]),
        ({"code": "CCC", "name": ""}, ["name"]),
        ({"code": "CCC", "name": "   "}, ["name"]),
        ({"code": "CCC"}, ["name"]),
        ({"code": 12, "name": "Wrong type"}, ["code"]),
        ({"code": "CCC", "name": "Agency", "colour": "red"}, ["colour"]),
        ({"code": "CCC", "name": "Agency", "contact": "c" * 501}, ["contact"]),
    ],
)
def test_invalid_agency_is_422_and_writes_nothing(
    client: TestClient, world: World, body: dict[str, Any], fields: list[str]
) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(f"{API}/agencies", json=body, headers=world.auth("OPS", "agency-admin"))
    assert fields_of(response) == fields
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


# --- the caller -----------------------------------------------------------------------------


def test_me_describes_the_caller(client: TestClient, world: World) -> None:
    response = client.get(
        f"{API}/me", headers={**world.auth("BBB", "duty-officer"), "X-Purpose": " night shift "}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["agency"] == "BBB"
    assert body["roles"] == ["duty-officer"]
    assert body["user_id"] == user_id(world, "BBB", "duty-officer")
    assert body["name"].endswith("duty-officer@bbb.example")
    assert body["key_id"] is not None
    assert body["purpose"] == "night shift"


# --- users ----------------------------------------------------------------------------------


def test_admin_lists_own_agency_users(client: TestClient, world: World) -> None:
    response = client.get(f"{API}/users", headers=world.auth("AAA", "agency-admin"))
    assert response.status_code == 200
    items = response.json()["items"]
    assert sorted(u["email"] for u in items) == sorted(
        f"{role}@aaa.example"
        for role in (
            "analyst",
            "screener",
            "duty-officer",
            "agency-admin",
            "auditor",
            "redress-officer",
            "compliance-reviewer",
            "platform",
        )
    )
    assert {u["agency"] for u in items} == {"AAA"}
    assert all("password_hash" not in u for u in items)
    explicit = client.get(
        f"{API}/users", params={"agency": "AAA"}, headers=world.auth("AAA", "agency-admin")
    )
    assert explicit.json() == response.json()


@pytest.mark.parametrize(
    ("who", "agency"),
    [
        (("AAA", "agency-admin"), "BBB"),
        (("OPS", "agency-admin"), "AAA"),
        (("AAA", "analyst"), None),
        (("AAA", "auditor"), None),
    ],
)
def test_list_users_refused(
    client: TestClient, world: World, who: tuple[str, str], agency: str | None
) -> None:
    seq = audit_seq(world.store)
    params = {"agency": agency} if agency else {}
    response = client.get(f"{API}/users", params=params, headers=world.auth(*who))
    denied(world.store, response, seq)


def test_admin_creates_a_user_with_a_password(client: TestClient, world: World) -> None:
    seq = audit_seq(world.store)
    response = client.post(
        f"{API}/users",
        json={
            "email": " New.Analyst@AAA.example ",
            "roles": ["screener", "analyst"],
            "name": "New Analyst",
            "password": PASSWORD,
        },
        headers=world.auth("AAA", "agency-admin"),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["email"] == "new.analyst@aaa.example"
    assert body["agency"] == "AAA"
    assert body["roles"] == ["analyst", "screener"]
    assert body["name"] == "New Analyst"
    assert body["has_password"] is True
    assert body["disabled"] is False
    assert "password" not in body
    assert "password_hash" not in body
    actor = authenticate_password(world.store, "new.analyst@aaa.example", PASSWORD, "192.0.2.1")
    assert actor.user_id == body["id"]
    created = [e for e in audit_events(world.store, seq) if e.action == "user.create"]
    assert created[0].targets == (f"user:{body['id']}",)
    assert PASSWORD not in repr(created[0].detail)


@pytest.mark.parametrize(
    ("who", "agency"),
    [
        (("AAA", "agency-admin"), "BBB"),
        (("OPS", "agency-admin"), "AAA"),
        (("AAA", "analyst"), None),
        (("AAA", "auditor"), None),
    ],
)
def test_create_user_refused(
    client: TestClient, world: World, who: tuple[str, str], agency: str | None
) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    body: dict[str, Any] = {"email": "intruder@aaa.example", "roles": ["analyst"]}
    if agency:
        body["agency"] = agency
    response = client.post(f"{API}/users", json=body, headers=world.auth(*who))
    denied(world.store, response, seq)
    assert business_rows(world.store) == before


@pytest.mark.parametrize("email", ["analyst@aaa.example", "ANALYST@AAA.example"])
def test_duplicate_email_is_409(client: TestClient, world: World, email: str) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(
        f"{API}/users",
        json={"email": email, "roles": ["analyst"]},
        headers=world.auth("AAA", "agency-admin"),
    )
    error = error_of(response, 409, "conflict")
    assert error["details"] == {"field": "email"}
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"email": "x@aaa.example", "roles": ["wizard"]}, ["roles.0"]),
        ({"email": "x@aaa.example", "roles": ["analyst", "wizard"]}, ["roles.1"]),
        ({"email": "x@aaa.example", "roles": []}, ["roles"]),
        ({"email": "x@aaa.example", "roles": ["analyst"] * 6}, ["roles"]),
        ({"email": "x@aaa.example", "roles": "analyst"}, ["roles"]),
        ({"email": "not-an-address", "roles": ["analyst"]}, ["email"]),
        ({"email": "x@aaa.example", "roles": ["analyst"], "password": "short"}, ["password"]),
        ({"roles": ["analyst"]}, ["email"]),
        ({"email": "x@aaa.example", "roles": ["analyst"], "admin": True}, ["admin"]),
        ({"email": "bad", "roles": ["wizard"]}, ["email", "roles.0"]),
    ],
)
def test_invalid_user_is_422_and_writes_nothing(
    client: TestClient, world: World, body: dict[str, Any], fields: list[str]
) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(f"{API}/users", json=body, headers=world.auth("AAA", "agency-admin"))
    assert fields_of(response) == fields
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


def test_admin_changes_roles_and_disables_a_user(client: TestClient, world: World) -> None:
    target = user_id(world, "AAA", "screener")
    auth = world.auth("AAA", "agency-admin")
    response = client.patch(f"{API}/users/{target}", json={"roles": ["analyst"]}, headers=auth)
    assert response.status_code == 200, response.text
    assert response.json()["roles"] == ["analyst"]
    me = client.get(f"{API}/me", headers=world.auth("AAA", "screener"))
    assert me.json()["roles"] == ["analyst"]
    response = client.patch(f"{API}/users/{target}", json={"disabled": True}, headers=auth)
    assert response.json()["disabled"] is True
    assert response.json()["roles"] == ["analyst"]
    refused = client.get(f"{API}/me", headers=world.auth("AAA", "screener"))
    error_of(refused, 401, "unauthenticated")
    response = client.patch(f"{API}/users/{target}", json={"disabled": False}, headers=auth)
    assert client.get(f"{API}/me", headers=world.auth("AAA", "screener")).status_code == 200


def test_admin_sets_a_password(client: TestClient, world: World) -> None:
    target = user_id(world, "AAA", "analyst")
    response = client.patch(
        f"{API}/users/{target}",
        json={"password": PASSWORD},
        headers=world.auth("AAA", "agency-admin"),
    )
    assert response.json()["has_password"] is True
    actor = authenticate_password(world.store, "analyst@aaa.example", PASSWORD, "192.0.2.1")
    assert actor.user_id == target


@pytest.mark.parametrize(
    ("who", "target"),
    [
        (("AAA", "agency-admin"), ("BBB", "analyst")),
        (("OPS", "agency-admin"), ("AAA", "analyst")),
        (("AAA", "analyst"), ("AAA", "screener")),
        (("AAA", "auditor"), ("AAA", "screener")),
    ],
)
def test_update_user_refused(
    client: TestClient, world: World, who: tuple[str, str], target: tuple[str, str]
) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.patch(
        f"{API}/users/{user_id(world, *target)}", json={"disabled": True}, headers=world.auth(*who)
    )
    denied(world.store, response, seq)
    assert business_rows(world.store) == before


@pytest.mark.parametrize(
    "body",
    [
        {"roles": ["agency-admin", "analyst"]},
        {"roles": ["agency-admin", "auditor"]},
        {"roles": ["analyst"]},
        {"disabled": True},
    ],
)
def test_admins_cannot_change_their_own_roles_or_disable_themselves(
    client: TestClient, world: World, body: dict[str, Any]
) -> None:
    me = user_id(world, "AAA", "agency-admin")
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.patch(
        f"{API}/users/{me}", json=body, headers=world.auth("AAA", "agency-admin")
    )
    error = denied(world.store, response, seq)
    assert "your own roles" in error["message"] or "disable yourself" in error["message"]
    assert business_rows(world.store) == before


def test_admins_set_their_own_password_and_may_resend_their_roles(
    client: TestClient, world: World
) -> None:
    me = user_id(world, "AAA", "agency-admin")
    auth = world.auth("AAA", "agency-admin")
    same = client.patch(f"{API}/users/{me}", json={"roles": ["agency-admin"]}, headers=auth)
    assert same.status_code == 200 and same.json()["roles"] == ["agency-admin"]
    response = client.patch(f"{API}/users/{me}", json={"password": PASSWORD}, headers=auth)
    assert response.status_code == 200 and response.json()["has_password"] is True


def test_an_admin_demotes_another_admin_but_not_the_last_one(
    client: TestClient, world: World
) -> None:
    first = world.auth("AAA", "agency-admin")
    second = client.post(
        f"{API}/users",
        json={"email": "second.admin@aaa.example", "roles": ["agency-admin"]},
        headers=first,
    ).json()
    # the second admin's key, made by the first admin
    key = client.post(f"{API}/keys", json={"user_id": second["id"]}, headers=first).json()
    by_second = {"Authorization": f"Bearer {key['token']}"}
    target = user_id(world, "AAA", "agency-admin")
    demoted = client.patch(f"{API}/users/{target}", json={"roles": ["analyst"]}, headers=by_second)
    assert demoted.status_code == 200 and demoted.json()["roles"] == ["analyst"]
    # the second admin is now the last: the operator may not remove them either
    system = Actor.system("tests")
    before = business_rows(world.store)
    with pytest.raises(Conflict, match="last active admin of AAA") as refused:
        accounts.update_user(world.store, system, second["id"], roles=["analyst"])
    assert refused.value.details == {"field": "roles"}
    with pytest.raises(Conflict, match="last active admin") as refused:
        accounts.update_user(world.store, system, second["id"], disabled=True)
    assert refused.value.details == {"field": "disabled"}
    assert business_rows(world.store) == before
    # once another user is an admin again, the operator may
    accounts.update_user(world.store, system, target, roles=["analyst", "agency-admin"])
    changed = accounts.update_user(world.store, system, second["id"], disabled=True)
    assert changed.disabled


def test_a_disabled_admin_does_not_count_as_the_agency_admin(
    client: TestClient, world: World
) -> None:
    first = world.auth("AAA", "agency-admin")
    second = client.post(
        f"{API}/users",
        json={"email": "second.admin@aaa.example", "roles": ["agency-admin"]},
        headers=first,
    ).json()
    disabled = client.patch(f"{API}/users/{second['id']}", json={"disabled": True}, headers=first)
    assert disabled.status_code == 200
    system = Actor.system("tests")
    with pytest.raises(Conflict, match="last active admin"):
        accounts.update_user(
            world.store, system, user_id(world, "AAA", "agency-admin"), disabled=True
        )


def test_update_missing_user_is_404(client: TestClient, world: World) -> None:
    before = business_rows(world.store)
    response = client.patch(
        f"{API}/users/999999", json={"disabled": True}, headers=world.auth("AAA", "agency-admin")
    )
    error_of(response, 404, "not_found")
    assert business_rows(world.store) == before


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"roles": ["wizard"]}, ["roles.0"]),
        ({"roles": []}, ["roles"]),
        ({"disabled": "perhaps"}, ["disabled"]),
        ({"password": "short"}, ["password"]),
        ({"email": "new@aaa.example"}, ["email"]),
    ],
)
def test_invalid_user_change_is_422_and_writes_nothing(
    client: TestClient, world: World, body: dict[str, Any], fields: list[str]
) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.patch(
        f"{API}/users/{user_id(world, 'AAA', 'screener')}",
        json=body,
        headers=world.auth("AAA", "agency-admin"),
    )
    assert fields_of(response) == fields
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


def test_user_path_id_must_be_a_number(client: TestClient, world: World) -> None:
    response = client.patch(
        f"{API}/users/abc", json={"disabled": True}, headers=world.auth("AAA", "agency-admin")
    )
    assert fields_of(response) == ["user_id"]


# --- keys -----------------------------------------------------------------------------------


def test_key_life_cycle(client: TestClient, world: World) -> None:
    admin = world.auth("AAA", "agency-admin")
    analyst = user_id(world, "AAA", "analyst")
    response = client.post(
        f"{API}/keys",
        json={"user_id": analyst, "label": "laptop", "expires_days": 30},
        headers=admin,
    )
    assert response.status_code == 201, response.text
    key = response.json()
    token = key["token"]
    assert token.startswith(f"ictd_{key['prefix']}_")
    assert key["user_id"] == analyst
    assert key["label"] == "laptop"
    assert key["expires_at"] > key["created_at"]
    assert key["revoked_at"] is None
    bearer = {"Authorization": f"Bearer {token}"}
    me = client.get(f"{API}/me", headers=bearer)
    assert me.status_code == 200
    assert me.json()["user_id"] == analyst
    assert me.json()["key_id"] == key["id"]

    listed = client.get(f"{API}/keys", headers=admin).json()["items"]
    mine = [k for k in listed if k["id"] == key["id"]]
    assert len(mine) == 1
    assert mine[0]["last_used_at"] is not None
    assert "token" not in mine[0]
    assert "secret_hash" not in mine[0]
    assert token.split("_", 2)[2] not in repr(listed)
    owners = {k["user_id"] for k in listed}
    assert owners <= {u.user_id for n, u in world.actors.items() if n.startswith("AAA:")}

    revoked = client.post(f"{API}/keys/{key['id']}/revoke", headers=admin)
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert "token" not in revoked.json()
    error_of(client.get(f"{API}/me", headers=bearer), 401, "unauthenticated")
    again = client.post(f"{API}/keys/{key['id']}/revoke", headers=admin)
    assert again.json()["revoked_at"] == revoked.json()["revoked_at"]
    assert client.get(f"{API}/me", headers=world.auth("AAA", "analyst")).status_code == 200


def test_a_key_without_expires_days_expires_after_the_default(
    client: TestClient, world: World
) -> None:
    key = new_key(client, world, "AAA", "analyst")
    created = datetime.fromisoformat(key["created_at"])
    assert datetime.fromisoformat(key["expires_at"]) == created + timedelta(days=90)
    longest = client.post(
        f"{API}/keys",
        json={"user_id": user_id(world, "AAA", "analyst"), "expires_days": 365},
        headers=world.auth("AAA", "agency-admin"),
    ).json()
    lived = datetime.fromisoformat(longest["expires_at"]) - datetime.fromisoformat(
        longest["created_at"]
    )
    assert lived == timedelta(days=365)


def test_key_lifetimes_follow_the_settings(world: World) -> None:
    settings = Settings(
        database_url=world.store.url,
        environment="test",
        build_index_on_start=False,
        dispatcher_enabled=False,
        xref_follow_seconds=0,
        jobs_interval_seconds=0,
        key_default_days=7,
        key_max_days=30,
    )
    admin = world.auth("AAA", "agency-admin")
    target = user_id(world, "AAA", "analyst")
    with TestClient(create_app(settings, world.store)) as client:
        made = client.post(f"{API}/keys", json={"user_id": target}, headers=admin).json()
        too_long = client.post(
            f"{API}/keys", json={"user_id": target, "expires_days": 31}, headers=admin
        )
    lived = datetime.fromisoformat(made["expires_at"]) - datetime.fromisoformat(made["created_at"])
    assert lived == timedelta(days=7)
    assert fields_of(too_long) == ["expires_days"]
    assert "30" in too_long.json()["error"]["message"]


def test_default_key_days_may_not_exceed_the_maximum() -> None:
    with pytest.raises(ValidationError, match="key_default_days"):
        Settings(key_default_days=400, key_max_days=365)


def test_key_secrets_are_not_audited(client: TestClient, world: World) -> None:
    seq = audit_seq(world.store)
    key = new_key(client, world, "AAA", "analyst")
    events = audit_events(world.store, seq)
    assert [e.action for e in events] == ["key.create"]
    assert key["token"] not in repr(events[0].to_dict())


@pytest.mark.parametrize(
    ("who", "target"),
    [
        (("AAA", "agency-admin"), ("BBB", "analyst")),
        (("OPS", "agency-admin"), ("AAA", "analyst")),
        (("AAA", "analyst"), ("AAA", "analyst")),
        (("AAA", "auditor"), ("AAA", "analyst")),
    ],
)
def test_create_key_refused(
    client: TestClient, world: World, who: tuple[str, str], target: tuple[str, str]
) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(
        f"{API}/keys", json={"user_id": user_id(world, *target)}, headers=world.auth(*who)
    )
    denied(world.store, response, seq)
    assert business_rows(world.store) == before


def test_create_key_for_missing_user_is_404(client: TestClient, world: World) -> None:
    before = business_rows(world.store)
    response = client.post(
        f"{API}/keys", json={"user_id": 999999}, headers=world.auth("AAA", "agency-admin")
    )
    error_of(response, 404, "not_found")
    assert business_rows(world.store) == before


def test_create_key_for_disabled_user_is_409(client: TestClient, world: World) -> None:
    admin = world.auth("AAA", "agency-admin")
    target = user_id(world, "AAA", "screener")
    client.patch(f"{API}/users/{target}", json={"disabled": True}, headers=admin)
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(f"{API}/keys", json={"user_id": target}, headers=admin)
    error_of(response, 409, "conflict")
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"user_id": "abc"}, ["user_id"]),
        ({}, ["user_id"]),
        ({"user_id": 1, "expires_days": 0}, ["expires_days"]),
        ({"user_id": 1, "expires_days": -5}, ["expires_days"]),
        ({"user_id": 1, "expires_days": 366}, ["expires_days"]),
        ({"user_id": 1, "expires_days": 3651}, ["expires_days"]),
        ({"user_id": 1, "expires_days": "soon"}, ["expires_days"]),
        ({"user_id": 1, "label": "l" * 201}, ["label"]),
        ({"user_id": 1, "secret": "mine"}, ["secret"]),
    ],
)
def test_invalid_key_request_is_422_and_writes_nothing(
    client: TestClient, world: World, body: dict[str, Any], fields: list[str]
) -> None:
    if body.get("user_id") == 1:
        body = {**body, "user_id": user_id(world, "AAA", "analyst")}
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(f"{API}/keys", json=body, headers=world.auth("AAA", "agency-admin"))
    assert fields_of(response) == fields
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


@pytest.mark.parametrize(
    ("who", "agency"),
    [
        (("AAA", "agency-admin"), "BBB"),
        (("OPS", "agency-admin"), "AAA"),
        (("AAA", "analyst"), None),
        (("AAA", "auditor"), None),
    ],
)
def test_list_keys_refused(
    client: TestClient, world: World, who: tuple[str, str], agency: str | None
) -> None:
    seq = audit_seq(world.store)
    params = {"agency": agency} if agency else {}
    response = client.get(f"{API}/keys", params=params, headers=world.auth(*who))
    denied(world.store, response, seq)


def test_list_keys_shows_only_own_agency(client: TestClient, world: World) -> None:
    new_key(client, world, "BBB", "analyst")
    listed = client.get(f"{API}/keys", headers=world.auth("AAA", "agency-admin")).json()["items"]
    aaa_users = {u.user_id for n, u in world.actors.items() if n.startswith("AAA:")}
    assert len(listed) == len(aaa_users)
    assert {k["user_id"] for k in listed} == aaa_users


@pytest.mark.parametrize(
    "who", [("BBB", "agency-admin"), ("OPS", "agency-admin"), ("AAA", "analyst")]
)
def test_revoke_key_refused(client: TestClient, world: World, who: tuple[str, str]) -> None:
    key = new_key(client, world, "AAA", "analyst")
    before, seq = business_rows(world.store), audit_seq(world.store)
    response = client.post(f"{API}/keys/{key['id']}/revoke", headers=world.auth(*who))
    denied(world.store, response, seq)
    assert business_rows(world.store) == before
    bearer = {"Authorization": f"Bearer {key['token']}"}
    assert client.get(f"{API}/me", headers=bearer).status_code == 200


def test_revoke_missing_key_is_404(client: TestClient, world: World) -> None:
    before = business_rows(world.store)
    response = client.post(f"{API}/keys/999999/revoke", headers=world.auth("AAA", "agency-admin"))
    error_of(response, 404, "not_found")
    assert business_rows(world.store) == before
