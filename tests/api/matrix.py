"""Shared pieces of the access-control matrix tests (``test_matrix_<area>.py``).

The world of ``tests.world`` (OPS, AAA, BBB) gains a third partner, CCC, with one user and key
per role, so that a record of AAA's can be shared with a named partner (BBB) while another
partner (CCC) stays outside its scope. Each matrix test asks one route as every role of every
agency and checks the exact answer: 200/201 with the right fields, 403, or the 404 that a
missing record gets (same message), with the refusal of a hidden record audited for its owner.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import httpx
from fastapi.testclient import TestClient

from ictd.model import Role
from ictd.registry import accounts
from ictd.security.actor import Actor
from tests.api.test_errors import audit_events, audit_seq, error_of
from tests.world import World

ROLES = tuple(r.value for r in Role)
PARTNERS = ("AAA", "BBB", "CCC")
SCOPES = {
    # sharing scope of AAA's record -> the partners that read it in full
    "own": {"AAA"},
    "named": {"AAA", "BBB"},
    "all": {"AAA", "BBB", "CCC", "OPS"},
}
MISSING = 999_999  # an id no record has
SHARING = {
    "own": {"sharing": "own"},
    "named": {"sharing": "named", "shared_with": ["BBB"]},
    "all": {"sharing": "all"},
}


@dataclass(frozen=True)
class Case:
    """One asker of one record: ``outcome`` is what the matrix expects of a route that
    ``allowed`` roles may ask (``forbidden``: 403; ``shown``: the record, its agency being in
    the record's scope; ``hidden``: answered as a missing record)."""

    scope: str
    record: Any
    agency: str
    role: str
    outcome: Literal["forbidden", "shown", "hidden"]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.scope, self.agency, self.role)


def cases(records: Mapping[str, Any], allowed: Collection[str]) -> Iterator[Case]:
    """Every role of every partner for each record (scope -> record), in that order."""
    for scope, record in records.items():
        for agency in PARTNERS:
            for role in ROLES:
                if role not in allowed:
                    outcome: Literal["forbidden", "shown", "hidden"] = "forbidden"
                elif agency in SCOPES[scope]:
                    outcome = "shown"
                else:
                    outcome = "hidden"
                yield Case(scope, record, agency, role, outcome)


def add_partner(world: World, code: str = "CCC") -> None:
    """One more partner agency with a user and an API key per role."""
    system = Actor.system("test setup")
    accounts.create_agency(world.store, system, code, f"Agency {code}")
    for role in Role:
        user = accounts.create_user(
            world.store, system, f"{role.value}@{code.lower()}.example", code, [role.value]
        )
        assert user.id is not None
        _key, token = accounts.create_key(world.store, system, user.id)
        world.actors[f"{code}:{role.value}"] = Actor.from_user(user)
        world.tokens[f"{code}:{role.value}"] = token


def ask(
    client: TestClient,
    world: World,
    agency: str,
    role: str,
    method: str,
    url: str,
    body: Any = None,
) -> httpx.Response:
    return client.request(method, url, json=body, headers=world.auth(agency, role))


def hidden_like_missing(
    client: TestClient,
    world: World,
    agency: str,
    role: str,
    method: str,
    url: str,
    missing_url: str,
    target: str | tuple[str, ...],
    owner: str,
    body: Any = None,
) -> dict[str, Any]:
    """A hidden record answers exactly as a missing one (status, code, message with the id
    swapped, details), and the refusal is audited once, naming the owner; the missing one
    writes no refusal. ``target``: the record(s) the refusal names. Returns the hidden
    record's error."""
    before = audit_seq(world.store)
    missing = ask(client, world, agency, role, method, missing_url, body)
    after_missing = audit_seq(world.store)
    hidden = ask(client, world, agency, role, method, url, body)
    gone = error_of(missing, 404, "not_found")
    error = error_of(hidden, 404, "not_found")
    hidden_id = url.rstrip("/").split("/")
    missing_id = missing_url.rstrip("/").split("/")
    swapped = {m: h for m, h in zip(missing_id, hidden_id, strict=True) if m != h}
    message = gone["message"]
    for m, h in swapped.items():
        message = message.replace(m, h)
    assert error["message"] == message, (error, gone)
    assert error["details"] == gone["details"]
    early = audit_events(world.store, before)
    assert not [e for e in early if e.seq <= after_missing and "refused" in e.action]
    refused = [e for e in audit_events(world.store, after_missing) if "refused" in e.action]
    targets = [target] if isinstance(target, str) else list(target)
    assert [(e.action.endswith(".read.refused"), list(e.targets)) for e in refused] == [
        (True, targets)
    ], [(e.action, e.targets) for e in refused]
    assert refused[0].detail["owners"] == [owner]
    assert refused[0].agency == agency
    return error


def hidden_probe(
    client: TestClient,
    world: World,
    agency: str,
    role: str,
    method: str,
    base: str,
    record_id: int | str,
    suffix: str = "",
    body: Any = None,
    *,
    kind: str,
    owner: str = "AAA",
    missing: int | str = MISSING,
) -> dict[str, Any]:
    """``hidden_like_missing`` for ``{base}/{record_id}{suffix}`` against
    ``{base}/{missing}{suffix}``, the refusal naming ``{kind}:{record_id}``."""
    return hidden_like_missing(
        client,
        world,
        agency,
        role,
        method,
        f"{base}/{record_id}{suffix}",
        f"{base}/{missing}{suffix}",
        f"{kind}:{record_id}",
        owner,
        body,
    )
