"""Request dependencies of both HTTP edges: the store, the settings and the live index."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ictd.screening import IndexHolder
from ictd.settings import Settings
from ictd.store import Store

__all__ = ["Holder", "SettingsDep", "StoreDep", "get_holder", "get_settings", "get_store"]


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_holder(request: Request) -> IndexHolder:
    holder: IndexHolder = request.app.state.index
    return holder


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
Holder = Annotated[IndexHolder, Depends(get_holder)]
