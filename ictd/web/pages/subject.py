"""Subjects: search and list, the subject page (statements with provenance, listings, relation
graph, the owner's access log) and the graph data for Cytoscape.js."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from ictd.edge import Cursor, Id
from ictd.exc import InvalidInput
from ictd.model import PROPERTIES, Statement
from ictd.registry import subjects
from ictd.registry.access_log import subject_access_log
from ictd.registry.labels import subject_labels
from ictd.registry.subjects import SubjectRecord
from ictd.security.policy import can_write_owned
from ictd.web.deps import StoreDep, User
from ictd.web.render import SECURITY_HEADERS, page
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
ORDER = {name: i for i, name in enumerate(PROPERTIES)}


@router.get("/subjects")
def subject_list(
    request: Request,
    user: User,
    store: StoreDep,
    q: Annotated[str, Query(max_length=200)] = "",
    after: Annotated[Cursor, Query()] = 0,
) -> Response:
    error, next_cursor = None, None
    if q.strip():
        try:
            found = subjects.search_subjects(store, user.actor, q, limit=50)
        except InvalidInput as err:
            found, error = [], err.errors[0].message if err.errors else err.message
    else:
        found, next_cursor = subjects.list_subjects(store, user.actor, after, 50)
    return page(request, "subjects.html", found=found, q=q, error=error, next_cursor=next_cursor)


def grouped(statements: tuple[Statement, ...]) -> list[tuple[str, str, list[Statement]]]:
    """(property, label, statements) in the schema's order of properties."""
    groups: dict[str, list[Statement]] = {}
    for stmt in statements:
        groups.setdefault(stmt.prop, []).append(stmt)
    return [
        (prop, PROPERTIES[prop].label if prop in PROPERTIES else prop, items)
        for prop, items in sorted(groups.items(), key=lambda kv: ORDER.get(kv[0], 999))
    ]


@router.get("/subjects/{subject_id}")
def subject_page(request: Request, user: User, store: StoreDep, subject_id: Id) -> Response:
    record = subjects.get_subject(store, user.actor, subject_id)
    subject = record.subject
    is_owner = subject.agency is not None and can_write_owned(user.actor, subject.agency)
    access = subject_access_log(store, user.actor, subject_id, 50) if is_owner else []
    today = datetime.now(UTC).date()
    return page(
        request,
        "subject.html",
        record=record,
        subject=subject,
        active=grouped(subject.active),
        retracted=[s for s in subject.statements if s.retracted_at is not None],
        is_owner=is_owner,
        access=access,
        in_force={x.id for x in record.listings if x.is_in_force(today)},
    )


def graph_elements(store: StoreDep, user: User, record: SubjectRecord) -> list[dict[str, Any]]:
    """Cytoscape elements: the subject, its visible relations and the subjects at their ends."""
    centre = record.subject.id or 0
    ids = (
        {centre} | {r.source_id for r in record.relations} | {r.target_id for r in record.relations}
    )
    labels = subject_labels(store, user.actor, sorted(ids), reason="graph")
    nodes = [
        {
            "data": {
                "id": str(i),
                "label": label.caption,
                "schema": label.schema,
                "listed": label.is_listed,
                "centre": i == centre,
            }
        }
        for i, label in labels.items()
    ]
    edges = [
        {
            "data": {
                "id": f"r{r.id}",
                "source": str(r.source_id),
                "target": str(r.target_id),
                "label": r.type.value,
            }
        }
        for r in record.relations
        if r.source_id in labels and r.target_id in labels
    ]
    return nodes + edges


@router.get("/subjects/{subject_id}/graph.json")
def subject_graph(user: User, store: StoreDep, subject_id: Id) -> Response:
    record = subjects.get_subject(store, user.actor, subject_id)
    return JSONResponse({"elements": graph_elements(store, user, record)}, headers=SECURITY_HEADERS)


@router.get("/subjects/{subject_id}/access")
def access_page(request: Request, user: User, store: StoreDep, subject_id: Id) -> Response:
    events = subject_access_log(store, user.actor, subject_id, 500)
    return page(request, "access.html", subject_id=subject_id, access=events)
