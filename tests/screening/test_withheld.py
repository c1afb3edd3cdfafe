"""Hits withheld from partners, on both databases: what a screener outside the sharing scope
learns (only hit, action, category, handling, the owner's contact and a reference), the hit
threshold, the owner's notice, the probing alert and dispositions on hidden subjects."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ictd.alerts import read_events
from ictd.alerts.webhooks import WebhookInput, create_webhook
from ictd.exc import NotFound
from ictd.registry import accounts, listings
from ictd.registry.listings import ListingInput
from ictd.screening import LiveIndex, QueryInput, screen
from ictd.screening.disposition import record_disposition
from ictd.screening.withheld import PROBE_QUERIES
from ictd.security.actor import Actor
from tests.alerts.support import LOCAL_EGRESS
from tests.screening.test_screening import _list, _person
from tests.world import World, create_published

NAME = "Abu Mohammed al-Adnani"
NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


@pytest.fixture
def holder(world: World) -> LiveIndex:
    return LiveIndex(world.store)


@pytest.fixture
def hidden(world: World) -> int:
    """AAA's subject, listed for AAA only."""
    sid = _person(world, "AAA", NAME, birthDate="1977-03-04", nationality="SY", gender="male")
    _list(world, "AAA", sid, "own")
    return sid


def run(
    world: World,
    holder: LiveIndex,
    agency: str,
    query: QueryInput,
    threshold: float | None = None,
    now: datetime = NOW,
) -> dict[str, Any]:
    holder.refresh()
    actor = world.actor(agency, "screener")
    (result,) = screen(world.store, holder, actor, [query], threshold=threshold, now=now)
    return result.to_dict()


INTERNAL = {"subject_id", "score", "explanation", "external_ids", "id", "listing_id"}


def keys_of(data: Any) -> set[str]:
    """Every key of every object in ``data``, however deep."""
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in keys_of(v)}
    if isinstance(data, list | tuple):
        return {k for v in data for k in keys_of(v)}
    return set()


def q(**extra: Any) -> QueryInput:
    return QueryInput(id="q", names=[NAME], **extra)


def test_five_calls_recover_nothing_of_a_hidden_subject(
    world: World, holder: LiveIndex, hidden: int
) -> None:
    """The attack of the issue: threshold 0 and varying birth date, nationality and gender
    used to return the score and explanation of each guess."""
    guesses = [
        q(birth_date="1977"),
        q(birth_date="1977-03"),
        q(birth_date="1977-03-04"),
        q(birth_date="1977-03-04", nationalities=["SY"]),
        q(birth_date="1977-03-04", nationalities=["SY"], gender="male"),
    ]
    answers = [run(world, holder, "BBB", g, threshold=0.0) for g in guesses]
    told = answers[0]["matches"]
    for answer in answers:
        assert answer["matches"] == told  # nothing grows sharper as a guess gets closer
        assert not keys_of(answer["matches"]) & INTERNAL
    (match,) = told
    assert set(match) == {"hit", "details_withheld", "listings"}
    # the screening agency's own audit trail names the reference it was given, not the id
    with world.store.read() as session:
        events = session.audit.query({"action": "screen", "agency": "BBB"}, 0, 10)
    reference = match["listings"][0]["reference"]
    assert [list(e.targets) for e in events] == [[f"reference:{reference}"]] * len(guesses)
    (listing,) = match["listings"]
    assert set(listing) == {
        "category",
        "actions",
        "handling",
        "owner",
        "reference",
        "details_withheld",
    }


def test_a_withheld_hit_appears_only_from_the_default_threshold(
    world: World, holder: LiveIndex, hidden: int
) -> None:
    wrong_year = q(birth_date="1990")  # scores well under 0.5
    for threshold in (0.0, 0.2, None):
        assert run(world, holder, "BBB", wrong_year, threshold)["matches"] == []
    # a strong match is a withheld hit whatever threshold is asked for: 0.99 cannot probe
    for threshold in (0.0, 0.99, None):
        answer = run(world, holder, "BBB", q(birth_date="1977"), threshold)
        assert answer["hit"] is True
        assert [m["details_withheld"] for m in answer["matches"]] == [True]
    # an agency's own hit threshold does not move it either
    accounts.set_hit_threshold(world.store, Actor.system(), "BBB", 0.999)
    assert run(world, holder, "BBB", q(birth_date="1977"))["hit"] is True


def test_a_low_score_of_a_listed_subject_is_no_hit(world: World, holder: LiveIndex) -> None:
    """Threshold 0 used to make a match scored 0.04 a hit because its subject is listed."""
    sid = _person(world, "AAA", NAME, birthDate="1977")
    _list(world, "AAA", sid, "own")
    answer = run(world, holder, "AAA", q(birth_date="1990"), threshold=0.0)
    (match,) = answer["matches"]
    assert match["subject_id"] == sid and match["score"] < 0.5
    assert match["hit"] is False and answer["hit"] is False
    strong = run(world, holder, "AAA", q(birth_date="1977"), threshold=0.0)
    assert strong["hit"] is True and strong["matches"][0]["hit"] is True


def test_the_agency_hit_threshold_decides_hits(world: World, holder: LiveIndex) -> None:
    sid = _person(world, "AAA", NAME)
    _list(world, "AAA", sid, "own")
    near = QueryInput(id="q", names=["Mohammed Adnan"])  # about 0.6
    assert run(world, holder, "AAA", near)["hit"] is True
    accounts.set_hit_threshold(world.store, world.actor("AAA", "agency-admin"), "AAA", 0.9)
    raised = run(world, holder, "AAA", near)
    assert raised["hit"] is False
    assert [m["subject_id"] for m in raised["matches"]] == [sid]  # still a candidate
    assert run(world, holder, "AAA", q())["hit"] is True  # 0.96
    # hits are shown whatever threshold the caller asks for; lower ones only add candidates
    accounts.set_hit_threshold(world.store, Actor.system(), "AAA", 0.3)
    assert run(world, holder, "AAA", near, threshold=0.95)["hit"] is True
    accounts.set_hit_threshold(world.store, Actor.system(), "AAA", None)
    assert run(world, holder, "AAA", near, threshold=0.95)["matches"][0]["hit"] is True


def test_the_owner_is_told_of_a_withheld_hit(world: World, holder: LiveIndex, hidden: int) -> None:
    hook = create_webhook(
        world.store,
        world.actor("AAA", "agency-admin"),
        WebhookInput(url="http://127.0.0.1:9/hook", events=["screening.hit-withheld"]),
        egress=LOCAL_EGRESS,
    )
    run(world, holder, "BBB", q(birth_date="1977", nationalities=["SY"]))
    (event,) = read_events(world.store, "AAA", 0)
    body = event.to_dict()
    screener = world.actor("BBB", "screener")
    assert body["type"] == "screening.hit-withheld"
    assert body["screened_by"] == {"agency": "BBB", "user": screener.name}
    assert body["screened_at"] == NOW.isoformat()
    assert body["query"]["names"] == [NAME]
    assert (body["query"]["birth_date"], body["query"]["nationalities"]) == ("1977", ["SY"])
    assert body["subject_id"] == hidden  # the owner may see its own ids
    (listing,) = body["listings"]
    assert listing["reference"].startswith("LREF-") and listing["id"]
    assert read_events(world.store, "BBB", 0) == []
    with world.store.begin() as session:
        deliveries = session.webhooks.list_deliveries(int(hook["id"]), None, 0, 10)
    assert [d.event_seq for d in deliveries] == [event.seq]
    # a screening the caller may read tells nobody
    run(world, holder, "AAA", q(birth_date="1977"))
    assert len(read_events(world.store, "AAA", 0)) == 1


def _probing(world: World) -> list[Any]:
    with world.store.begin() as session:
        return [a for a in session.alerts.page("AAA", None, None, 0, 50) if a.kind == "probing"]


def test_repeated_varied_probing_of_one_subject_alerts_its_owner_once(
    world: World, holder: LiveIndex, hidden: int
) -> None:
    guesses = [
        q(birth_date="1977"),
        q(birth_date="1977-03"),
        q(birth_date="1977-03-04"),
        q(birth_date="1977", nationalities=["SY"]),
        q(birth_date="1977", gender="male"),
        q(birth_date="1977-03", nationalities=["SY"], gender="male"),
        q(birth_date="1977-03-04", nationalities=["SY"]),
    ]
    assert all(run(world, holder, "AAA", g)["hit"] for g in guesses)  # hits for the owner
    for i, guess in enumerate(guesses[:PROBE_QUERIES]):
        run(world, holder, "BBB", guess, now=NOW + timedelta(minutes=i))
    assert _probing(world) == []  # five queries: not yet
    run(world, holder, "BBB", guesses[5], now=NOW + timedelta(minutes=10))
    (alert,) = _probing(world)
    assert (alert.agency, alert.reporter, alert.subject_id) == ("AAA", "BBB", hidden)
    assert alert.detail["queries"] == PROBE_QUERIES + 1
    assert alert.detail["varied"] == ["birth_date", "nationalities", "gender"]
    assert alert.detail["window_hours"] == 24
    assert alert.detail["users"] == [world.actor("BBB", "screener").name]
    run(world, holder, "BBB", guesses[6], now=NOW + timedelta(minutes=11))
    assert len(_probing(world)) == 1  # one episode, one alert
    with world.store.read() as session:
        created = [e for e in session.alerts.events_after("AAA", 0, 100)]
    assert [e.type for e in created].count("alert.created") == 1


def test_the_same_query_repeated_is_not_probing(
    world: World, holder: LiveIndex, hidden: int
) -> None:
    for i in range(PROBE_QUERIES + 3):
        run(world, holder, "BBB", q(birth_date="1977"), now=NOW + timedelta(minutes=i))
    assert _probing(world) == []


def test_probing_counts_one_day_only(world: World, holder: LiveIndex, hidden: int) -> None:
    years = ["1977", "1977-03", "1977-03-04", "1977-03", "1977", "1977-03-04"]
    for i, year in enumerate(years):
        answer = run(world, holder, "BBB", q(birth_date=year), now=NOW + timedelta(hours=5 * i))
        assert answer["hit"] is True
    assert _probing(world) == []  # six varied hits, but never more than five in 24 hours


def test_a_partners_listing_for_all_does_not_widen_a_named_subject(
    world: World, holder: LiveIndex
) -> None:
    """AAA shares its subject with BBB only; BBB lists it for every partner. OPS (a third
    agency) gets a withheld hit, and BBB's listing is not readable by it."""
    sid = _person(world, "AAA", NAME, birthDate="1977")
    _list(world, "AAA", sid, "named")
    wide = create_published(
        world.store,
        world.actor("BBB", "analyst"),
        sid,
        ListingInput(
            category="terrorist", actions=["refuse-entry"], sharing="all", status="active"
        ),
    )
    answer = run(world, holder, "OPS", q(birth_date="1977"), threshold=0.0)
    (match,) = answer["matches"]
    assert match["details_withheld"] is True and not keys_of(match) & INTERNAL
    owners = sorted(x["owner"]["agency"] for x in match["listings"])
    assert owners == ["AAA", "BBB"]
    assert wide.id is not None
    with pytest.raises(NotFound):
        listings.get_listing(world.store, world.actor("OPS", "analyst"), wide.id)
    assert listings.get_listing(world.store, world.actor("BBB", "analyst"), wide.id) == wide
    # BBB, inside the owner's scope, sees the subject and its own listing in full
    seen = run(world, holder, "BBB", q(birth_date="1977"))["matches"][0]
    assert seen["subject_id"] == sid
    assert {x.get("id") for x in seen["listings"]} >= {wide.id}


def test_a_disposition_on_a_hidden_subject_answers_as_a_missing_one(
    world: World, hidden: int
) -> None:
    actor = world.actor("BBB", "screener")
    errors = []
    for sid in (hidden, 424242):
        with pytest.raises(NotFound) as err:
            record_disposition(world.store, actor, q(), sid, "false-match", "not him")
        message = err.value.message.replace(str(sid), "N")
        errors.append((message, err.value.details))
    assert errors[0] == errors[1]
    with world.store.read() as session:
        assert session.dispositions.page("BBB", 0, 10) == []
