"""Report a movement by form and see the hit / no-hit answer at once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from ictd.alerts import KINDS, MovementInput
from ictd.exc import InvalidInput
from ictd.manifests import read_document
from ictd.model.movement import MOVEMENT_FIELDS
from ictd.model.travel_document import DOCUMENT_TYPES
from ictd.security.policy import Permission, require
from ictd.web.deps import AlertsDep, Form, User
from ictd.web.forms import field_errors, split, text
from ictd.web.render import add_nav, page
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
add_nav("/movements", "Movements", Permission.REPORT_MOVEMENTS)
# the form's single-value fields, from the movement's one declaration
FIELDS = tuple(f.name for f in MOVEMENT_FIELDS if not f.many and f.name != "idempotency_key")
LISTS = tuple(f.name for f in MOVEMENT_FIELDS if f.many)


def movement_from_form(form: FormData) -> MovementInput:
    values: dict[str, Any] = {name: text(form, name, 300) for name in FIELDS}
    moment = values["time"]
    if moment and len(moment) == 16:  # datetime-local gives minutes, no zone: it is UTC here
        values["time"] = moment + ":00+00:00"
    values["idempotency_key"] = text(form, "idempotency_key", 100)
    values["names"] = split(text(form, "names"), "\n")
    values["nationalities"] = [n.upper() for n in split(text(form, "nationalities"))]
    return MovementInput.from_dict(values)


def _form_field(path: str) -> str:
    """``movements.0.traveller.names.0`` → ``names``: the form field to show a message at."""
    rest = path.removeprefix("movements.0.")
    for spec in MOVEMENT_FIELDS:
        if rest == spec.path or rest.startswith(spec.path + "."):
            return spec.name
    return rest.split(".")[0]


def _blank() -> dict[str, str]:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M")
    out = dict.fromkeys((*FIELDS, *LISTS), "")
    out.update(kind="border-entry", time=now)
    return out


@router.get("/movements")
def movement_form(request: Request, user: User) -> Response:
    require(user.actor, Permission.REPORT_MOVEMENTS)
    return page(
        request,
        "movement.html",
        values=_blank(),
        key=str(uuid.uuid4()),
        kinds=KINDS,
        errors={},
        reply=None,
    )


def _from_mrz(values: dict[str, str], mrz: str) -> None:
    """Fill the traveller and document fields from a machine-readable zone."""
    read = read_document(mrz)
    name, document = read["name"], read["document"]
    values["names"] = name["display"]
    values["birth_date"] = read["birth_date"] or values["birth_date"]
    values["gender"] = read["sex"] or values["gender"]
    values["nationalities"] = read["nationality"] or values["nationalities"]
    values["document_type"] = DOCUMENT_TYPES.get(document["type"], values["document_type"])
    values["document_number"] = document["number"]
    values["document_country"] = document["issuing_state"] or ""
    if not read["valid"]:
        failed = ", ".join(read["failed_checks"] + read["invalid_fields"])
        raise InvalidInput.field("mrz", f"read, but check it against the document: {failed}")


@router.post("/movements")
async def report(request: Request, user: User, alerts: AlertsDep, form: Form) -> Response:
    values = {name: text(form, name) or "" for name in (*FIELDS, *LISTS)}
    key = text(form, "idempotency_key") or str(uuid.uuid4())
    mrz = text(form, "mrz", 500) or ""
    if text(form, "action") == "read-mrz":
        require(user.actor, Permission.REPORT_MOVEMENTS)
        try:
            _from_mrz(values, mrz)
        except InvalidInput as err:
            errors = {"mrz": [e.message for e in err.errors] or [err.message]}
            return page(
                request, "movement.html", status=422, values=values, key=key, kinds=KINDS,
                errors=errors, reply=None, mrz=mrz,
            )  # fmt: skip
        return page(
            request, "movement.html", values=values, key=key, kinds=KINDS, errors={},
            reply=None, mrz=mrz,
        )  # fmt: skip
    movement = movement_from_form(form)

    try:
        result = await run_in_threadpool(alerts.report_movements, user.actor, [movement])
        reply = result.replies[0]
    except InvalidInput as err:
        errors = {_form_field(k): v for k, v in field_errors(err).items()}
        return page(
            request,
            "movement.html",
            status=422,
            values=values,
            key=key,
            kinds=KINDS,
            errors=errors,
            reply=None,
        )
    return page(
        request,
        "movement.html",
        values=_blank(),
        key=str(uuid.uuid4()),
        kinds=KINDS,
        errors={},
        reply=reply,
    )
