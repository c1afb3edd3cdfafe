"""Redress requests: registered by the operator's redress officers, forwarded to the
agencies holding data on the subject, answered and decided by them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, status
from pydantic import Field

from ictd.api.deps import CurrentActor, Page, SettingsDep, StoreDep
from ictd.api.schemas import Strict, one_of
from ictd.edge import AlertsDep, Id
from ictd.model.redress import DECISIONS, DISCLOSURES, REDRESS_KINDS, REDRESS_STATUSES
from ictd.redress import (
    RedressConfig,
    RedressInput,
    answer_request,
    decide_request,
    disclosure,
    get_evidence,
    get_request,
    list_requests,
    register_request,
)

router = APIRouter(tags=["redress"])
PageDep = Annotated[Page, Depends()]
Reference = Annotated[str, Path(max_length=32, description="The request's reference.")]
StatusWord = Annotated[str, one_of(REDRESS_STATUSES, max_length=16)]
LongText = Annotated[str, Field(min_length=1, max_length=4000)]


class RedressIn(Strict):
    subject_id: Id
    kind: Annotated[str, one_of(REDRESS_KINDS, max_length=16)]
    summary: LongText = Field(description="What the individual asks.")
    requester: Annotated[str, Field(min_length=1, max_length=300)] = Field(
        description="Who asks (kept apart from the subject's data; officers only)."
    )
    evidence: LongText = Field(description="How the requester proved their identity.")
    contact: Annotated[str | None, Field(max_length=300)] = None


class AnswerIn(Strict):
    answer: LongText


class DecisionIn(Strict):
    decision: Annotated[str, one_of(DECISIONS, max_length=16)]
    reasons: LongText
    disclose: Annotated[str, one_of(DISCLOSURES, max_length=16)] = "none"
    disclosure_note: Annotated[str | None, Field(max_length=4000)] = None
    h3_consent: bool = False


@router.post("/redress", status_code=status.HTTP_201_CREATED)
def post_request(
    body: RedressIn, actor: CurrentActor, store: StoreDep, settings: SettingsDep, alerts: AlertsDep
) -> dict[str, Any]:
    """Register an individual's request and forward it to every agency holding data on the
    subject (notice ``redress.forwarded``). Role: redress officer of the operator."""
    data = RedressInput(
        body.subject_id, body.kind, body.summary, body.requester, body.evidence, body.contact
    )
    answer = register_request(store, actor, data, RedressConfig.from_settings(settings))
    alerts.committed(len(answer["referrals"]))
    return answer


@router.get("/redress")
def get_requests(
    actor: CurrentActor,
    store: StoreDep,
    page: PageDep,
    status: Annotated[StatusWord | None, Query()] = None,
) -> dict[str, Any]:
    """Requests: all for redress officers, those forwarded to the caller's agency for its
    analysts and auditors; ``status`` open, overdue or decided."""
    items, next_cursor = list_requests(store, actor, status, page.after, page.limit)
    return {"items": items, "next": next_cursor}


@router.get("/redress/{reference}")
def get_one_request(reference: Reference, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """One request with its referrals (an agency sees its own); never the evidence."""
    return get_request(store, actor, reference)


@router.get("/redress/{reference}/evidence")
def get_request_evidence(
    reference: Reference, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """The requester's identity and evidence. Role: redress officer; audited."""
    return get_evidence(store, actor, reference)


@router.get("/redress/{reference}/disclosure")
def get_disclosure(reference: Reference, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """What may be told to the requester, as each agency allowed (H3 data only with the
    owner's consent). Role: redress officer; audited."""
    return disclosure(store, actor, reference)


@router.post("/redress/{reference}/answer")
def post_answer(
    reference: Reference, body: AnswerIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """The agency's answer to a request forwarded to it. Roles: analyst, auditor."""
    return answer_request(store, actor, reference, body.answer)


@router.post("/redress/{reference}/decide")
def post_decision(
    reference: Reference, body: DecisionIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """The agency's decision with reasons and what may be disclosed; a granted deletion
    withdraws its listings on the subject and retracts its statements."""
    return decide_request(
        store,
        actor,
        reference,
        body.decision,
        body.reasons,
        body.disclose,
        body.disclosure_note,
        body.h3_consent,
    )
