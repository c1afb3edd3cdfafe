"""Hit reports on alerts: filed by the reporting agency, read by it and by the owner."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, status
from pydantic import Field

from ictd.alerts import HitReportInput, get_hit_report
from ictd.api.deps import CurrentActor, StoreDep
from ictd.api.schemas import Strict, one_of
from ictd.edge import AlertsDep
from ictd.model.hit_report import ACTIONS_TAKEN, HIT_OUTCOMES, TRANSPORT_MEANS

router = APIRouter(tags=["alerts"])
Reference = Annotated[str, Path(max_length=32, description="The alert's reference.")]
Line = Annotated[str, Field(min_length=1, max_length=300)]


class HitReportIn(Strict):
    place: Line = Field(description="Where the subject was met (post, town, country).")
    occurred_at: Annotated[str, Field(min_length=1, max_length=40)] = Field(
        description="When, ISO 8601 with a time zone."
    )
    transport: Annotated[str, one_of(TRANSPORT_MEANS, max_length=16)]
    action_taken: Annotated[str, one_of(ACTIONS_TAKEN, max_length=32)]
    outcome: Annotated[str, one_of(HIT_OUTCOMES, max_length=20)]
    route: Annotated[str | None, Field(max_length=500)] = None
    transport_details: Annotated[str | None, Field(max_length=300)] = None
    companions: Annotated[list[Line], Field(max_length=20)] = []
    items: Annotated[list[Line], Field(max_length=50)] = []
    notes: Annotated[str | None, Field(max_length=4000)] = None

    def to_input(self) -> HitReportInput:
        return HitReportInput(
            place=self.place,
            occurred_at=self.occurred_at,
            transport=self.transport,
            action_taken=self.action_taken,
            outcome=self.outcome,
            route=self.route,
            transport_details=self.transport_details,
            companions=tuple(self.companions),
            items=tuple(self.items),
            notes=self.notes,
        )


@router.post("/alerts/{reference}/hit-report", status_code=status.HTTP_201_CREATED)
def post_hit_report(
    reference: Reference, body: HitReportIn, actor: CurrentActor, alerts: AlertsDep
) -> dict[str, Any]:
    """The reporting agency's hit report (once per alert); the owner gets the event
    ``alert.hit-report``. Roles: analyst, screener of the reporting agency."""
    return alerts.file_hit_report(actor, reference, body.to_input())


@router.get("/alerts/{reference}/hit-report")
def read_hit_report(reference: Reference, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """The hit report on an alert: for the listing's owner and the reporting agency only."""
    return get_hit_report(store, actor, reference)
