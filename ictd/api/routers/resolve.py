"""Entity resolution: the review queue, judgements and their undoing, resolved profiles."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status
from pydantic import Field

from ictd.api.deps import CurrentActor, Page, StoreDep
from ictd.api.schemas import Strict, one_of
from ictd.edge import Id
from ictd.resolve import judge, resolved_profile, review_queue, undo_judgement
from ictd.resolve.judgement import DECISIONS

router = APIRouter(tags=["resolution"])
PageDep = Annotated[Page, Depends()]


class JudgementIn(Strict):
    subjects: Annotated[list[Id], Field(min_length=2, max_length=2)]
    decision: Annotated[str, one_of(DECISIONS, max_length=16)]
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


@router.get("/xref/proposals")
def get_proposals(actor: CurrentActor, store: StoreDep, page: PageDep) -> dict[str, Any]:
    """Pairs that may be the same subject, best score first; ``next`` is the cursor."""
    items, cursor = review_queue(store, actor, page.after, page.limit)
    return {"items": items, "next": cursor}


@router.post("/judgements", status_code=status.HTTP_201_CREATED)
def post_judgement(body: JudgementIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Judge two subjects ``same``, ``not-same`` or ``unsure``, with a reason."""
    first, second = body.subjects
    return judge(store, actor, first, second, body.decision, body.reason).to_dict()


@router.delete("/judgements/{judgement_id}")
def delete_judgement(judgement_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Undo a judgement (it stays on record, marked revoked)."""
    return undo_judgement(store, actor, judgement_id).to_dict()


@router.get("/subjects/{subject_id}/profile")
def get_profile(subject_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """The resolved profile: every member you may read, statements with provenance."""
    return resolved_profile(store, actor, subject_id)
