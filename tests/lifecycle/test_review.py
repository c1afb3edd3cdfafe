"""Review dates on both databases, with a controlled clock: defaults by category and action,
warnings four months and one month ahead (once each), extension with a recorded
assessment, expiry (kept, audited, no longer hitting in screening or movement checks)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.exc import Conflict, Forbidden, InvalidInput, NotFound
from ictd.jobs import JobRunner
from ictd.lifecycle import review
from ictd.model import ListingStatus
from ictd.model.lifecycle import ReviewPolicy, add_months, parse_periods
from ictd.registry import listings, subjects
from ictd.registry.listings import ListingInput
from ictd.registry.subjects import StatementInput
from tests.cli.test_cli import ictd, ok, refused
from tests.world import World, create_published, publish_api

API = "/api/v1"
NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
REVIEW = date(2027, 5, 28)
PERSON = {
    "schema": "Person",
    "statements": [
        {"prop": "name", "value": "Hamza bin Laden"},
        {"prop": "birthDate", "value": "1989"},
        {"prop": "nationality", "value": "SA"},
    ],
}


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 6, 0, tzinfo=UTC)


def _listing(world: World, agency: str = "AAA", **values: Any) -> int:
    actor = world.actor(agency, "analyst")
    subject = subjects.create_subject(
        world.store, actor, "Person", [StatementInput("name", "Abu Example")]
    ).subject
    assert subject.id is not None
    data = {"category": "terrorist", "actions": ["arrest"], "status": "active", **values}
    created = create_published(world.store, actor, subject.id, ListingInput(**data), NOW)
    assert created.id is not None
    return created.id


def _notices(world: World, agency: str, type_: str) -> list[dict[str, Any]]:
    with world.store.read() as session:
        events = session.alerts.events_after(agency, 0, 1000)
    return [e.payload for e in events if e.type == type_]


def _run(jobs: JobRunner, name: str, day: date) -> dict[str, int]:
    (outcome,) = jobs.run([name], at(day))
    assert outcome.status == "ran", outcome
    return dict(outcome.result or {})


def _status(world: World, listing_id: int) -> ListingStatus:
    with world.store.read() as session:
        found = session.listings.get(listing_id)
    assert found is not None
    return found.status


# -- review periods ------------------------------------------------------------------------


def test_review_periods_take_the_shortest_that_applies_and_never_exceed_the_maximum() -> None:
    policy = ReviewPolicy(36, 60, parse_periods("person-of-interest=12,discreet-check=6"))
    assert policy.months_for("terrorist", []) == 36
    assert policy.months_for("person-of-interest", []) == 12
    from ictd.model import Action

    assert policy.months_for("person-of-interest", [Action.DISCREET_CHECK]) == 6
    assert ReviewPolicy(90, 60).months_for("terrorist", []) == 60
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 28), 4) == date(2027, 3, 28)
    with pytest.raises(ValueError, match="neither"):
        parse_periods("terrorists=12")
    with pytest.raises(ValueError, match="NAME=MONTHS"):
        parse_periods("terrorist=0")


def test_a_listing_gets_the_default_review_date_of_its_category_and_actions(
    world: World,
) -> None:
    policy = ReviewPolicy(36, 60, parse_periods("person-of-interest=12,discreet-check=12"))
    actor = world.actor("AAA", "analyst")
    record = subjects.create_subject(world.store, actor, "Person", [StatementInput("name", "X Y")])
    subject = record.subject
    assert subject.id is not None

    def create(**values: Any) -> date | None:
        data = ListingInput(**{"category": "terrorist", "actions": ["arrest"], **values})
        made = create_published(world.store, actor, subject.id, data, NOW, review=policy)
        assert made.last_reviewed == NOW.date()
        return made.review_date

    assert create() == date(2029, 11, 28)
    assert create(category="person-of-interest") == date(2027, 11, 28)
    assert create(actions=["arrest", "discreet-check"]) == date(2027, 11, 28)
    assert create(valid_from="2027-01-10") == date(2030, 1, 10)  # from the start of validity
    assert create(review_date="2031-11-28") == date(2031, 11, 28)  # the maximum itself
    with pytest.raises(InvalidInput) as err:
        create(review_date="2031-11-29")
    assert err.value.errors[0].field == "review_date"


def test_a_later_review_date_needs_an_extension_an_earlier_one_is_a_plain_change(
    world: World,
) -> None:
    listing_id = _listing(world, review_date=REVIEW.isoformat())
    actor = world.actor("AAA", "analyst")
    with pytest.raises(InvalidInput) as err:
        listings.update_listing(
            world.store, actor, listing_id, ListingInput(review_date="2027-06-01"), NOW
        )
    assert err.value.errors[0].field == "review_date" and "extension" in err.value.errors[0].message
    changed = listings.update_listing(
        world.store, actor, listing_id, ListingInput(review_date="2027-04-01"), NOW
    )
    assert changed.review_date == date(2027, 4, 1)


# -- warnings and expiry -------------------------------------------------------------------


def test_the_owner_is_warned_four_months_and_one_month_ahead_once_each_then_it_expires(
    world: World, jobs: JobRunner
) -> None:
    listing_id = _listing(world, review_date=REVIEW.isoformat())
    later = _listing(world, review_date="2028-01-10")  # not due in this test's window
    warn = "listings.review-warnings"
    assert _run(jobs, warn, date(2027, 1, 27)) == {"warned": 0}  # 4 months + 1 day ahead
    assert _run(jobs, warn, date(2027, 1, 28)) == {"warned": 1}
    assert _run(jobs, warn, date(2027, 1, 28)) == {"warned": 0}  # idempotent
    assert _run(jobs, warn, date(2027, 3, 1)) == {"warned": 0}
    assert _run(jobs, warn, date(2027, 4, 28)) == {"warned": 1}
    assert _run(jobs, warn, date(2027, 5, 20)) == {"warned": 0}
    notices = _notices(world, "AAA", "listing.review-due")
    assert [(n["listing_id"], n["stage"], n["days_left"]) for n in notices] == [
        (listing_id, "4-months", 120),
        (listing_id, "1-month", 30),
    ]
    assert "Abu" not in str(notices)  # ids and dates, no personal data
    assert _notices(world, "BBB", "listing.review-due") == []

    assert _run(jobs, "listings.expire", date(2027, 5, 27)) == {"expired": 0}
    assert _status(world, listing_id) is ListingStatus.ACTIVE
    assert _run(jobs, "listings.expire", REVIEW) == {"expired": 1}
    assert _run(jobs, "listings.expire", REVIEW) == {"expired": 0}  # idempotent
    assert _status(world, listing_id) is ListingStatus.EXPIRED
    assert _status(world, later) is ListingStatus.ACTIVE
    (expired,) = _notices(world, "AAA", "listing.expired")
    assert expired["listing_id"] == listing_id and expired["review_date"] == REVIEW.isoformat()
    with world.store.read() as session:
        events = session.audit.query({"action": "listing.expire"}, 0, 10)
        kept = session.listings.get(listing_id)
        warned = session.audit.query({"action": "listing.review.warn"}, 0, 10)
    assert [e.targets[0] for e in events] == [f"listing:{listing_id}"]
    assert len(warned) == 2
    assert kept is not None and kept.review_date == REVIEW  # history kept, nothing deleted


def test_a_listing_reviewed_late_in_its_period_gets_one_warning_not_two(
    world: World, jobs: JobRunner
) -> None:
    _listing(world, review_date="2026-12-20")
    assert _run(jobs, "listings.review-warnings", NOW.date()) == {"warned": 1}
    (notice,) = _notices(world, "AAA", "listing.review-due")
    assert notice["stage"] == "1-month"
    assert _run(jobs, "listings.review-warnings", date(2026, 12, 1)) == {"warned": 0}


def test_drafts_withdrawn_and_source_listings_neither_warn_nor_expire(
    world: World, jobs: JobRunner
) -> None:
    draft = _listing(world, review_date="2026-12-20", status="draft")
    assert _run(jobs, "listings.review-warnings", NOW.date()) == {"warned": 0}
    assert _run(jobs, "listings.expire", date(2027, 1, 1)) == {"expired": 0}
    assert _status(world, draft) is ListingStatus.DRAFT


# -- extension -----------------------------------------------------------------------------


def test_an_extension_records_who_when_why_and_restarts_the_warnings(
    world: World, jobs: JobRunner
) -> None:
    listing_id = _listing(world, review_date=REVIEW.isoformat())
    assert _run(jobs, "listings.review-warnings", date(2027, 4, 28)) == {"warned": 1}
    analyst = world.actor("AAA", "analyst")
    when = at(date(2027, 5, 1))
    listing, extension = review.extend_listing(
        world.store,
        analyst,
        listing_id,
        "2028-05-01",
        "Still travelling; new intelligence.",
        now=when,
    )
    assert listing.review_date == date(2028, 5, 1) and listing.last_reviewed == when.date()
    assert extension.user_id == analyst.user_id and extension.at == when
    assert extension.previous_date == REVIEW and extension.reason.startswith("Still")
    assert [x.id for x in review.extensions_of(world.store, analyst, listing_id)] == [extension.id]
    # the old date passes without expiry; the new one is warned about again
    assert _run(jobs, "listings.expire", REVIEW) == {"expired": 0}
    assert _run(jobs, "listings.review-warnings", date(2028, 1, 1)) == {"warned": 1}
    with world.store.read() as session:
        (event,) = session.audit.query({"action": "listing.extend"}, 0, 10)
    assert event.detail["new_date"] == "2028-05-01"
    assert event.detail["previous_date"] == REVIEW.isoformat()


@pytest.mark.parametrize(
    ("until", "reason", "field"),
    [
        ("2032-05-02", "still needed", "until"),  # beyond 60 months from today
        ("2027-04-30", "still needed", "until"),  # not after today
        ("soon", "still needed", "until"),
        ("2028-01-01", "   ", "reason"),
    ],
)
def test_an_extension_beyond_the_maximum_or_without_reasons_is_refused(
    world: World, until: str, reason: str, field: str
) -> None:
    listing_id = _listing(world, review_date=REVIEW.isoformat())
    with pytest.raises(InvalidInput) as err:
        review.extend_listing(
            world.store,
            world.actor("AAA", "analyst"),
            listing_id,
            until,
            reason,
            now=at(date(2027, 5, 1)),
        )
    assert err.value.errors[0].field == field
    assert review.extensions_of(world.store, world.actor("AAA", "analyst"), listing_id) == []


def test_an_extension_after_the_date_or_by_anyone_but_the_owners_analyst_is_refused(
    world: World, jobs: JobRunner
) -> None:
    listing_id = _listing(world, review_date=REVIEW.isoformat(), sharing="all")
    args = (listing_id, "2028-01-01", "still needed")
    with pytest.raises(Forbidden):
        review.extend_listing(world.store, world.actor("BBB", "analyst"), *args, now=NOW)
    with pytest.raises(Forbidden):
        review.extend_listing(world.store, world.actor("AAA", "screener"), *args, now=NOW)
    hidden = _listing(world, review_date=REVIEW.isoformat())
    with pytest.raises(NotFound):
        review.extend_listing(
            world.store, world.actor("BBB", "analyst"), hidden, "2028-01-01", "x", now=NOW
        )
    with pytest.raises(Conflict):  # the date has come: too late, even before the job ran
        review.extend_listing(world.store, world.actor("AAA", "analyst"), *args, now=at(REVIEW))
    _run(jobs, "listings.expire", REVIEW)
    with pytest.raises(Conflict):
        review.extend_listing(
            world.store, world.actor("AAA", "analyst"), *args, now=at(date(2027, 6, 1))
        )


# -- the queue, over the API and the CLI ---------------------------------------------------


def test_reviews_due_lists_own_listings_within_four_months_soonest_first(
    api: TestClient, world: World
) -> None:
    today = datetime.now(UTC).date()
    soon = _listing(world, review_date=(today + timedelta(days=20)).isoformat())
    sooner = _listing(world, review_date=(today + timedelta(days=10)).isoformat())
    _listing(world, review_date=(today + timedelta(days=200)).isoformat())
    _listing(world, "BBB", review_date=(today + timedelta(days=5)).isoformat())
    auth = world.auth("AAA", "analyst")
    answer = api.get(f"{API}/listings/due", headers=auth)
    assert answer.status_code == 200, answer.text
    items = answer.json()["items"]
    assert [(x["id"], x["days_left"]) for x in items] == [(sooner, 10), (soon, 20)]
    first = api.get(f"{API}/listings/due?limit=1", headers=auth).json()
    assert [x["id"] for x in first["items"]] == [sooner] and first["next"]
    rest = api.get(f"{API}/listings/due?limit=1&after={first['next']}", headers=auth).json()
    assert [x["id"] for x in rest["items"]] == [soon]
    assert api.get(f"{API}/listings/due?after=nonsense", headers=auth).status_code == 422
    assert api.get(f"{API}/listings/due", headers=world.auth("AAA", "auditor")).status_code == 403


def test_extend_over_the_api_answers_the_listing_and_refuses_bad_input_by_field(
    api: TestClient, world: World
) -> None:
    today = datetime.now(UTC).date()
    listing_id = _listing(world, review_date=(today + timedelta(days=20)).isoformat())
    auth = world.auth("AAA", "analyst")
    until = (today + timedelta(days=365)).isoformat()
    body = {"until": until, "reason": "Assessed again: still a threat."}
    answer = api.post(f"{API}/listings/{listing_id}/extend", json=body, headers=auth)
    assert answer.status_code == 200, answer.text
    assert answer.json()["listing"]["review_date"] == until
    assert answer.json()["listing"]["last_reviewed"] == today.isoformat()
    assert answer.json()["extension"]["reason"] == body["reason"]
    shown = api.get(f"{API}/listings/{listing_id}", headers=auth).json()
    assert shown["last_reviewed"] == today.isoformat() and shown["review_date"] == until
    far = {"until": (today + timedelta(days=365 * 6)).isoformat(), "reason": "x"}
    refused_ = api.post(f"{API}/listings/{listing_id}/extend", json=far, headers=auth)
    assert refused_.status_code == 422
    assert refused_.json()["error"]["details"][0]["field"] == "until"
    log = api.get(f"{API}/listings/{listing_id}/extensions", headers=auth).json()["items"]
    assert [x["new_date"] for x in log] == [until]
    other = api.get(f"{API}/listings/{listing_id}/extensions", headers=world.auth("BBB", "analyst"))
    assert other.status_code == 404


def test_the_cli_lists_reviews_due_and_extends(world: World) -> None:
    today = datetime.now(UTC).date()
    listing_id = _listing(world, review_date=(today + timedelta(days=30)).isoformat())
    url = world.store.url
    out = ok(ictd(url, "listing", "due", "--as", "analyst@aaa.example"))
    assert out.startswith(f"{listing_id}\t") and "30 days" in out
    assert "no reviews due" in ok(ictd(url, "listing", "due", "--as", "analyst@bbb.example"))
    until = (today + timedelta(days=400)).isoformat()
    args = ["listing", "extend", str(listing_id), "--as", "analyst@aaa.example"]
    out = ok(ictd(url, *args, "--until", until, "--reason", "Reviewed: still needed."))
    assert f'"review_date": "{until}"' in out
    refused(ictd(url, *args, "--until", "2099-01-01", "--reason", "x"), "until")
    assert until in ok(
        ictd(url, "listing", "extensions", str(listing_id), "--as", "analyst@aaa.example")
    )


# -- expiry stops hits ---------------------------------------------------------------------


def test_an_expired_listing_stops_hitting_in_screening_and_movement_checks(
    api: TestClient, world: World, jobs: JobRunner
) -> None:
    today = datetime.now(UTC).date()
    auth = world.auth("AAA", "analyst")
    sid = api.post(f"{API}/subjects", json=PERSON, headers=auth).json()["id"]
    due = today + timedelta(days=3)
    body = {"category": "terrorist", "actions": ["arrest"], "sharing": "all", "status": "active"}
    made = publish_api(api, world, "AAA", sid, {**body, "review_date": due.isoformat()})
    query = {"queries": [{"id": "q", "names": ["Hamza bin Laden"], "birth_date": "1989"}]}
    screener = world.auth("BBB", "screener")

    def screened() -> bool:
        answer = api.post(f"{API}/screen", json=query, headers=screener)
        assert answer.status_code == 200, answer.text
        return bool(answer.json()["results"][0]["hit"])

    def moved(key: str) -> str:
        report = {
            "idempotency_key": key,
            "kind": "border-entry",
            "time": f"{today.isoformat()}T08:00:00Z",
            "place": {"country": "FR", "point_of_entry": "CDG"},
            "traveller": {"names": ["Hamza bin Laden"], "birth_date": "1989"},
        }
        answer = api.post(f"{API}/movements", json={"movements": [report]}, headers=screener)
        assert answer.status_code == 200, answer.text
        return str(answer.json()["results"][0]["result"])

    assert screened() and moved("m-1") == "hit"
    assert _run(jobs, "listings.expire", due) == {"expired": 1}
    assert not screened() and moved("m-2") == "no-hit"
    shown = api.get(f"{API}/listings/{made['id']}", headers=auth).json()
    assert shown["status"] == "expired"


def test_the_lifecycle_benchmark_counts_what_the_jobs_did() -> None:
    from ictd.bench.lifecycle import bench_lifecycle, format_lifecycle_table

    result = bench_lifecycle(400, 1)
    warned, again = result.counts["warn (first run)"], result.counts["warn (again)"]
    expired = result.counts["expire (first run)"]
    # review dates spread over 30 days back to ~60 months ahead: ~8 % within four months
    # (of which ~1.6 % have come, and expire), nothing more on a second run
    assert 15 <= warned <= 50 and again == 0
    assert 2 <= expired <= 12 and result.counts["expire (again)"] == 0
    table = format_lifecycle_table(result, "ictd bench lifecycle --size 400 --runs 1")
    assert "| warn (first run) |" in table and "sqlite" in table
