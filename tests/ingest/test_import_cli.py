"""`ictd import un-sc|ftm` and `ictd export ftm` through CliRunner, on both databases."""

from __future__ import annotations

import gc
import json
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from ictd.cli import app
from ictd.registry.subjects import StatementInput, create_subject
from ictd.store import Store
from tests.ingest.conftest import SOURCES
from tests.world import World

EXCERPT = SOURCES / "un-sc-excerpt.xml"
FTM_SAMPLE = SOURCES / "ftm-sample.jsonl"


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str


def ictd(url: str, *args: str) -> Run:
    """Run ``ictd --database-url URL ARGS``; the store the CLI leaves open is collected here."""
    result = CliRunner().invoke(app, ["--database-url", url, *args], catch_exceptions=False)
    run = Run(result.exit_code, result.stdout, result.stderr)
    del result
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    return run


def ok(run: Run) -> str:
    assert run.exit_code == 0, (run.stdout, run.stderr)
    return run.stdout


def failed(run: Run, *words: str) -> None:
    assert run.exit_code == 1, (run.stdout, run.stderr)
    assert run.stderr.startswith("error:") and "Traceback" not in run.stdout + run.stderr
    for word in words:
        assert word in run.stderr, (word, run.stderr)


def test_import_un_sc_prints_the_delta(store: Store) -> None:
    out = ok(ictd(store.url, "import", "un-sc", str(EXCERPT)))
    assert out.startswith("un-sc: 7 added, 0 changed, 0 removed, 0 unchanged")
    assert "  added: CDi.030, KPi.016, QDi.006" in out
    again = ok(ictd(store.url, "import", "un-sc", str(EXCERPT)))
    assert again.startswith("un-sc: 0 added, 0 changed, 0 removed, 7 unchanged")


def test_import_un_sc_json_report(store: Store) -> None:
    report = json.loads(ok(ictd(store.url, "import", "un-sc", str(EXCERPT), "--json")))
    assert report["source"] == "un-sc" and len(report["file_hash"]) == 64
    assert report["counts"]["added"] == 7 and len(report["added"]) == 7
    assert report["changed"] == [] and report["removed"] == []


def test_import_errors_are_clean_and_remembered(store: Store, tmp_path: Path) -> None:
    ok(ictd(store.url, "import", "un-sc", str(EXCERPT)))
    failed(ictd(store.url, "import", "un-sc", str(tmp_path / "missing.xml")), "cannot read")
    bad = tmp_path / "bad.xml"
    bad.write_bytes(EXCERPT.read_bytes()[:2000])
    failed(ictd(store.url, "import", "un-sc", str(bad)), "not well-formed")
    with store.read() as session:
        state = session.sources.get("un-sc")
        assert len(session.subjects.list_ids(None, 0, 100)) == 7
    assert state is not None and state.counts["added"] == 7
    assert state.last_error is not None and "not well-formed" in state.last_error
    not_utf8 = tmp_path / "latin1.jsonl"
    not_utf8.write_bytes(
        '{"id": "x", "schema": "Person", "properties": {"name": ["Jos\xe9"]}}'.encode("latin-1")
    )
    failed(ictd(store.url, "import", "ftm", str(not_utf8)), "UTF-8")
    failed(ictd(store.url, "import", "ftm", str(tmp_path / "nope.jsonl")), "cannot read")


def test_import_ftm(store: Store) -> None:
    out = ok(ictd(store.url, "import", "ftm", str(FTM_SAMPLE), "--dataset", "sample"))
    assert out.startswith("sample: 9 added, 0 changed, 0 removed, 0 unchanged")
    with store.read() as session:
        ids = session.subjects.list_ids(None, 0, 100)
        assert len(ids) == 9 and len(session.relations.of_subjects(ids)) == 9
        assert session.subjects.find_by_external_id("ftm:co-silkroad")


def test_import_ftm_reports_the_relations_it_skipped(store: Store, tmp_path: Path) -> None:
    file = tmp_path / "family.jsonl"
    entities = [
        {"id": "p1", "schema": "Person", "properties": {"name": ["Ali Hassan"]}},
        {"id": "c1", "schema": "Company", "properties": {"name": ["Hassan Trading LLC"]}},
        {"id": "f1", "schema": "Family", "properties": {"person": ["p1"], "relative": ["c1"]}},
    ]
    file.write_text("".join(json.dumps(e) + "\n" for e in entities), encoding="utf-8")
    out = ok(ictd(store.url, "import", "ftm", str(file), "--dataset", "d", "--no-xref"))
    assert out.startswith("d: 2 added, 0 changed, 0 removed, 0 unchanged")
    assert "  warning: FtM entity 'f1', line 3: p1 → c1 skipped: family runs from a Person" in out
    with store.read() as session:
        ids = session.subjects.list_ids(None, 0, 100)
        assert len(ids) == 2 and session.relations.of_subjects(ids) == []
        state = session.sources.get("d")
    assert state is not None and state.counts["warnings"] == 1
    report = json.loads(ok(ictd(store.url, "import", "ftm", str(file), "--dataset", "d", "--json")))
    assert report["counts"]["warnings"] == 1
    assert [w.split(":")[0] for w in report["warnings"]] == ["FtM entity 'f1', line 3"]


def _names(lines: str) -> set[str]:
    entities = [json.loads(line) for line in lines.splitlines() if line]
    return {n for e in entities for n in e["properties"].get("name", [])}


def test_export_ftm_shows_what_the_user_may_see(world: World) -> None:
    store = world.store
    ok(ictd(store.url, "import", "un-sc", str(EXCERPT)))
    for agency in ("AAA", "BBB"):
        name = StatementInput("name", f"Own subject of {agency}")
        create_subject(store, world.actor(agency, "analyst"), "Person", [name])
    lines = ok(ictd(store.url, "export", "ftm", "--as", "analyst@aaa.example"))
    names = _names(lines)
    assert "Own subject of AAA" in names and "Own subject of BBB" not in names
    assert len([n for n in names if not n.startswith("Own subject")]) == 7
    everything = _names(ok(ictd(store.url, "export", "ftm")))
    assert names | {"Own subject of BBB"} == everything


def _contents(store: Store) -> tuple[Any, ...]:
    """Subjects, statements, listings and relations, by FtM id, without store ids or dates."""
    with store.read() as session:
        ids = session.subjects.list_ids(None, 0, 1000)
        subjects = session.subjects.get_many(ids)
        fid = {s.id: next(x for x in s.external_ids if x.startswith("ftm:")) for s in subjects}
        facts = {
            fid[s.id]: (
                s.schema,
                sorted((t.prop, t.value, t.qualifier, t.lang, t.source) for t in s.active),
            )
            for s in subjects
        }
        listings = sorted(
            (fid[x.subject_id], x.reference, x.category, x.actions, x.valid_from, x.status)
            for x in session.listings.of_subjects(ids)
        )
        relations = sorted(
            (fid[r.source_id], fid[r.target_id], r.type, r.start_date, r.share, r.amount, r.notes)
            for r in session.relations.of_subjects(ids)
        )
    return facts, listings, relations


def test_import_export_import_round_trip(store: Store, tmp_path: Path) -> None:
    ok(ictd(store.url, "import", "ftm", str(FTM_SAMPLE)))
    first = _contents(store)
    assert (len(first[0]), len(first[1]), len(first[2])) == (9, 1, 9)
    exported = tmp_path / "export.jsonl"
    ok(ictd(store.url, "export", "ftm", "-o", str(exported)))
    store.truncate_all()
    out = ok(ictd(store.url, "import", "ftm", str(exported)))
    assert out.startswith("ftm: 9 added")
    assert _contents(store) == first


def _own_zawahiri(world: World) -> int:
    """AAA's own record of the man the UN lists as QDi.006."""
    facts = [
        StatementInput("name", "Ayman Muhammad Rabi al-Zawahiri"),
        StatementInput("birthDate", "1951-06-19"),
        StatementInput("nationality", "EG"),
    ]
    record = create_subject(world.store, world.actor("AAA", "analyst"), "Person", facts)
    assert record.subject.id is not None
    return record.subject.id


def _proposed(store: Store) -> set[tuple[int, int]]:
    with store.read() as session:
        return {(r.subject_a, r.subject_b) for r in session.resolution.proposals_page(0, 100)}


def _un_id(store: Store) -> int:
    with store.read() as session:
        (found,) = session.subjects.find_by_external_id("un-sc-ref:QDi.006")
    return found


def test_import_proposes_resolution_pairs_after_it_commits(world: World) -> None:
    store = world.store
    mine = _own_zawahiri(world)
    out = ok(ictd(store.url, "import", "un-sc", str(EXCERPT)))
    found = _proposed(store)
    assert (mine, _un_id(store)) in found
    line = [x for x in out.splitlines() if x.startswith("  xref: ")]
    assert line and line[0].startswith(f"  xref: {len(found)} resolution proposal")
    assert "for 7 added or changed subjects" in line[0]
    again = ok(ictd(store.url, "import", "un-sc", str(EXCERPT), "--json"))
    assert json.loads(again)["xref"] == {"subjects": 0, "proposals": 0, "dropped": 0, "seconds": 0}


def test_import_json_reports_the_xref(world: World) -> None:
    _own_zawahiri(world)
    report = json.loads(ok(ictd(world.store.url, "import", "un-sc", str(EXCERPT), "--json")))
    assert report["xref"]["subjects"] == 7
    assert report["xref"]["proposals"] == len(_proposed(world.store)) >= 1


def test_import_without_xref_proposes_nothing(world: World) -> None:
    _own_zawahiri(world)
    out = ok(ictd(world.store.url, "import", "un-sc", str(EXCERPT), "--no-xref"))
    assert "xref" not in out and _proposed(world.store) == set()
    ok(ictd(world.store.url, "xref"))  # the full run later finds the pair
    assert len(_proposed(world.store)) >= 1


def test_a_failed_xref_keeps_the_import(world: World) -> None:
    store = world.store
    mine = _own_zawahiri(world)
    with store.engine.begin() as conn:  # the store fails under the xref: no proposals table
        conn.exec_driver_sql("ALTER TABLE xref_proposals RENAME TO xref_proposals_away")
    try:
        run = ictd(store.url, "import", "un-sc", str(EXCERPT))
    finally:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE xref_proposals_away RENAME TO xref_proposals")
    assert run.exit_code == 0, (run.stdout, run.stderr)
    assert run.stdout.startswith("un-sc: 7 added") and "  xref:" not in run.stdout
    assert run.stderr.startswith("warning: the import is kept, but proposing resolution pairs")
    assert "7 added or changed subjects failed" in run.stderr and "ictd xref" in run.stderr
    with store.read() as session:
        assert len(session.subjects.list_ids(None, 0, 100)) == 8
        state = session.sources.get("un-sc")
        failed = [e for e in session.audit.events() if e.action == "xref.failed"]
    assert state is not None and state.last_error is None
    assert [e.targets for e in failed] == [("source:un-sc",)]
    ok(ictd(store.url, "xref"))
    assert (mine, _un_id(store)) in _proposed(store)
