"""Subject pages, the relation graph data, the owner's access log, creating and editing."""

from __future__ import annotations

import re

from tests.web.conftest import Console
from tests.web.records import make_records
from tests.world import World


def test_subject_page_shows_provenance_listings_graph_and_access(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    records = make_records(world)
    partner: Console = signed_in("BBB", "analyst")
    assert partner.get(f"/subjects/{records.person}").status_code == 200
    owner: Console = signed_in("AAA", "analyst")
    page = owner.get(f"/subjects/{records.person}")
    assert page.status_code == 200
    assert "Name in original script" in page.text and "stated by AAA" in page.text
    assert "requested action: <strong>arrest</strong>" in page.text
    assert "2027-06-30" in page.text and "H2" in page.text
    assert 'id="graph"' in page.text and "cytoscape-3.35.0.min.js" in page.text
    assert "Who accessed this subject" in page.text
    assert "analyst@bbb.example" in page.text  # the partner's view is in the owner's log
    graph = owner.get(f"/subjects/{records.person}/graph.json").json()["elements"]
    nodes = {e["data"]["id"]: e["data"] for e in graph if "source" not in e["data"]}
    edges = [e["data"] for e in graph if "source" in e["data"]]
    assert nodes[str(records.person)]["listed"] and nodes[str(records.person)]["centre"]
    assert nodes[str(records.group)]["label"] == "Northern Front"
    assert edges[0]["label"] == "leader-of"


def test_partners_do_not_see_the_access_log(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    records = make_records(world)
    partner: Console = signed_in("BBB", "analyst")
    assert "Who accessed" not in partner.get(f"/subjects/{records.person}").text
    assert partner.get(f"/subjects/{records.person}/access").status_code == 403


def test_unshared_subjects_are_not_found(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    records = make_records(world, sharing="own")
    partner: Console = signed_in("BBB", "analyst")
    page = partner.get(f"/subjects/{records.person}")
    assert page.status_code == 404 and "Not found" in page.text
    assert partner.get(f"/subjects/{records.person}/graph.json").status_code == 404
    assert partner.get("/subjects/not-a-number").status_code == 404


def test_search_subjects(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    make_records(world)
    console: Console = signed_in("AAA", "screener")
    page = console.get("/subjects", params={"q": "البغدادي"})
    assert "Abu Bakr al-Baghdadi" in page.text


def test_create_subject_with_messages_next_to_fields(signed_in) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "analyst")
    form = console.get("/subjects/new")
    assert form.status_code == 200
    bad = console.post(
        "/subjects/new",
        {
            "schema": "Person",
            "prop_0": "name",
            "value_0": "Karim Haddad",
            "prop_3": "birthDate",
            "value_3": "yesterday",
        },
    )
    assert bad.status_code == 422
    row = re.search(r'name="value_3" value="yesterday"[^>]*>(.*?)</td>', bad.text, re.S)
    assert row and "field-error" in row.group(1)
    good = console.post(
        "/subjects/new",
        {
            "schema": "Person",
            "prop_0": "name",
            "value_0": "Karim Haddad",
            "prop_1": "originalScriptName",
            "value_1": "كريم حداد",
            "lang_1": "ara",
        },
        follow_redirects=False,
    )
    assert good.status_code == 303
    page = console.get(good.headers["location"])
    assert "كريم حداد" in page.text


def test_edit_statements_and_listings(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    records = make_records(world)
    console: Console = signed_in("AAA", "analyst")
    added = console.post(
        f"/subjects/{records.person}/statements", {"prop_0": "alias", "value_0": "Abu Dua"}
    )
    assert added.status_code == 200 and "Abu Dua" in added.text
    bad = console.post(
        f"/listings/{records.listing}/edit",
        {
            "category": "terrorist",
            "status": "active",
            "sharing": "named",
            "handling": "H2",
            "reliability": "B",
            "accuracy": "2",
            "actions": ["arrest"],
            "valid_from": "2026-02-01",
            "valid_until": "2026-01-01",
        },
    )
    assert bad.status_code == 422
    assert "name at least one agency" in bad.text and "is before valid_from" in bad.text
    new = console.post(
        f"/subjects/{records.group}/listings/new",
        {
            "category": "terrorist-organisation",
            "status": "active",
            "sharing": "all",
            "handling": "H1",
            "reliability": "A",
            "accuracy": "1",
            "actions": ["freeze-assets"],
        },
    )
    assert new.status_code == 200 and "freeze-assets" in new.text
    partner: Console = signed_in("BBB", "analyst")
    refused = partner.post(
        f"/subjects/{records.person}/statements", {"prop_0": "alias", "value_0": "X"}
    )
    assert refused.status_code == 403
