"""Files of queries and of results: the formats of ``ictd screen`` and the web console's
batch screening. CSV has a header row (``id,schema,names,birth_date,nationalities,gender,
identifiers``; several values in one cell separated by ``;``; identifiers as ``NUMBER@CC``);
JSON lines use the API's query fields."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO, Any

from ictd.model.text import json_object_line
from ictd.screening.query import QueryInput
from ictd.screening.service import QueryResult

__all__ = ["OUT_FIELDS", "query_from_csv", "query_from_json", "read_queries", "result_rows"]

OUT_FIELDS = [
    "query_id",
    "hit",
    "subject_id",
    "score",
    "actions",
    "external_ids",
    "explanation",
    "details_withheld",
    "owner",
    "reference",
]


def _split(value: Any) -> list[str]:
    return [v.strip() for v in str(value or "").split(";") if v.strip()]


def query_from_csv(row: dict[str, str], line: int) -> QueryInput:
    """One CSV row (``line`` is its line number, the query id when the row has none)."""
    identifiers = []
    for item in _split(row.get("identifiers")):
        value, _, country = item.partition("@")
        identifiers.append({"value": value, "country": country or None})
    return QueryInput(
        id=row.get("id") or str(line),
        names=_split(row.get("names") or row.get("name")),
        schema=row.get("schema") or None,
        birth_date=row.get("birth_date") or None,
        nationalities=_split(row.get("nationalities")),
        gender=row.get("gender") or None,
        identifiers=identifiers,
    )


def query_from_json(text: str, line: int) -> QueryInput:
    """One JSON line; ``InvalidInput`` names the line when it is not a JSON object."""
    data = json_object_line(text, line)
    names = data.get("names") or ([data["name"]] if data.get("name") else [])
    return QueryInput(
        id=str(data.get("id") or line),
        names=[str(n) for n in names] if isinstance(names, list) else [str(names)],
        schema=data.get("schema"),
        birth_date=data.get("birth_date"),
        nationalities=list(data.get("nationalities") or []),
        gender=data.get("gender"),
        identifiers=[i for i in data.get("identifiers") or [] if isinstance(i, dict)],
    )


def read_queries(handle: IO[str], fmt: str) -> Iterator[tuple[int, QueryInput]]:
    """``(line, query)`` one at a time from CSV (``fmt="csv"``) or JSON lines."""
    if fmt == "csv":
        for line, row in enumerate(csv.DictReader(handle), start=2):
            yield line, query_from_csv(row, line)
        return
    for line, text in enumerate(handle, start=1):
        if text.strip():
            yield line, query_from_json(text, line)


def result_rows(result: QueryResult) -> list[dict[str, Any]]:
    """A result as CSV rows: one per match, or one no-hit row. A withheld hit's row has no
    subject, score or explanation: its owners and contact references instead."""
    if not result.matches:
        return [{"query_id": result.query_id, "hit": False}]
    return [
        {
            "query_id": result.query_id,
            "hit": m.hit,
            "subject_id": m.subject_id,
            "score": None if m.score is None else round(m.score, 4),
            "actions": ";".join(sorted({a for x in m.listings for a in x.get("actions", [])})),
            "external_ids": ";".join(m.external_ids),
            "explanation": "; ".join(f"{f['feature']}={f['value']}" for f in m.explanation),
            "details_withheld": not m.visible,
            "owner": _withheld(m.listings, "owner") if not m.visible else None,
            "reference": _withheld(m.listings, "reference") if not m.visible else None,
        }
        for m in result.matches
    ]


def _withheld(listings: tuple[dict[str, Any], ...], key: str) -> str:
    """``owner`` (as ``CODE name contact``) or ``reference`` of withheld listings, ``;``-joined."""
    out = []
    for listing in listings:
        value = listing.get(key)
        if isinstance(value, dict):
            value = " ".join(str(v) for v in value.values() if v)
        if value:
            out.append(str(value))
    return ";".join(dict.fromkeys(out))
