"""Loading a generated set into a store: subjects owned by the demo agencies, with their
listings and relations, in batches of ``BATCH`` subjects per transaction (``ictd demo``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from ictd.demo.generator import generate
from ictd.demo.synthetic import SyntheticRelation, SyntheticSubject
from ictd.security.actor import Actor
from ictd.store import Store

__all__ = ["load_synthetic"]

BATCH = 500


def load_synthetic(
    store: Store,
    system: Actor,
    size: int,
    seed: int,
    agencies: tuple[str, ...],
    progress: Callable[[int], object] | None = None,
) -> tuple[int, int]:
    """Insert ``size`` generated subjects owned by ``agencies``; return (subjects, relations).
    ``progress`` is called with the number of subjects of each batch written."""
    ids: dict[str, int] = {}
    owners: dict[str, str] = {}
    pending: list[SyntheticRelation] = []
    now = datetime.now(UTC)
    chunk: list[SyntheticSubject] = []
    for item in generate(size, seed, agencies=agencies):
        chunk.append(item)
        if len(chunk) == BATCH:
            _insert(store, chunk, ids, owners, agencies, now)
            if progress:
                progress(len(chunk))
            chunk = []
        pending.extend(item.relations)
    _insert(store, chunk, ids, owners, agencies, now)
    if progress:
        progress(len(chunk))
    with store.begin() as session:
        for rel in pending:
            owner = owners[rel.source]
            session.relations.insert(
                rel.to_relation(ids).copy_with(source=None, agency=owner, created_at=now)
            )
        session.audit.record(
            system, "demo.load", [], subjects=len(ids), relations=len(pending), seed=seed
        )
    return len(ids), len(pending)


def _insert(
    store: Store,
    chunk: list[SyntheticSubject],
    ids: dict[str, int],
    owners: dict[str, str],
    codes: tuple[str, ...],
    now: datetime,
) -> None:
    with store.begin() as session:
        for n, item in enumerate(chunk):
            owner = item.listings[0].agency if item.listings else codes[n % len(codes)]
            stmts = tuple(
                s.copy_with(source=None, agency=owner, first_seen=now, last_seen=now)
                for s in item.subject.statements
            )
            subject = item.subject.copy_with(
                source=None, agency=owner, statements=stmts, external_ids=(f"demo:{item.key}",)
            )
            subject_id = session.subjects.insert(subject, now)
            ids[item.key] = subject_id
            owners[item.key] = owner
            for listing in item.listings:
                session.listings.insert(
                    listing.to_listing(subject_id).copy_with(created_at=now, updated_at=now)
                )
