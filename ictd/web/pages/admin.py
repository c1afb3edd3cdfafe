"""Agency administration: the agency's users and API keys (a new key's token is shown once)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from ictd.edge import Id
from ictd.exc import Forbidden, InvalidInput
from ictd.model import Role
from ictd.registry import accounts
from ictd.web.deps import Form, StoreDep, User, WebSettings
from ictd.web.forms import field_errors, number, text, texts
from ictd.web.render import page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)


def _agency(user: User) -> str:
    if user.actor.agency is None:
        raise Forbidden("agency administration needs an agency")
    return user.actor.agency


def _users_page(
    request: Request, user: User, store: StoreDep, status: int = 200, **extra: Any
) -> Response:
    users = accounts.list_users(store, user.actor, _agency(user))
    context: dict[str, Any] = {"errors": {}, "values": {"email": "", "name": "", "roles": []}}
    context.update(extra)
    return page(
        request,
        "admin_users.html",
        status=status,
        users=users,
        roles=[r.value for r in Role],
        **context,
    )


@router.get("/admin/users")
def users_page(request: Request, user: User, store: StoreDep) -> Response:
    return _users_page(request, user, store)


@router.post("/admin/users")
def create_user(request: Request, user: User, store: StoreDep, form: Form) -> Response:
    values: dict[str, Any] = {
        "email": text(form, "email") or "",
        "name": text(form, "name") or "",
        "roles": texts(form, "roles"),
    }
    try:
        accounts.create_user(
            store,
            user.actor,
            values["email"],
            _agency(user),
            values["roles"],
            password=text(form, "password", 1000),
            name=values["name"] or None,
        )
    except InvalidInput as err:
        return _users_page(request, user, store, 422, errors=field_errors(err), values=values)
    return redirect(request, "/admin/users")


@router.post("/admin/users/{user_id}")
def update_user(request: Request, user: User, store: StoreDep, form: Form, user_id: Id) -> Response:
    action = text(form, "action")
    if action == "roles":
        accounts.update_user(store, user.actor, user_id, roles=texts(form, "roles"))
    elif action in ("disable", "enable"):
        accounts.update_user(store, user.actor, user_id, disabled=action == "disable")
    else:
        raise InvalidInput.field("action", "roles, disable or enable")
    return redirect(request, "/admin/users")


def _keys_page(
    request: Request,
    user: User,
    store: StoreDep,
    settings: WebSettings,
    status: int = 200,
    **extra: Any,
) -> Response:
    agency = _agency(user)
    users = accounts.list_users(store, user.actor, agency)
    keys = accounts.list_keys(store, user.actor, agency)
    context: dict[str, Any] = {"token": None, "new_key": None, "errors": {}}
    context.update(extra)
    emails = {u.id: u.email for u in users}
    return page(
        request,
        "admin_keys.html",
        status=status,
        users=users,
        keys=keys,
        emails=emails,
        default_days=settings.key_default_days,
        max_days=settings.key_max_days,
        **context,
    )


@router.get("/admin/keys")
def keys_page(request: Request, user: User, store: StoreDep, settings: WebSettings) -> Response:
    return _keys_page(request, user, store, settings)


@router.post("/admin/keys")
def create_key(
    request: Request, user: User, store: StoreDep, settings: WebSettings, form: Form
) -> Response:
    try:
        user_id = number(form, "user_id")
        if user_id is None:
            raise InvalidInput.field("user_id", "choose a user")
        key, token = accounts.create_key(
            store,
            user.actor,
            user_id,
            label=text(form, "label", 200),
            expires_days=number(form, "expires_days"),
            expiry=accounts.KeyExpiry.from_settings(settings),
        )
    except InvalidInput as err:
        return _keys_page(request, user, store, settings, 422, errors=field_errors(err))
    # The token is in this one response only; it is stored hashed and never shown again.
    return _keys_page(request, user, store, settings, token=token, new_key=key)


@router.post("/admin/keys/{key_id}/revoke")
def revoke_key(request: Request, user: User, store: StoreDep, _form: Form, key_id: Id) -> Response:
    accounts.revoke_key(store, user.actor, key_id)
    return redirect(request, "/admin/keys")
