"""Traveller facts for rules (``ictd.border.rules.facts``) from real-structure manifests."""

from __future__ import annotations

from datetime import date, datetime

from ictd.border import generate_flights, parse_interchange
from ictd.border.interchange import parse_paxlst, parse_pnrgov
from ictd.border.rules import compile_rule, facts_of
from ictd.border.rules.facts import MessageFacts
from tests.border.conftest import read_fixture


def test_facts_of_a_booking(pnrgov_text: str) -> None:
    (manifest,) = parse_pnrgov(pnrgov_text).interchange.manifests
    karim, leila, ayman = manifest.passengers
    facts = facts_of(karim, manifest, co_traveller_listed=True)
    assert (facts.origin_port, facts.origin_country) == ("FRA", "DE")
    assert (facts.destination_port, facts.destination_country) == ("BEY", "LB")
    assert facts.transit_port == ()  # JFK is a stay of a week, FRA the origin
    assert (facts.segments, facts.one_way, facts.travellers) == (3, True, 2)
    assert (facts.payment, facts.agency) == ("credit-card", "12345678")
    assert facts.days_booked_before_departure == 16
    assert facts.age == 46
    assert facts.document_expiry == date(2029, 1, 1)
    assert facts.document_days_valid == (date(2029, 1, 1) - date(2024, 5, 1)).days
    assert (facts.bags, facts.co_traveller_listed, facts.document_hit) == (2, True, False)
    rule = compile_rule(
        'destination.country == "LB" and co_traveller_listed and travellers > 1 '
        'and payment != "cash"'
    )
    assert rule.matches(facts)
    assert not rule.matches(facts_of(leila, manifest))
    late = compile_rule('days_booked_before_departure < 3 and payment == "cash" and age > 70')
    assert late.evaluate(facts_of(ayman, manifest)).matched


def test_facts_of_an_api_traveller(paxlst_text: str) -> None:
    (manifest,) = parse_paxlst(paxlst_text).interchange.manifests
    transit = facts_of(manifest.passengers[2], manifest)
    assert (transit.origin_port, transit.destination_port) == ("IST", "YUL")
    assert transit.transit_port == ("FRA", "JFK")
    assert transit.transit_country == ("DE", "US")
    assert transit.destination_country == "CA"
    assert transit.in_transit is True
    assert transit.payment is None and transit.one_way is None
    plain = facts_of(manifest.passengers[0], manifest)
    assert (plain.origin_port, plain.destination_port, plain.transit_port) == ("FRA", "JFK", ())
    rule = compile_rule('transit.country contains "US" and in_transit')
    assert rule.matches(transit) and not rule.matches(plain)


def test_facts_over_a_two_leg_flight() -> None:
    (manifest,) = parse_paxlst(read_fixture("paxlst_crew.edi")).interchange.manifests
    facts = facts_of(manifest.passengers[0], manifest)
    assert (facts.origin_port, facts.destination_port, facts.transit_port) == (
        "DXB",
        "JFK",
        ("MXP",),
    )
    assert facts.role == "crew"


def test_message_facts_equal_facts_of_every_traveller() -> None:
    """``MessageFacts`` works out what a message's travellers share once; each traveller's
    facts are those ``facts_of`` gives alone, over API lists and PNR pushes with bookings."""
    start = datetime(2026, 3, 1, 8, 0)
    texts = [read_fixture(n) for n in ("paxlst_crew.edi", "pnrgov_bookings.edi")]
    for flight in generate_flights(7, start, flights=3, passengers=60, crew=4):
        texts += [flight.passenger_list, flight.crew_list, flight.pnr_push]
    seen = 0
    for text in texts:
        for manifest in parse_interchange(text).interchange.manifests:
            shared = MessageFacts(manifest)
            for i, passenger in enumerate(manifest.passengers):
                flags = {
                    "document_hit": i % 2 == 0,
                    "co_traveller_listed": i % 3 == 0,
                    "co_traveller_document_hit": i % 5 == 0,
                }
                assert shared.of(passenger, **flags) == facts_of(passenger, manifest, **flags)
                seen += 1
    assert seen > 300
