"""Screening and dispositions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, status
from pydantic import Field

from ictd.api.deps import CurrentActor, Page, StoreDep
from ictd.api.lean import LeanRoute
from ictd.api.operations import count_screening
from ictd.api.schemas import SchemaWord, Strict, one_of
from ictd.api.worker import run_in_worker
from ictd.edge import Id, get_alerts
from ictd.model.disposition import DECISIONS
from ictd.model.value import GENDERS
from ictd.screening import QueryInput
from ictd.screening.disposition import list_dispositions, record_disposition, revoke_disposition

router = APIRouter(tags=["screening"], route_class=LeanRoute)  # ictd.api.lean
PageDep = Annotated[Page, Depends()]
Name = Annotated[str, Field(max_length=300)]


class IdentifierIn(Strict):
    value: Annotated[str, Field(min_length=1, max_length=100)]
    country: Annotated[str | None, Field(max_length=2)] = None
    type: Annotated[str | None, Field(max_length=32)] = None


class QueryIn(Strict):
    id: Annotated[str, Field(min_length=1, max_length=100)]
    schema_: Annotated[SchemaWord | None, Field(alias="schema")] = None
    names: Annotated[list[Name], Field(min_length=1, max_length=20)]
    birth_date: Annotated[str | None, Field(max_length=21)] = None
    nationalities: Annotated[list[Annotated[str, Field(max_length=2)]], Field(max_length=10)] = []
    gender: Annotated[str, one_of(GENDERS, max_length=10)] | None = None
    identifiers: Annotated[list[IdentifierIn], Field(max_length=20)] = []

    def to_input(self) -> QueryInput:
        return QueryInput(
            id=self.id,
            names=list(self.names),
            schema=self.schema_,
            birth_date=self.birth_date,
            nationalities=list(self.nationalities),
            gender=self.gender,
            identifiers=[i.model_dump() for i in self.identifiers],
        )


THRESHOLD_HELP = (
    "Which candidates to show, in [0, 1] (default 0.5, the calibrated threshold). It does not "
    "decide hits: a match is a hit when its subject has a listing in force and its score "
    "reaches your agency's hit threshold (default 0.5; PATCH /agencies/{code}); hits are shown "
    "whatever this threshold is, and a lower one only adds candidates that are not hits."
)


class ScreenIn(Strict):
    queries: Annotated[list[QueryIn], Field(min_length=1, max_length=1000)]
    threshold: Annotated[float | None, Field(ge=0.0, le=1.0, description=THRESHOLD_HELP)] = None
    limit: Annotated[int, Field(ge=1, le=100, description="Matches per query, at most.")] = 10


class DispositionIn(Strict):
    query: QueryIn
    subject_id: Id
    decision: Annotated[str, one_of(DECISIONS, max_length=16)]
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


@router.post("/screen")
async def screen_queries(body: ScreenIn, actor: CurrentActor, request: Request) -> dict[str, Any]:
    """Screen up to 1,000 queries against every subject.

    Each match of a subject you may read carries its ``subject_id``, ``score``, ``hit`` flag,
    external ids, listings and per-feature ``explanation``. A match is a **hit** when its
    subject has a listing in force and its score reaches your agency's hit threshold (the
    calibrated 0.5 unless your agency set its own); ``threshold`` only decides which other
    candidates are shown. A hit on a subject outside your sharing scope is **withheld**: it
    comes first and says only ``hit``, ``details_withheld`` and, per listing, category,
    requested actions, handling code, the owner's contact card and an opaque ``reference``
    to quote to the owner — no subject id, score or explanation. It appears when its score
    reaches 0.5, whatever threshold you ask for, and its owner is told of your query."""
    inputs = [q.to_input() for q in body.queries]
    alerts = get_alerts(request)  # not a dependency: one fewer for FastAPI to solve

    def work() -> dict[str, Any]:
        results = alerts.screen(actor, inputs, threshold=body.threshold, limit=body.limit)
        count_screening(len(results), sum(1 for r in results if r.is_hit))
        return {"results": [r.to_dict() for r in results]}

    return await run_in_worker(work)  # one hop to a thread for the whole screening


@router.post("/dispositions", status_code=status.HTTP_201_CREATED)
def create_disposition(body: DispositionIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Record confirmed / false-match / unsure on a match; a false-match hides that pair later."""
    row = record_disposition(
        store, actor, body.query.to_input(), body.subject_id, body.decision, body.reason
    )
    return row.to_dict()


@router.get("/dispositions")
def get_dispositions(actor: CurrentActor, store: StoreDep, page: PageDep) -> dict[str, Any]:
    rows = list_dispositions(store, actor, page.after, page.limit)
    next_cursor = rows[-1].id if len(rows) == page.limit else None
    return {"items": [r.to_dict() for r in rows], "next": next_cursor}


@router.delete("/dispositions/{disposition_id}")
def delete_disposition(disposition_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Revoke a disposition (it stays on record, marked revoked)."""
    return revoke_disposition(store, actor, disposition_id).to_dict()
