"""The server's cache of checked API keys: what it saves, and that it never outlives a
revocation by more than its age limit (a controlled clock; nothing here depends on time)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from ictd.exc import Unauthenticated
from ictd.registry import accounts
from ictd.registry.accounts import KeyCache
from ictd.security.actor import Actor
from ictd.store import Store
from tests.world import World, app_with_key_cache


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _key_id(world: World, role: str = "AAA:screener") -> int:
    key_id = accounts.authenticate_token(world.store, world.tokens[role]).key_id
    assert key_id is not None
    return key_id


def _revoke_elsewhere(store: Store, key_id: int) -> None:
    """What another process (another worker, the CLI) does: only the database changes."""
    other = Store(store.url)
    try:
        with other.begin() as session:
            session.accounts.revoke_key(key_id, datetime.now(UTC))
    finally:
        other.dispose()


def test_a_held_key_is_answered_without_the_store(world: World) -> None:
    clock = Clock()
    cache = KeyCache(0.5, clock=clock)
    token = world.tokens["AAA:screener"]
    assert cache.cached(token) is None  # not held yet: the store must be asked
    actor = cache.authenticate(world.store, token)
    assert actor.agency == "AAA" and actor.key_id == _key_id(world)
    held = cache.cached(token)
    assert held is not None and held.name == actor.name and held.roles == actor.roles


def test_a_wrong_secret_with_a_held_prefix_is_refused(world: World) -> None:
    cache = KeyCache(0.5, clock=Clock())
    token = world.tokens["AAA:screener"]
    cache.authenticate(world.store, token)
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    with pytest.raises(Unauthenticated):
        cache.cached(forged)
    with pytest.raises(Unauthenticated):
        cache.authenticate(world.store, forged)


def test_a_key_revoked_elsewhere_stops_working_once_the_entry_is_older_than_its_limit(
    world: World,
) -> None:
    clock = Clock()
    cache = KeyCache(0.5, clock=clock)
    token = world.tokens["AAA:screener"]
    cache.authenticate(world.store, token)
    _revoke_elsewhere(world.store, _key_id(world))
    clock.now += 0.5
    assert cache.cached(token) is None
    with pytest.raises(Unauthenticated, match="revoked"):
        cache.authenticate(world.store, token)


def test_a_key_revoked_in_this_process_stops_working_at_once(world: World) -> None:
    cache = KeyCache(1.0, clock=Clock())  # the clock never moves
    token = world.tokens["AAA:screener"]
    cache.authenticate(world.store, token)
    accounts.revoke_key(world.store, Actor.system("test"), _key_id(world))
    assert cache.cached(token) is None
    with pytest.raises(Unauthenticated, match="revoked"):
        cache.authenticate(world.store, token)


def test_a_user_disabled_in_this_process_is_refused_at_once(world: World) -> None:
    cache = KeyCache(1.0, clock=Clock())
    token = world.tokens["AAA:screener"]
    actor = cache.authenticate(world.store, token)
    assert actor.user_id is not None
    accounts.update_user(world.store, Actor.system("test"), actor.user_id, disabled=True)
    with pytest.raises(Unauthenticated, match="disabled"):
        cache.authenticate(world.store, token)


def test_an_expired_key_is_refused_from_the_cache(world: World) -> None:
    cache = KeyCache(1.0, clock=Clock())
    system = Actor.system("test")
    user_id = world.actors["AAA:screener"].user_id
    assert user_id is not None
    key, token = accounts.create_key(world.store, system, user_id, expires_days=1)
    assert key.expires_at is not None
    cache.authenticate(world.store, token)
    with pytest.raises(Unauthenticated, match="expired"):
        cache.cached(token, now=key.expires_at)


def test_no_cache_reads_the_store_every_time(world: World) -> None:
    cache = KeyCache(0, clock=Clock())
    token = world.tokens["AAA:screener"]
    cache.authenticate(world.store, token)
    assert cache.cached(token) is None


def test_the_age_limit_is_at_most_one_second() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        KeyCache(1.5)


def test_the_api_refuses_a_key_revoked_by_another_process_after_the_limit(world: World) -> None:
    """Through the API with a cache that never expires by age (a frozen clock): a revoke
    in another process is seen only when the entry ages out, here forced by the clock."""
    app = app_with_key_cache(world)
    clock = Clock()
    app.state.server.keys.clock = clock
    headers = world.auth("AAA", "analyst")
    with TestClient(app) as client:
        assert client.get("/api/v1/subjects", headers=headers).status_code == 200
        _revoke_elsewhere(world.store, _key_id(world, "AAA:analyst"))
        clock.now += 1.0
        answer = client.get("/api/v1/subjects", headers=headers)
        assert answer.status_code == 401


def test_a_held_key_answers_the_actor_built_when_it_was_read(world: World) -> None:
    """The actor is built once per store read and shared (it is frozen); a request's
    purpose makes a copy of its own and never reaches the held actor."""
    cache = KeyCache(0.5, clock=Clock())
    token = world.tokens["AAA:screener"]
    read = cache.authenticate(world.store, token)
    first, second = cache.cached(token), cache.cached(token)
    assert first is read and second is read
    assert read.with_purpose(None) is read
    purposed = read.with_purpose("case 12")
    assert purposed.purpose == "case 12" and purposed.name == read.name
    again = cache.cached(token)
    assert again is read and again.purpose is None


def test_the_api_records_each_requests_own_purpose_with_a_held_key(world: World) -> None:
    """A purpose sent with one request is audited with it, not with the next request on
    the same (held) key, which sends none."""
    app = app_with_key_cache(world)
    app.state.server.keys.clock = Clock()  # the entry never ages out here
    headers = world.auth("AAA", "screener")
    query = {"queries": [{"id": "q", "names": ["Nobody Listed Here"]}]}
    with TestClient(app) as client:
        for purpose in ("case 12", None, "case 13"):
            extra = {"X-Purpose": purpose} if purpose else {}
            answer = client.post("/api/v1/screen", json=query, headers={**headers, **extra})
            assert answer.status_code == 200
    with world.store.read() as session:
        screens = [e for e in session.audit.events() if e.action == "screen"]
    assert [e.purpose for e in screens[-3:]] == ["case 12", None, "case 13"]
