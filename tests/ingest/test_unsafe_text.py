"""Source files with text no database may hold: the importers strip control and
bidirectional characters (a warning per entry and field in the import report, never the
value), skip values with no visible letter, turn line breaks in names into spaces, and
refuse an FtM id holding such a character. The sync stores the cleaned text on both
databases."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from ictd.exc import SourceError
from ictd.ingest import parse_un_sc
from ictd.ingest.ftm import read_ftm
from ictd.ingest.sync import sync_batch
from ictd.security.actor import Actor
from ictd.store import Store

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def test_un_text_loses_c1_and_bidirectional_characters_with_a_warning(un_excerpt: bytes) -> None:
    changed = un_excerpt.replace(b"<FIRST_NAME>BOSCO", "<FIRST_NAME>BO\u202eS\u0085CO".encode())
    changed = changed.replace(b"Born in Rwanda", "Born in\u2067 Rwanda".encode(), 1)
    batch = parse_un_sc(changed)
    record = next(r for r in batch.records if r.listings[0].reference == "CDi.030")
    assert str(record.subject.first("name")).startswith("BOSCO")
    assert any(v.startswith("Born in Rwanda") for v in record.subject.values("notes"))
    assert len(batch.warnings) == 2
    assert batch.warnings[0] == "UN SC list, line 7: <FIRST_NAME>: removed U+0085, U+202E"
    assert "<COMMENTS1>: removed U+2067" in batch.warnings[1]
    assert "BOSCO" not in " ".join(batch.warnings)  # the report never holds the value


def test_un_text_with_a_c0_character_is_not_xml(un_excerpt: bytes) -> None:
    with pytest.raises(SourceError, match="not well-formed"):
        parse_un_sc(un_excerpt.replace(b"<FIRST_NAME>BOSCO", b"<FIRST_NAME>BO&#1;SCO"))


def _ftm(**props: list[str]) -> list[str]:
    entity = {"id": "p-1", "schema": "Person", "properties": {"name": ["Rustam Karimov"], **props}}
    return [json.dumps(entity)]


def test_ftm_values_are_stripped_and_invisible_ones_skipped_with_warnings() -> None:
    batch = read_ftm(
        _ftm(
            alias=["Rus\x00tam\u202e K", "\u200b\u200c", "Rustam\nKarimow"],
            notes=["line one\nline two\x1b"],
        ),
        "test-set",
    )
    (record,) = batch.records
    assert sorted(record.subject.values("alias")) == ["Rustam K", "Rustam Karimow"]
    assert record.subject.values("notes") == ["line one line two"]
    assert list(batch.warnings) == [
        "FtM entity 'p-1', line 1: properties.alias: removed U+0000, U+202E",
        "FtM entity 'p-1', line 1: properties.notes: removed U+001B",
        "FtM entity 'p-1', line 1: properties.alias: skipped a value with no visible letter",
    ]


def test_an_ftm_id_with_a_control_character_is_refused() -> None:
    line = json.dumps({"id": "p\u202e-1", "schema": "Person", "properties": {"name": ["A B"]}})
    with pytest.raises(SourceError, match="U\\+202E"):
        read_ftm([line], "test-set")


def test_the_sync_stores_cleaned_text_and_reports_the_warnings(store: Store) -> None:
    batch = read_ftm(_ftm(alias=["Abu\x00 Yusuf\u2066"]), "test-set")
    report = sync_batch(store, Actor.system("tests"), batch, NOW)
    assert report.warnings == list(batch.warnings)
    assert report.to_dict()["warnings"] == list(batch.warnings)
    with store.begin() as session:
        (subject,) = session.subjects.get_many(report.subject_ids)
    assert subject.values("alias") == ["Abu Yusuf"]
