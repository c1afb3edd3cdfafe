"""The console and withheld hits: a screener outside the sharing scope sees the hit, the
action and how to reach the owner, never a score, an explanation or the subject; the owner
finds its listing from the reference a partner quoted."""

from __future__ import annotations

import re

from tests.web.conftest import Console
from tests.web.records import make_records
from tests.world import World


def test_a_withheld_hit_shows_no_score_explanation_or_subject(  # type: ignore[no-untyped-def]
    signed_in, world: World
) -> None:
    records = make_records(world, sharing="own")
    console: Console = signed_in("BBB", "screener")
    page = console.post("/screen", {"names": "Abu Bakr al-Baghdadi", "birth_date": "1971"})
    assert page.status_code == 200
    assert 'data-withheld="true"' in page.text and "HIT" in page.text
    assert "arrest" in page.text and "Agency AAA" in page.text
    assert re.search(r"LREF-[0-9A-F]{20}", page.text)
    assert "<meter" not in page.text and "Why this score" not in page.text
    assert f'data-subject="{records.person}"' not in page.text
    assert f"/subjects/{records.person}" not in page.text
    assert "Record a decision" not in page.text


def test_the_owner_finds_its_listing_by_the_quoted_reference(  # type: ignore[no-untyped-def]
    signed_in, world: World
) -> None:
    records = make_records(world, sharing="own")
    with world.store.read() as session:
        listing = session.listings.get(records.listing)
    assert listing is not None and listing.contact_ref
    owner: Console = signed_in("AAA", "analyst")
    subject_page = owner.get(f"/subjects/{records.person}")
    assert listing.contact_ref in subject_page.text
    found = owner.get(
        "/listings/by-reference", params={"ref": listing.contact_ref}, follow_redirects=False
    )
    assert found.status_code == 303
    assert found.headers["location"] == f"/subjects/{records.person}"
    partner: Console = signed_in("BBB", "analyst")
    theirs = partner.get("/listings/by-reference", params={"ref": listing.contact_ref})
    fake = "LREF-00000000000000000000"
    unknown = partner.get("/listings/by-reference", params={"ref": fake})
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.text.replace(listing.contact_ref, "R") == unknown.text.replace(fake, "R")
