"""Records the page tests work on: a listed person with a name in Arabic script, an
organisation they belong to, held by AAA and shared with all partners."""

from __future__ import annotations

from dataclasses import dataclass

from ictd.registry import relations, subjects
from ictd.registry.listings import ListingInput
from ictd.registry.relations import RelationInput
from ictd.registry.subjects import StatementInput
from tests.world import World, create_published


@dataclass(frozen=True)
class Records:
    person: int
    group: int
    listing: int


def make_records(world: World, sharing: str = "all") -> Records:
    analyst = world.actor("AAA", "analyst")
    person = subjects.create_subject(
        world.store,
        analyst,
        "Person",
        [
            StatementInput("name", "Abu Bakr al-Baghdadi"),
            StatementInput("originalScriptName", "أبو بكر البغدادي", lang="ara"),
            StatementInput("birthDate", "1971-07-28"),
            StatementInput("nationality", "IQ"),
        ],
    ).subject.id
    group = subjects.create_subject(
        world.store, analyst, "Organization", [StatementInput("name", "Northern Front")]
    ).subject.id
    assert person is not None and group is not None
    relations.create_relation(world.store, analyst, RelationInput(person, group, "leader-of"))
    listing = create_published(
        world.store,
        analyst,
        person,
        ListingInput(
            category="terrorist",
            actions=["arrest"],
            sharing=sharing,
            handling="H2",
            review_date="2027-06-30",
            status="active",
        ),
    )
    assert listing.id is not None
    return Records(person, group, listing.id)
