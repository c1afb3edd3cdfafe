"""Walking the graph a hop at a time, under the access policy, in the database.

``Walker.steps(frontier)`` asks for one breadth-first hop in two set-based queries
(``Session.graph_steps``): every live relation and every shared value from the frontier to a
subject the actor may read (``visible_to``, the SQL twin of ``can_read_subject``), over a
relation whose stating agency the actor may see (``can_see_relation``). Invisible subjects are
never entered, so a path cannot pass through them: filtering happens while traversing, not
after. Steps carry ids only; ``Walker.edges`` loads the provenance of the edges a query keeps,
and ``Walker.nodes`` the subjects it shows (checked again with ``can_read_subject``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ictd.exc import Forbidden
from ictd.graph.render import Edge, Node, SharedLink
from ictd.model import Agency, Listing, Schema, Subject
from ictd.model.graph import GraphStep
from ictd.model.schema import IDENTIFIER_PROPERTIES
from ictd.security.actor import Actor
from ictd.security.policy import can_read_subject, can_see_listing, withheld_listing
from ictd.store import Session

__all__ = ["HUB_LIMIT", "SHARED_PROPS", "GraphStep", "Walker"]

SHARED_PROPS = tuple(sorted(IDENTIFIER_PROPERTIES | {"address", "phone", "email"}))
"""Properties whose shared values link two subjects."""
HUB_LIMIT = 25
"""A value held by more subjects than this links none of them."""


class Walker:
    """One traversal's view of the graph: which subjects the actor may read, and their listings."""

    def __init__(self, session: Session, actor: Actor, day: date, shared: bool = True) -> None:
        if actor.agency is None and not actor.is_system:
            raise Forbidden("an actor of no agency reads no records")
        self.session = session
        self.actor = actor
        self.agency = None if actor.is_system else actor.agency
        self.day = day
        self.shared = (SHARED_PROPS, HUB_LIMIT) if shared else None
        self.heads: dict[int, Subject] = {}  # admitted readable subjects
        self.hidden: set[int] = set()
        self.refused: dict[int, Subject] = {}  # hidden subjects that exist
        self.in_force: dict[int, list[Listing]] = {}
        self.listings: dict[int, list[Listing]] = {}  # every listing of admitted subjects
        self._agencies: dict[str, Agency] | None = None
        self.reached: set[int] = set()  # readable subjects entered by a visible step

    def admit(self, ids: Iterable[int]) -> None:
        """Decide, once per subject, whether the actor may read it, and load its listings."""
        new = sorted({i for i in ids if i not in self.heads and i not in self.hidden})
        if not new:
            return
        owners = self.session.subjects.owners(new)
        listings: dict[int, list[Listing]] = {}
        for listing in self.session.listings.of_subjects(sorted(owners)) if owners else []:
            listings.setdefault(listing.subject_id, []).append(listing)
        for sid in new:
            if sid not in owners:
                self.hidden.add(sid)  # deleted or never existed
                continue
            schema, agency, source = owners[sid]
            head = Subject(schema=Schema(schema), id=sid, agency=agency, source=source)
            if can_read_subject(self.actor, head, listings.get(sid, [])):
                self.heads[sid] = head
                self.listings[sid] = listings.get(sid, [])
                found = [x for x in listings.get(sid, []) if x.is_in_force(self.day)]
                if found:
                    self.in_force[sid] = found
            else:
                self.hidden.add(sid)
                self.refused[sid] = head

    def readable(self, sid: int) -> bool:
        return sid in self.heads

    def is_listed(self, sid: int) -> bool:
        """Whether an admitted subject has a listing in force (steps carry their own flag)."""
        return sid in self.in_force

    def steps(self, frontier: Iterable[int], listed: bool = False) -> list[GraphStep]:
        """The visible steps from readable ``frontier`` subjects to readable subjects (``listed``:
        to listed ones only), relations in id order, then shared values in statement order."""
        ids = [i for i in frontier if i in self.heads or i in self.reached]
        if not ids:
            return []
        found = self.session.graph.steps(ids, self.agency, self.day, self.shared, listed)
        self.reached.update(s.there for s in found)
        return found

    def edges(self, steps: Iterable[GraphStep]) -> dict[str, Edge]:
        """The edges of these steps with their provenance; the first step of an edge orients
        a shared value (from ``here`` to ``there``)."""
        kept: dict[str, GraphStep] = {}
        for step in steps:
            kept.setdefault(step.edge, step)
        rel = self.session.graph.relations_by_id([s.relation for s in kept.values() if s.relation])
        pairs = [s.statements for s in kept.values() if s.statements]
        origin = self.session.graph.statement_origins([i for pair in pairs for i in pair])
        out: dict[str, Edge] = {}
        for key, step in kept.items():
            if step.relation is not None:
                out[key] = Edge.from_relation(rel[step.relation])
            elif step.statements is not None and step.prop is not None:
                mine, theirs = step.statements
                by = (origin[mine][1], origin[theirs][1])
                link = SharedLink(
                    step.prop, origin[theirs][0], step.here, step.there, mine, theirs, by
                )
                out[key] = Edge.from_shared(link)
        return out

    def nodes(self, ids: Iterable[int]) -> dict[int, Node]:
        """Drawable nodes for readable subjects, with labels and the listings they may learn."""
        wanted = list(dict.fromkeys(ids))
        self.admit(wanted)
        wanted = [i for i in wanted if i in self.heads]
        captions = self.session.graph.captions(wanted)
        out = {}
        for sid in wanted:
            head, every = self.heads[sid], self.listings.get(sid, [])
            shown = tuple(
                x.to_dict() if can_see_listing(self.actor, x, head, every) else self._withheld(x)
                for x in self.in_force.get(sid, [])
            )
            out[sid] = Node(
                id=sid,
                label=captions.get(sid, f"{head.schema.value} #{sid}"),
                schema=head.schema.value,
                owner=head.agency if head.agency else f"source:{head.source}",
                listings=shown,
            )
        return out

    def _withheld(self, listing: Listing) -> dict[str, Any]:
        """A listing outside the actor's scope, as the policy lets it be told."""
        if self._agencies is None:
            self._agencies = {a.code: a for a in self.session.accounts.list_agencies()}
        return withheld_listing(listing, self._agencies)
