"""The relation graph: neighbourhood, exposure paths, who is exposed (drawable graphs)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import Field

from ictd.api.deps import CurrentActor, StoreDep
from ictd.api.schemas import Strict
from ictd.edge import Id
from ictd.graph import exposure, neighbourhood, who_is_exposed

router = APIRouter(tags=["graph"])
Depth = Annotated[int, Query(ge=1, le=6)]


class ExposedIn(Strict):
    subject_ids: Annotated[list[Id], Field(min_length=1, max_length=200)]
    depth: Annotated[int, Field(ge=1, le=6)] = 3


@router.get("/subjects/{subject_id}/neighbourhood")
def get_neighbourhood(
    subject_id: Id, actor: CurrentActor, store: StoreDep, depth: Depth = 2
) -> dict[str, Any]:
    """Every subject and edge you may see within ``depth`` hops, as nodes and edges."""
    return neighbourhood(store, actor, subject_id, depth)


@router.get("/subjects/{subject_id}/exposure")
def get_exposure(
    subject_id: Id,
    actor: CurrentActor,
    store: StoreDep,
    depth: Depth = 3,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    """Shortest paths to subjects with a listing in force, each edge with its provenance."""
    return exposure(store, actor, subject_id, depth, limit)


@router.post("/graph/exposed")
def post_exposed(body: ExposedIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Of these subjects, those within ``depth`` hops of a listed subject, with the path."""
    return who_is_exposed(store, actor, body.subject_ids, body.depth)
