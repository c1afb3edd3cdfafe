"""The former traversal, kept as a slow reference: Python BFS over every relation and shared
value of a frontier, the access policy applied in Python (``can_read_subject``,
``can_see_relation``) to each subject and edge. ``ictd.graph`` must answer exactly like it.

Unchanged but for one thing: statements are read in id order, so that a shared value found
from both ends in one hop is oriented from the end with the smaller statement id (the former
code left that order to the database).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import func, select, tuple_, union_all

from ictd.exc import NotFound
from ictd.graph import query
from ictd.graph.query import check_depth
from ictd.graph.render import Edge, Node, Path, SharedLink, render_graph
from ictd.graph.walk import HUB_LIMIT, SHARED_PROPS, Walker
from ictd.model import Listing, Relation, Schema, Subject
from ictd.security.actor import Actor
from ictd.security.policy import can_read_subject, can_see_relation
from ictd.store import Session, Store
from ictd.store.relations import relation_from_row
from ictd.store.tables import relations, statements


def graph_relations(session: Session, ids: list[int]) -> list[Relation]:
    live = relations.c.retracted_at.is_(None)
    out_ = select(relations).where(relations.c.source_id.in_(ids), live)
    in_ = select(relations).where(relations.c.target_id.in_(ids), live)
    found = {
        r["id"]: relation_from_row(r) for r in session.conn.execute(union_all(out_, in_)).mappings()
    }
    return [found[k] for k in sorted(found)]


def _by(agency: str | None, source: str | None) -> str:
    return agency if agency else f"source:{source}"


def shared_links(session: Session, ids: list[int]) -> list[SharedLink]:
    st, live = statements.c, statements.c.retracted_at.is_(None)
    query = select(st.id, st.subject_id, st.prop, st.norm, st.agency, st.source)
    mine = session.conn.execute(
        query.where(st.subject_id.in_(ids), st.prop.in_(SHARED_PROPS), live).order_by(st.id)
    ).all()
    keys = sorted({(r[2], r[3]) for r in mine})
    if not keys:
        return []
    counts = select(st.prop, st.norm).where(tuple_(st.prop, st.norm).in_(keys), live)
    counts = counts.group_by(st.prop, st.norm).having(
        func.count(func.distinct(st.subject_id)) <= HUB_LIMIT
    )
    small = [(r[0], r[1]) for r in session.conn.execute(counts)]
    holders: dict[tuple[str, str], list[Any]] = defaultdict(list)
    if small:
        cols = (st.id, st.subject_id, st.prop, st.norm, st.value, st.agency, st.source)
        rows = select(*cols).where(tuple_(st.prop, st.norm).in_(small), live).order_by(st.id)
        for row in session.conn.execute(rows):
            holders[(row[2], row[3])].append(row)
    return [
        SharedLink(r[2], o[4], r[1], o[1], r[0], o[0], (_by(r[4], r[5]), _by(o[5], o[6])))
        for r in mine
        for o in holders.get((r[2], r[3]), [])
        if o[1] != r[1]
    ]


class ReferenceWalker:
    def __init__(self, session: Session, actor: Actor, day: date, shared: bool = True) -> None:
        self.session, self.actor, self.day, self.shared = session, actor, day, shared
        self.heads: dict[int, Subject] = {}
        self.hidden: set[int] = set()
        self.in_force: dict[int, list[Listing]] = {}

    def admit(self, ids: list[int]) -> None:
        new = sorted({i for i in ids if i not in self.heads and i not in self.hidden})
        owners = self.session.subjects.owners(new) if new else {}
        listings: dict[int, list[Listing]] = defaultdict(list)
        for listing in self.session.listings.of_subjects(sorted(owners)) if owners else []:
            listings[listing.subject_id].append(listing)
        for sid in new:
            if sid not in owners:
                self.hidden.add(sid)
                continue
            schema, agency, source = owners[sid]
            head = Subject(schema=Schema(schema), id=sid, agency=agency, source=source)
            if not can_read_subject(self.actor, head, listings[sid]):
                self.hidden.add(sid)
                continue
            self.heads[sid] = head
            found = [x for x in listings[sid] if x.is_in_force(self.day)]
            if found:
                self.in_force[sid] = found

    def expand(self, frontier: list[int]) -> list[Edge]:
        ids = sorted({i for i in frontier if i in self.heads})
        if not ids:
            return []
        rels = graph_relations(self.session, ids)
        links = shared_links(self.session, ids) if self.shared else []
        self.admit([r.source_id for r in rels] + [r.target_id for r in rels])
        self.admit([x.target for x in links])
        edges: dict[str, Edge] = {}
        for relation in rels:
            a, b = self.heads.get(relation.source_id), self.heads.get(relation.target_id)
            if a is None or b is None:
                continue
            owners = {x for x in (a.agency, b.agency) if x}
            if can_see_relation(self.actor, relation.agency, owners):
                edges.setdefault(f"r{relation.id}", Edge.from_relation(relation))
        for link in links:
            if link.source in self.heads and link.target in self.heads:
                edge = Edge.from_shared(link)
                edges.setdefault(edge.id, edge)
        return list(edges.values())


def reference_paths(
    walker: ReferenceWalker, start: int, depth: int, limit: int
) -> tuple[list[Path], bool]:
    parent: dict[int, tuple[int, Edge] | None] = {start: None}
    found = [start] if start in walker.in_force else []
    frontier, truncated = [start], False
    for _hop in range(depth):
        if not frontier or len(found) >= limit:
            break
        if len(parent) > query.MAX_NODES:
            truncated = True
            break
        level = set(frontier)
        frontier = []
        for edge in sorted(walker.expand(list(level)), key=lambda e: e.id):
            for here, there in ((edge.source, edge.target), (edge.target, edge.source)):
                if here in level and there not in parent:
                    parent[there] = (here, edge)
                    frontier.append(there)
                    if there in walker.in_force:
                        found.append(there)
    paths = []
    for end in found[:limit]:
        nodes, edges, step = [end], [], parent[end]
        while step is not None:
            nodes.append(step[0])
            edges.append(step[1])
            step = parent[step[0]]
        paths.append(Path(tuple(reversed(nodes)), tuple(reversed(edges))))
    return paths, truncated


def _nodes(session: Session, walker: ReferenceWalker, ids: list[int]) -> dict[int, Node]:
    """Nodes are drawn as before (the rendering did not change)."""
    return Walker(session, walker.actor, walker.day).nodes(ids)


def reference_exposure(
    store: Store, actor: Actor, start: int, depth: int, limit: int, today: date
) -> dict[str, Any]:
    check_depth(depth, limit)
    with store.read() as session:
        walker = ReferenceWalker(session, actor, today)
        walker.admit([start])
        if start not in walker.heads:
            raise NotFound(f"subject {start} does not exist")
        paths, truncated = reference_paths(walker, start, depth, limit)
        nodes = _nodes(session, walker, [i for p in paths for i in p.nodes])
        edges = {e.id: e for p in paths for e in p.edges}
    view = {"paths": [p.to_dict(nodes) for p in paths], "graph": render_graph(nodes, edges)}
    return {"subject_id": start, "depth": depth, "truncated": truncated, **view}


def reference_neighbourhood(
    store: Store, actor: Actor, start: int, depth: int, today: date
) -> dict[str, Any]:
    check_depth(depth)
    with store.read() as session:
        walker = ReferenceWalker(session, actor, today)
        walker.admit([start])
        if start not in walker.heads:
            raise NotFound(f"subject {start} does not exist")
        seen, frontier, truncated = {start}, [start], False
        edges: dict[str, Edge] = {}
        for _hop in range(depth):
            if len(seen) > query.MAX_NODES:
                truncated = True
                break
            new = []
            for edge in walker.expand(frontier):
                edges.setdefault(edge.id, edge)
                for node in (edge.source, edge.target):
                    if node not in seen:
                        seen.add(node)
                        new.append(node)
            frontier = new
        graph = render_graph(_nodes(session, walker, list(seen)), edges)
    return {"subject_id": start, "depth": depth, "truncated": truncated, **graph}
