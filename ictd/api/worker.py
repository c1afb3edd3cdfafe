"""The hop of a single request's blocking work (the store, the matcher) to a worker thread.

``POST /screen`` and ``POST /movements`` make one hop each, and the key check one when its
key is not held. Starlette's ``run_in_threadpool`` goes through anyio (a capacity limiter
acquired and released, a cancel scope, the worker's wake-up through anyio's own queue), about
25 µs of CPU per hop more than the event loop's ``run_in_executor`` on a plain
``ThreadPoolExecutor`` (twelfth pass, ``docs/benchmarks.md``). ``run_in_worker`` is that
plain hop: as many threads at most as anyio's default limiter allows (40), the caller's
context variables copied into the call as anyio copies them. A request whose client goes
away meanwhile leaves its work to finish in its thread, as anyio's hop does (it waits for
it): a screening or report already under way still commits, audited, as it would have.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

__all__ = ["WORKERS", "run_in_worker"]

WORKERS = 40
"""Threads for the hops at most: anyio's default for Starlette's thread pool."""

T = TypeVar("T")

_pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="ictd-request")


async def run_in_worker(func: Callable[..., T], *args: Any) -> T:
    """``func(*args)`` in a worker thread, awaited; its exception is raised here."""
    context = contextvars.copy_context()
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_pool, context.run, func, *args)
