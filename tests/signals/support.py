"""Helpers of the media signal tests: a listed organisation and image bytes."""

from __future__ import annotations

from ictd.registry.listings import ListingInput
from ictd.registry.subjects import StatementInput, create_subject
from ictd.store import Store
from tests.media.images import encode, picture
from tests.world import World, create_published


def listed_organisation(
    store: Store, world: World, agency: str = "AAA", sharing: str = "all", name: str = "Al-Shabaab"
) -> int:
    """An organisation of ``agency`` with an active terrorist-organisation listing."""
    actor = world.actor(agency, "analyst")
    record = create_subject(store, actor, "Organization", [StatementInput("name", name)])
    subject_id = record.subject.id
    assert subject_id is not None
    data = ListingInput(
        category="terrorist-organisation",
        actions=["information-only"],
        sharing=sharing,
        handling="H1",
        status="active",
    )
    create_published(store, actor, subject_id, data)
    return subject_id


def image(seed: int) -> bytes:
    return encode(picture(seed))
