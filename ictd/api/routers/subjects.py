"""Subjects, their statements, listings and relations."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, status

from ictd.api.deps import CurrentActor, Page, SettingsDep, StoreDep
from ictd.api.schemas import (
    ListingIn,
    ListingPatch,
    ListingStatusWord,
    RelationIn,
    SchemaWord,
    StatementIn,
    StatementsIn,
    SubjectIn,
)
from ictd.edge import Id
from ictd.lifecycle.review import review_policy
from ictd.registry import listings, relations, subjects
from ictd.registry.listings import ListingInput
from ictd.registry.relations import RelationInput
from ictd.registry.subjects import StatementInput

router = APIRouter(tags=["subjects"])
PageDep = Annotated[Page, Depends()]


def _inputs(items: list[StatementIn]) -> list[StatementInput]:
    return [StatementInput(s.prop, s.value, s.qualifier, s.lang) for s in items]


@router.get("/subjects")
def list_subjects(
    actor: CurrentActor,
    store: StoreDep,
    page: PageDep,
    schema: Annotated[SchemaWord | None, Query()] = None,
    agency: Annotated[str | None, Query(max_length=32)] = None,
) -> dict[str, Any]:
    """Subjects visible to the caller, in id order; follow ``next`` as ``after``."""
    found, next_cursor = subjects.list_subjects(
        store, actor, page.after, page.limit, schema=schema, agency=agency
    )
    return {"items": [s.to_dict() for s in found], "next": next_cursor}


@router.get("/subjects/search")
def search_subjects(
    actor: CurrentActor,
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    """Subjects with a name containing every word of ``q``."""
    found = subjects.search_subjects(store, actor, q, limit)
    return {"items": [s.to_dict() for s in found]}


@router.post("/subjects", status_code=status.HTTP_201_CREATED)
def create_subject(body: SubjectIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    created = subjects.create_subject(
        store, actor, body.schema_, _inputs(body.statements), body.external_ids
    )
    return created.to_dict()


@router.get("/subjects/{subject_id}")
def get_subject(subject_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return subjects.get_subject(store, actor, subject_id).to_dict()


@router.post("/subjects/{subject_id}/statements")
def add_statements(
    subject_id: Id, body: StatementsIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    return subjects.add_statements(store, actor, subject_id, _inputs(body.statements)).to_dict()


@router.delete("/subjects/{subject_id}/statements/{statement_id}")
def retract_statement(
    subject_id: Id, statement_id: Id, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """Retract a statement: it stays in the history with its retraction time."""
    return subjects.retract_statement(store, actor, subject_id, statement_id).to_dict()


def _listing_input(body: ListingPatch) -> ListingInput:
    return ListingInput(**body.model_dump())


@router.post("/subjects/{subject_id}/listings", status_code=status.HTTP_201_CREATED)
def create_listing(
    subject_id: Id, body: ListingIn, actor: CurrentActor, store: StoreDep, settings: SettingsDep
) -> dict[str, Any]:
    """List a subject; without ``review_date`` it gets the review period of its category
    and actions (``ICTD_LISTING_REVIEW_MONTHS*``)."""
    review = review_policy(settings)
    return listings.create_listing(
        store, actor, subject_id, _listing_input(body), review=review
    ).to_dict()


@router.get("/listings")
def list_listings(
    actor: CurrentActor,
    store: StoreDep,
    page: PageDep,
    status: Annotated[ListingStatusWord | None, Query()] = None,
) -> dict[str, Any]:
    """The caller's agency's own listings."""
    found, next_cursor = listings.list_listings(store, actor, status, page.after, page.limit)
    return {"items": [x.to_dict() for x in found], "next": next_cursor}


@router.get("/listings/by-reference/{reference}")
def get_listing_by_reference(
    reference: Annotated[str, Path(max_length=40)], actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """The listing behind a contact reference (``LREF-…``) a partner quoted about a withheld
    hit: answered for the listing's owning agency only (404 for anyone else)."""
    return listings.resolve_reference(store, actor, reference).to_dict()


@router.get("/listings/{listing_id}")
def get_listing(listing_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return listings.get_listing(store, actor, listing_id).to_dict()


@router.patch("/listings/{listing_id}")
def update_listing(
    listing_id: Id, body: ListingPatch, actor: CurrentActor, store: StoreDep, settings: SettingsDep
) -> dict[str, Any]:
    """Change a listing; a review date may be brought forward (a later one: ``extend``)."""
    review = review_policy(settings)
    return listings.update_listing(
        store, actor, listing_id, _listing_input(body), review=review
    ).to_dict()


@router.post("/relations", status_code=status.HTTP_201_CREATED)
def create_relation(body: RelationIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    data = RelationInput(**body.model_dump())
    return relations.create_relation(store, actor, data).to_dict()


@router.delete("/relations/{relation_id}")
def retract_relation(relation_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return relations.retract_relation(store, actor, relation_id).to_dict()
