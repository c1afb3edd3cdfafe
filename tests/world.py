"""A small partnership for tests: the operator agency OPS and two partners, AAA and BBB,
each with one user per role and an API key per user."""

from __future__ import annotations

from dataclasses import dataclass, field

from ictd.model import Role
from ictd.registry import accounts
from ictd.security.actor import Actor
from ictd.store import Store

AGENCIES = ("OPS", "AAA", "BBB")


@dataclass
class World:
    store: Store
    actors: dict[str, Actor] = field(default_factory=dict)  # "AAA:analyst" -> Actor
    tokens: dict[str, str] = field(default_factory=dict)  # "AAA:analyst" -> API token

    def actor(self, agency: str, role: str) -> Actor:
        return self.actors[f"{agency}:{role}"]

    def auth(self, agency: str, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[f'{agency}:{role}']}"}


def build_world(store: Store) -> World:
    system = Actor.system("test setup")
    world = World(store)
    for code in AGENCIES:
        accounts.create_agency(store, system, code, f"Agency {code}", is_operator=code == "OPS")
        for role in Role:
            email = f"{role.value}@{code.lower()}.example"
            user = accounts.create_user(store, system, email, code, [role.value])
            assert user.id is not None
            _key, token = accounts.create_key(store, system, user.id)
            world.actors[f"{code}:{role.value}"] = Actor.from_user(user)
            world.tokens[f"{code}:{role.value}"] = token
    return world
