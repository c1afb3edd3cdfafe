"""A small partnership for tests: the operator agency OPS and two partners, AAA and BBB,
each with one user per role and an API key per user."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from fastapi import FastAPI

from ictd.api import create_app
from ictd.lifecycle.compliance import decide_review, submit_listing
from ictd.model import Listing, Role
from ictd.model.lifecycle import ReviewPolicy
from ictd.registry import accounts
from ictd.registry.listings import ListingInput, create_listing
from ictd.security.actor import Actor
from ictd.settings import Settings
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


# Compliance review before sharing: a listing shared beyond its agency is published by the
# operator's compliance reviewer. Tests that need a shared active listing create it here,
# through the real path (draft → submitted → approved), never by weakening the rule.
NEUTRALITY = (
    "Terrorism offences under ordinary criminal law; no predominantly political, military, "
    "religious or racial character."
)


def reviewer_of(store: Store) -> Actor:
    """A compliance reviewer of the operator agency (the system actor if it has none)."""
    with store.begin() as session:
        operator = next((a.code for a in session.accounts.list_agencies() if a.is_operator), None)
        users = session.accounts.list_users(operator) if operator else []
    for user in users:
        if Role.COMPLIANCE_REVIEWER in user.roles:
            return Actor.from_user(user)
    return Actor.system("compliance review (tests)")


def publish(
    store: Store, owner: Actor, listing_id: int, now: datetime | None = None, **submit: Any
) -> Listing:
    """Submit ``listing_id`` for sharing and have the operator's reviewer approve it."""
    _listing, review = submit_listing(store, owner, listing_id, now=now, **submit)
    assert review.id is not None
    _review, listing = decide_review(
        store, reviewer_of(store), review.id, "approved", NEUTRALITY, now=now
    )
    return listing


def create_published(
    store: Store,
    actor: Actor,
    subject_id: int,
    data: ListingInput,
    now: datetime | None = None,
    review: ReviewPolicy | None = None,
) -> Listing:
    """``create_listing``, where a listing asked ``active`` and shared beyond the agency is
    created as a draft, submitted and approved by the operator's compliance reviewer."""
    shared = data.sharing not in (None, "own")
    if data.status != "active" or not shared:
        return create_listing(store, actor, subject_id, data, now=now, review=review)
    draft = create_listing(
        store, actor, subject_id, replace(data, status="draft"), now=now, review=review
    )
    assert draft.id is not None
    return publish(store, actor, draft.id, now=now)


def publish_api(
    client: Any, world: World, agency: str, subject: int, body: dict[str, Any]
) -> dict[str, Any]:
    """POST a listing through the API as ``agency``'s analyst; one asked ``active`` and
    shared beyond the agency is posted as a draft, submitted, and approved by the operator's
    compliance reviewer, all through the API. Returns the listing as the API answers it."""
    headers = world.auth(agency, "analyst")
    url = f"/api/v1/subjects/{subject}/listings"
    shared = body.get("sharing", "own") != "own"
    if body.get("status") != "active" or not shared:
        answer = client.post(url, json=body, headers=headers)
        assert answer.status_code == 201, answer.text
        return dict(answer.json())
    answer = client.post(url, json={**body, "status": "draft"}, headers=headers)
    assert answer.status_code == 201, answer.text
    submitted = client.post(
        f"/api/v1/listings/{answer.json()['id']}/submit", json={}, headers=headers
    )
    assert submitted.status_code == 200, submitted.text
    review = submitted.json()["review"]["id"]
    decision = {"decision": "approved", "neutrality": NEUTRALITY}
    reviewer = world.auth("OPS", "compliance-reviewer")
    decided = client.post(
        f"/api/v1/compliance/reviews/{review}/decision", json=decision, headers=reviewer
    )
    assert decided.status_code == 200, decided.text
    return dict(decided.json()["listing"])


def app_with_key_cache(world: World) -> FastAPI:
    """The API over the world's store with a one-second key cache, nothing in the background."""
    settings = Settings(
        database_url=world.store.url, environment="test", build_index_on_start=False,
        dispatcher_enabled=False, xref_follow_seconds=0, jobs_interval_seconds=0,
        key_cache_seconds=1.0,
    )  # fmt: skip
    return create_app(settings, world.store)
