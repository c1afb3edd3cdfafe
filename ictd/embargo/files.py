"""Shipments from files: CSV (with a header) or JSON lines, for ``ictd trade screen`` and the
console map. Each shipment comes with its line number, and ``on_lines`` names the problems
of a screened chunk (``shipments.N.field``) by line instead (``line L.field``)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO, Any

from ictd.embargo.shipments import ShipmentInput
from ictd.exc import FieldError, InvalidInput
from ictd.model.text import json_object_line

__all__ = ["from_csv", "from_json", "on_lines", "read_shipments"]

FIELDS = (
    *("id", "date", "shipper", "consignee", "notify_party", "carrier"),
    *("origin", "destination", "currency"),
)


def from_csv(row: dict[str, str]) -> ShipmentInput:
    """CSV columns: the API's fields; ``vessel_name``, ``vessel_imo``, ``vessel_mmsi``,
    ``vessel_flag``; ``transshipment`` with ``;`` between ports; ``goods`` with ``|``
    between items, each ``HS:description`` (either part may be empty)."""
    data: dict[str, Any] = {k: (row.get(k) or "").strip() or None for k in FIELDS}
    vessel = {k: row.get(f"vessel_{k}", "").strip() for k in ("name", "imo", "mmsi", "flag")}
    data["vessel"] = {k: v for k, v in vessel.items() if v} or None
    data["transshipment"] = [
        p.strip() for p in (row.get("transshipment") or "").split(";") if p.strip()
    ]
    goods = []
    for item in (row.get("goods") or "").split("|"):
        if item.strip():
            hs, _, description = item.partition(":")
            goods.append({"hs": hs.strip() or None, "description": description.strip() or None})
    data["goods"] = goods
    value = (row.get("value") or "").strip()
    try:
        data["value"] = float(value) if value else None
    except ValueError:
        data["value"] = value
    return ShipmentInput(**data)


def from_json(text: str, line: int) -> ShipmentInput:
    data = json_object_line(text, line)
    known = set(ShipmentInput.__dataclass_fields__)
    unknown = sorted(set(data) - known)
    if unknown:
        raise InvalidInput.field(f"line {line}.{unknown[0]}", "is not a shipment field")
    if not isinstance(data.get("id"), str) or not isinstance(data.get("date"), str):
        raise InvalidInput.field(f"line {line}", "give id and date as text")
    return ShipmentInput(**data)


def read_shipments(handle: IO[str], fmt: str) -> Iterator[tuple[int, ShipmentInput]]:
    """(line number, shipment) of a CSV file (with a header) or JSON lines."""
    if fmt == "csv":
        for n, row in enumerate(csv.DictReader(handle), start=2):
            yield n, from_csv(row)
        return
    for n, text in enumerate(handle, start=1):
        if text.strip():
            yield n, from_json(text, n)


def on_lines(err: InvalidInput, lines: list[int]) -> InvalidInput:
    """The error with ``shipments.N.field`` named as ``line L: field``."""
    named = []
    for item in err.errors:
        where = item.field
        head, _, rest = where.removeprefix("shipments.").partition(".")
        if head.isdigit() and int(head) < len(lines):
            where = f"line {lines[int(head)]}" + (f".{rest}" if rest else "")
        named.append(FieldError(where, item.message))
    if not named:
        return err
    return InvalidInput(f"invalid shipment: {named[0].field}: {named[0].message}", named)
