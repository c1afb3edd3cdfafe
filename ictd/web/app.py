"""``install_web(app)``: mount the console's pages and static files on the ASGI app."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ictd.web.pages import (
    admin,
    alert,
    audit,
    batch,
    compliance,
    documents,
    edit,
    embargo_map,
    hit_report,
    listing,
    listing_flags,
    manifests,
    media,
    movement,
    redress,
    review,
    reviews_due,
    rules,
    screen,
    signin,
    subject,
    webhooks,
)

__all__ = ["install_web"]

STATIC = Path(__file__).resolve().parent / "static"


def install_web(app: FastAPI) -> None:
    """Serve the web console at ``/`` (the API keeps ``/api/v1``); static files at ``/static``.

    Needs ``app.state.server`` (``ictd.edge.Server``).
    """
    app.state.web_jobs = batch.Jobs()
    pages = (
        signin,
        screen,
        batch,
        edit,
        listing,
        subject,
        alert,
        movement,
        review,
        admin,
        webhooks,
        manifests,
        documents,
        rules,
        reviews_due,
        listing_flags,
        hit_report,
        redress,
        media,
        embargo_map,
        compliance,
    )
    for module in (*pages, audit):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
