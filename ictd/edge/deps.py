"""Request dependencies of both HTTP edges: the server and what it owns.

Everything a route needs beyond the request itself comes from the one ``Server`` of the
application (``request.app.state.server``), through these dependencies only. They are
coroutines: a plain function would cost each request a hop to the thread pool and back
for an attribute read. ``get_*`` are the same lookups for code that holds a request.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ictd.alerts import AlertRuntime
from ictd.edge.server import Server
from ictd.screening import LiveIndex
from ictd.settings import Settings
from ictd.store import Store

__all__ = [
    "AlertsDep",
    "LiveIndexDep",
    "ServerDep",
    "SettingsDep",
    "StoreDep",
    "get_alerts",
    "get_live_index",
    "get_server",
    "get_settings",
    "get_store",
]


def get_server(request: Request) -> Server:
    server: Server = request.app.state.server
    return server


def get_store(request: Request) -> Store:
    return get_server(request).store


def get_settings(request: Request) -> Settings:
    return get_server(request).settings


def get_live_index(request: Request) -> LiveIndex:
    return get_server(request).live


def get_alerts(request: Request) -> AlertRuntime:
    return get_server(request).alerts


async def _server(request: Request) -> Server:
    return get_server(request)


async def _store(request: Request) -> Store:
    return get_server(request).store


async def _settings(request: Request) -> Settings:
    return get_server(request).settings


async def _live_index(request: Request) -> LiveIndex:
    return get_server(request).live


async def _alerts(request: Request) -> AlertRuntime:
    return get_server(request).alerts


ServerDep = Annotated[Server, Depends(_server)]
StoreDep = Annotated[Store, Depends(_store)]
SettingsDep = Annotated[Settings, Depends(_settings)]
LiveIndexDep = Annotated[LiveIndex, Depends(_live_index)]
AlertsDep = Annotated[AlertRuntime, Depends(_alerts)]
