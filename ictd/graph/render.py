"""Nodes, edges and paths of the relation graph, rendered for a front end to draw.

The rendering is Cytoscape-style: ``{"nodes": [{"id", "label", "schema", "listed", …}],
"edges": [{"id", "source", "target", "type", "stated_by", …}]}``; node and edge ids are strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ictd.model import Relation

__all__ = ["Edge", "Node", "Path", "SharedLink", "render_graph"]


@dataclass(frozen=True, slots=True)
class SharedLink:
    """Two subjects holding the same normalised value of one property (an identifier,
    an address, a phone number), with the statements that state it."""

    prop: str
    value: str
    source: int
    target: int
    source_statement: int
    target_statement: int
    stated_by: tuple[str, str]


@dataclass(frozen=True, slots=True)
class Edge:
    """A visible link between two subjects: a stated relation or a shared value."""

    id: str
    source: int
    target: int
    type: str
    stated_by: tuple[str, ...]
    relation: Relation | None = None
    shared: SharedLink | None = None

    @classmethod
    def from_relation(cls, relation: Relation) -> Edge:
        by = relation.agency if relation.agency else f"source:{relation.source}"
        return cls(
            id=f"r{relation.id}",
            source=relation.source_id,
            target=relation.target_id,
            type=relation.type.value,
            stated_by=(by,),
            relation=relation,
        )

    @classmethod
    def from_shared(cls, link: SharedLink) -> Edge:
        low, high = sorted((link.source_statement, link.target_statement))
        return cls(
            id=f"s{low}-{high}",
            source=link.source,
            target=link.target,
            type=f"shared-{link.prop}",
            stated_by=tuple(dict.fromkeys(link.stated_by)),
            shared=link,
        )

    def other(self, node: int) -> int:
        return self.target if node == self.source else self.source

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "source": str(self.source),
            "target": str(self.target),
            "type": self.type,
            "stated_by": list(self.stated_by),
        }
        if self.relation is not None:
            r = self.relation.to_dict()
            for key in ("start_date", "end_date", "share", "amount", "currency"):
                out[key] = r[key]
            out["relation_id"] = self.relation.id
        if self.shared is not None:
            out["property"] = self.shared.prop
            out["value"] = self.shared.value
            out["statements"] = [self.shared.source_statement, self.shared.target_statement]
        return out


@dataclass(frozen=True, slots=True)
class Node:
    """A subject the caller may read, with the listings in force it may learn of."""

    id: int
    label: str
    schema: str
    owner: str
    listings: tuple[dict[str, Any], ...] = ()

    @property
    def listed(self) -> bool:
        return bool(self.listings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "label": self.label,
            "schema": self.schema,
            "owner": self.owner,
            "listed": self.listed,
            "listings": list(self.listings),
        }


@dataclass(frozen=True, slots=True)
class Path:
    """A shortest path from ``nodes[0]`` to a listed subject ``nodes[-1]``."""

    nodes: tuple[int, ...]
    edges: tuple[Edge, ...]

    @property
    def hops(self) -> int:
        return len(self.edges)

    def to_dict(self, nodes: dict[int, Node]) -> dict[str, Any]:
        return {
            "hops": self.hops,
            "subject_id": self.nodes[0],
            "listed_subject_id": self.nodes[-1],
            "nodes": [nodes[i].to_dict() for i in self.nodes],
            "edges": [e.to_dict() for e in self.edges],
        }


def render_graph(nodes: dict[int, Node], edges: dict[str, Edge]) -> dict[str, Any]:
    """The Cytoscape-style graph of these nodes and of the edges between them."""
    return {
        "nodes": [nodes[i].to_dict() for i in sorted(nodes)],
        "edges": [
            e.to_dict()
            for e in sorted(edges.values(), key=lambda e: e.id)
            if e.source in nodes and e.target in nodes
        ],
    }
