"""The register of lost, stolen and revoked travel documents: record (by the issuing state's
agency), read, list, change status, withdraw; the operator's delegations."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response, status
from pydantic import Field

from ictd.api.deps import CurrentActor, Page, StoreDep
from ictd.api.schemas import Strict, one_of
from ictd.documents import (
    delegate,
    get_report,
    list_delegations,
    list_reports,
    record_report,
    revoke_delegation,
    update_report,
    withdraw_report,
)
from ictd.edge import Id
from ictd.model import Sharing
from ictd.model.travel_document import DOCUMENT_TYPES, MAX_NUMBER, DocumentStatus

router = APIRouter(tags=["travel-documents"])
PageDep = Annotated[Page, Depends()]
StatusWord = Annotated[str, one_of(DocumentStatus, max_length=16)]
Reason = Annotated[str | None, Field(max_length=2000)]


class DocumentIn(Strict):
    type: Annotated[str, one_of(DOCUMENT_TYPES, max_length=2)]
    number: Annotated[str, Field(min_length=1, max_length=MAX_NUMBER)]
    issuing_state: Annotated[str, Field(min_length=1, max_length=3)]
    expiry: date | None = None
    issued: date | None = None


class ReportIn(Strict):
    document: DocumentIn
    status: StatusWord
    reported_on: date
    reason: Reason = None
    subject_id: Id | None = None
    sharing: Annotated[str, one_of(Sharing, max_length=8)] = "own"
    shared_with: Annotated[list[Annotated[str, Field(max_length=32)]], Field(max_length=50)] = []


class ReportPatch(Strict):
    status: StatusWord
    reason: Reason = None


class WithdrawIn(Strict):
    on: date | None = None


class DelegationIn(Strict):
    agency: Annotated[str, Field(min_length=2, max_length=32)]
    issuing_state: Annotated[str, Field(min_length=2, max_length=3)]


@router.post("/travel-documents", status_code=status.HTTP_201_CREATED)
def post_report(body: ReportIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Record a lost, stolen, revoked, invalidated or stolen-blank document. Only an agency of
    the issuing state (its ``country``), or one the operator delegated the state to."""
    return record_report(store, actor, body.model_dump(mode="json")).to_dict()


@router.get("/travel-documents")
def get_reports(
    actor: CurrentActor,
    store: StoreDep,
    page: PageDep,
    withdrawn: Annotated[bool, Query(description="Also withdrawn reports.")] = False,
    shared: Annotated[bool, Query(description="Also partners' reports shared with you.")] = False,
) -> dict[str, Any]:
    """Your agency's reports (``shared``: also those partners share with you), by id."""
    found = list_reports(store, actor, page.after, page.limit, withdrawn, shared)
    nxt = found[-1].id if len(found) == page.limit else None
    return {"items": [r.to_dict() for r in found], "next": nxt}


@router.get("/travel-documents/delegations")
def get_delegations(actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Which agency may record which other state's documents."""
    return {"items": list_delegations(store, actor)}


@router.post("/travel-documents/delegations", status_code=status.HTTP_201_CREATED)
def post_delegation(body: DelegationIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Let an agency record the documents of another state (the operator's admins)."""
    agency, state = delegate(store, actor, body.agency, body.issuing_state)
    return {"agency": agency, "issuing_state": state}


@router.delete(
    "/travel-documents/delegations/{agency}/{issuing_state}",
    status_code=status.HTTP_204_NO_CONTENT,
)
def delete_delegation(
    agency: Annotated[str, Path(max_length=32)],
    issuing_state: Annotated[str, Path(max_length=3)],
    actor: CurrentActor,
    store: StoreDep,
) -> Response:
    """End a delegation (the operator's admins)."""
    revoke_delegation(store, actor, agency, issuing_state)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/travel-documents/{report_id}")
def get_one_report(report_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return get_report(store, actor, report_id).to_dict()


@router.patch("/travel-documents/{report_id}")
def patch_report(
    report_id: Id, body: ReportPatch, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """Change the status (and reason) of your agency's report."""
    return update_report(store, actor, report_id, body.status, body.reason).to_dict()


@router.post("/travel-documents/{report_id}/withdraw")
def post_withdraw(
    report_id: Id, body: WithdrawIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """Withdraw your agency's report (the document was found): it stops hitting."""
    return withdraw_report(store, actor, report_id, body.on).to_dict()
