"""Financing exposure screening: screen every party of an extract, then walk the graph."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import Field

from ictd.api.deps import CurrentActor, StoreDep
from ictd.api.schemas import Strict
from ictd.edge import AlertsDep
from ictd.graph.extract import parse_extract
from ictd.graph.financing import PartyMatch, assess_exposure
from ictd.screening import QueryInput

router = APIRouter(tags=["graph"])
CHUNK = 1000


class ExposureIn(Strict):
    extract: dict[str, Any] | list[dict[str, Any]]
    depth: Annotated[int, Field(ge=1, le=6)] = 3
    threshold: Annotated[float | None, Field(ge=0.0, le=1.0)] = None
    period_from: Annotated[date | None, Field(alias="from")] = None
    period_to: Annotated[date | None, Field(alias="to")] = None


@router.post("/exposure")
def post_exposure(
    body: ExposureIn,
    actor: CurrentActor,
    store: StoreDep,
    alerts: AlertsDep,
) -> dict[str, Any]:
    """Direct hits, parties within ``depth`` hops of a listed subject (with paths), and money
    flows toward listed subjects in the period, for a registry extract or transaction list."""
    extract = parse_extract(body.extract)
    inputs = [QueryInput(**p.query_fields()) for p in extract.parties.values()]
    matches: dict[str, list[PartyMatch]] = {}
    for start in range(0, len(inputs), CHUNK):
        for result in alerts.screen(actor, inputs[start : start + CHUNK], body.threshold, 3):
            matches[result.query_id] = [PartyMatch.of(m) for m in result.matches]
    return assess_exposure(
        store, actor, extract, matches, body.depth, (body.period_from, body.period_to)
    )
