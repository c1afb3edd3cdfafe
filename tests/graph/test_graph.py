"""Graph queries on the synthetic financing network, on both databases, with sharing rules."""

from __future__ import annotations

import pytest

from ictd.exc import InvalidInput, NotFound
from ictd.graph import exposure, neighbourhood, who_is_exposed
from ictd.model import ListingStatus, RelationType, Sharing
from tests.graph.network import NOW, TODAY, build_network, list_subject
from tests.world import World


def path_names(result: dict[str, object], ids: dict[str, int]) -> list[list[str]]:
    names = {str(v): k for k, v in ids.items()}
    paths = result["paths"]
    assert isinstance(paths, list)
    return [[names[n["id"]] for n in p["nodes"]] for p in paths]


def test_front_companies_reach_the_listed_financier_through_two_layers(world: World) -> None:
    ids = build_network(world.store)
    analyst = world.actor("AAA", "analyst")
    found = exposure(world.store, analyst, ids["FRONT2"], depth=3, today=TODAY)
    assert path_names(found, ids) == [["FRONT2", "HOLD", "FIN"]]
    edges = found["paths"][0]["edges"]
    assert [(e["type"], e["share"], e["stated_by"]) for e in edges] == [
        ("owns", "51.0000", ["AAA"]),
        ("owns", "60.0000", ["AAA"]),
    ]
    assert found["paths"][0]["nodes"][-1]["listed"] is True
    assert found["paths"][0]["nodes"][-1]["listings"][0]["category"] == "financier"


def test_shared_phone_links_a_shell_to_the_front(world: World) -> None:
    ids = build_network(world.store)
    analyst = world.actor("AAA", "analyst")
    found = exposure(world.store, analyst, ids["SHELL"], depth=3, today=TODAY)
    assert path_names(found, ids) == [["SHELL", "FRONT1", "HOLD", "FIN"]]
    first = found["paths"][0]["edges"][0]
    assert first["type"] == "shared-phone"
    assert first["stated_by"] == ["AAA"]
    assert len(first["statements"]) == 2
    assert exposure(world.store, analyst, ids["SHELL"], depth=2, today=TODAY)["paths"] == []


def test_the_look_alike_company_is_not_exposed(world: World) -> None:
    ids = build_network(world.store)
    analyst = world.actor("AAA", "analyst")
    assert exposure(world.store, analyst, ids["LOOKALIKE"], depth=6, today=TODAY)["paths"] == []


def test_a_payment_chain_ends_at_the_listed_organisation(world: World) -> None:
    ids = build_network(world.store)
    analyst = world.actor("BBB", "analyst")
    found = exposure(world.store, analyst, ids["DONOR"], depth=3, today=TODAY)
    assert path_names(found, ids) == [["DONOR", "MID1", "MID2", "ORG"]]
    amounts = [(e["type"], e["amount"], e["currency"]) for e in found["paths"][0]["edges"]]
    assert amounts == [
        ("paid", "9000.00", "USD"),
        ("paid", "8500.00", "USD"),
        ("paid", "8000.00", "USD"),
    ]
    graph = found["graph"]
    assert {n["id"] for n in graph["nodes"]} == {
        str(ids[k]) for k in ("DONOR", "MID1", "MID2", "ORG")
    }
    assert len(graph["edges"]) == 3
    assert all(set(e) >= {"id", "source", "target", "type", "stated_by"} for e in graph["edges"])


def test_an_edge_stated_by_an_agency_sharing_nothing_is_not_seen(world: World) -> None:
    ids = build_network(world.store)
    aaa, bbb = world.actor("AAA", "analyst"), world.actor("BBB", "analyst")
    assert exposure(world.store, aaa, ids["UNPERSON"], today=TODAY)["paths"] == []
    assert neighbourhood(world.store, aaa, ids["UNPERSON"], today=TODAY)["edges"] == []
    seen = exposure(world.store, bbb, ids["UNPERSON"], today=TODAY)
    assert path_names(seen, ids) == [["UNPERSON", "UNGROUP"]]


def test_an_invisible_intermediate_hides_the_whole_path(world: World) -> None:
    ids = build_network(world.store)
    aaa = world.actor("AAA", "analyst")
    assert exposure(world.store, aaa, ids["CONTACT"], depth=4, today=TODAY)["paths"] == []
    around = neighbourhood(world.store, aaa, ids["CONTACT"], depth=3, today=TODAY)
    assert {n["id"] for n in around["nodes"]} == {str(ids["CONTACT"])}
    with world.store.begin() as session:  # BBB shares HIDDEN with every partner
        list_subject(
            session, ids["HIDDEN"], agency="BBB", sharing=Sharing.ALL, category="facilitator"
        )
    found = exposure(world.store, aaa, ids["CONTACT"], depth=4, today=TODAY)
    assert path_names(found, ids)[0] == ["CONTACT", "HIDDEN"]  # HIDDEN is now listed itself


def test_neighbourhood_to_depth_two(world: World) -> None:
    ids = build_network(world.store)
    aaa = world.actor("AAA", "analyst")
    around = neighbourhood(world.store, aaa, ids["HOLD"], depth=1, today=TODAY)
    got = {n["id"] for n in around["nodes"]}
    assert got == {str(ids[k]) for k in ("HOLD", "FIN", "FRONT1", "FRONT2")}
    wider = neighbourhood(world.store, aaa, ids["HOLD"], depth=2, today=TODAY)
    assert str(ids["SHELL"]) in {n["id"] for n in wider["nodes"]}
    assert {e["type"] for e in wider["edges"]} == {"owns", "shared-phone"}


def test_who_is_exposed_among_many(world: World) -> None:
    ids = build_network(world.store)
    aaa = world.actor("AAA", "analyst")
    names = ("FRONT1", "FRONT2", "SHELL", "LOOKALIKE", "DONOR")
    found = who_is_exposed(world.store, aaa, [ids[k] for k in names], depth=3, today=TODAY)
    # DONOR belongs to BBB and is not shared: left out as if it did not exist
    assert sorted(found["exposed"]) == sorted(ids[k] for k in ("FRONT1", "FRONT2", "SHELL"))


def test_retracted_relations_and_expired_listings_do_not_count(world: World) -> None:
    ids = build_network(world.store)
    aaa = world.actor("AAA", "analyst")
    assert exposure(world.store, aaa, ids["FRONT1"], today=TODAY)["paths"] != []
    with world.store.begin() as session:
        (listing,) = session.listings.of_subjects([ids["FIN"]])
        session.listings.update(listing.copy_with(status=ListingStatus.EXPIRED))
    assert exposure(world.store, aaa, ids["FRONT1"], today=TODAY)["paths"] == []
    with world.store.begin() as session:
        session.listings.update(listing)
        (owns,) = [
            r for r in session.relations.of_subjects([ids["FIN"]]) if r.type is RelationType.OWNS
        ]
        assert owns.id is not None
        session.relations.retract(owns.id, NOW)
    assert exposure(world.store, aaa, ids["FRONT1"], today=TODAY)["paths"] == []


def test_unreadable_start_and_bad_depth(world: World) -> None:
    ids = build_network(world.store)
    aaa = world.actor("AAA", "analyst")
    with pytest.raises(NotFound):
        exposure(world.store, aaa, ids["DONOR"], today=TODAY)
    with pytest.raises(InvalidInput):
        neighbourhood(world.store, aaa, ids["HOLD"], depth=9)
