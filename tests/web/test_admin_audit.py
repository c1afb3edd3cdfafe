"""Agency administration (users, keys) and the auditor's pages."""

from __future__ import annotations

import re

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


def test_admins_manage_only_their_agency(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    other = world.actor("BBB", "screener")
    console: Console = signed_in("AAA", "agency-admin")
    refused = console.post(f"/admin/users/{other.user_id}", {"action": "disable"})
    assert refused.status_code == 403
    screener: Console = signed_in("AAA", "screener")
    assert screener.get("/admin/users").status_code == 403


def test_auditor_searches_and_verifies(signed_in) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "auditor")
    page = console.get("/audit", params={"action": "web.sign-in"})
    assert page.status_code == 200 and "web.sign-in" in page.text
    verified = console.post("/audit/verify", headers={"HX-Request": "true"})
    assert "Intact:" in verified.text
    analyst: Console = signed_in("AAA", "analyst")
    assert analyst.get("/audit").status_code == 403
