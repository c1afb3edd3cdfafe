"""Batch screening of an uploaded file, in a background thread, with progress.

The file is CSV (header row; several values separated by ``;``; identifiers as
``NUMBER@CC``) or JSON lines — the formats of ``ictd screen``. Every line is validated
first; a file with bad lines is refused as a whole, naming each line. Jobs live in the
serving process (they are gone after a restart) and only their owner may read them.
"""

from __future__ import annotations

import csv
import io
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ictd.exc import ErrorCollector, InvalidInput, NotFound
from ictd.screening import QueryInput, QueryResult
from ictd.screening.batchfile import OUT_FIELDS, query_from_csv, query_from_json, result_rows
from ictd.screening.query import parse_query

__all__ = ["CHUNK", "Job", "Jobs", "read_queries", "result_rows"]

CHUNK = 100
MAX_JOBS = 50


def read_queries(content: bytes, filename: str, limit: int) -> list[QueryInput]:
    """Every query of an uploaded file, validated; ``InvalidInput`` names each bad line."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput.field("file", "is not UTF-8 text") from None
    errors = ErrorCollector()
    queries: list[tuple[int, QueryInput]] = []
    if filename.lower().endswith(".csv"):
        for line, row in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=2):
            queries.append((line, query_from_csv(row, line)))
    else:
        for line, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                queries.append((line, query_from_json(raw, line)))
            except InvalidInput as err:
                errors.errors.extend(err.errors)
    if not queries and not errors.errors:
        errors.add("file", "has no queries")
    if len(queries) > limit:
        errors.add("file", f"at most {limit} queries per file")
    for line, query in queries[:limit]:
        parse_query(query, errors, f"line {line}")
    errors.raise_if_any("the file has bad lines")
    return [q for _, q in queries]


@dataclass
class Job:
    id: str
    user_id: int
    filename: str
    total: int
    done: int = 0
    hits: int = 0
    error: str | None = None
    finished_at: datetime | None = None
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    output: io.StringIO = field(default_factory=io.StringIO)

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else int(100 * self.done / self.total)


class Jobs:
    """The batch jobs of this process, by id."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(
        self,
        user_id: int,
        filename: str,
        queries: list[QueryInput],
        run: Callable[[list[QueryInput]], list[QueryResult]],
    ) -> Job:
        job = Job(secrets.token_urlsafe(12), user_id, filename, len(queries))
        with self._lock:
            if len(self._jobs) >= MAX_JOBS:
                oldest = min(self._jobs.values(), key=lambda j: j.started_at)
                del self._jobs[oldest.id]
            self._jobs[job.id] = job
        thread = threading.Thread(target=self._run, args=(job, queries, run), daemon=True)
        thread.start()
        return job

    def get(self, job_id: str, user_id: int) -> Job:
        job = self._jobs.get(job_id)
        if job is None or job.user_id != user_id:
            raise NotFound("there is no such batch job (jobs end when the server restarts)")
        return job

    def _run(
        self,
        job: Job,
        queries: list[QueryInput],
        run: Callable[[list[QueryInput]], list[QueryResult]],
    ) -> None:
        writer = csv.DictWriter(job.output, OUT_FIELDS)
        writer.writeheader()
        try:
            for start in range(0, len(queries), CHUNK):
                chunk = queries[start : start + CHUNK]
                for result in run(chunk):
                    writer.writerows(result_rows(result))
                    job.hits += int(result.is_hit)
                job.done += len(chunk)
        except Exception as err:
            job.error = getattr(err, "message", None) or type(err).__name__
        finally:
            job.finished_at = datetime.now(UTC)
