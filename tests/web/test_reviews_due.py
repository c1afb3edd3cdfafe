"""The console's "Reviews due" queue: the owner's listings near their review date, extended
with a recorded assessment; bad input is a 422 page with the message beside the field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from ictd.registry import subjects
from ictd.registry.listings import ListingInput
from ictd.registry.subjects import StatementInput
from tests.web.conftest import Console
from tests.world import World, create_published


def _listing(world: World, days: int) -> int:
    actor = world.actor("AAA", "analyst")
    subject = subjects.create_subject(
        world.store, actor, "Person", [StatementInput("name", "Abu Example")]
    ).subject
    assert subject.id is not None
    review = (datetime.now(UTC).date() + timedelta(days=days)).isoformat()
    data = ListingInput(
        category="terrorist", actions=["arrest"], status="active", review_date=review
    )
    made = create_published(world.store, actor, subject.id, data)
    assert made.id is not None
    return made.id


def test_the_owner_sees_reviews_due_and_extends_one(
    world: World, signed_in: Callable[[str, str], Console]
) -> None:
    soon = _listing(world, 12)
    _listing(world, 300)  # not due yet
    console = signed_in("AAA", "analyst")
    page = console.get("/listings/due")
    assert page.status_code == 200
    assert 'href="/listings/due"' in page.text  # in the menu
    assert f'id="listing-{soon}"' in page.text and "12 days left" in page.text
    assert page.text.count('class="panel" id="listing-') == 1

    bad = console.post(f"/listings/{soon}/extend", {"until": "2099-01-01", "reason": "x"})
    assert bad.status_code == 422
    assert 'class="field-error"' in bad.text and "no later than" in bad.text

    until = (datetime.now(UTC).date() + timedelta(days=365)).isoformat()
    done = console.post(
        f"/listings/{soon}/extend",
        {"until": until, "reason": "Reassessed with new reporting."},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == f"/listings/due?extended={soon}"
    after = console.get(done.headers["location"])
    assert f'id="listing-{soon}"' not in after.text and 'id="extended"' in after.text
    with world.store.read() as session:
        (extension,) = session.listing_review.extensions_of(soon)
    assert extension.reason == "Reassessed with new reporting." and str(extension.new_date) == until


def test_a_partner_cannot_extend_and_sees_an_empty_queue(
    world: World, signed_in: Callable[[str, str], Console]
) -> None:
    soon = _listing(world, 12)
    console = signed_in("BBB", "analyst")
    assert "No reviews due." in console.get("/listings/due").text
    answer = console.post(f"/listings/{soon}/extend", {"until": "2027-12-01", "reason": "x"})
    assert answer.status_code == 404


def test_a_partner_flags_a_listing_in_the_console_and_the_owner_sees_it(
    world: World, signed_in: Callable[[str, str], Console]
) -> None:
    actor = world.actor("AAA", "analyst")
    subject = subjects.create_subject(
        world.store, actor, "Person", [StatementInput("name", "Abu Example")]
    ).subject
    assert subject.id is not None
    data = ListingInput(category="terrorist", actions=["arrest"], status="active", sharing="all")
    listing = create_published(world.store, actor, subject.id, data)
    console = signed_in("BBB", "analyst")
    assert f'href="/listings/{listing.id}/flags"' in console.get(f"/subjects/{subject.id}").text
    blank = console.post(f"/listings/{listing.id}/flags", {"reason": ""})
    assert blank.status_code == 422 and 'class="field-error"' in blank.text
    done = console.post(
        f"/listings/{listing.id}/flags", {"reason": "Not on our soil."}, follow_redirects=False
    )
    assert done.status_code == 303
    page = console.get(f"/listings/{listing.id}/flags").text
    assert "Not on our soil." in page and "Withdraw our flag" in page
    owner = signed_in("AAA", "analyst")
    seen = owner.get(f"/listings/{listing.id}/flags").text
    assert "Flags by partners" in seen and "Not on our soil." in seen and "BBB" in seen
    assert "Withdraw our flag" not in seen
