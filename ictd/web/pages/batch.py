"""Batch screening pages: upload, progress, download."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ictd.exc import InvalidInput
from ictd.screening import QueryInput, QueryResult
from ictd.screening.service import MAX_QUERIES
from ictd.security.policy import Permission, require
from ictd.web.batch import Jobs, read_queries
from ictd.web.deps import AlertsDep, Form, User
from ictd.web.forms import field_errors
from ictd.web.render import page, redirect
from ictd.web.route import WebRoute

__all__ = ["Jobs", "router"]

router = APIRouter(route_class=WebRoute, include_in_schema=False)
MAX_FILE_QUERIES = 20 * MAX_QUERIES


def _jobs(request: Request) -> Jobs:
    jobs: Jobs = request.app.state.web_jobs
    return jobs


@router.post("/screen/batch")
async def upload(request: Request, user: User, alerts: AlertsDep, form: Form) -> Response:
    require(user.actor, Permission.SCREEN)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InvalidInput.field("file", "choose a file to upload")
    content = await upload.read()
    try:
        queries = await run_in_threadpool(read_queries, content, upload.filename, MAX_FILE_QUERIES)
    except InvalidInput as err:
        return page(
            request,
            "batch_refused.html",
            status=422,
            filename=upload.filename,
            errors=field_errors(err),
        )
    actor = user.actor

    def run(chunk: list[QueryInput]) -> list[QueryResult]:
        return alerts.screen(actor, chunk, limit=5)

    assert actor.user_id is not None
    job = _jobs(request).start(actor.user_id, upload.filename, queries, run)
    return redirect(request, f"/screen/batch/{job.id}")


@router.get("/screen/batch/{job_id}")
def progress(request: Request, user: User, job_id: str) -> Response:
    assert user.actor.user_id is not None
    job = _jobs(request).get(job_id, user.actor.user_id)
    template = "partials/batch_progress.html" if request.headers.get("hx-request") else "batch.html"
    return page(request, template, job=job)


@router.get("/screen/batch/{job_id}/results.csv")
def download(request: Request, user: User, job_id: str) -> Response:
    assert user.actor.user_id is not None
    job = _jobs(request).get(job_id, user.actor.user_id)
    if job.finished_at is None:
        raise InvalidInput.field("job", "the batch is still running")
    name = job.filename.rsplit(".", 1)[0] or "batch"
    return Response(
        job.output.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{_safe(name)}-results.csv"',
            "Cache-Control": "no-store",
        },
    )


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:80] or "batch"
