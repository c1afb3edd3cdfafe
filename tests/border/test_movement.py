"""Travellers as movement reports (``ictd.border.movement``), accepted by the alert pipeline."""

from __future__ import annotations

from datetime import UTC, datetime

from ictd.alerts.movement import MovementInput, parse_movements
from ictd.border.interchange import parse_paxlst, parse_pnrgov
from ictd.border.movement import movement_fields, movement_key

NOW = datetime(2024, 5, 2, tzinfo=UTC)


def test_api_entry_exit_and_transit(paxlst_text: str) -> None:
    interchange = parse_paxlst(paxlst_text).interchange
    (manifest,) = interchange.manifests
    first, _, transit, _ = manifest.passengers
    entry = movement_fields(interchange, manifest, first, state="US")
    assert entry == {
        "idempotency_key": "api:LHAPI:LH0501001:1:1",
        "kind": "border-entry",
        "time": "2024-05-01T18:30:00",
        "names": ["AYMAN AL ZAWAHIRI"],
        "country": "US",
        "point_of_entry": "JFK",
        "carrier": "LH",
        "flight": "LH400",
        "document_type": "passport",
        "document_number": "A1234567",
        "document_country": "EG",
        "birth_date": "1951-06-19",
        "nationalities": ["EG"],
        "gender": "male",
    }
    exit_ = movement_fields(interchange, manifest, first, state="DE")
    assert (exit_["kind"], exit_["point_of_entry"], exit_["time"]) == (
        "border-exit", "FRA", "2024-05-01T15:30:00"
    )  # fmt: skip
    assert movement_fields(interchange, manifest, transit, state="US")["kind"] == "transit"


def test_booking(pnrgov_text: str) -> None:
    interchange = parse_pnrgov(pnrgov_text).interchange
    (manifest,) = interchange.manifests
    fields = movement_fields(interchange, manifest, manifest.passengers[1])
    assert fields["kind"] == "booking"
    assert fields["time"] == "2024-04-15T10:12:00"
    assert fields["idempotency_key"] == "pnr:LHPNR:LH0430P:P1:2"


def test_the_alert_pipeline_accepts_every_traveller(paxlst_text: str, pnrgov_text: str) -> None:
    inputs = []
    for outcome in (parse_paxlst(paxlst_text), parse_pnrgov(pnrgov_text)):
        interchange = outcome.interchange
        for manifest in interchange.manifests:
            for passenger in manifest.passengers:
                fields = movement_fields(interchange, manifest, passenger, state="US")
                inputs.append(MovementInput.from_dict(fields))
    parsed = parse_movements(inputs, NOW)
    assert len(parsed) == 7
    assert parsed[0].query.names == ("AYMAN AL ZAWAHIRI",)


def test_a_repeated_interchange_gives_the_same_keys(paxlst_text: str) -> None:
    def keys() -> list[str]:
        interchange = parse_paxlst(paxlst_text).interchange
        manifest = interchange.manifests[0]
        return [movement_key(interchange, manifest, p) for p in manifest.passengers]

    first = keys()
    assert first == keys()
    assert len(set(first)) == 4
