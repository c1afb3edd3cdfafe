"""Compliance review before sharing, on both databases with a controlled clock: submit →
approve, refuse with reasons, partners never see a submitted or refused listing (reads,
screening), urgent publication → overdue escalation (once) → refusal withdraws it, widening
an active listing's sharing, and who may do what (role × own/other agency × sharing)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ictd.exc import Conflict, Forbidden, InvalidInput, NotFound
from ictd.ingest.sync import sync_batch
from ictd.ingest.un_sc import parse_un_sc
from ictd.jobs import JOBS, JobRunner
from ictd.lifecycle.compliance import (
    ComplianceConfig,
    compliance_queue,
    decide_review,
    reviews_of_listing,
    show_review,
    submit_listing,
)
from ictd.lifecycle.compliance_batch import escalate_overdue_reviews, record_reviews
from ictd.model import Action, Listing, ListingStatus, Role, Sharing
from ictd.registry import accounts, listings, subjects
from ictd.registry.listings import ListingInput
from ictd.registry.subjects import StatementInput
from ictd.screening import LiveIndex, QueryInput, screen
from ictd.security.actor import Actor
from ictd.security.audit import AuditEvent
from ictd.settings import Settings
from tests.world import NEUTRALITY, World

FIXTURES = Path(__file__).parents[1] / "fixtures" / "sources"
NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
URGENT = ComplianceConfig(urgent=frozenset({"foreign-terrorist-fighter"}), urgent_hours=24)
NAME = "Abu Mohammed al-Adnani"


def _subject(world: World, agency: str = "AAA", **props: str) -> int:
    items = [StatementInput("name", NAME)] + [StatementInput(k, v) for k, v in props.items()]
    actor = world.actor(agency, "analyst")
    created = subjects.create_subject(world.store, actor, "Person", items, now=NOW)
    assert created.subject.id is not None
    return created.subject.id


def _draft(world: World, category: str = "terrorist", **values: Any) -> int:
    sid = _subject(world, birthDate="1977", passportNumber="N1234567")
    data = {
        "category": category,
        "actions": ["arrest"],
        "legal_basis": "Criminal Code s. 83.18 (participation)",
        "notes": "Seen in Raqqa 2015 by two sources.",
        "status": "draft",
        **values,
    }
    made = listings.create_listing(
        world.store, world.actor("AAA", "analyst"), sid, ListingInput(**data), now=NOW
    )
    assert made.id is not None
    return made.id


def _reviewer(world: World) -> Actor:
    return world.actor("OPS", "compliance-reviewer")


def _sees(world: World, agency: str, listing_id: int) -> bool:
    try:
        listings.get_listing(world.store, world.actor(agency, "screener"), listing_id)
    except NotFound:
        return False
    return True


def _hits(world: World, agency: str) -> bool:
    holder = LiveIndex(world.store)
    holder.refresh()
    (result,) = screen(
        world.store, holder, world.actor(agency, "screener"), [QueryInput(id="q", names=[NAME])]
    )
    return bool(result.to_dict()["hit"])


def _notices(world: World, agency: str, type_: str) -> list[dict[str, Any]]:
    with world.store.read() as session:
        events = session.alerts.events_after(agency, 0, 1000)
    return [e.payload for e in events if e.type == type_]


def _events(world: World) -> list[AuditEvent]:
    with world.store.read() as session:
        return list(session.audit.events())


def _actions(world: World) -> list[str]:
    return [e.action for e in _events(world)]


def test_submit_then_approve_publishes_to_partners(world: World) -> None:
    lid = _draft(world, sharing="all")
    owner = world.actor("AAA", "analyst")
    listing, review = submit_listing(world.store, owner, lid, note="urgent lead", now=NOW)
    assert listing.status is ListingStatus.SUBMITTED
    assert (review.kind, review.status, review.urgent) == ("publication", "pending", False)
    # a submitted listing: partners neither read it nor get hits; its owner still reads it
    assert not _sees(world, "BBB", lid) and _sees(world, "AAA", lid)
    assert not _hits(world, "BBB")
    assert _notices(world, "OPS", "listing.submitted")[0]["listing_id"] == lid

    queue, _next = compliance_queue(world.store, _reviewer(world), now=NOW)
    (item,) = queue
    assert item.review.id == review.id
    assert [c.name for c in item.checks] == [
        "legal-basis",
        "evidence-summary",
        "category-action",
        "birth-dates",
        "identifiers",
        "identifying-data",
    ]
    assert all(c.passed for c in item.checks), item.checks

    assert review.id is not None
    decided, published = decide_review(
        world.store, _reviewer(world), review.id, "approved", NEUTRALITY, now=NOW
    )
    assert decided.status == "approved" and decided.neutrality == NEUTRALITY
    assert len(decided.checks) == 6  # what the reviewer saw is kept with the decision
    assert published.status is ListingStatus.ACTIVE
    assert _sees(world, "BBB", lid) and _hits(world, "BBB")
    (notice,) = _notices(world, "AAA", "listing.approved")
    assert (notice["listing_id"], notice["decision"]) == (lid, "approved")
    assert compliance_queue(world.store, _reviewer(world), now=NOW)[0] == []
    history = reviews_of_listing(world.store, owner, lid)
    assert [r.status for r in history] == ["approved"]
    actions = _actions(world)
    assert "listing.submit" in actions and "compliance.approve" in actions
    assert "compliance.queue" in actions


def test_refusal_gives_reasons_to_the_owner_and_keeps_partners_out(world: World) -> None:
    lid = _draft(world, sharing="named", shared_with=["BBB"])
    owner = world.actor("AAA", "analyst")
    _listing, review = submit_listing(world.store, owner, lid, now=NOW)
    assert review.id is not None
    with pytest.raises(InvalidInput) as err:  # a refusal gives reasons; neutrality required
        decide_review(world.store, _reviewer(world), review.id, "refused", " ", "", now=NOW)
    assert sorted(e.field for e in err.value.errors) == ["neutrality", "reasons"]
    with pytest.raises(InvalidInput) as err:
        decide_review(world.store, _reviewer(world), review.id, "maybe", NEUTRALITY, now=NOW)
    assert [e.field for e in err.value.errors] == ["decision"]
    assert show_review(world.store, _reviewer(world), review.id, now=NOW).review.is_pending

    reasons = "Political opposition activity only; no terrorist offence is stated."
    _decided, refused = decide_review(
        world.store, _reviewer(world), review.id, "refused", NEUTRALITY, reasons, now=NOW
    )
    assert refused.status is ListingStatus.REFUSED
    assert not _sees(world, "BBB", lid) and not _hits(world, "BBB")
    (notice,) = _notices(world, "AAA", "listing.refused")
    assert notice["reasons"] == reasons
    (seen,) = reviews_of_listing(world.store, owner, lid)
    assert (seen.status, seen.reasons) == ("refused", reasons)
    with pytest.raises(Conflict):  # decided once
        decide_review(world.store, _reviewer(world), review.id, "approved", NEUTRALITY, now=NOW)
    # the owner amends and resubmits; a refused listing cannot be made active by an edit
    with pytest.raises(Conflict):
        listings.update_listing(world.store, owner, lid, ListingInput(status="active"))
    again, second = submit_listing(world.store, owner, lid, now=NOW)
    assert again.status is ListingStatus.SUBMITTED and second.id != review.id


def test_a_shared_listing_is_never_activated_by_an_edit(world: World) -> None:
    owner = world.actor("AAA", "analyst")
    sid = _subject(world)
    data = ListingInput(category="terrorist", actions=["arrest"], sharing="all", status="active")
    with pytest.raises(Conflict) as err:
        listings.create_listing(world.store, owner, sid, data, now=NOW)
    assert err.value.details == {"field": "status"}
    lid = _draft(world, sharing="all")
    with pytest.raises(Conflict):
        listings.update_listing(world.store, owner, lid, ListingInput(status="active"))
    submit_listing(world.store, owner, lid, now=NOW)
    with pytest.raises(Conflict):  # waiting for review: its scope is what is reviewed
        listings.update_listing(world.store, owner, lid, ListingInput(sharing="own"))
    with pytest.raises(Conflict):  # one pending review at a time
        submit_listing(world.store, owner, lid, now=NOW)


def test_widening_an_active_listing_is_reviewed_again(world: World) -> None:
    owner = world.actor("AAA", "analyst")
    lid = _draft(world, sharing="own", status="active")  # owner-only: no review needed
    assert listings.get_listing(world.store, owner, lid).status is ListingStatus.ACTIVE
    with pytest.raises(Conflict) as err:
        listings.update_listing(world.store, owner, lid, ListingInput(sharing="all"))
    assert err.value.details == {"field": "sharing"}
    with pytest.raises(InvalidInput) as bad:
        submit_listing(world.store, owner, lid, sharing="own", now=NOW)
    assert [e.field for e in bad.value.errors] == ["sharing"]
    listing, review = submit_listing(
        world.store, owner, lid, sharing="named", shared_with=["BBB"], now=NOW
    )
    assert review.kind == "sharing" and listing.sharing.value == "own"  # until approved
    assert listing.status is ListingStatus.ACTIVE and _hits(world, "AAA")
    assert not _sees(world, "BBB", lid)
    assert review.id is not None
    _decided, widened = decide_review(
        world.store, _reviewer(world), review.id, "approved", NEUTRALITY, now=NOW
    )
    assert (widened.sharing.value, widened.shared_with) == ("named", ("BBB",))
    assert _sees(world, "BBB", lid) and not _sees(world, "OPS", lid)
    # named → all widens again; refused, the listing keeps the scope it had
    _listing, second = submit_listing(world.store, owner, lid, sharing="all", now=NOW)
    assert second.id is not None
    _decided, kept = decide_review(
        world.store, _reviewer(world), second.id, "refused", NEUTRALITY, "BBB only", now=NOW
    )
    assert kept.status is ListingStatus.ACTIVE and kept.sharing.value == "named"
    assert not _sees(world, "OPS", lid)


def test_urgent_publication_escalates_once_and_refusal_withdraws(world: World) -> None:
    owner = world.actor("AAA", "analyst")
    lid = _draft(world, category="foreign-terrorist-fighter", sharing="all")
    listing, review = submit_listing(world.store, owner, lid, config=URGENT, now=NOW)
    assert listing.status is ListingStatus.ACTIVE and review.urgent
    assert review.due_at == NOW + timedelta(hours=24)
    assert _sees(world, "BBB", lid) and _hits(world, "BBB")

    settings = Settings(review_urgent_categories="foreign-terrorist-fighter")
    assert escalate_overdue_reviews(world.store, settings, NOW + timedelta(hours=23)) == {
        "escalated": 0
    }
    late = NOW + timedelta(hours=25)
    assert escalate_overdue_reviews(world.store, settings, late) == {"escalated": 1}
    assert escalate_overdue_reviews(world.store, settings, late) == {"escalated": 0}  # once
    runner = JobRunner(world.store, settings, JOBS)
    (outcome,) = runner.run(["compliance.overdue"], late + timedelta(hours=1))
    assert outcome.result == {"escalated": 0}
    (notice,) = _notices(world, "OPS", "compliance.overdue")
    assert (notice["listing_id"], notice["urgent"]) == (lid, True)
    assert "compliance.overdue" in _actions(world)

    assert review.id is not None
    _decided, withdrawn = decide_review(
        world.store, _reviewer(world), review.id, "refused", NEUTRALITY, "no evidence", now=late
    )
    assert withdrawn.status is ListingStatus.REFUSED
    assert not _sees(world, "BBB", lid) and not _hits(world, "BBB")


def test_public_source_imports_are_exempt_and_say_so(world: World) -> None:
    batch = parse_un_sc((FIXTURES / "un-sc-excerpt.xml").read_bytes())
    shared = sum(1 for r in batch.records for x in r.listings if x.is_shared)
    assert shared > 0
    sync_batch(world.store, Actor.system("import"), batch, now=NOW)
    (exempt,) = [e for e in _events(world) if e.action == "compliance.exempt"]
    assert exempt.targets == ("source:un-sc",)
    assert exempt.detail["listings"] == shared
    assert "public source" in exempt.detail["reason"]


# --- who may do what ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("OPS:compliance-reviewer", True),
        ("AAA:compliance-reviewer", False),  # another agency's reviewer can do nothing
        ("BBB:compliance-reviewer", False),
        ("OPS:analyst", False),
        ("OPS:agency-admin", False),
        ("OPS:auditor", False),
        ("AAA:analyst", False),  # the owner does not approve its own listing
        ("BBB:analyst", False),
    ],
)
def test_only_the_operators_reviewers_review(world: World, who: str, allowed: bool) -> None:
    lid = _draft(world, sharing="all")
    _listing, review = submit_listing(world.store, world.actor("AAA", "analyst"), lid, now=NOW)
    assert review.id is not None
    actor = world.actors[who]
    if allowed:
        assert compliance_queue(world.store, actor, now=NOW)[0]
        assert show_review(world.store, actor, review.id, now=NOW).subject is not None
        decide_review(world.store, actor, review.id, "approved", NEUTRALITY, now=NOW)
        return
    for call in (
        lambda: compliance_queue(world.store, actor, now=NOW),
        lambda: show_review(world.store, actor, review.id or 0, now=NOW),
        lambda: decide_review(world.store, actor, review.id or 0, "approved", NEUTRALITY),
    ):
        with pytest.raises(Forbidden):
            call()
    assert listings.get_listing(world.store, world.actor("AAA", "analyst"), lid).status == (
        ListingStatus.SUBMITTED
    )


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("AAA:analyst", None),
        ("AAA:screener", Forbidden),  # reads, does not write
        ("AAA:compliance-reviewer", Forbidden),
        ("BBB:analyst", NotFound),  # another agency's draft does not exist for it
        ("OPS:compliance-reviewer", Forbidden),
    ],
)
def test_only_the_owners_analysts_submit(world: World, who: str, error: type | None) -> None:
    lid = _draft(world, sharing="all")
    actor = world.actors[who]
    if error is None:
        assert submit_listing(world.store, actor, lid, now=NOW)[1].id is not None
        return
    with pytest.raises(error):
        submit_listing(world.store, actor, lid, now=NOW)
    with world.store.read() as session:
        assert session.compliance.pending_for(lid) is None


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("AAA:analyst", True),
        ("AAA:screener", True),
        ("BBB:analyst", False),
        ("OPS:compliance-reviewer", True),
        ("OPS:analyst", False),
    ],
)
def test_the_reviews_of_a_listing_are_the_owners(world: World, who: str, sees: bool) -> None:
    lid = _draft(world, sharing="all")
    submit_listing(world.store, world.actor("AAA", "analyst"), lid, now=NOW)
    actor = world.actors[who]
    if sees:
        assert len(reviews_of_listing(world.store, actor, lid)) == 1
    else:
        with pytest.raises(NotFound):
            reviews_of_listing(world.store, actor, lid)


def test_a_reviewer_does_not_decide_their_own_submission(world: World) -> None:
    system = Actor.system("test setup")
    user = accounts.create_user(
        world.store, system, "both@ops.example", "OPS", ["analyst", "compliance-reviewer"]
    )
    both = Actor.from_user(user)
    assert both.has_role(Role.COMPLIANCE_REVIEWER)
    sid = _subject(world, "OPS", birthDate="1977")
    data = ListingInput(category="terrorist", actions=["arrest"], sharing="all")
    made = listings.create_listing(world.store, both, sid, data, now=NOW)
    assert made.id is not None
    _listing, review = submit_listing(world.store, both, made.id, now=NOW)
    assert review.id is not None
    with pytest.raises(Conflict):
        decide_review(world.store, both, review.id, "approved", NEUTRALITY, now=NOW)
    decide_review(world.store, _reviewer(world), review.id, "approved", NEUTRALITY, now=NOW)


def test_listings_loaded_already_reviewed_get_their_review_recorded(world: World) -> None:
    sid = _subject(world, birthDate="1977")
    loaded = Listing(
        subject_id=sid,
        category="terrorist",
        actions=(Action.ARREST,),
        agency="AAA",
        sharing=Sharing.ALL,
        status=ListingStatus.ACTIVE,
        created_at=NOW,
        updated_at=NOW,
    )
    with world.store.begin() as session:  # as `ictd demo` loads its listings, in bulk
        lid = session.listings.insert(loaded).id
    assert lid is not None
    with pytest.raises(Forbidden):
        record_reviews(world.store, world.actor("OPS", "analyst"), NEUTRALITY, "demo")
    assert record_reviews(world.store, _reviewer(world), NEUTRALITY, "demo", now=NOW) == 1
    assert record_reviews(world.store, _reviewer(world), NEUTRALITY, "demo", now=NOW) == 0
    (review,) = reviews_of_listing(world.store, world.actor("AAA", "analyst"), lid)
    assert (review.status, review.reasons, len(review.checks)) == ("approved", "demo", 6)
    assert "compliance.record" in _actions(world)


def test_widening_is_any_new_agency_that_would_see_the_listing() -> None:
    base = Listing(subject_id=1, category="terrorist", actions=(Action.ARREST,))
    named = base.copy_with(sharing=Sharing.NAMED, shared_with=("BBB",))
    assert base.widens(Sharing.NAMED, ("BBB",)) and base.widens(Sharing.ALL, ())
    assert named.widens(Sharing.ALL, ()) and named.widens(Sharing.NAMED, ("BBB", "CCC"))
    assert not named.widens(Sharing.NAMED, ("BBB",)) and not named.widens(Sharing.OWN, ())
    assert not base.copy_with(sharing=Sharing.ALL).widens(Sharing.NAMED, ("BBB",))


def test_withdrawing_a_listing_closes_its_waiting_review(world: World) -> None:
    owner = world.actor("AAA", "analyst")
    lid = _draft(world, sharing="all")
    _listing, review = submit_listing(world.store, owner, lid, now=NOW)
    later = NOW + timedelta(hours=1)
    listings.update_listing(world.store, owner, lid, ListingInput(status="withdrawn"), now=later)
    # nothing left in the queue; the review says it was closed, not decided
    assert compliance_queue(world.store, _reviewer(world), now=later)[0] == []
    (closed,) = reviews_of_listing(world.store, owner, lid)
    assert (closed.id, closed.status, closed.decided_by) == (review.id, "closed", None)
    assert closed.decided_at is not None
    assert review.id is not None
    with pytest.raises(Conflict, match="already closed"):
        decide_review(world.store, _reviewer(world), review.id, "approved", NEUTRALITY, now=later)
    (event,) = [e for e in _events(world) if e.action == "compliance.close"]
    assert f"compliance:{review.id}" in event.targets and f"listing:{lid}" in event.targets


def test_the_queue_pages_urgent_reviews_first_without_repeats(world: World) -> None:
    owner = world.actor("AAA", "analyst")
    ordinary = []
    for _ in range(3):
        lid = _draft(world, sharing="all")
        ordinary.append(submit_listing(world.store, owner, lid, now=NOW)[1].id)
    urgent = []
    for _ in range(2):  # submitted later: higher ids, yet first in the queue
        lid = _draft(world, category="foreign-terrorist-fighter", sharing="all")
        urgent.append(submit_listing(world.store, owner, lid, config=URGENT, now=NOW)[1].id)
    seen: list[int | None] = []
    cursor: int | None = 0
    while cursor is not None:
        page, cursor = compliance_queue(
            world.store, _reviewer(world), after=cursor, limit=2, now=NOW
        )
        seen += [v.review.id for v in page]
    assert seen == urgent + ordinary
