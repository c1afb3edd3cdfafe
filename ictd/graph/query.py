"""Graph queries: neighbourhood, exposure (shortest paths to listed subjects), who is exposed.

Traversal is breadth-first, one hop per round trip: the database answers each hop with the
visible steps from the whole frontier, the access policy applied in SQL (see
``ictd.graph.walk``); only ids travel, and the provenance of the edges kept is loaded at the
end. Among equally short paths the one whose last step has the smallest edge id (as text) wins,
hop by hop. ``docs/graph.md`` and ``ictd bench graph`` give the measurements, with a recursive-SQL
walk that finds listed subjects but no paths. Each query is audited once, naming the subjects it
started from.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from ictd.exc import InvalidInput, NotFound
from ictd.graph.render import Path, render_graph
from ictd.graph.walk import GraphStep, Walker
from ictd.security.actor import Actor
from ictd.security.policy import Permission, refuse_read, require
from ictd.store import Store

__all__ = [
    "MAX_DEPTH",
    "check_depth",
    "exposed_in",
    "exposure",
    "neighbourhood",
    "shortest_paths",
    "who_is_exposed",
]

MAX_DEPTH = 6
MAX_NODES = 5_000
MAX_SUBJECTS = 200


def check_depth(depth: int, limit: int = 1) -> None:
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidInput.field("depth", f"must be between 1 and {MAX_DEPTH}")
    if not 1 <= limit <= 100:
        raise InvalidInput.field("limit", "must be between 1 and 100")


def _start(walker: Walker, subject_id: int) -> None:
    walker.admit([subject_id])
    if not walker.readable(subject_id):
        message = f"subject {subject_id} does not exist"
        hidden = walker.refused.get(subject_id)
        if hidden is None:
            raise NotFound(message)
        raise refuse_read(walker.actor, message, subject=hidden)


def shortest_paths(walker: Walker, start: int, depth: int, limit: int) -> tuple[list[Path], bool]:
    """Shortest paths from ``start`` to up to ``limit`` listed subjects within ``depth`` hops,
    nearest first, and whether the search stopped at ``MAX_NODES`` before ``depth``."""
    parent: dict[int, GraphStep | None] = {start: None}
    found = [start] if walker.is_listed(start) else []
    frontier = [start]
    truncated = False
    for hop in range(depth):
        if not frontier or len(found) >= limit:
            break
        if len(parent) > MAX_NODES:
            truncated = True
            break
        best: dict[int, GraphStep] = {}  # a new subject -> its step of smallest edge id
        for step in walker.steps(frontier, listed=hop == depth - 1):  # the last hop: ends only
            if step.there not in parent:
                held = best.get(step.there)
                if held is None or step.edge < held.edge:
                    best[step.there] = step
        frontier = []
        for step in sorted(best.values(), key=lambda s: s.edge):
            parent[step.there] = step
            frontier.append(step.there)
            if step.listed:
                found.append(step.there)
    ends = found[:limit]
    chains = [_chain(parent, end) for end in ends]
    edges = walker.edges(s for chain in chains for s in chain)
    paths = [
        Path((start, *(s.there for s in chain)), tuple(edges[s.edge] for s in chain))
        for chain in chains
    ]
    return paths, truncated


def _chain(parent: dict[int, GraphStep | None], end: int) -> list[GraphStep]:
    steps = []
    step = parent[end]
    while step is not None:
        steps.append(step)
        step = parent[step.here]
    return steps[::-1]


def _paths_view(walker: Walker, paths: list[Path]) -> dict[str, Any]:
    nodes = walker.nodes(i for p in paths for i in p.nodes)
    edges = {e.id: e for p in paths for e in p.edges}
    return {"paths": [p.to_dict(nodes) for p in paths], "graph": render_graph(nodes, edges)}


def _today(today: date | None) -> date:
    return today or datetime.now(UTC).date()


def neighbourhood(
    store: Store, actor: Actor, subject_id: int, depth: int = 2, today: date | None = None
) -> dict[str, Any]:
    """Every subject and edge the actor may see within ``depth`` hops of a subject."""
    require(actor, Permission.READ_RECORDS)
    check_depth(depth)
    with store.begin() as session:
        walker = Walker(session, actor, _today(today))
        _start(walker, subject_id)
        seen, frontier, truncated = {subject_id}, [subject_id], False
        steps: list[GraphStep] = []
        for _hop in range(depth):
            if len(seen) > MAX_NODES:
                truncated = True
                break
            new = []
            for step in walker.steps(frontier):
                steps.append(step)
                if step.there not in seen:
                    seen.add(step.there)
                    new.append(step.there)
            frontier = new
        edges = walker.edges(steps)
        graph = render_graph(walker.nodes(seen), edges)
        session.audit.record(actor, "graph.neighbourhood", [f"subject:{subject_id}"], depth=depth)
    return {"subject_id": subject_id, "depth": depth, "truncated": truncated, **graph}


def exposure(
    store: Store,
    actor: Actor,
    subject_id: int,
    depth: int = 3,
    limit: int = 10,
    today: date | None = None,
) -> dict[str, Any]:
    """Shortest paths from a subject to subjects with a listing in force, with provenance."""
    require(actor, Permission.READ_RECORDS)
    check_depth(depth, limit)
    with store.begin() as session:
        walker = Walker(session, actor, _today(today))
        _start(walker, subject_id)
        paths, truncated = shortest_paths(walker, subject_id, depth, limit)
        view = _paths_view(walker, paths)
        session.audit.record(
            actor, "graph.exposure", [f"subject:{subject_id}"], depth=depth, paths=len(paths)
        )
    return {"subject_id": subject_id, "depth": depth, "truncated": truncated, **view}


def exposed_in(walker: Walker, subject_ids: Sequence[int], depth: int) -> list[Path]:
    """The nearest listed subject's path of each readable subject that has one."""
    out = []
    walker.admit(subject_ids)
    for sid in dict.fromkeys(subject_ids):
        if walker.readable(sid):
            paths, _ = shortest_paths(walker, sid, depth, 1)
            out.extend(paths)
    return out


def who_is_exposed(
    store: Store,
    actor: Actor,
    subject_ids: Sequence[int],
    depth: int = 3,
    today: date | None = None,
) -> dict[str, Any]:
    """Of ``subject_ids``, those within ``depth`` hops of a listed subject, each with its path.

    Subjects the actor may not read are left out silently, as if they did not exist.
    """
    require(actor, Permission.READ_RECORDS)
    check_depth(depth)
    if not 1 <= len(subject_ids) <= MAX_SUBJECTS:
        raise InvalidInput.field("subject_ids", f"give 1 to {MAX_SUBJECTS} subject ids")
    with store.begin() as session:
        walker = Walker(session, actor, _today(today))
        paths = exposed_in(walker, subject_ids, depth)
        view = _paths_view(walker, paths)
        session.audit.record(
            actor,
            "graph.who-is-exposed",
            [f"subject:{i}" for i in dict.fromkeys(subject_ids)],
            depth=depth,
            exposed=len(paths),
        )
    return {"depth": depth, "exposed": [p["subject_id"] for p in view["paths"]], **view}
