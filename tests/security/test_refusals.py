"""What the policy lets through about records outside the caller's scope: the withheld form
of a listing, the refusal a hidden read carries, and 403s that name no agency. Pure."""

from __future__ import annotations

import pytest

from ictd.exc import Forbidden, NotFound
from ictd.model import Agency, Role
from ictd.security.policy import (
    listing_contact,
    refuse_read,
    require_agency_admin,
    require_read_subject,
    require_write_owned,
    withheld_listing,
)
from tests.security.test_policy import OTHER, OWN, actor, listing, subject

AGENCIES = {
    "OPS": Agency(code="OPS", name="Operator", contact="+1 555 0100", is_operator=True),
    OTHER: Agency(code=OTHER, name="Agency BBB", contact="duty@bbb.example"),
}


def test_a_withheld_listing_carries_no_id_and_how_to_reach_the_owner() -> None:
    item = listing(OTHER).copy_with(id=41, contact_ref="LREF-0123456789ABCDEF0123")
    told = withheld_listing(item, AGENCIES)
    assert told == {
        "category": "terrorist",
        "actions": ["locate-and-inform"],
        "handling": "H1",
        "owner": {"agency": OTHER, "name": "Agency BBB", "contact": "duty@bbb.example"},
        "reference": "LREF-0123456789ABCDEF0123",
        "details_withheld": True,
    }
    assert 41 not in told.values() and 7 not in told.values()


def test_a_sources_listing_is_reached_through_the_operator() -> None:
    fed = listing(None, source="un-sc")
    assert listing_contact(fed, AGENCIES) == AGENCIES["OPS"]
    assert withheld_listing(fed, AGENCIES)["owner"]["agency"] == "OPS"
    assert withheld_listing(fed, {})["owner"] is None


def test_a_hidden_read_reads_as_missing_and_carries_its_refusal() -> None:
    who = actor(Role.SCREENER, OWN)
    with pytest.raises(NotFound) as err:
        require_read_subject(who, subject(OTHER), [], {"field": "subject_id"})
    assert (err.value.message, err.value.details) == (
        "subject 7 does not exist",
        {"field": "subject_id"},
    )
    refusal = err.value.refusal
    assert refusal is not None
    assert (refusal.actor, refusal.action) == (who, "subject.read.refused")
    assert (refusal.targets, refusal.owners) == (("subject:7",), (OTHER,))
    both = refuse_read(who, "gone", subject=subject(OTHER), listing=listing("CCC"))
    assert both.refusal is not None
    assert both.refusal.action == "listing.read.refused"
    assert both.refusal.targets == ("listing:1", "subject:7")
    assert both.refusal.owners == ("CCC", OTHER)
    assert NotFound("gone").refusal is None  # a missing record carries none


def test_forbidden_answers_name_no_agency() -> None:
    analyst = actor(Role.ANALYST, OWN)
    for check in (
        lambda: require_write_owned(analyst, OTHER),
        lambda: require_agency_admin(actor(Role.AGENCY_ADMIN, OWN), OTHER),
    ):
        with pytest.raises(Forbidden) as err:
            check()
        assert OTHER not in f"{err.value.message} {err.value.details}"
