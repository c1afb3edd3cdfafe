"""Movement reports: the reporter gets hit / no-hit and the requested action at once."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import Field

from ictd.alerts import MovementInput
from ictd.api.deps import CurrentActor
from ictd.api.lean import LeanRoute
from ictd.api.movement_body import MovementIn
from ictd.api.operations import count_movements
from ictd.api.schemas import Strict
from ictd.api.worker import run_in_worker
from ictd.edge import get_alerts

router = APIRouter(tags=["movements"], route_class=LeanRoute)  # ictd.api.lean


class MovementsIn(Strict):
    movements: Annotated[list[MovementIn], Field(min_length=1, max_length=1000)]


@router.post("/movements")
async def post_movements(
    body: MovementsIn,
    actor: CurrentActor,
    request: Request,
) -> dict[str, Any]:
    """Report up to 1,000 movements; each is screened at once. Answers per movement:
    ``no-hit``, or ``hit`` with the requested action, category, handling code, alert
    reference and owner contact (subject details only inside the listing's sharing scope).
    A retry with the same ``idempotency_key`` returns the original answer."""
    inputs = [MovementInput.from_dict(m.model_dump()) for m in body.movements]
    alerts = get_alerts(request)  # not a dependency: one fewer for FastAPI to solve

    result = await run_in_worker(alerts.report_movements, actor, inputs)
    count_movements(len(result.replies), sum(1 for r in result.replies if r["hits"]))
    return {"results": result.replies}
