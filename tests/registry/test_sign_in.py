"""Password sign-in throttled per account and per client address, on both databases.

The clock is passed in (``now``): nothing here waits. The argon2 hasher is the real one;
``CountingHasher`` only records which hashes it is asked to check (a spy on the outside
library, not a stand-in for our code).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher

from ictd.exc import Throttled, Unauthenticated
from ictd.model.sign_in import Backoff
from ictd.registry import accounts
from ictd.registry.sign_in import SignInThrottle, authenticate_password
from ictd.security import secret
from ictd.security.actor import Actor
from tests.world import World

PASSWORD = "correct horse battery staple"
EMAIL = "analyst@aaa.example"
HERE = "192.0.2.10"
START = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
THROTTLE = SignInThrottle(
    account=Backoff(free_failures=5, base_seconds=1.0, cap_seconds=900.0),
    address=Backoff(free_failures=20, base_seconds=1.0, cap_seconds=900.0),
)


class CountingHasher(PasswordHasher):
    """The real argon2 hasher, recording the hashes it verifies against."""

    def __init__(self) -> None:
        super().__init__()
        self.checked: list[str] = []

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.checked.append(hash if isinstance(hash, str) else hash.decode())
        return super().verify(hash, password)


@pytest.fixture
def hasher(monkeypatch: pytest.MonkeyPatch) -> Iterator[CountingHasher]:
    spy = CountingHasher()
    monkeypatch.setattr(secret, "_hasher", spy)
    yield spy


@pytest.fixture
def with_password(world: World) -> World:
    user_id = world.actor("AAA", "analyst").user_id
    assert user_id is not None
    accounts.update_user(world.store, Actor.system("tests"), user_id, password=PASSWORD)
    return world


def attempt(
    world: World,
    password: str,
    at: datetime,
    email: str = EMAIL,
    client: str = HERE,
    throttle: SignInThrottle = THROTTLE,
) -> str:
    """``ok``, ``wrong`` or ``wait <seconds>``."""
    try:
        authenticate_password(world.store, email, password, client, throttle, now=at)
    except Throttled as err:
        return f"wait {err.retry_after}"
    except Unauthenticated:
        return "wrong"
    return "ok"


def failed_events(world: World) -> list[Any]:
    with world.store.read() as session:
        return session.audit.query({"action": "web.sign-in.failed"}, 0, 1000)


def test_twenty_wrong_passwords_then_the_right_one_must_wait(with_password: World) -> None:
    world = with_password
    answers = [attempt(world, f"wrong guess {n}", START) for n in range(20)]
    assert answers == ["wrong"] * 5 + ["wait 1"] * 15
    assert attempt(world, PASSWORD, START) == "wait 1"
    assert attempt(world, PASSWORD, START + timedelta(seconds=1)) == "ok"


def test_each_further_failure_doubles_the_wait(with_password: World) -> None:
    world = with_password
    at = START
    for _ in range(5):
        assert attempt(world, "wrong guess", at) == "wrong"
    waits = []
    for _ in range(4):
        at += timedelta(seconds=int(attempt(world, "wrong guess", at).split()[1]))
        assert attempt(world, "wrong guess", at) == "wrong"
        waits.append(attempt(world, PASSWORD, at))
    assert waits == ["wait 2", "wait 4", "wait 8", "wait 16"]


def test_the_wait_is_capped_and_never_permanent(with_password: World) -> None:
    world = with_password
    throttle = SignInThrottle(
        account=Backoff(free_failures=1, base_seconds=60.0, cap_seconds=300.0),
        address=Backoff(free_failures=1000),
    )
    at = START
    for _ in range(12):  # far past the cap: 60, 120, 240, 300, 300 …
        assert attempt(world, "wrong guess", at, throttle=throttle) == "wrong"
        at += timedelta(seconds=300)
    assert attempt(world, "wrong guess", at, throttle=throttle) == "wrong"
    assert attempt(world, PASSWORD, at, throttle=throttle) == "wait 300"
    assert attempt(world, PASSWORD, at + timedelta(seconds=300), throttle=throttle) == "ok"


def test_a_success_resets_the_account_and_quiet_time_forgets(with_password: World) -> None:
    world = with_password
    for _ in range(4):
        assert attempt(world, "wrong guess", START) == "wrong"
    assert attempt(world, PASSWORD, START) == "ok"
    for _ in range(4):  # counted from zero again
        assert attempt(world, "wrong guess", START) == "wrong"
    assert attempt(world, "wrong guess", START) == "wrong"
    assert attempt(world, PASSWORD, START) == "wait 1"
    later = START + timedelta(hours=1, seconds=1)  # the default forgets after an hour
    assert attempt(world, "wrong guess", later) == "wrong"
    assert attempt(world, PASSWORD, later) == "ok"


def test_one_address_guessing_many_accounts_is_throttled(with_password: World) -> None:
    world = with_password
    for n in range(20):  # one failure for each of 20 accounts: no account is throttled
        assert attempt(world, "wrong guess", START, email=f"user{n}@aaa.example") == "wrong"
    assert attempt(world, PASSWORD, START) == "wait 1"
    assert attempt(world, PASSWORD, START, client="198.51.100.20") == "ok"


def test_an_unknown_address_is_throttled_like_a_known_one(with_password: World) -> None:
    world = with_password
    answers = [attempt(world, "guess", START, email="nobody@aaa.example") for _ in range(6)]
    assert answers == ["wrong"] * 5 + ["wait 1"]


def test_every_path_costs_one_argon2_check(with_password: World, hasher: CountingHasher) -> None:
    world = with_password
    with world.store.read() as session:
        user = session.accounts.get_user_by_email(EMAIL)
        no_password = session.accounts.get_user_by_email("screener@aaa.example")
    assert user is not None and user.password_hash is not None
    assert no_password is not None and no_password.password_hash is None
    assert attempt(world, "wrong guess", START) == "wrong"
    assert hasher.checked == [user.password_hash]
    assert attempt(world, "wrong guess", START, email="nobody@aaa.example") == "wrong"
    assert hasher.checked[1:] == [secret.dummy_password_hash()]
    assert attempt(world, "wrong guess", START, email="screener@aaa.example") == "wrong"
    assert hasher.checked[2:] == [secret.dummy_password_hash()]
    assert attempt(world, PASSWORD, START) == "ok"
    assert hasher.checked[3:] == [user.password_hash]


def test_failures_are_audited_with_reason_and_throttling(with_password: World) -> None:
    world = with_password
    for _ in range(5):
        attempt(world, "wrong guess", START)
    attempt(world, "wrong guess", START, email="Nobody@AAA.example")
    assert attempt(world, PASSWORD, START) == "wait 1"
    events = failed_events(world)
    assert [e.detail["reason"] for e in events] == ["wrong password"] * 5 + [
        "unknown e-mail",
        "throttled",
    ]
    assert [e.detail["throttled"] for e in events] == [False] * 6 + [True]
    assert events[4].detail["blocked_seconds"] == 1
    assert events[6].detail["retry_after"] == 1
    assert events[5].detail["email"] == "nobody@aaa.example" and events[5].targets == ()
    user_id = world.actor("AAA", "analyst").user_id
    assert events[0].targets == (f"user:{user_id}",)
    assert all("wrong guess" not in repr(e.to_dict()) for e in events)
    assert all(PASSWORD not in repr(e.to_dict()) for e in events)


def test_a_disabled_user_is_refused_audited_and_not_counted(with_password: World) -> None:
    world = with_password
    user_id = world.actor("AAA", "analyst").user_id
    assert user_id is not None
    accounts.update_user(world.store, Actor.system("tests"), user_id, disabled=True)
    with pytest.raises(Unauthenticated, match="disabled"):
        authenticate_password(world.store, EMAIL, PASSWORD, HERE, THROTTLE, now=START)
    (event,) = failed_events(world)
    assert event.detail["reason"] == "disabled"
    with world.store.read() as session:
        assert session.sign_in_attempts.get_many(["address:" + HERE]) == {}
