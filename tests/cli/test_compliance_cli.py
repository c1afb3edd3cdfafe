"""`ictd listing submit|reviews` and `ictd compliance queue|show|approve|refuse` on both
databases: the owner submits, the operator's reviewer decides, errors are clean messages
naming the field."""

from __future__ import annotations

import json

from ictd.registry import listings, subjects
from ictd.registry.listings import ListingInput
from ictd.registry.subjects import StatementInput
from tests.cli.test_cli import ictd, ok, refused
from tests.world import NEUTRALITY, World

OWNER = ["--as", "analyst@aaa.example"]
REVIEWER = ["--as", "compliance-reviewer@ops.example"]


def _draft(world: World) -> int:
    actor = world.actor("AAA", "analyst")
    items = [StatementInput("name", "Abu Example"), StatementInput("birthDate", "1980")]
    subject = subjects.create_subject(world.store, actor, "Person", items).subject
    assert subject.id is not None
    data = ListingInput(category="terrorist", actions=["arrest"], legal_basis="Warrant 1/2026")
    made = listings.create_listing(world.store, actor, subject.id, data)
    assert made.id is not None
    return made.id


def test_submit_and_review_from_the_command_line(world: World) -> None:
    url = world.store.url
    lid = _draft(world)
    refused(ictd(url, "listing", "submit", str(lid), *OWNER), "sharing")  # owner-only
    refused(ictd(url, "listing", "submit", str(lid), *OWNER, "--sharing", "some"), "sharing")
    refused(
        ictd(url, "listing", "submit", str(lid), "--as", "analyst@bbb.example", "--sharing", "all"),
        "does not exist",
    )
    shared = ["--sharing", "named", "--shared-with", "BBB"]
    submitted = json.loads(ok(ictd(url, "listing", "submit", str(lid), *OWNER, *shared)))
    assert submitted["listing"]["status"] == "submitted"
    rid = str(submitted["review"]["id"])

    queue = ok(ictd(url, "compliance", "queue", *REVIEWER))
    assert queue.startswith(f"{rid}\tlisting {lid}\tAAA\tterrorist\tpublication\tnamed")
    assert "failed: evidence-summary" in queue
    refused(ictd(url, "compliance", "queue", *OWNER), "compliance reviewers")
    shown = json.loads(ok(ictd(url, "compliance", "show", rid, *REVIEWER)))
    assert shown["subject"]["caption"] == "Abu Example"

    refused(
        ictd(url, "compliance", "refuse", rid, *REVIEWER, "--neutrality", " ", "--reasons", ""),
        "neutrality",
        "reasons",
    )
    refused(
        ictd(url, "compliance", "approve", rid, *OWNER, "--neutrality", NEUTRALITY),
        "compliance reviewers",
    )
    refusal = ["--neutrality", NEUTRALITY, "--reasons", "No evidence summary."]
    decided = json.loads(ok(ictd(url, "compliance", "refuse", rid, *REVIEWER, *refusal)))
    assert decided["listing"]["status"] == "refused"
    seen = json.loads(ok(ictd(url, "listing", "reviews", str(lid), *OWNER)))  # the one review
    assert (seen["status"], seen["reasons"]) == ("refused", "No evidence summary.")
    again = json.loads(ok(ictd(url, "listing", "submit", str(lid), *OWNER)))
    rid = str(again["review"]["id"])
    approved = json.loads(
        ok(ictd(url, "compliance", "approve", rid, *REVIEWER, "--neutrality", NEUTRALITY))
    )
    assert approved["listing"]["status"] == "active"
    assert ok(ictd(url, "compliance", "queue", *REVIEWER)).strip() == (
        "no listings waiting for review"
    )
