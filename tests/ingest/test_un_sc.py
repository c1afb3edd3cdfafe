"""The UN SC consolidated list parser, on the real file and a real excerpt of it."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from ictd.exc import SourceError
from ictd.ingest import SourceBatch, parse_un_sc, read_un_sc
from ictd.ingest.batch import SourceRecord
from ictd.model.listing import Action, Handling, ListingStatus, Sharing
from ictd.model.schema import Schema


def _by_ref(batch: SourceBatch, reference: str) -> SourceRecord:
    found = [r for r in batch.records if r.listings[0].reference == reference]
    assert len(found) == 1
    return found[0]


def _values(record: SourceRecord, prop: str) -> list[str]:
    return record.subject.values(prop)


def _qualified(record: SourceRecord, prop: str) -> set[tuple[str, str | None]]:
    return {(s.value, s.qualifier) for s in record.subject.statements if s.prop == prop}


def test_counts(un_batch: SourceBatch) -> None:
    schemas = Counter(r.subject.schema for r in un_batch.records)
    assert schemas == {Schema.PERSON: 730, Schema.ORGANIZATION: 273}
    assert len({r.key for r in un_batch.records}) == 1003
    assert un_batch.source == "un-sc"
    assert un_batch.generated_at == "2026-02-27T00:00:09.554Z"
    assert len(un_batch.file_hash) == 64
    lists = Counter(
        e.removeprefix("un-sc-list:")
        for r in un_batch.records
        for e in r.subject.external_ids
        if e.startswith("un-sc-list:")
    )
    assert lists["Al-Qaida"] == 341
    assert lists["Taliban"] == 140


def test_every_record_is_complete(un_batch: SourceBatch) -> None:
    for record in un_batch.records:
        assert record.subject.first("name"), record.key
        assert record.subject.source == "un-sc"
        assert all(s.source == "un-sc" and s.agency is None for s in record.subject.statements)
        assert all(s.id is None and s.subject_id is None for s in record.subject.statements)
        (listing,) = record.listings
        assert listing.reference and listing.valid_from
        assert listing.status is ListingStatus.ACTIVE


def test_original_script_names_carry_their_language(un_batch: SourceBatch) -> None:
    scripts = [s for r in un_batch.records for s in r.subject.statements]
    original = [s for s in scripts if s.prop == "originalScriptName"]
    assert len(original) == 378
    assert Counter(s.lang for s in original)["ara"] > 300
    latin = [s.value for s in original if s.lang is None]
    assert latin == ["JAMAAH ANSHARUT DAULAH"]  # the one "original script" name in Latin
    assert {s.lang for s in original} == {"ara", "rus", None}


def test_al_qaida_entry_field_by_field(un_batch: SourceBatch) -> None:
    record = _by_ref(un_batch, "QDi.006")
    subject = record.subject
    assert record.key == "un-sc:111923"
    assert subject.external_ids == (
        "un-sc-dataid:111923",
        "un-sc-ref:QDi.006",
        "un-sc-list:Al-Qaida",
    )
    assert _values(record, "name") == ["AIMAN MUHAMMED RABI AL-ZAWAHIRI"]
    (original,) = [s for s in subject.statements if s.prop == "originalScriptName"]
    assert (original.value, original.lang) == ("أيمن محمد ربيع الظواهري", "ara")
    assert "Ayman Al-Zawahari" in _values(record, "alias")
    assert "Abdul Qader Abdul Aziz Abdul Moez Al Doctor" in _values(record, "alias")
    assert len(_values(record, "alias")) == 13
    assert _values(record, "weakAlias") == ["Abu Fatma", "Abu Mohammed"]
    assert _values(record, "title") == ["Doctor", "Dr."]
    assert _values(record, "nationality") == ["EG"]
    assert _values(record, "birthDate") == ["1951-06-19"]
    assert _values(record, "birthPlace") == ["Giza, Egypt"]
    assert _qualified(record, "passportNumber") == {("1084010", "EG"), ("19820215", None)}
    assert any("Leader of Al-Qaida (QDe.004)" in n for n in _values(record, "notes"))
    (listing,) = record.listings
    assert listing.category == "sanctioned"
    assert listing.actions == (Action.FREEZE_ASSETS, Action.REFUSE_ENTRY)
    assert listing.source == "un-sc" and listing.agency is None
    assert listing.legal_basis is not None and "Al-Qaida" in listing.legal_basis
    assert listing.valid_from == date(2001, 1, 25)
    assert (listing.sharing, listing.handling) == (Sharing.ALL, Handling.H0)
    assert (listing.reliability, listing.accuracy, listing.subject_id) == ("A", 2, 0)
    assert listing.notes == "UN list type: Al-Qaida; version 1; last updated 2025-03-11"


def test_approximate_birth_and_alias_details(un_batch: SourceBatch) -> None:
    record = _by_ref(un_batch, "QDi.250")
    assert _values(record, "birthDate") == ["1965-12-12", "1958"]
    assert _values(record, "birthPlace") == [
        "Algeria",
        "Deb-Deb, Amenas, Wilaya (province) of Illizi, Algeria",
    ]
    notes = _values(record, "notes")
    assert "Date of birth approximately 1958" in notes
    assert "Alias Abid Hammadou: previously listed as" in notes


def test_birth_date_between_two_years(un_batch: SourceBatch) -> None:
    record = _by_ref(un_batch, "CDi.030")
    assert _values(record, "birthDate") == ["1973/1974"]
    assert "Romeo" in _values(record, "weakAlias")
    assert "Alias Romeo: Call sign" in _values(record, "notes")
    assert _qualified(record, "address") == {("Belgium", "BE")}
    assert _values(record, "gender") == ["male"]


def test_refined_document_type_and_alias_birth_date(un_batch: SourceBatch) -> None:
    assert _qualified(_by_ref(un_batch, "QDi.012"), "otherId") == {("0094195", None)}
    record = _by_ref(un_batch, "KPi.016")
    assert _values(record, "birthDate") == ["1958-02-22", "1957-04-15"]
    assert _values(record, "position") == ["Tanchon Commercial Bank Representative in Syria"]


def test_prose_document_numbers_keep_the_wording(un_batch: SourceBatch) -> None:
    numbers = {s.value for r in un_batch.records for s in r.subject.statements}
    assert "D00000897" in numbers
    assert not any("passport no." in n for n in numbers if n.startswith("CAR"))
    notes = {n for r in un_batch.records for n in r.subject.values("notes")}
    assert any("as written: CAR diplomatic passport no. D00000897" in n for n in notes)


def test_entity(un_batch: SourceBatch) -> None:
    record = _by_ref(un_batch, "KPe.002")
    assert record.subject.schema is Schema.ORGANIZATION
    assert _values(record, "name") == ["KOREA RYONBONG GENERAL CORPORATION"]
    assert _values(record, "alias") == [
        "KOREA YONBONG GENERAL CORPORATION",
        "LYONGAKSAN GENERAL TRADING CORPORATION",
    ]
    assert "Formerly known as: LYONGAKSAN GENERAL TRADING CORPORATION" in _values(record, "notes")
    assert _qualified(record, "address") == {
        ("Pot’onggang District, Pyongyang, Democratic People's Republic of Korea", "KP"),
        (
            "Rakwon-dong, Pothonggang District, Pyongyang, Democratic People's Republic of Korea",
            "KP",
        ),
    }
    assert _values(record, "country") == ["KP"]
    assert record.listings[0].actions == (Action.FREEZE_ASSETS,)
    entity = _by_ref(un_batch, "QDe.002")
    assert _values(entity, "originalScriptName") == ["الاتحاد الاسلامي"]


def test_unknown_nationality_is_kept_as_a_note(un_batch: SourceBatch) -> None:
    notes = [n for r in un_batch.records for n in r.subject.values("notes")]
    assert "Nationality: former Soviet Union" in notes


def test_excerpt_parses_like_the_full_file(un_excerpt: bytes, un_batch: SourceBatch) -> None:
    excerpt = parse_un_sc(un_excerpt)
    assert len(excerpt.records) == 7
    for record in excerpt.records:
        assert record.digest == un_batch.get(record.key).digest  # type: ignore[union-attr]


def test_digest_changes_only_for_the_changed_entry(un_excerpt: bytes) -> None:
    before = {r.key: r.digest for r in parse_un_sc(un_excerpt).records}
    changed = un_excerpt.replace(b"<ALIAS_NAME>Abu Fatma<", b"<ALIAS_NAME>Abu Fatima<")
    after = {r.key: r.digest for r in parse_un_sc(changed).records}
    assert [k for k in before if before[k] != after[k]] == ["un-sc:111923"]


def test_read_from_path_and_missing_file(tmp_path: Path, un_excerpt: bytes) -> None:
    path = tmp_path / "list.xml"
    path.write_bytes(un_excerpt)
    assert len(read_un_sc(path).records) == 7
    with pytest.raises(SourceError, match="cannot read UN SC list"):
        read_un_sc(tmp_path / "missing.xml")


def test_malformed_xml_is_refused(un_excerpt: bytes) -> None:
    with pytest.raises(SourceError, match=r"not well-formed XML.*line"):
        parse_un_sc(un_excerpt[: len(un_excerpt) // 2])
    with pytest.raises(SourceError, match="root element is <LIST>"):
        parse_un_sc(b"<LIST/>")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            b"<DATE>1951-06-19</DATE>",
            b"<DATE>1951-02-30</DATE>",
            r"DATAID 111923 \(QDi\.006\), line \d+: INDIVIDUAL_DATE_OF_BIRTH/DATE: .*not a valid",
        ),
        (
            b"<YEAR>1958</YEAR>",
            b"<YEAR>19x8</YEAR>",
            r"DATAID 2816565 \(QDi\.250\).*INDIVIDUAL_DATE_OF_BIRTH/YEAR: '19x8' is not a date",
        ),
        (
            b"<LISTED_ON>2001-01-25</LISTED_ON>",
            b"<LISTED_ON>25/01/2001</LISTED_ON>",
            r"QDi\.006\).*LISTED_ON: '25/01/2001' is not a date",
        ),
        (b"<DATAID>111923</DATAID>", b"<DATAID>x1</DATAID>", r"DATAID x1.*DATAID: 'x1'"),
        (
            b"<QUALITY>Low</QUALITY>",
            b"<QUALITY>Medium</QUALITY>",
            r"INDIVIDUAL_ALIAS/QUALITY: unknown alias quality 'medium'",
        ),
        (
            b"<TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE>",
            b"<TYPE_OF_DATE>AROUND</TYPE_OF_DATE>",
            r"CDi\.030.*TYPE_OF_DATE: unknown type of date 'AROUND'",
        ),
        (
            b"<GENDER>Male</GENDER>",
            b"<GENDER>M</GENDER>",
            r"GENDER: 'M' is not one of",
        ),
        (
            b"<VERSIONNUM>1</VERSIONNUM>",
            b"<VERSIONNUM>1</VERSIONNUM><HAIR>dark</HAIR>",
            r"INDIVIDUAL/HAIR: unknown element",
        ),
    ],
)
def test_bad_entries_name_the_entry_and_field(
    un_excerpt: bytes, old: bytes, new: bytes, expected: str
) -> None:
    assert old in un_excerpt
    with pytest.raises(SourceError, match=expected) as caught:
        parse_un_sc(un_excerpt.replace(old, new, 1))
    assert caught.value.details["line"] is not None


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (b"<ENTITIES>", b"<VESSELS/><ENTITIES>", r"line \d+: unknown <VESSELS>"),
        (b"<INDIVIDUAL>", b"<ENTITY/><INDIVIDUAL>", r"line \d+: <ENTITY>"),
        (b"<DATAID>113457<", b"<DATAID>111923<", r"un-sc:111923 repeats the entry at line"),
        (b"<REFERENCE_NUMBER>QDi.006<", b"<REFERENCE_NUMBER><", r"REFERENCE_NUMBER: is missing"),
        (b"<UN_LIST_TYPE>DRC<", b"<UN_LIST_TYPE><", r"UN_LIST_TYPE: is missing"),
        (b"<LISTED_ON>2001-01-25<", b"<LISTED_ON><", r"LISTED_ON: is missing"),
        (b"<VERSIONNUM>1<", b"<VERSIONNUM>v2<", r"VERSIONNUM: 'v2' is not a number"),
        (
            b"<FIRST_NAME>BOSCO</FIRST_NAME>\n      <SECOND_NAME>TAGANDA</SECOND_NAME>",
            b"<FIRST_NAME/>",
            r"CDi\.030.*FIRST_NAME: the entry has no name",
        ),
    ],
)
def test_bad_structure_is_refused(un_excerpt: bytes, old: bytes, new: bytes, expected: str) -> None:
    assert old in un_excerpt
    with pytest.raises(SourceError, match=expected):
        parse_un_sc(un_excerpt.replace(old, new, 1))


def test_delisting_and_submitter_are_kept(un_excerpt: bytes) -> None:
    extra = b"<DELISTED_ON>2025-01-02</DELISTED_ON><SUBMITTED_BY>Someone</SUBMITTED_BY>"
    data = un_excerpt.replace(
        b"<LISTED_ON>2001-01-25</LISTED_ON>", b"<LISTED_ON>2001-01-25-05:00</LISTED_ON>" + extra, 1
    )
    record = parse_un_sc(data).get("un-sc:111923")
    assert record is not None
    (listing,) = record.listings
    assert (listing.valid_from, listing.valid_until) == (date(2001, 1, 25), date(2025, 1, 2))
    assert listing.status is ListingStatus.WITHDRAWN
    assert "Submitted by: Someone" in record.subject.values("notes")
