"""ThreatExchange / Hasher-Matcher-Actioner CSV in and out: ``signal_type,signal_value,labels``.

A header row is optional on import. ``signal_type`` is one of ours (``pdq``, ``md5``,
``sha256``, ``url``) or its ThreatExchange name (``photo_pdq``, ``video_md5``, ``raw_url`` …);
``labels`` are separated by spaces or semicolons. An import is all or nothing: the first bad
row refuses the whole file, naming its line. Export writes the active signals the agency may
see (its own and those partners share with it), labels separated by spaces.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import datetime
from typing import Any

from ictd.exc import FieldError, InvalidInput
from ictd.media.signal import EXCHANGE_NAMES
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require
from ictd.signals.access import agency_of
from ictd.signals.service import MAX_BATCH, SignalInput, submit_signals
from ictd.store import Store

__all__ = ["HEADER", "export_csv", "import_csv"]

HEADER = ("signal_type", "signal_value", "labels")
_SPLIT = re.compile(r"[\s;,]+")
_ITEM = re.compile(r"^items\.(\d+)\.?(.*)$")


def _rows(text: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text))
    rows = []
    for line, row in enumerate(reader, start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if line == 1 and row[0].strip().lower() == HEADER[0]:
            continue
        rows.append((line, row))
    return rows


def import_csv(
    store: Store, actor: Actor, text: str, template: SignalInput, now: datetime | None = None
) -> dict[str, Any]:
    """Submit every row as a signal with ``template``'s provenance and sharing; answers the
    counts of new and already held signals."""
    require(actor, Permission.SUBMIT_MEDIA)
    rows = _rows(text)
    if not 0 < len(rows) <= MAX_BATCH:
        raise InvalidInput.field("file", f"give 1 to {MAX_BATCH} rows")
    items, lines = [], []
    for line, row in rows:
        kind = EXCHANGE_NAMES.get(row[0].strip().lower())
        if kind is None or len(row) < 2:
            error = FieldError(f"lines.{line}", f"unknown signal type {row[0].strip()!r}")
            raise InvalidInput(f"line {line}: {error.message}", [error])
        labels = [x for x in _SPLIT.split(" ".join(row[2:])) if x]
        items.append(replace(template, kind=kind, value=row[1], labels=labels))
        lines.append(line)
    try:
        stored = submit_signals(store, actor, items, now=now)
    except InvalidInput as problem:
        errors = _by_line(problem, lines)
        first = errors[0] if errors else FieldError("file", problem.message)
        raise InvalidInput(f"{first.field}: {first.message}", errors) from None
    created = sum(1 for x in stored if x["created"])
    return {"rows": len(stored), "created": created, "existing": len(stored) - created}


def _by_line(problem: InvalidInput, lines: list[int]) -> list[FieldError]:
    out = []
    for error in problem.errors:
        found = _ITEM.match(error.field)
        if found:
            where = f"lines.{lines[int(found[1])]}"
            out.append(FieldError(where, f"{found[2] or 'row'}: {error.message}"))
        else:
            out.append(error)
    return out


def export_csv(store: Store, actor: Actor) -> str:
    """The active signals the actor's agency may see, as CSV with a header."""
    require(actor, Permission.MATCH_MEDIA)
    agency = agency_of(actor)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    count, after = 0, 0
    with store.begin() as session:
        while batch := session.media_signals.shared_page(agency, after, 1000):
            for signal in batch:
                writer.writerow([signal.kind, signal.value, " ".join(signal.labels)])
            count += len(batch)
            after = batch[-1].id
        session.audit.record(actor, "media.export", [], count=count)
    return out.getvalue()
