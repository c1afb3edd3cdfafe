"""Embargoed areas: time-versioned GeoJSON shapes an agency owns and shares."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status
from pydantic import Field

from ictd.api.deps import CurrentActor, Page, StoreDep
from ictd.api.schemas import Strict, one_of
from ictd.edge import Id
from ictd.embargo import (
    AreaInput,
    add_area_version,
    area_versions,
    create_area,
    get_area,
    list_areas,
    withdraw_area,
)
from ictd.model import Sharing

router = APIRouter(tags=["areas"])
PageDep = Annotated[Page, Depends()]
Day = Annotated[str, Field(max_length=10, description="YYYY-MM-DD")]
AgencyCode = Annotated[str, Field(max_length=32)]
GEOMETRY_HELP = (
    "A GeoJSON Polygon or MultiPolygon in longitude/latitude (WGS84); self-intersecting or "
    "otherwise invalid shapes are refused with the reason."
)


class AreaPatch(Strict):
    name: Annotated[str | None, Field(min_length=1, max_length=200)] = None
    geometry: Annotated[dict[str, Any] | None, Field(description=GEOMETRY_HELP)] = None
    legal_basis: Annotated[str | None, Field(max_length=4000)] = None
    valid_from: Day | None = None
    valid_until: Day | None = None
    sharing: Annotated[str, one_of(Sharing, max_length=8)] | None = None
    shared_with: Annotated[list[AgencyCode] | None, Field(max_length=100)] = None

    def to_input(self) -> AreaInput:
        return AreaInput(
            name=self.name,
            geometry=self.geometry,
            legal_basis=self.legal_basis,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            sharing=self.sharing,
            shared_with=self.shared_with,
            fields=frozenset(self.model_fields_set),
        )


class AreaIn(AreaPatch):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    geometry: Annotated[dict[str, Any], Field(description=GEOMETRY_HELP)]


@router.post("/areas", status_code=status.HTTP_201_CREATED)
def post_area(body: AreaIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Create an embargoed area owned by your agency (analysts), with its first version."""
    return create_area(store, actor, body.to_input()).to_dict()


@router.get("/areas")
def get_areas(actor: CurrentActor, store: StoreDep, page: PageDep) -> dict[str, Any]:
    """The areas you may read (your agency's and those shared with it), newest version,
    without their shapes (read one area for its shape)."""
    items, next_cursor = list_areas(store, actor, page.after, page.limit)
    return {"items": [a.to_dict(geometry=False) for a in items], "next": next_cursor}


@router.get("/areas/{area_id}")
def get_one_area(area_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """An area with its newest version and shape."""
    return get_area(store, actor, area_id).to_dict()


@router.patch("/areas/{area_id}")
def patch_area(
    area_id: Id, body: AreaPatch, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """Change an area: the given fields over the newest version make a new version (a
    territory that changed hands gets a version with its new shape and period). Sharing
    changes apply to the area as a whole."""
    return add_area_version(store, actor, area_id, body.to_input()).to_dict()


@router.delete("/areas/{area_id}")
def delete_area(area_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Withdraw an area: it stays on record with its history and judges nothing more."""
    return withdraw_area(store, actor, area_id).to_dict(geometry=False)


@router.get("/areas/{area_id}/versions")
def get_area_versions(area_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Every version of an area, newest first, each with its shape and period."""
    area = area_versions(store, actor, area_id)
    return {"area": area.to_dict(geometry=False), "versions": [v.to_dict() for v in area.versions]}
