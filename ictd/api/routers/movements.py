"""Movement reports: the reporter gets hit / no-hit and the requested action at once."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from pydantic import Field

from ictd.alerts import MovementInput
from ictd.api.deps import CurrentActor
from ictd.api.schemas import Strict
from ictd.edge import AlertsDep

router = APIRouter(tags=["movements"])
Name = Annotated[str, Field(max_length=300)]
Country = Annotated[str | None, Field(max_length=2)]


class PlaceIn(Strict):
    country: Country = None
    point_of_entry: Annotated[str | None, Field(max_length=100)] = None


class DocumentIn(Strict):
    type: Annotated[str | None, Field(max_length=32)] = None
    number: Annotated[str | None, Field(max_length=64)] = None
    country: Country = None


class TravellerIn(Strict):
    names: Annotated[list[Name], Field(min_length=1, max_length=20)]
    birth_date: Annotated[str | None, Field(max_length=21)] = None
    nationalities: Annotated[list[Annotated[str, Field(max_length=2)]], Field(max_length=10)] = []
    gender: Annotated[str | None, Field(max_length=10)] = None


class MovementIn(Strict):
    idempotency_key: Annotated[str, Field(min_length=1, max_length=100)]
    kind: Annotated[str, Field(max_length=20)]
    time: Annotated[str, Field(max_length=40)]
    place: PlaceIn = PlaceIn()
    carrier: Annotated[str | None, Field(max_length=100)] = None
    flight: Annotated[str | None, Field(max_length=32)] = None
    vehicle: Annotated[str | None, Field(max_length=64)] = None
    document: DocumentIn = DocumentIn()
    traveller: TravellerIn


class MovementsIn(Strict):
    movements: Annotated[list[MovementIn], Field(min_length=1, max_length=1000)]


@router.post("/movements")
async def post_movements(
    body: MovementsIn,
    actor: CurrentActor,
    alerts: AlertsDep,
) -> dict[str, Any]:
    """Report up to 1,000 movements; each is screened at once. Answers per movement:
    ``no-hit``, or ``hit`` with the requested action, category, handling code, alert
    reference and owner contact (subject details only inside the listing's sharing scope).
    A retry with the same ``idempotency_key`` returns the original answer."""
    inputs = [MovementInput.from_dict(m.model_dump()) for m in body.movements]

    result = await run_in_threadpool(alerts.report_movements, actor, inputs)
    return {"results": result.replies}
