"""FollowTheMoney import and export: the sample file, round trips and strict errors."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from ictd.exc import SourceError
from ictd.ingest import SourceBatch, read_ftm, write_ftm
from ictd.model.listing import Action, Listing, ListingStatus
from ictd.model.relation import Relation, RelationType
from ictd.model.schema import Schema
from ictd.model.subject import Subject


def _exported(batch: SourceBatch) -> list[str]:
    """Give the batch store-like ids, as the store would, and write it as FtM."""
    ids = {record.key: number for number, record in enumerate(batch.records, 1)}
    subjects = [r.subject.copy_with(id=ids[r.key]) for r in batch.records]
    listings = [
        listing.copy_with(subject_id=ids[r.key]) for r in batch.records for listing in r.listings
    ]
    relations = [
        link.relation.copy_with(source_id=ids[link.source_key], target_id=ids[link.target_key])
        for link in batch.relations
    ]
    return list(write_ftm(subjects, listings, relations))


def _relations(batch: SourceBatch) -> list[tuple[str, str, str]]:
    return sorted((r.source_key, r.target_key, repr(r.relation)) for r in batch.relations)


def _statements(batch: SourceBatch) -> dict[str, list[tuple[Any, ...]]]:
    return {
        r.key: sorted(
            (s.prop, s.value, s.norm, s.qualifier or "", s.lang or "") for s in r.subject.statements
        )
        for r in batch.records
    }


def _assert_same(first: SourceBatch, second: SourceBatch) -> None:
    assert _statements(second) == _statements(first)
    assert {r.key: r.subject.schema for r in second.records} == {
        r.key: r.subject.schema for r in first.records
    }
    assert {r.key: r.listings for r in second.records} == {r.key: r.listings for r in first.records}
    assert _relations(second) == _relations(first)
    assert {r.key: r.digest for r in second.records} == {r.key: r.digest for r in first.records}


def test_sample_subjects(ftm_lines: list[str]) -> None:
    batch = read_ftm(ftm_lines, "sample")
    assert batch.source == "sample" and batch.generated_at is None
    schemas = {r.key: r.subject.schema for r in batch.records}
    assert schemas == {
        "p-karimov": Schema.PERSON,
        "p-haddad": Schema.PERSON,
        "p-haddad-son": Schema.PERSON,
        "le-alnoor": Schema.ORGANIZATION,
        "co-silkroad": Schema.COMPANY,
        "co-caspian": Schema.COMPANY,
        "org-brigade": Schema.ORGANIZATION,
        "v-amal": Schema.VESSEL,
        "a-falcon": Schema.AIRCRAFT,
    }
    karimov = batch.get("p-karimov")
    assert karimov is not None
    subject = karimov.subject
    assert subject.external_ids == ("ftm:p-karimov",)
    assert subject.values("nationality") == ["UZ", "RU"]
    langs = {s.value: s.lang for s in subject.statements if s.prop == "alias"}
    assert langs == {"Рустам Каримов": "rus", "Rustam Karimow": None}
    qualified = {(s.prop, s.value, s.qualifier) for s in subject.statements}
    assert ("passportNumber", "FA1234567", "UZ") in qualified
    assert ("address", "12 Navoi Street, Namangan", "UZ") in qualified
    assert "religion: Islam" in subject.values("notes")
    assert not any("topics" in n or "example.org" in n for n in subject.values("notes"))
    son = batch.get("p-haddad-son")
    assert son is not None and son.subject.values("name") == ["Omar Haddad"]
    haddad = batch.get("p-haddad")
    assert haddad is not None
    assert {(s.value, s.qualifier) for s in haddad.subject.statements if s.prop == "idNumber"} == {
        ("010-4455667", "SY")
    }
    company = batch.get("co-silkroad")
    assert company is not None and company.subject.values("taxNumber") == ["7701234567"]


def test_sample_sanction(ftm_lines: list[str]) -> None:
    batch = read_ftm(ftm_lines, "sample")
    karimov = batch.get("p-karimov")
    assert karimov is not None
    (listing,) = karimov.listings
    assert listing.reference == "CT-2019-044"
    assert listing.legal_basis == "Fictional Ministry of Finance: Counter-terrorism designations"
    assert listing.actions == (Action.FREEZE_ASSETS, Action.REFUSE_ENTRY)
    assert listing.valid_from is not None and listing.valid_from.isoformat() == "2019-10-01"
    assert listing.source == "sample" and listing.status is ListingStatus.ACTIVE
    assert listing.notes == "Financier of the Northern Brigade."
    assert sum(len(r.listings) for r in batch.records) == 1


def test_sample_relations(ftm_lines: list[str]) -> None:
    batch = read_ftm(ftm_lines, "sample")
    edges = {(r.source_key, r.target_key): r.relation for r in batch.relations}
    assert len(edges) == 9
    chain = [edges[("p-karimov", "co-silkroad")], edges[("co-silkroad", "co-caspian")]]
    assert [(r.type, r.share) for r in chain] == [
        (RelationType.OWNS, Decimal("75")),
        (RelationType.OWNS, Decimal("100")),
    ]
    assert chain[1].notes == "ownershipType: direct"
    payment = edges[("co-caspian", "le-alnoor")]
    assert (payment.type, payment.amount, payment.currency) == (
        RelationType.PAID,
        Decimal("250000.00"),
        "USD",
    )
    assert payment.start_date == "2021-06-15"
    assert edges[("p-karimov", "org-brigade")].type is RelationType.LEADER_OF
    assert edges[("p-haddad", "org-brigade")].type is RelationType.MEMBER_OF
    assert edges[("p-haddad", "co-caspian")].notes == "role: Managing director"
    assert edges[("p-haddad", "p-haddad-son")].type is RelationType.FAMILY
    assert edges[("co-caspian", "v-amal")].type is RelationType.UNKNOWN
    assert all(r.source == "sample" and r.source_id == 0 for r in edges.values())


def test_round_trip_of_the_sample(ftm_lines: list[str]) -> None:
    first = read_ftm(ftm_lines, "sample")
    second = read_ftm(_exported(first), "sample")
    _assert_same(first, second)


def test_round_trip_of_the_un_list(un_batch: SourceBatch) -> None:
    exported = _exported(un_batch)
    first = read_ftm(exported, "un-sc")
    assert len(first.records) == 1003
    second = read_ftm(_exported(first), "un-sc")
    _assert_same(first, second)
    record = first.get("ictd-1")
    assert record is not None
    original = un_batch.records[0].subject.statements
    assert {(s.value, s.qualifier) for s in record.subject.statements} >= {
        (s.value, s.qualifier) for s in original
    }


def test_export_keeps_ftm_ids_and_skips_what_is_not_exported() -> None:
    stmt = read_ftm(['{"id": "x1", "schema": "Person", "properties": {"name": ["A B"]}}'], "d")
    person = stmt.records[0].subject.copy_with(id=7)
    other = Subject(schema=Schema.COMPANY, id=8, statements=person.statements[:1])
    relation = Relation(source_id=7, target_id=99, type=RelationType.OWNS)
    listing = Listing(subject_id=99, category="sanctioned", actions=(Action.FREEZE_ASSETS,))
    lines = [json.loads(line) for line in write_ftm([person, other], [listing], [relation])]
    assert [(e["id"], e["schema"]) for e in lines] == [("x1", "Person"), ("ictd-8", "Company")]
    with pytest.raises(ValueError, match="needs an id"):
        list(write_ftm([Subject(schema=Schema.PERSON)]))


def test_fragments_of_one_entity_are_merged() -> None:
    lines = [
        '{"id": "p", "schema": "Person", "properties": {"name": ["Ali Hassan"]}}',
        "",
        '{"id": "p", "schema": "Person", "properties": {"birthDate": ["1980"]}}',
    ]
    (record,) = read_ftm(lines, "d").records
    assert record.subject.values("birthDate") == ["1980"]


def _line(schema: str, **props: list[str]) -> str:
    return json.dumps({"id": "e1", "schema": schema, "properties": props})


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{not json", r"FtM line 2: not valid JSON"),
        ('["a"]', r"FtM line 2: entity: must be a JSON object"),
        ('{"schema": "Person"}', r"FtM line 2: id: must be a non-empty string"),
        (_line("Pet", name=["Rex"]), r"'e1', line 2: schema: unknown or unsupported schema 'Pet'"),
        (_line("Person", name=["A"], shoeSize=["9"]), r"line 2: properties\.shoeSize: not a prop"),
        (_line("Person", name=["A"], birthDate=["1980-13-01"]), r"line 2: properties\.birthDate"),
        (_line("Person", name=["A"], nationality=["Syria"]), r"properties\.nationality: 'Syria'"),
        (_line("Person", name=["A"], email=["nobody"]), r"properties\.email: 'nobody' is not"),
        (_line("Person", alias=["A"]), r"line 2: properties\.name: the entity has no name"),
        (_line("Person", name="A"), r"line 2: properties\.name: must be a list of strings"),  # type: ignore[arg-type]
        (_line("Person", name=["A"], addressEntity=["nowhere"]), r"unknown Address 'nowhere'"),
        (_line("Sanction", entity=["ghost"]), r"line 2: properties\.entity: refers to unknown"),
        (_line("Sanction", entity=["p"], reason=["x"], colour=["red"]), r"properties\.colour"),
        (_line("Sanction", entity=["p"], startDate=["soon"]), r"properties\.startDate: 'soon'"),
        (_line("Ownership", owner=["p"], asset=["p"], percentage=["half"]), r"'half' is not a num"),
        (_line("Ownership", owner=["p"]), r"properties\.asset: is missing"),
        (_line("Payment", payer=["p"], beneficiary=["p"], date=["2021-02-30"]), r"\.date: day"),
        (_line("Passport", holder=["p"], number=["X1"], country=["xy"]), r"\.country: 'xy'"),
        (_line("Passport", holder=["p"], number=["--"]), r"'e1', line 2: properties\.number"),
        (_line("Address", full=["x"], country=["atlantis"]), r"properties\.country"),
    ],
)
def test_bad_input_names_line_and_field(line: str, expected: str) -> None:
    person = '{"id": "p", "schema": "Person", "properties": {"name": ["Ali Hassan"]}}'
    with pytest.raises(SourceError, match=expected):
        read_ftm([person, line], "d")


def test_known_non_iso_territories_are_notes() -> None:
    line = _line("Person", name=["Ivan Petrov"], nationality=["suhh"], country=["ru"])
    (record,) = read_ftm([line], "d").records
    assert record.subject.values("nationality") == []
    assert record.subject.values("notes") == ["nationality: suhh", "country: ru"]


def test_sanction_status_and_unknown_provisions() -> None:
    person = _line("Person", name=["Ali Hassan"]).replace('"e1"', '"p"')
    sanction = _line(
        "Sanction",
        entity=["p"],
        status=["Delisted"],
        provisions=["Arms embargo", "refuse-entry"],
        endDate=["2020"],
        unscId=["QDi.999"],
    )
    (record,) = read_ftm([person, sanction], "d").records
    (listing,) = record.listings
    assert listing.status is ListingStatus.WITHDRAWN
    assert listing.actions == (Action.REFUSE_ENTRY,)
    assert listing.notes == "provisions: Arms embargo"
    assert listing.reference == "QDi.999"
    assert listing.valid_until is not None and listing.valid_until.isoformat() == "2020-12-31"


def test_fragments_with_different_schemata_are_refused() -> None:
    lines = [_line("Person", name=["A B"]), _line("Company", name=["A B"])]
    with pytest.raises(SourceError, match=r"line 2: schema: Company differs from"):
        read_ftm(lines, "d")


def _entity(id: str, schema: str, **props: list[str]) -> str:
    return json.dumps({"id": id, "schema": schema, "properties": props})


def test_a_relation_between_kinds_its_type_does_not_link_is_skipped_with_a_warning() -> None:
    lines = [
        _entity("p1", "Person", name=["Ali Hassan"]),
        _entity("p2", "Person", name=["Omar Hassan"]),
        _entity("org", "Organization", name=["Northern Brigade"]),
        _entity("m1", "Membership", member=["p1"], organization=["p2"]),
        _entity("m2", "Membership", member=["p1"], organization=["org"]),
        _entity("o1", "Ownership", owner=["org"], asset=["p2"]),
    ]
    batch = read_ftm(lines, "d")
    assert [(r.source_key, r.target_key, r.relation.type) for r in batch.relations] == [
        ("p1", "org", RelationType.MEMBER_OF)
    ]
    assert batch.warnings == (
        "FtM entity 'm1', line 4: p1 → p2 skipped: member-of runs from a Person, Organization "
        "or Company to an Organization or Company; its target is a Person",
        "FtM entity 'o1', line 6: org → p2 skipped: owns runs from a Person, Organization or "
        "Company to a Company, Vessel or Aircraft; its target is a Person",
    )
    assert len(batch.records) == 3  # the subjects themselves are imported


def test_the_sample_relations_all_fit_their_types(ftm_lines: list[str]) -> None:
    assert read_ftm(ftm_lines, "sample").warnings == ()
