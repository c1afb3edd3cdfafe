"""Agency administration (users, keys) and the auditor's pages."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.web.conftest import Console
from tests.world import World


def test_admin_creates_a_user_and_a_key_shown_once(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "agency-admin")
    bad = console.post("/admin/users", {"email": "not-an-address", "roles": ["screener"]})
    assert bad.status_code == 422 and "is not an e-mail address" in bad.text
    made = console.post(
        "/admin/users", {"email": "new@aaa.example", "roles": ["screener"]}, follow_redirects=False
    )
    assert made.status_code == 303
    users = console.get("/admin/users").text
    assert "new@aaa.example" in users
    with world.store.read() as session:
        user = session.accounts.get_user_by_email("new@aaa.example")
    assert user is not None
    key = console.post("/admin/keys", {"user_id": user.id, "label": "feed", "expires_days": "30"})
    token = re.search(r'<p class="token">([^<]+)</p>', key.text)
    assert token and token.group(1).startswith("ictd")
    assert token.group(1) not in console.get("/admin/keys").text
    api = console.client.get(
        "/api/v1/subjects", headers={"Authorization": f"Bearer {token.group(1)}"}
    )
    assert api.status_code == 200


def test_admin_keys_expire_by_default_and_not_too_late(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "agency-admin")
    target = world.actor("AAA", "analyst").user_id
    form = console.get("/admin/keys").text
    assert 'name="expires_days" inputmode="numeric" value="90"' in form
    assert "at most 365" in form
    with world.store.read() as session:
        before = len(session.accounts.list_keys([target or 0]))
    too_long = console.post("/admin/keys", {"user_id": target, "expires_days": "366"})
    assert too_long.status_code == 422 and "between 1 and 365" in too_long.text
    made = console.post("/admin/keys", {"user_id": target, "expires_days": ""})
    assert made.status_code == 200 and 'class="token"' in made.text
    with world.store.read() as session:
        keys = session.accounts.list_keys([target or 0])
    assert len(keys) == before + 1
    newest = keys[-1]
    assert newest.created_at is not None and newest.expires_at is not None
    assert newest.expires_at - newest.created_at == timedelta(days=90)


def test_admins_manage_only_their_agency(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    other = world.actor("BBB", "screener")
    console: Console = signed_in("AAA", "agency-admin")
    refused = console.post(f"/admin/users/{other.user_id}", {"action": "disable"})
    assert refused.status_code == 403
    screener: Console = signed_in("AAA", "screener")
    assert screener.get("/admin/users").status_code == 403


def test_admins_do_not_change_their_own_roles_in_the_console(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "agency-admin")
    me = world.actor("AAA", "agency-admin").user_id
    page = console.get("/admin/users").text
    assert f'action="/admin/users/{me}"' not in page
    assert "another admin changes your roles" in page
    grant = console.post(
        f"/admin/users/{me}", {"action": "roles", "roles": ["agency-admin", "auditor"]}
    )
    assert grant.status_code == 403 and "your own roles" in grant.text
    off = console.post(f"/admin/users/{me}", {"action": "disable"})
    assert off.status_code == 403 and "disable yourself" in off.text
    with world.store.read() as session:
        user = session.accounts.get_user(me or 0)
    assert user is not None and not user.disabled
    assert sorted(r.value for r in user.roles) == ["agency-admin"]


def test_auditor_searches_and_verifies(signed_in) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "auditor")
    page = console.get("/audit", params={"action": "web.sign-in"})
    assert page.status_code == 200 and "web.sign-in" in page.text
    verified = console.post("/audit/verify", headers={"HX-Request": "true"})
    assert "Intact:" in verified.text
    analyst: Console = signed_in("AAA", "analyst")
    assert analyst.get("/audit").status_code == 403
