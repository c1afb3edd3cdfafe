"""Agencies, users and API keys."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, status
from pydantic import Field

from ictd.api.deps import CurrentActor, SettingsDep, StoreDep
from ictd.api.schemas import AgencyIn, AgencyPatch, KeyIn, Strict, UserIn, UserPatch
from ictd.edge import Id
from ictd.exc import InvalidInput, NotFound
from ictd.registry import accounts

router = APIRouter(tags=["accounts"])
AgencyCode = Annotated[str | None, Query(max_length=32, description="Agency code.")]


def _own_agency(actor: Any, agency: str | None) -> str:
    chosen = agency or actor.agency
    if not chosen:
        raise InvalidInput.field("agency", "name the agency")
    return str(chosen)


@router.get("/agencies")
def list_agencies(actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """The partnership's agencies."""
    return {"items": [a.to_dict() for a in accounts.list_agencies(store, actor)]}


@router.get("/agencies/{code}")
def get_agency(
    code: Annotated[str, Path(max_length=32)], actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    for agency in accounts.list_agencies(store, actor):
        if agency.code == code:
            return agency.to_dict()
    raise NotFound(f"agency {code} does not exist")


@router.post("/agencies", status_code=status.HTTP_201_CREATED)
def create_agency(body: AgencyIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Admit a new partner agency (admins of the operator agency)."""
    agency = accounts.create_agency(store, actor, body.code, body.name, body.contact)
    return agency.to_dict()


@router.patch("/agencies/{code}")
def update_agency(
    code: str, body: AgencyPatch, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """Set the agency's hit threshold (its admins, or admins of the operator agency)."""
    return accounts.set_hit_threshold(store, actor, code, body.hit_threshold).to_dict()


@router.get("/me")
def whoami(actor: CurrentActor) -> dict[str, Any]:
    """The caller as the server sees it: agency, roles, user."""
    return {
        "user_id": actor.user_id,
        "name": actor.name,
        "agency": actor.agency,
        "roles": sorted(r.value for r in actor.roles),
        "key_id": actor.key_id,
        "purpose": actor.purpose,
    }


@router.get("/users")
def list_users(actor: CurrentActor, store: StoreDep, agency: AgencyCode = None) -> dict[str, Any]:
    users = accounts.list_users(store, actor, _own_agency(actor, agency))
    return {"items": [u.to_dict() for u in users]}


@router.post("/users", status_code=status.HTTP_201_CREATED)
def create_user(body: UserIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    user = accounts.create_user(
        store,
        actor,
        body.email,
        _own_agency(actor, body.agency),
        body.roles,
        password=body.password,
        name=body.name,
    )
    return user.to_dict()


@router.patch("/users/{user_id}")
def update_user(
    user_id: Id, body: UserPatch, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    user = accounts.update_user(
        store, actor, user_id, roles=body.roles, disabled=body.disabled, password=body.password
    )
    return user.to_dict()


@router.get("/keys")
def list_keys(actor: CurrentActor, store: StoreDep, agency: AgencyCode = None) -> dict[str, Any]:
    keys = accounts.list_keys(store, actor, _own_agency(actor, agency))
    return {"items": [k.to_dict() for k in keys]}


@router.post("/keys", status_code=status.HTTP_201_CREATED)
def create_key(
    body: KeyIn, actor: CurrentActor, store: StoreDep, settings: SettingsDep
) -> dict[str, Any]:
    """A new API key. The ``token`` is shown in this answer only; store it safely. Without
    ``expires_days`` it expires after the default (``ICTD_KEY_DEFAULT_DAYS``)."""
    expiry = accounts.KeyExpiry.from_settings(settings)
    key, token = accounts.create_key(
        store, actor, body.user_id, body.label, body.expires_days, expiry=expiry
    )
    return {**key.to_dict(), "token": token}


@router.post("/keys/{key_id}/revoke")
def revoke_key(key_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return accounts.revoke_key(store, actor, key_id).to_dict()


class AgencyCountryIn(Strict):
    country: Annotated[
        str | None,
        Field(
            max_length=2,
            description="The state the agency serves (ISO 3166 alpha-2): it records that "
            "state's lost and stolen travel documents; null: none.",
        ),
    ]


@router.put("/agencies/{code}/country")
def put_agency_country(
    code: Annotated[str, Path(max_length=32)],
    body: AgencyCountryIn,
    actor: CurrentActor,
    store: StoreDep,
) -> dict[str, Any]:
    """Set the state an agency serves (admins of the operator agency)."""
    return accounts.set_country(store, actor, code, body.country).to_dict()
