"""The benchmark's bulk load goes through the product's schema, on both databases: the same
tables, indexes and foreign keys, rows read back as the product wrote them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ictd.bench.graph import (
    NOW,
    RELATION_COLUMNS,
    TABLES,
    bench_graph,
    build_graph,
    format_graph_table,
)
from ictd.exc import Conflict
from ictd.graph import exposure
from ictd.model import Role, Schema, relation_misfit
from ictd.security.actor import Actor
from ictd.store import Store
from tests.graph.network import add_subject


def test_the_bulk_load_keeps_the_schema_and_reads_back(store: Store) -> None:
    with store.read() as session:
        before = session.bulk.index_ddl(TABLES)
    names = {name for _table, name, _ddl in before}
    assert {"ix_relations_source_id", "ix_relations_target_id", "ix_statements_prop_norm"} <= names
    if store.dialect == "postgresql":
        assert "fk:fk_relations_source_id_subjects" in names
    load = build_graph(store, 300)
    assert load.relations == 1500
    with store.read() as session:
        assert session.bulk.index_ddl(TABLES) == before
        ids = session.subjects.list_ids(None, 0, 1000)
        assert ids == list(range(1, 301))
        subjects = {s.id: s for s in session.subjects.get_many([10, 100])}
        relations = session.relations.of_subjects([100])
        listings = session.listings.of_subjects([100])
    owned, listed = subjects[10], subjects[100]
    assert owned.agency == "AAA" and owned.schema is Schema.COMPANY
    facts = [(s.prop, s.value) for s in owned.active]
    assert facts == [("name", "Company 10"), ("phone", "+15550000000")]
    assert listed.created_at == NOW and listed.created_at.tzinfo is UTC
    assert listed.active[0].first_seen == NOW
    assert [(x.category, x.sharing, x.status.value) for x in listings] == [
        ("financier", "all", "active")
    ]
    assert relations and all(r.created_at == NOW for r in relations)
    analyst = Actor(name="t", agency="AAA", roles=frozenset({Role.ANALYST}))
    found = exposure(store, analyst, 100, 1, today=NOW.date())
    assert found["paths"][0]["hops"] == 0  # a listed subject is its own nearest listed one
    with store.begin() as session:  # ids go on after the loaded ones
        assert add_subject(session, Schema.PERSON, "After the load", "AAA") == 301


def test_the_bench_graph_holds_only_relations_that_fit_their_ends(store: Store) -> None:
    build_graph(store, 300)
    with store.read() as session:
        ids = session.subjects.list_ids(None, 0, 1000)
        schemas = {s.id: s.schema for s in session.subjects.get_many(ids)}
        relations = session.relations.of_subjects(ids)
    assert len(relations) == 1500
    misfits = [
        (r.type.value, schemas[r.source_id].value, schemas[r.target_id].value)
        for r in relations
        if relation_misfit(r.type, schemas[r.source_id], schemas[r.target_id]) is not None
    ]
    assert misfits == []
    assert len({r.type for r in relations}) == 7  # every kind the benchmark draws


def test_foreign_keys_hold_during_a_bulk_load(store: Store) -> None:
    with store.begin() as session:
        add_subject(session, Schema.PERSON, "Someone", source="bench")
    with store.read() as session:
        before = session.bulk.index_ddl(TABLES)
    dangling = [(1, 999, "owns", None, "bench", datetime(2026, 1, 1, tzinfo=UTC))]
    with pytest.raises(Conflict), store.begin() as session:
        deferred = session.bulk.defer_indexes(TABLES)
        session.bulk.load_rows("relations", RELATION_COLUMNS, dangling)
        session.bulk.restore_indexes(deferred)  # PostgreSQL checks the foreign keys here
    with store.read() as session:
        assert session.bulk.index_ddl(TABLES) == before  # rolled back: nothing dropped
        assert session.relations.of_subjects([1]) == []


def test_bench_graph_runs_on_the_store_backend(store: Store) -> None:
    url = store.url if store.dialect == "postgresql" else None
    result = bench_graph(300, queries=10, xref_size=100, database_url=url)
    assert (result.backend, result.subjects, result.relations) == (store.dialect, 300, 1500)
    assert list(result.timings) == [
        "neighbourhood, depth 2",
        "exposure, 3 hops",
        "walk 3 hops, set-based hops (relations only)",
        "walk 3 hops, recursive SQL (relations only)",
    ]
    assert all(0 < p50 <= p99 for p50, p99 in result.timings.values())
    assert result.peak_rss_mb > 0 and result.xref_subjects == 100
    table = format_graph_table(result, "ictd bench graph --size 300")
    assert table.startswith(f"`ictd bench graph --size 300` — {store.dialect}, 300 subjects")
    assert "| exposure, 3 hops |" in table
