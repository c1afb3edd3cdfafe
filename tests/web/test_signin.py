"""Sign-in, sessions, cookies, CSRF, sign-out and idle timeout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from ictd.api import create_app
from ictd.settings import Settings
from ictd.web.auth import COOKIE, resume, sign_in
from tests.web.conftest import PASSWORD, Console, email_of, give_passwords
from tests.world import World


def test_pages_need_a_session(console: Console) -> None:
    response = console.get("/screen", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/screen"


def test_sign_in_sets_a_strict_secure_http_only_cookie(console: Console) -> None:
    response = console.sign_in(email_of("AAA", "screener"))
    assert response.status_code == 303
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(COOKIE))
    lowered = cookie.lower()
    assert "httponly" in lowered and "samesite=strict" in lowered and "secure" in lowered
    home = console.get("/")
    assert home.status_code == 200
    assert "screener@aaa.example" in home.text
    assert "Content-Security-Policy" in home.headers


def test_wrong_password_is_refused_and_audited(console: Console, world: World) -> None:
    response = console.sign_in(email_of("AAA", "screener"), "wrong password")
    assert response.status_code == 401
    assert "wrong e-mail or password" in response.text
    with world.store.read() as session:
        events = session.audit.query({"action": "web.sign-in.failed"}, 0, 10)
    assert len(events) == 1


def test_repeated_failures_answer_429_with_retry_after(world: World, password_hash: str) -> None:
    give_passwords(world, password_hash)
    settings = Settings(
        database_url=world.store.url,
        environment="test",
        build_index_on_start=False,
        xref_follow_seconds=0,
        jobs_interval_seconds=0,
        sign_in_free_failures=2,
        sign_in_backoff_seconds=600,  # far longer than the test: nothing depends on timing
    )
    with TestClient(create_app(settings, world.store), base_url="https://testserver") as client:
        console = Console(client)
        email = email_of("AAA", "screener")
        assert [console.sign_in(email, "wrong password").status_code for _ in range(2)] == [
            401,
            401,
        ]
        throttled = console.sign_in(email)
        assert throttled.status_code == 429
        assert 1 <= int(throttled.headers["retry-after"]) <= 600
        assert "Too many failed sign-ins" in throttled.text
        assert COOKIE not in throttled.cookies
        other = console.sign_in(email_of("AAA", "analyst"))
        assert other.status_code == 303
    with world.store.read() as session:
        events = session.audit.query({"action": "web.sign-in.failed"}, 0, 10)
    assert [e.detail["throttled"] for e in events] == [False, False, True]


def test_sign_in_without_the_form_token_is_ignored(console: Console) -> None:
    response = console.client.post(
        "/login",
        data={"email": email_of("AAA", "screener"), "password": PASSWORD, "login_token": "x"},
        follow_redirects=False,
    )
    assert response.status_code == 200
    assert COOKIE not in response.cookies


def test_next_is_followed_only_to_local_paths(console: Console) -> None:
    form = console.get("/login?next=//evil.example/")
    assert 'name="next" value="/"' in form.text
    form = console.get("/login?next=/subjects")
    assert 'name="next" value="/subjects"' in form.text


def test_post_without_csrf_token_is_refused(signed_in) -> None:  # type: ignore[no-untyped-def]
    console = signed_in("AAA", "screener")
    response = console.client.post("/screen", data={"names": "Someone"})
    assert response.status_code == 403
    assert "expired" in response.text
    ok = console.post("/screen", {"names": "Someone"})
    assert ok.status_code == 200


def test_csrf_header_is_accepted_for_htmx(signed_in) -> None:  # type: ignore[no-untyped-def]
    console = signed_in("AAA", "screener")
    response = console.client.post(
        "/screen",
        data={"names": "Someone"},
        headers={"X-CSRF-Token": console.csrf, "HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "<html" not in response.text


def test_sign_out_ends_the_session(signed_in) -> None:  # type: ignore[no-untyped-def]
    console = signed_in("AAA", "screener")
    token = console.client.cookies.get(COOKIE)
    response = console.post("/logout", follow_redirects=False)
    assert response.status_code == 303
    console.client.cookies.set(COOKIE, token or "", domain="testserver")
    again = console.get("/", follow_redirects=False)
    assert again.status_code == 303


def test_idle_sessions_end(world: World, password_hash: str) -> None:
    give_passwords(world, password_hash)
    start = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    token, user = sign_in(world.store, email_of("AAA", "analyst"), PASSWORD, "192.0.2.1", now=start)
    later = start + timedelta(minutes=20)
    assert resume(world.store, token, 30, now=later) == user
    assert resume(world.store, token, 30, now=later + timedelta(minutes=31)) is None
    assert resume(world.store, token, 30, now=later + timedelta(minutes=32)) is None
    assert resume(world.store, "not a token", 30, now=later) is None


def test_disabled_users_lose_their_session(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    from ictd.registry import accounts
    from ictd.security.actor import Actor

    console = signed_in("AAA", "screener")
    actor = world.actor("AAA", "screener")
    assert actor.user_id is not None
    accounts.update_user(world.store, Actor.system("t"), actor.user_id, disabled=True)
    assert console.get("/", follow_redirects=False).status_code == 303
