"""Financing exposure: direct hits, parties near listed subjects, money flows toward them.

The edge screens every party of an ``Extract`` first and hands the matches over as
``PartyMatch``. Here each party's exposure is the shortest combination of hops inside the
extract (ownership, directorship, payment) and hops in the relation graph from a subject
a party matched, under the sharing rules of ``Walker``. A party whose hit was withheld
(a listed subject the caller may not read) is a direct hit named by its contact reference
only (``listed_reference``), and no path leaves it. Money flows sum, per listed subject
(or withheld reference) and currency, the transactions in the period paid to a party that
is listed (``direct``) or exposed within the depth (``indirect``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Protocol

from ictd.graph.extract import Extract
from ictd.graph.query import check_depth, shortest_paths
from ictd.graph.render import Path
from ictd.graph.walk import Walker
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require
from ictd.store import Store

__all__ = ["PartyMatch", "assess_exposure"]


class Matched(Protocol):
    """A screening match as ``ictd.screening.MatchResult`` gives it."""

    @property
    def subject_id(self) -> int | None: ...
    @property
    def score(self) -> float | None: ...
    @property
    def hit(self) -> bool: ...
    @property
    def visible(self) -> bool: ...
    @property
    def reference(self) -> str | None: ...
    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class PartyMatch:
    """A screening match of one party: hit means its subject has a listing in force and the
    score reached the hit threshold. A withheld hit has no subject id, only a ``reference``."""

    subject_id: int | None
    score: float | None
    hit: bool
    visible: bool
    detail: dict[str, Any]
    reference: str | None = None

    @classmethod
    def of(cls, match: Matched) -> PartyMatch:
        return cls(
            match.subject_id,
            match.score,
            match.hit,
            match.visible,
            match.to_dict(),
            match.reference,
        )


@dataclass(frozen=True, slots=True)
class _Route:
    hops: int
    via: tuple[str, ...]  # party keys inside the extract, the party first
    listed: int | None  # the listed subject at the end (None: a withheld hit)
    path: Path | None  # the graph part, when there is one
    reference: str | None = None  # a withheld hit's contact reference


def _local(extract: Extract, start: str, depth: int) -> dict[str, tuple[str, ...]]:
    """Parties within ``depth`` extract hops of ``start``, with the hop sequence."""
    adj: dict[str, set[str]] = defaultdict(set)
    for link in extract.links:
        adj[link.source].add(link.target)
        adj[link.target].add(link.source)
    seen: dict[str, tuple[str, ...]] = {start: (start,)}
    frontier = [start]
    for _ in range(depth):
        new = []
        for here in frontier:
            for there in sorted(adj[here] - seen.keys()):
                seen[there] = (*seen[here], there)
                new.append(there)
        frontier = new
    return seen


def _route(
    extract: Extract,
    party: str,
    matches: dict[str, list[PartyMatch]],
    graph: dict[int, Path | None],
    depth: int,
    local: bool = True,
) -> _Route | None:
    """The shortest route to a listed subject; ``local=False`` leaves out extract hops."""
    best: _Route | None = None
    reach = _local(extract, party, depth) if local else {party: (party,)}
    for other, via in reach.items():
        here = len(via) - 1
        for match in matches.get(other, []):
            if match.hit:
                found = _Route(here, via, match.subject_id, None, match.reference)
            elif (path := graph.get(match.subject_id or 0)) is not None:
                if here + path.hops > depth:
                    continue
                found = _Route(here + path.hops, via, path.nodes[-1], path)
            else:
                continue
            if best is None or found.hops < best.hops:
                best = found
    return best


def _in_period(day: str, start: date | None, end: date | None) -> bool:
    text = day[:10]
    return (start is None or text >= start.isoformat()) and (end is None or text <= end.isoformat())


def assess_exposure(
    store: Store,
    actor: Actor,
    extract: Extract,
    matches: dict[str, list[PartyMatch]],
    depth: int = 3,
    period: tuple[date | None, date | None] = (None, None),
    today: date | None = None,
) -> dict[str, Any]:
    """The exposure report of a screened extract (see the module docstring). Audited."""
    require(actor, Permission.READ_RECORDS)
    check_depth(depth)
    day = today or datetime.now(UTC).date()
    with store.begin() as session:
        walker = Walker(session, actor, day)
        starts = sorted({m.subject_id for ms in matches.values() for m in ms if m.subject_id})
        walker.admit(starts)
        graph: dict[int, Path | None] = {}
        for sid in starts:
            paths, _ = (
                shortest_paths(walker, sid, depth, 1) if walker.readable(sid) else ([], False)
            )
            graph[sid] = paths[0] if paths else None
        routes = {key: _route(extract, key, matches, graph, depth) for key in extract.parties}
        nodes = walker.nodes(i for r in routes.values() if r and r.path for i in r.path.nodes)
        session.audit.record(
            actor,
            "exposure.assess",
            [f"subject:{i}" for i in starts],
            parties=len(extract.parties),
            exposed=sum(1 for r in routes.values() if r is not None),
        )
    parties = []
    for key, party in sorted(extract.parties.items()):
        route = routes[key]
        parties.append(
            {
                "key": key,
                "name": party.name,
                "schema": party.schema,
                "hit": any(m.hit for m in matches.get(key, [])),
                "matches": [m.detail for m in matches.get(key, [])],
                "exposure": None
                if route is None
                else {
                    "hops": route.hops,
                    "listed_subject_id": route.listed,
                    "listed_reference": route.reference,
                    "via_parties": list(route.via),
                    "path": route.path.to_dict(nodes) if route.path else None,
                },
            }
        )
    flows: dict[tuple[int, str, str], dict[str, Any]] = {}
    onward = {k: _route(extract, k, matches, graph, depth, local=False) for k in extract.parties}
    for tx in extract.transactions:
        route = onward.get(tx.payee)  # money goes on from the payee itself, not back via payers
        if route is None or not _in_period(tx.date, *period):
            continue
        row = flows.setdefault(
            (route.listed or 0, route.reference or "", tx.currency),
            {
                "listed_subject_id": route.listed,
                "listed_reference": route.reference,
                "currency": tx.currency,
                "direct": Decimal(0),
                "indirect": Decimal(0),
                "transactions": [],
            },
        )
        row["direct" if route.hops == 0 else "indirect"] += tx.amount
        row["transactions"].append(tx.index)
    return {
        "depth": depth,
        "period": {"from": _iso(period[0]), "to": _iso(period[1])},
        "direct_hits": [p["key"] for p in parties if p["hit"]],
        "exposed": [p["key"] for p in parties if p["exposure"] and not p["hit"]],
        "parties": parties,
        "flows": [
            {**v, "direct": str(v["direct"]), "indirect": str(v["indirect"])}
            for _, v in sorted(flows.items())
        ],
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
