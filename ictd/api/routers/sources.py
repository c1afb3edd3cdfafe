"""External sources: their import state."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ictd.api.deps import CurrentActor, StoreDep
from ictd.registry.sources import list_sources

router = APIRouter(tags=["sources"])


@router.get("/sources")
def sources(actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Each source's last import time, file hash, counts and last error."""
    return {"items": [s.to_dict() for s in list_sources(store, actor)]}
