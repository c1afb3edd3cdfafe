"""Compliance review in the console: an analyst's shared listing goes to review from the
listing form; the operator's reviewer sees it with its checks in the queue and decides
(422 beside the field on bad input); partners see it only once approved; the link shows
for reviewers only."""

from __future__ import annotations

from collections.abc import Callable

from ictd.registry import subjects
from ictd.registry.subjects import StatementInput
from tests.web.conftest import Console
from tests.world import World

FORM = {
    "category": "terrorist",
    "actions": "arrest",
    "reliability": "B",
    "accuracy": "2",
    "sharing": "all",
    "handling": "H1",
    "status": "active",
    "legal_basis": "Criminal Code s. 83.18",
    "notes": "Two sources, 2015.",
}


def _subject(world: World) -> int:
    actor = world.actor("AAA", "analyst")
    items = [StatementInput("name", "Abu Example"), StatementInput("birthDate", "1980")]
    subject = subjects.create_subject(world.store, actor, "Person", items).subject
    assert subject.id is not None
    return subject.id


def test_a_shared_listing_is_reviewed_in_the_console(
    world: World, signed_in: Callable[[str, str], Console]
) -> None:
    sid = _subject(world)
    analyst = signed_in("AAA", "analyst")
    assert 'href="/compliance"' not in analyst.get("/").text
    made = analyst.post(f"/subjects/{sid}/listings/new", FORM, follow_redirects=False)
    assert made.status_code == 303, made.text
    with world.store.read() as session:
        (listing,) = session.listings.of_subjects([sid])
        review = session.compliance.pending_for(listing.id or 0)
    assert listing.status.value == "submitted" and review is not None
    assert analyst.get("/compliance").status_code == 403

    partner = signed_in("BBB", "analyst")
    assert partner.get(f"/subjects/{sid}").status_code == 404

    reviewer = signed_in("OPS", "compliance-reviewer")
    queue = reviewer.get("/compliance")
    assert queue.status_code == 200 and 'href="/compliance"' in queue.text
    assert f'id="review-{review.id}"' in queue.text
    assert f'id="check-{review.id}-legal-basis"' in queue.text and "Abu Example" in queue.text
    url = f"/compliance/{review.id}/decision"
    bad = reviewer.post(url, {"decision": "refused", "neutrality": "No political character."})
    assert bad.status_code == 422
    assert 'class="field-error"' in bad.text and "a refusal gives its reasons" in bad.text
    assert "No political character." in bad.text  # what was typed is kept
    done = reviewer.post(
        url,
        {"decision": "approved", "neutrality": "No political character.", "reasons": "ok"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    after = reviewer.get(done.headers["location"])
    assert 'id="decided"' in after.text and f'id="review-{review.id}"' not in after.text

    partner = signed_in("BBB", "analyst")
    assert partner.get(f"/subjects/{sid}").status_code == 200


def test_another_agencys_reviewer_is_refused(
    world: World, signed_in: Callable[[str, str], Console]
) -> None:
    reviewer = signed_in("AAA", "compliance-reviewer")
    # the link shows where the page opens: the role alone, at another agency, does not
    assert 'href="/compliance"' not in reviewer.get("/").text
    assert reviewer.get("/compliance").status_code == 403
    assert reviewer.post("/compliance/1/decision", {"decision": "approved"}).status_code == 403
    # (one console: signing in again replaces the session)
    assert 'href="/compliance"' in signed_in("OPS", "compliance-reviewer").get("/").text
