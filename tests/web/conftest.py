"""Fixtures of the web console tests.

Route tests drive the console over ASGI (``TestClient``) on the ``world`` store, on SQLite and
PostgreSQL like every service test. The app runs with ``environment="test"``, so session
cookies carry ``Secure``: the client talks to ``https://testserver``. Users of the world get a
password here (``PASSWORD``); ``Console`` signs in as one and posts forms with the CSRF token
read from the page, as a browser would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from ictd.api import create_app
from ictd.security import secret
from ictd.settings import Settings
from tests.world import World

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_LOGIN = re.compile(r'name="login_token" value="([^"]+)"')


def email_of(agency: str, role: str) -> str:
    return f"{role}@{agency.lower()}.example"


class Console:
    """A signed-in (or not yet signed-in) browser session against the console."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.csrf = ""

    def sign_in(self, email: str, password: str = PASSWORD) -> httpx.Response:
        form = self.client.get("/login")
        token = _LOGIN.search(form.text)
        assert token, form.text
        response = self.client.post(
            "/login",
            data={"email": email, "password": password, "login_token": token.group(1)},
            follow_redirects=False,
        )
        if response.status_code == 303:
            self.csrf = csrf_of(self.client.get("/").text)
        return response

    def get(self, url: str, **kwargs: object) -> httpx.Response:
        return self.client.get(url, **kwargs)  # type: ignore[arg-type]

    def post(
        self, url: str, data: dict[str, object] | None = None, **kwargs: object
    ) -> httpx.Response:
        body = {"csrf_token": self.csrf, **(data or {})}
        return self.client.post(url, data=body, **kwargs)  # type: ignore[arg-type]


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF token on the page"
    return found.group(1)


@pytest.fixture(scope="session")
def password_hash() -> str:
    """One argon2 hash of ``PASSWORD`` (hashing costs half a second: done once)."""
    return secret.hash_password(PASSWORD)


def give_passwords(world: World, password_hash: str) -> None:
    """Every user of the world gets ``PASSWORD``, written straight to their rows."""
    with world.store.begin() as session:
        for actor in world.actors.values():
            assert actor.user_id is not None
            user = session.accounts.get_user(actor.user_id)
            assert user is not None
            session.accounts.update_user(user.copy_with(password_hash=password_hash))


@pytest.fixture
def web_app(world: World, password_hash: str):  # type: ignore[no-untyped-def]
    give_passwords(world, password_hash)
    settings = Settings(
        database_url=world.store.url,
        environment="test",
        build_index_on_start=False,
        xref_follow_seconds=0,
        jobs_interval_seconds=0,
    )
    return create_app(settings, world.store)


@pytest.fixture
def browser_client(web_app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(web_app, base_url="https://testserver") as client:
        yield client


@pytest.fixture
def console(browser_client: TestClient) -> Console:
    return Console(browser_client)


@pytest.fixture
def signed_in(console: Console):  # type: ignore[no-untyped-def]
    """A factory: ``signed_in("AAA", "analyst")`` is a console signed in as that user."""

    def sign(agency: str, role: str) -> Console:
        console.client.cookies.clear()
        response = console.sign_in(email_of(agency, role))
        assert response.status_code == 303, response.text
        return console

    return sign
