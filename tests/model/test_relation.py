"""The table of which kinds of subject each relation type links."""

from __future__ import annotations

import pytest

from ictd.model import RelationType, Schema
from ictd.model.relation import RELATION_ENDS, relation_misfit

_R, _S = RelationType, Schema


def test_every_relation_type_declares_its_ends() -> None:
    assert set(RELATION_ENDS) == set(RelationType)
    for sources, targets in RELATION_ENDS.values():
        assert sources and targets


@pytest.mark.parametrize(
    ("type", "source", "target"),
    [
        (_R.MEMBER_OF, _S.PERSON, _S.ORGANIZATION),
        (_R.MEMBER_OF, _S.COMPANY, _S.ORGANIZATION),
        (_R.LEADER_OF, _S.PERSON, _S.ORGANIZATION),
        (_R.OWNS, _S.PERSON, _S.COMPANY),
        (_R.OWNS, _S.COMPANY, _S.VESSEL),
        (_R.OWNS, _S.ORGANIZATION, _S.AIRCRAFT),
        (_R.DIRECTOR_OF, _S.PERSON, _S.COMPANY),
        (_R.FAMILY, _S.PERSON, _S.PERSON),
        (_R.ASSOCIATE, _S.PERSON, _S.ORGANIZATION),
        (_R.PAID, _S.COMPANY, _S.PERSON),
        (_R.SUPPLIED, _S.COMPANY, _S.VESSEL),
        (_R.UNKNOWN, _S.VESSEL, _S.AIRCRAFT),
    ],
)
def test_relations_that_fit(type: RelationType, source: Schema, target: Schema) -> None:
    assert relation_misfit(type, source, target) is None


@pytest.mark.parametrize(
    ("type", "source", "target", "end"),
    [
        (_R.MEMBER_OF, _S.PERSON, _S.PERSON, "its target is a Person"),
        (_R.MEMBER_OF, _S.VESSEL, _S.ORGANIZATION, "its source is a Vessel"),
        (_R.LEADER_OF, _S.ORGANIZATION, _S.ORGANIZATION, "its source is an Organization"),
        (_R.OWNS, _S.PERSON, _S.PERSON, "its target is a Person"),
        (_R.OWNS, _S.PERSON, _S.ORGANIZATION, "its target is an Organization"),
        (_R.DIRECTOR_OF, _S.PERSON, _S.VESSEL, "its target is a Vessel"),
        (_R.FAMILY, _S.PERSON, _S.COMPANY, "its target is a Company"),
        (_R.ASSOCIATE, _S.AIRCRAFT, _S.PERSON, "its source is an Aircraft"),
        (_R.PAID, _S.PERSON, _S.VESSEL, "its target is a Vessel"),
        (_R.SUPPLIED, _S.VESSEL, _S.COMPANY, "its source is a Vessel"),
    ],
)
def test_relations_that_do_not_fit_say_why(
    type: RelationType, source: Schema, target: Schema, end: str
) -> None:
    misfit = relation_misfit(type, source, target)
    assert misfit is not None
    assert misfit.startswith(f"{type.value} runs from ")
    assert misfit.endswith(end)


def test_the_reason_names_the_kinds_allowed() -> None:
    assert relation_misfit(_R.FAMILY, _S.PERSON, _S.COMPANY) == (
        "family runs from a Person to a Person; its target is a Company"
    )
