"""The store sync of a parsed source (``sync_batch``) on both databases.

The UN tests import the real consolidated list, then modified copies of its bytes: one
entry removed (DATAID 6907993, CDi.001) and one changed (DATAID 6907994, CDi.002, its
nationality). The clock is passed in, so first/last seen and delisting dates are exact.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from ictd.exc import SourceError
from ictd.ingest import SourceBatch, parse_un_sc, read_ftm
from ictd.ingest.sync import record_import_error, sync_batch
from ictd.model import ListingStatus, Subject
from ictd.model.listing import Listing
from ictd.security.actor import Actor
from ictd.store import Store
from tests.ingest.conftest import UN_FILE
from tests.world import World

REMOVED, CHANGED = "6907993", "6907994"


def _without(data: bytes, dataid: str) -> bytes:
    """The list without the INDIVIDUAL entry ``dataid``."""
    pattern = rb"\s*<INDIVIDUAL>\s*<DATAID>" + dataid.encode() + rb"</DATAID>.*?</INDIVIDUAL>"
    edited, count = re.subn(pattern, b"", data, flags=re.S)
    assert count == 1
    return edited


def _rwandan(data: bytes) -> bytes:
    """The list with entry CHANGED's nationality changed from DR Congo to Rwanda."""
    start = data.index(b"<DATAID>" + CHANGED.encode())
    end = data.index(b"</INDIVIDUAL>", start)
    entry = re.sub(
        rb"(<NATIONALITY>\s*<VALUE>)Democratic Republic of the Congo(</VALUE>)",
        rb"\1Rwanda\2",
        data[start:end],
    )
    return data[:start] + entry + data[end:]


@pytest.fixture(scope="module")
def un_bytes() -> bytes:
    return UN_FILE.read_bytes()


@pytest.fixture(scope="module")
def modified_batch(un_bytes: bytes) -> SourceBatch:
    return parse_un_sc(_rwandan(_without(un_bytes, REMOVED)))


def _subject(store: Store, external_id: str) -> Subject:
    with store.read() as session:
        (subject_id,) = session.subjects.find_by_external_id(external_id)
        subject = session.subjects.get(subject_id)
    assert subject is not None
    return subject


def _listings(store: Store, external_id: str) -> list[Listing]:
    subject = _subject(store, external_id)
    assert subject.id is not None
    with store.read() as session:
        return session.listings.of_subjects([subject.id])


def _counts(store: Store) -> tuple[int, int, int]:
    """Subjects, active listings and active relations in the store."""
    with store.read() as session:
        ids = session.subjects.list_ids(None, 0, 100_000)
        active = session.listings.page(None, "active", 0, 100_000)
        relations = session.relations.of_subjects(ids)
    return len(ids), len(active), len(relations)


def test_first_import_of_the_un_list(
    store: Store, operator: Actor, un_batch: SourceBatch, now: datetime
) -> None:
    report = sync_batch(store, operator, un_batch, now)
    assert len(report.added) == 1003 and report.unchanged == 0
    assert not report.changed and not report.removed
    assert "CDi.001" in report.added
    assert _counts(store) == (1003, 1003, 506)  # relations from the narratives
    with store.read() as session:
        state = session.sources.get("un-sc")
    assert state is not None and state.last_error is None
    assert state.file_hash == un_batch.file_hash and state.last_import_at == now
    assert state.counts["added"] == 1003 and state.counts["records"] == 1003


def test_reimport_of_the_same_file_changes_nothing(
    store: Store, operator: Actor, un_batch: SourceBatch, now: datetime
) -> None:
    sync_batch(store, operator, un_batch, now)
    later = now + timedelta(days=1)
    report = sync_batch(store, operator, un_batch, later)
    assert report.counts()["unchanged"] == 1003
    assert not report.added and not report.changed and not report.removed
    subject = _subject(store, f"un-sc-dataid:{CHANGED}")
    assert subject.statements and all(s.is_active for s in subject.statements)
    assert {s.first_seen for s in subject.statements} == {now}
    assert {s.last_seen for s in subject.statements} == {later}
    assert _counts(store) == (1003, 1003, 506)  # relations from the narratives


def test_modified_copy_gives_the_delta_and_keeps_history(
    store: Store, operator: Actor, un_batch: SourceBatch, modified_batch: SourceBatch, now: datetime
) -> None:
    sync_batch(store, operator, un_batch, now)
    later = now + timedelta(days=3)
    report = sync_batch(store, operator, modified_batch, later)
    assert (report.added, report.changed, report.removed) == ([], ["CDi.002"], ["CDi.001"])
    assert report.unchanged == 1001
    # the removed entry: its listing ends on the import date; subject and statements stay
    (listing,) = _listings(store, f"un-sc-dataid:{REMOVED}")
    assert listing.status is ListingStatus.EXPIRED and listing.valid_until == later.date()
    removed = _subject(store, f"un-sc-dataid:{REMOVED}")
    assert removed.first("name") == "ERIC BADEGE"
    assert all(s.is_active for s in removed.statements)
    # the changed entry: the old nationality retracted, the new one added, history kept
    changed = _subject(store, f"un-sc-dataid:{CHANGED}")
    nationalities = {s.value: s for s in changed.statements if s.prop == "nationality"}
    assert nationalities["CD"].retracted_at == later
    assert nationalities["RW"].is_active and nationalities["RW"].first_seen == later
    assert changed.values("nationality") == ["RW"]
    (kept,) = [s for s in changed.statements if s.prop == "name"]
    assert kept.first_seen == now and kept.last_seen == later and kept.is_active
    assert _counts(store) == (1003, 1002, 506)
    # the same modified file again: nothing more changes
    again = sync_batch(store, operator, modified_batch, later + timedelta(days=1))
    assert again.counts()["unchanged"] == 1002 and not again.removed


def test_readded_entry_reactivates_its_listing(
    store: Store, operator: Actor, un_batch: SourceBatch, modified_batch: SourceBatch, now: datetime
) -> None:
    sync_batch(store, operator, un_batch, now)
    sync_batch(store, operator, modified_batch, now + timedelta(days=1))
    report = sync_batch(store, operator, un_batch, now + timedelta(days=2))
    assert report.added == ["CDi.001"] and report.changed == ["CDi.002"]
    (listing,) = _listings(store, f"un-sc-dataid:{REMOVED}")
    assert listing.status is ListingStatus.ACTIVE and listing.valid_until is None
    assert listing.valid_from == date(2012, 12, 31)
    assert _counts(store) == (1003, 1003, 506)  # relations from the narratives
    changed = _subject(store, f"un-sc-dataid:{CHANGED}")
    assert changed.values("nationality") == ["CD"]
    assert len([s for s in changed.statements if s.prop == "nationality"]) == 3


def test_malformed_file_keeps_the_data_and_reports_the_error(
    world: World, client: TestClient, un_batch: SourceBatch, un_bytes: bytes, now: datetime
) -> None:
    store, operator = world.store, Actor.system("tests")
    sync_batch(store, operator, un_batch, now)
    broken = un_bytes[: len(un_bytes) // 2]
    with pytest.raises(SourceError) as caught:
        parse_un_sc(broken)
    record_import_error(store, operator, "un-sc", caught.value.message, now + timedelta(hours=1))
    assert _counts(store) == (1003, 1003, 506)  # relations from the narratives
    response = client.get("/api/v1/sources", headers=world.auth("AAA", "analyst"))
    assert response.status_code == 200
    (source,) = response.json()["items"]
    assert source["name"] == "un-sc" and source["file_hash"] == un_batch.file_hash
    assert source["counts"]["added"] == 1003
    assert source["last_import_at"] == now.isoformat()
    assert "not well-formed XML" in source["last_error"]
    assert source["last_error_at"] == (now + timedelta(hours=1)).isoformat()


def test_ftm_sample_with_relations(
    store: Store, operator: Actor, ftm_lines: list[str], now: datetime
) -> None:
    batch = read_ftm(ftm_lines, "sample")
    report = sync_batch(store, operator, batch, now)
    assert len(report.added) == len(batch.records) == 9
    assert report.relations_added == len(batch.relations) == 9
    subjects, listings, relations = _counts(store)
    assert (subjects, listings, relations) == (9, 1, 9)
    (listing,) = _listings(store, "ftm:p-karimov")
    assert listing.reference == "CT-2019-044" and listing.source == "sample"
    # the file without one relation line: that relation is retracted, the rest stays
    fewer = [line for line in ftm_lines if '"id": "assoc-1"' not in line]
    report = sync_batch(store, operator, read_ftm(fewer, "sample"), now + timedelta(days=1))
    assert (report.relations_added, report.relations_retracted) == (0, 1)
    assert report.counts()["unchanged"] == 9
    assert _counts(store) == (9, 1, 8)
    karimov = _subject(store, "ftm:p-karimov")
    assert karimov.id is not None
    with store.read() as session:
        kept = session.relations.of_subjects([karimov.id], with_retracted=True)
    (retracted,) = [r for r in kept if r.retracted_at is not None]
    assert retracted.type.value == "associate"


def _snapshot(store: Store) -> tuple[object, ...]:
    with store.read() as session:
        ids = session.subjects.list_ids(None, 0, 100_000)
        subjects = session.subjects.get_many(ids)
        listings = session.listings.of_subjects(ids)
        return (subjects, listings, session.relations.of_subjects(ids), session.sources.all())


def test_an_import_applies_fully_or_not_at_all(
    store: Store, operator: Actor, ftm_lines: list[str], now: datetime
) -> None:
    batch = read_ftm(ftm_lines, "sample")
    sync_batch(store, operator, batch, now)
    before = _snapshot(store)
    later = now + timedelta(days=1)
    # a relation naming an entry not in the file fails after the new record "new" is written
    (haddad,) = [r for r in batch.records if r.key == "p-haddad"]
    renamed = replace(haddad.subject, statements=haddad.subject.statements[:1])
    edge = replace(batch.relations[0], target_key="gone")
    records = (*batch.records, replace(haddad, key="new", subject=renamed, digest="x"))
    bad = replace(batch, records=records, relations=(*batch.relations, edge))
    with pytest.raises(SourceError, match="gone"):
        sync_batch(store, operator, bad, later)
    assert _snapshot(store) == before
    # two records with the same key
    twice = replace(batch, records=(*batch.records, batch.records[0]))
    with pytest.raises(SourceError, match="appears twice"):
        sync_batch(store, operator, twice, later)
    assert _snapshot(store) == before


def test_synthetic_bench_entities_import(store: Store, operator: Actor, now: datetime) -> None:
    from ictd.bench import synthetic_ftm

    report = sync_batch(store, operator, read_ftm(synthetic_ftm(40), "bench"), now)
    assert len(report.added) == 32 and report.relations_added == 4
    assert _counts(store) == (32, 4, 4)
