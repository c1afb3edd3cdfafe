"""Request dependencies of both HTTP edges: the server and what it owns.

Everything a route needs beyond the request itself comes from the one ``Server`` of the
application (``request.app.state.server``), through these dependencies only.
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


ServerDep = Annotated[Server, Depends(get_server)]
StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
LiveIndexDep = Annotated[LiveIndex, Depends(get_live_index)]
AlertsDep = Annotated[AlertRuntime, Depends(get_alerts)]
