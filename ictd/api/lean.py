"""A shorter way through FastAPI for the single requests of border posts and payment systems.

``POST /screen`` and ``POST /movements`` are declared like every other route (the API
document, the body's model, the error answers are FastAPI's), but their routers use
``LeanRoute``. Its handler does, for a well-formed request, what FastAPI's would: the
body read and parsed once, the control-text guard (``refuse_control_text``), the key
check (``get_actor``), the body validated by its model, the endpoint awaited and its
answer written as JSON. What it leaves out is FastAPI's general machinery around these
steps (the dependency graph solved per request, the content type parsed with
``email.message``, the answer validated against ``dict[str, Any]`` and converted before
``json.dumps``); the answer is written by pydantic's serializer, which writes what
FastAPI's would (dates as ISO text, the same keys and values).

Anything else goes to FastAPI's own handler, which answers it as before: a body that is
not JSON, not ``application/json`` or fails its model (FastAPI's 422 with every error
named), and any route whose endpoint is not of the shape this handler knows (``body``,
``actor``, ``request``, behind exactly the guard and the key check) or while dependency
overrides are set. A guard or key check that refuses raises the same error here as
there, before the body's model is looked at, as FastAPI's order has it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine
from typing import Any, get_origin

import fastapi.routing
from fastapi import Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from pydantic_core import to_json

from ictd.api.deps import get_actor, refuse_control_text

__all__ = ["LeanRoute"]

Handler = Callable[[Request], Coroutine[Any, Any, Response]]
_JSON = "application/json"


class LeanRoute(APIRoute):
    """An ``APIRoute`` whose well-formed requests take the short way (module docstring)."""

    def get_route_handler(self) -> Handler:
        standard = super().get_route_handler()
        route = _effective(self)
        model = lean_shape(route)
        if model is None:
            return standard
        endpoint = route.dependant.call
        status = route.status_code or 200
        overrides = route.dependency_overrides_provider

        async def handler(request: Request) -> Response:
            if overrides is not None and getattr(overrides, "dependency_overrides", None):
                return await standard(request)
            if request.headers.get("content-type") != _JSON:
                return await standard(request)
            try:
                data = await request.json()  # kept on the request: parsed once
            except (ValueError, RecursionError):
                return await standard(request)  # FastAPI names the JSON error
            await refuse_control_text(request)
            actor = await get_actor(request)
            try:
                body = model.model_validate(data)
            except ValidationError:
                return await standard(request)  # FastAPI's 422, every error named
            answer = await endpoint(body=body, actor=actor, request=request)
            return Response(to_json(answer), status_code=status, media_type=_JSON)

        return handler


def lean_shape(route: Any) -> type[BaseModel] | None:
    """The body's model when ``route``'s endpoint is ``async def f(body, actor, request)``
    behind exactly the control-text guard and the key check, and answers a plain ``dict``
    (a response model would filter the answer: FastAPI's way keeps that); else ``None``."""
    if route.response_model is not None and get_origin(route.response_model) is not dict:
        return None
    dependant = route.dependant
    calls = {d.call for d in dependant.dependencies}
    params = (
        dependant.path_params
        + dependant.query_params
        + dependant.header_params
        + dependant.cookie_params
    )
    if (
        not inspect.iscoroutinefunction(dependant.call)
        or calls != {refuse_control_text, get_actor}
        or len(dependant.dependencies) != 2
        or params
        or dependant.request_param_name != "request"
        or len(dependant.body_params) != 1
        or dependant.body_params[0].name != "body"
        or dependant.background_tasks_param_name
        or dependant.response_param_name
    ):
        return None
    model = dependant.body_params[0].field_info.annotation
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    return model


def _effective(route: APIRoute) -> Any:
    """The route as included (its includer's dependencies added): FastAPI 0.16x builds the
    handler of an included route with its inclusion context set; earlier releases copied
    the route on inclusion, and the route is then its own."""
    context_var = getattr(fastapi.routing, "_effective_route_context_var", None)
    context = context_var.get() if context_var is not None else None
    if context is not None and getattr(context, "original_route", None) is route:
        return context
    return route
