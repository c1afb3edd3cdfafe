"""Sign-in, sign-out and the start page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response

from ictd.edge.client import client_address
from ictd.exc import Throttled, Unauthenticated
from ictd.registry.sign_in import SignInThrottle
from ictd.security.policy import Permission, can
from ictd.web.auth import COOKIE, LOGIN_COOKIE, csrf_matches, new_token, sign_in, sign_out
from ictd.web.deps import Form as CheckedForm
from ictd.web.deps import StoreDep, User, WebSettings
from ictd.web.render import page, redirect
from ictd.web.route import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)

CARDS = [
    (
        Permission.SCREEN,
        "/screen",
        "Screen",
        "Screen a person or a file of people against the database.",
    ),
    (
        Permission.READ_RECORDS,
        "/subjects",
        "Subjects",
        "Find subjects, their listings and networks.",
    ),
    (Permission.WRITE_RECORDS, "/subjects/new", "New subject", "Record a person or organisation."),
    (
        Permission.HANDLE_ALERTS,
        "/alerts",
        "Alerts",
        "Your agency's alerts, live: acknowledge and act.",
    ),
    (Permission.REPORT_MOVEMENTS, "/movements", "Report a movement", "Get hit / no-hit at once."),
    (Permission.MANAGE_ACCOUNTS, "/admin/users", "Admin", "Users and API keys of your agency."),
    (Permission.READ_AUDIT, "/audit", "Audit", "Search the audit trail and verify it is intact."),
]
EXTRA_CARDS: list[tuple[Permission, str, str, str]] = []


def _safe_next(target: str | None) -> str:
    """Only local paths: never redirect a signed-in user to another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _set_cookie(
    response: Response, name: str, value: str, settings: WebSettings, max_age: int | None = None
) -> None:
    """HTTP-only, SameSite=Strict, and Secure everywhere but in development."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=settings.environment != "development",
        path="/",
    )


@router.get("/login")
def login_form(request: Request, settings: WebSettings, next: str = "/") -> Response:
    token = new_token()
    response = page(
        request,
        "signin.html",
        login_token=token,
        next=_safe_next(next),
        email="",
        error=None,
        notice=None,
    )
    _set_cookie(response, LOGIN_COOKIE, token, settings, max_age=3600)
    return response


@router.post("/login")
def login(
    request: Request,
    store: StoreDep,
    settings: WebSettings,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=1000)],
    login_token: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    target = _safe_next(next)
    if not csrf_matches(login_token, request.cookies.get(LOGIN_COOKIE, "")):
        return login_form(request, settings, target)
    client = client_address(request, settings.trusted_proxies)
    throttle = SignInThrottle.from_settings(settings)
    try:
        token, _user = sign_in(store, email, password, client, throttle)
    except Throttled as err:
        message = (
            f"Too many failed sign-ins. For your account's safety, wait {err.retry_after} "
            "seconds before trying again."
        )
        response = _refused(request, settings, target, email, message, 429)
        response.headers["Retry-After"] = str(err.retry_after)
        return response
    except Unauthenticated as err:
        return _refused(request, settings, target, email, err.message, 401)
    answer = redirect(request, target)
    _set_cookie(answer, COOKIE, token, settings)
    answer.delete_cookie(LOGIN_COOKIE, path="/")
    return answer


def _refused(
    request: Request, settings: WebSettings, target: str, email: str, message: str, status: int
) -> Response:
    """The sign-in form again, with the reason, and a fresh form token."""
    fresh = new_token()
    response = page(
        request,
        "signin.html",
        status=status,
        login_token=fresh,
        next=target,
        email=email,
        error=message,
        notice=None,
    )
    _set_cookie(response, LOGIN_COOKIE, fresh, settings, max_age=3600)
    return response


@router.post("/logout")
def logout(request: Request, store: StoreDep, user: User, _form: CheckedForm) -> Response:
    sign_out(store, user)
    response = redirect(request, "/login")
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/")
def home(request: Request, user: User) -> Response:
    cards = [
        {"href": href, "title": title, "text": text}
        for permission, href, title, text in CARDS + EXTRA_CARDS
        if can(user.actor, permission)
    ]
    return page(request, "home.html", cards=cards)
