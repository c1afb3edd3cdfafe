"""Resolution pairs proposed after an import, once it has committed, on both databases."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from ictd.ingest import parse_un_sc
from ictd.ingest.sync import sync_batch
from ictd.model import Schema
from ictd.resolve import review_queue, xref, xref_after_import
from ictd.security.actor import Actor
from ictd.security.audit import AuditEvent
from ictd.store import Store
from tests.graph.network import NOW, add_subject
from tests.world import World

SYSTEM = Actor.system("tests")
EXCERPT = Path(__file__).parent.parent / "fixtures" / "sources" / "un-sc-excerpt.xml"


def own_zawahiri(store: Store) -> int:
    """AAA's own record of the man the UN lists as QDi.006."""
    with store.begin() as session:
        return add_subject(
            session,
            Schema.PERSON,
            "Ayman Muhammad Rabi al-Zawahiri",
            "AAA",
            birthDate="1951-06-19",
            nationality="EG",
        )


def renamed_zawahiri(data: bytes) -> bytes:
    """The excerpt with every name of QDi.006 changed to one that matches nobody."""
    start = data.index(b"<DATAID>111923</DATAID>")
    end = data.index(b"</INDIVIDUAL>", start)
    names = {
        b"FIRST_NAME": b"TORBJORN",
        b"SECOND_NAME": b"",
        b"THIRD_NAME": b"",
        b"FOURTH_NAME": b"LINDQVIST",
        b"NAME_ORIGINAL_SCRIPT": b"",
        b"ALIAS_NAME": b"Lindqvist Torbjorn",
    }
    tags = b"|".join(names)
    block = re.sub(
        rb"<(" + tags + rb")>[^<]*</\1>",
        lambda m: b"<%s>%s</%s>" % (m[1], names[m[1]], m[1]),
        data[start:end],
    )
    return data[:start] + block + data[end:]


def un_id(store: Store, key: str = "un-sc-ref:QDi.006") -> int:
    with store.read() as session:
        (found,) = session.subjects.find_by_external_id(key)
    return found


def queue(store: Store) -> set[tuple[int, int]]:
    items, _ = review_queue(store, SYSTEM, limit=100)
    return {(i["subjects"][0]["id"], i["subjects"][1]["id"]) for i in items}


def actions(store: Store) -> list[tuple[str, dict[str, object]]]:
    with store.read() as session:
        return [(e.action, e.detail) for e in session.audit.events()]


@contextmanager
def proposals_table_gone(store: Store) -> Iterator[None]:
    """The database loses the proposals table for a while: every xref fails in the store."""
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE xref_proposals RENAME TO xref_proposals_away")
    try:
        yield
    finally:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE xref_proposals_away RENAME TO xref_proposals")


def test_an_import_proposes_pairs_for_the_subjects_it_added(world: World) -> None:
    store = world.store
    mine = own_zawahiri(store)
    report = sync_batch(store, SYSTEM, parse_un_sc(EXCERPT.read_bytes()), NOW)
    assert len(report.subject_ids) == 7 and mine not in report.subject_ids
    assert queue(store) == set()  # the import itself proposes nothing
    after = xref_after_import(store, SYSTEM, report.source, report.subject_ids, now=NOW)
    assert after.error is None and after.report is not None
    assert after.subjects == 7 and after.report.subjects == 7
    assert (mine, un_id(store)) in queue(store)
    assert after.report.proposals == len(queue(store))
    runs = [d for a, d in actions(store) if a == "xref.run"]
    assert runs == [
        {
            "subjects": 7,
            "proposals": after.report.proposals,
            "threshold": runs[0]["threshold"],
            "trigger": "import:un-sc",
        }
    ]


def test_an_unchanged_import_runs_no_xref(world: World) -> None:
    store = world.store
    batch = parse_un_sc(EXCERPT.read_bytes())
    sync_batch(store, SYSTEM, batch, NOW)
    again = sync_batch(store, SYSTEM, batch, NOW + timedelta(days=1))
    assert again.subject_ids == [] and again.unchanged == 7
    after = xref_after_import(store, SYSTEM, again.source, again.subject_ids)
    assert (after.subjects, after.error) == (0, None)
    assert after.to_dict() == {"subjects": 0, "proposals": 0, "dropped": 0, "seconds": 0.0}
    assert "xref.run" not in [a for a, _ in actions(store)]


def test_a_changed_entry_is_proposed_again_and_its_stale_pair_dropped(world: World) -> None:
    store = world.store
    mine = own_zawahiri(store)
    first = sync_batch(store, SYSTEM, parse_un_sc(EXCERPT.read_bytes()), NOW)
    xref_after_import(store, SYSTEM, first.source, first.subject_ids, now=NOW)
    listed = un_id(store)
    assert (mine, listed) in queue(store)
    renamed = parse_un_sc(renamed_zawahiri(EXCERPT.read_bytes()))
    changed = sync_batch(store, SYSTEM, renamed, NOW + timedelta(days=1))
    assert changed.subject_ids == [listed] and changed.changed == ["QDi.006"]
    after = xref_after_import(
        store, SYSTEM, changed.source, changed.subject_ids, now=NOW + timedelta(days=1)
    )
    assert after.report is not None and after.report.subjects == 1
    assert after.report.dropped == 1
    assert (mine, listed) not in queue(store)


def test_a_failed_xref_keeps_the_import_and_is_audited(world: World) -> None:
    store = world.store
    mine = own_zawahiri(store)
    report = sync_batch(store, SYSTEM, parse_un_sc(EXCERPT.read_bytes()), NOW)
    with proposals_table_gone(store):
        after = xref_after_import(store, SYSTEM, report.source, report.subject_ids, now=NOW)
    assert after.report is None and after.error
    assert after.to_dict() == {"subjects": 7, "error": after.error}
    with store.read() as session:
        assert len(session.subjects.list_ids(None, 0, 100)) == 8  # the import stands
        state = session.sources.get("un-sc")
    assert state is not None and state.last_error is None and state.counts["added"] == 7
    failed = [(e.targets, e.detail) for e in _events(store) if e.action == "xref.failed"]
    assert failed == [(("source:un-sc",), {"subjects": 7, "error": after.error})]
    assert "xref.run" not in [a for a, _ in actions(store)]
    xref(store, SYSTEM)  # a full run catches up
    assert (mine, un_id(store)) in queue(store)


def _events(store: Store) -> list[AuditEvent]:
    with store.read() as session:
        return list(session.audit.events())
