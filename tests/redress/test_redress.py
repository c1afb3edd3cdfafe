"""Redress on both databases with a controlled clock: register → forward (notices) →
answer → decide; deadlines escalate once through the job; a granted deletion withdraws
the agency's listings and retracts its statements (tombstones and audit remain); the
disclosure view keeps H3 data back without consent; who may read what."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from ictd.exc import Conflict, Forbidden, InvalidInput, NotFound
from ictd.jobs import JOBS, JobRunner
from ictd.model import ListingStatus
from ictd.redress import (
    RedressConfig,
    RedressInput,
    answer_request,
    decide_request,
    disclosure,
    get_evidence,
    get_request,
    list_requests,
    register_request,
)
from ictd.registry import audit
from ictd.registry.listings import ListingInput
from ictd.registry.subjects import StatementInput, create_subject
from ictd.security.actor import Actor
from ictd.settings import Settings
from ictd.store import Store
from tests.world import World, create_published

CONFIG = RedressConfig()  # 30 days to answer, 122 to decide


def _subject(world: World, now: datetime, bbb_handling: str = "H2") -> int:
    """A subject of AAA (facts and a listing shared with all) that BBB also lists."""
    aaa, bbb = world.actor("AAA", "analyst"), world.actor("BBB", "analyst")
    facts = [StatementInput("name", "Karim Haddad"), StatementInput("birthDate", "1980")]
    record = create_subject(world.store, aaa, "Person", facts, now=now)
    sid = record.subject.id
    assert sid is not None
    shared = ListingInput(category="terrorist", actions=["arrest"], sharing="all", status="active")
    create_published(world.store, aaa, sid, shared, now=now)
    own = ListingInput(
        category="person-of-interest",
        actions=["discreet-check"],
        status="active",
        handling=bbb_handling,
    )
    create_published(world.store, bbb, sid, own, now=now)
    return sid


def _register(world: World, sid: int, now: datetime, kind: str = "access") -> str:
    officer = world.actor("OPS", "redress-officer")
    data = RedressInput(sid, kind, "Asks what is held on him", "Karim Haddad", "passport X1")
    created = register_request(world.store, officer, data, CONFIG, now)
    reference: str = created["reference"]
    return reference


def _notices(store: Store, agency: str, type_: str) -> list[dict[str, object]]:
    with store.read() as session:
        events = session.alerts.events_after(agency, 0, 1000)
    return [e.to_dict() for e in events if e.type == type_]


def test_forward_answer_decide(world: World, now: datetime) -> None:
    sid = _subject(world, now)
    ref = _register(world, sid, now)
    officer = world.actor("OPS", "redress-officer")
    shown = get_request(world.store, officer, ref, now)
    assert [r["agency"] for r in shown["referrals"]] == ["AAA", "BBB"]
    assert shown["referrals"][0]["answer_due"] == (now + timedelta(days=30)).isoformat()
    for agency in ("AAA", "BBB"):
        (notice,) = _notices(world.store, agency, "redress.forwarded")
        assert notice["redress"] == ref and notice["subject_id"] == sid
        assert "Karim Haddad" not in str(notice)  # no requester identity
        assert "passport X1" not in str(notice)
    assert _notices(world.store, "OPS", "redress.forwarded") == []
    aaa = world.actor("AAA", "analyst")
    later = now + timedelta(days=3)
    answered = answer_request(world.store, aaa, ref, "We hold a listing; reviewing.", later)
    assert answered["referrals"][0]["answered_at"] == later.isoformat()
    with pytest.raises(Conflict):
        answer_request(world.store, aaa, ref, "again", later)
    with pytest.raises(InvalidInput) as err:
        decide_request(world.store, aaa, ref, "maybe", "", now=later)
    assert {e.field for e in err.value.errors} == {"decision", "reasons"}
    decided = decide_request(
        world.store, aaa, ref, "partly", "Listing kept: ongoing case", now=later
    )
    assert decided["status"] == "open"  # BBB has not decided yet
    with pytest.raises(Conflict):
        decide_request(world.store, aaa, ref, "granted", "changed my mind", now=later)
    bbb = world.actor("BBB", "auditor")
    done = decide_request(world.store, bbb, ref, "refused", "Security grounds", now=later)
    assert done["status"] == "decided" and done["decided_at"] == later.isoformat()
    assert [r["agency"] for r in done["referrals"]] == ["BBB"]  # an agency sees its own
    assert get_request(world.store, officer, ref, later)["status"] == "decided"
    events = audit.list_events(world.store, Actor.system("tests"), {}, limit=1000)
    actions = [e.action for e in events if f"redress:{ref}" in e.targets]
    for action in ("redress.register", "redress.answer", "redress.decide", "redress.view"):
        assert action in actions


def test_overdue_requests_escalate_once(world: World, now: datetime) -> None:
    sid = _subject(world, now)
    ref = _register(world, sid, now)
    answer_request(world.store, world.actor("AAA", "analyst"), ref, "On it.", now)
    settings = Settings(database_url=world.store.url, environment="test")
    runner = JobRunner(world.store, settings, JOBS)
    officer = world.actor("OPS", "redress-officer")

    def run(at: datetime) -> int:
        (outcome,) = runner.run(["redress.deadlines"], at)
        assert outcome.status == "ran", outcome
        return int(outcome.result["escalated"])

    assert run(now + timedelta(days=29)) == 0
    assert list_requests(world.store, officer, "overdue", now=now + timedelta(days=29))[0] == []
    month = now + timedelta(days=30, minutes=1)
    assert run(month) == 1  # BBB missed its answer; AAA answered
    assert run(month + timedelta(hours=1)) == 0  # once
    (notice,) = _notices(world.store, "BBB", "redress.overdue")
    assert notice["deadline"] == "answer" and notice["redress"] == ref
    assert len(_notices(world.store, "OPS", "redress.overdue")) == 1
    assert _notices(world.store, "AAA", "redress.overdue") == []
    items, _next = list_requests(world.store, officer, "overdue", now=month)
    assert [i["reference"] for i in items] == [ref] and items[0]["overdue"]
    bbb_items, _ = list_requests(world.store, world.actor("BBB", "analyst"), "overdue", now=month)
    assert [i["reference"] for i in bbb_items] == [ref]
    aaa_items, _ = list_requests(world.store, world.actor("AAA", "analyst"), "overdue", now=month)
    assert aaa_items == []
    four_months = now + timedelta(days=122, minutes=1)
    assert run(four_months) == 2  # neither decided
    assert run(four_months) == 0
    assert len(_notices(world.store, "BBB", "redress.overdue")) == 2
    assert len(_notices(world.store, "AAA", "redress.overdue")) == 1
    decide_request(
        world.store, world.actor("AAA", "analyst"), ref, "granted", "ok", now=four_months
    )
    decide_request(
        world.store, world.actor("BBB", "analyst"), ref, "granted", "ok", now=four_months
    )
    assert list_requests(world.store, officer, "overdue", now=four_months)[0] == []
    assert [i["reference"] for i in list_requests(world.store, officer, "decided")[0]] == [ref]


def test_granted_deletion_withdraws_and_retracts(world: World, now: datetime) -> None:
    sid = _subject(world, now)
    ref = _register(world, sid, now, kind="deletion")
    bbb = world.actor("BBB", "analyst")
    answer = decide_request(world.store, bbb, ref, "granted", "No longer needed", now=now)
    assert answer["erased"] == {"withdrawn": 1, "retracted": 0}
    with world.store.read() as session:
        listings = {x.agency: x for x in session.listings.of_subjects([sid])}
        subject = session.subjects.get(sid)
    assert listings["BBB"].status is ListingStatus.WITHDRAWN
    assert listings["AAA"].status is ListingStatus.ACTIVE  # AAA has not decided
    assert subject is not None and len(subject.active) == 2
    aaa = world.actor("AAA", "auditor")
    answer = decide_request(world.store, aaa, ref, "granted", "Erased", now=now)
    assert answer["erased"] == {"withdrawn": 1, "retracted": 2}
    with world.store.read() as session:
        listings = {x.agency: x for x in session.listings.of_subjects([sid])}
        subject = session.subjects.get(sid)
    assert listings["AAA"].status is ListingStatus.WITHDRAWN
    assert subject is not None and subject.active == ()
    assert len(subject.statements) == 2  # tombstones: retracted, kept in the history
    assert all(s.retracted_at == now for s in subject.statements)
    events = audit.list_events(world.store, Actor.system("tests"), {}, limit=1000)
    erasures = [e for e in events if e.action == "subject.erase"]
    assert [e.detail["agency"] for e in erasures] == ["BBB", "AAA"]
    assert all(e.detail["reason"] == ref for e in erasures)


def test_refused_deletion_changes_nothing(world: World, now: datetime) -> None:
    sid = _subject(world, now)
    ref = _register(world, sid, now, kind="deletion")
    decide_request(world.store, world.actor("BBB", "analyst"), ref, "refused", "Kept", now=now)
    with world.store.read() as session:
        statuses = {x.agency: x.status for x in session.listings.of_subjects([sid])}
    assert statuses == {"AAA": ListingStatus.ACTIVE, "BBB": ListingStatus.ACTIVE}


def test_disclosure_as_each_agency_allows(world: World, now: datetime) -> None:
    sid = _subject(world, now, bbb_handling="H3")
    ref = _register(world, sid, now)
    officer = world.actor("OPS", "redress-officer")
    pending = disclosure(world.store, officer, ref, now)
    assert [p["told"] for p in pending["agencies"]] == ["pending", "pending"]
    aaa, bbb = world.actor("AAA", "analyst"), world.actor("BBB", "analyst")
    decide_request(world.store, aaa, ref, "granted", "Access given", "data", "We hold:", now=now)
    decide_request(world.store, bbb, ref, "partly", "Partly", "data", "Listed", now=now)
    shown = {p["agency"]: p for p in disclosure(world.store, officer, ref, now)["agencies"]}
    assert shown["AAA"]["told"] == "data" and shown["AAA"]["note"] == "We hold:"
    assert {f["value"] for f in shown["AAA"]["facts"]} == {"Karim Haddad", "1980"}
    assert shown["BBB"] == {
        "agency": "BBB",
        "decision": None,
        "told": "examined",
        "withheld": "H3 without the owner's consent",
    }


def test_h3_data_is_disclosed_with_consent(world: World, now: datetime) -> None:
    sid = _subject(world, now, bbb_handling="H3")
    ref = _register(world, sid, now)
    bbb = world.actor("BBB", "analyst")
    decide_request(world.store, bbb, ref, "partly", "Partly", "summary", "Listed", True, now=now)
    officer = world.actor("OPS", "redress-officer")
    shown = {p["agency"]: p for p in disclosure(world.store, officer, ref, now)["agencies"]}
    assert shown["BBB"]["told"] == "summary" and shown["BBB"]["note"] == "Listed"
    assert "facts" not in shown["BBB"]


def test_access_rules(world: World, now: datetime) -> None:
    aaa_only = create_subject(
        world.store, world.actor("AAA", "analyst"), "Person", [StatementInput("name", "Lina Saad")]
    ).subject.id
    assert aaa_only is not None
    ref = _register(world, aaa_only, now)
    officer = world.actor("OPS", "redress-officer")
    evidence = get_evidence(world.store, officer, ref)
    assert evidence["requester"] == "Karim Haddad" and evidence["evidence"] == "passport X1"
    for who in ("AAA:analyst", "AAA:auditor", "OPS:analyst", "OPS:auditor", "AAA:redress-officer"):
        with pytest.raises(Forbidden):
            get_evidence(world.store, world.actors[who], ref)
    # a redress officer of a partner agency is no redress officer
    data = RedressInput(aaa_only, "access", "x", "y", "z")
    with pytest.raises(Forbidden):
        register_request(world.store, world.actor("AAA", "redress-officer"), data, CONFIG, now)
    with pytest.raises(Forbidden):
        register_request(world.store, world.actor("OPS", "analyst"), data, CONFIG, now)
    # an agency sees only what was forwarded to it
    assert get_request(world.store, world.actor("AAA", "analyst"), ref, now)["reference"] == ref
    with pytest.raises(NotFound):
        get_request(world.store, world.actor("BBB", "analyst"), ref, now)
    with pytest.raises(NotFound):
        decide_request(world.store, world.actor("BBB", "analyst"), ref, "granted", "x", now=now)
    assert list_requests(world.store, world.actor("BBB", "analyst"))[0] == []
    with pytest.raises(Forbidden):
        list_requests(world.store, world.actor("AAA", "screener"))
    with pytest.raises(Forbidden):
        answer_request(world.store, world.actor("AAA", "duty-officer"), ref, "x", now)
    # evidence is in no subject view
    shown = get_request(world.store, officer, ref, now)
    assert "passport X1" not in str(shown) and "requester" not in shown
    events = audit.list_events(world.store, Actor.system("tests"), {}, limit=1000)
    assert "redress.evidence.view" in [e.action for e in events]


def test_invalid_requests_name_the_field(world: World, now: datetime) -> None:
    officer = world.actor("OPS", "redress-officer")
    with pytest.raises(InvalidInput) as err:
        register_request(
            world.store, officer, RedressInput(1, "erase", "", "a\nb", ""), CONFIG, now
        )
    assert {e.field for e in err.value.errors} == {"kind", "summary", "requester", "evidence"}
    with pytest.raises(InvalidInput) as err:
        register_request(
            world.store, officer, RedressInput(999, "access", "s", "r", "e"), CONFIG, now
        )
    assert err.value.errors[0].field == "subject_id"
    with world.store.read() as session:
        assert session.redress.page(None, None, now, 0, 10) == []


def test_h3_part_stays_back_after_its_listing_is_withdrawn(world: World, now: datetime) -> None:
    sid = _subject(world, now, bbb_handling="H3")
    ref = _register(world, sid, now, kind="deletion")
    bbb = world.actor("BBB", "analyst")
    decided = decide_request(
        world.store, bbb, ref, "granted", "Deleted", "summary", "Gone", now=now
    )
    assert decided["erased"] == {"withdrawn": 1, "retracted": 0}
    officer = world.actor("OPS", "redress-officer")
    shown = {p["agency"]: p for p in disclosure(world.store, officer, ref, now)["agencies"]}
    assert shown["BBB"]["told"] == "examined" and "note" not in shown["BBB"]
