"""What financing-exposure screening reads: a company-registry extract or a transaction list.

A registry extract is ``{"companies": [{"id", "name", "registration_number"?, "country"?}],
"officers": [{"company", "name", "role"?, "birth_date"?, "nationality"?}], "owners":
[{"company", "name", "schema"?, "share"?, "birth_date"?, "country"?}]}``; an owner whose name is
a company of the extract is that company. A transaction list is ``[{"payer", "payee", "amount",
"currency", "date", "country"?}]``. Parties named alike (case- and space-folded) are one party.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ictd.exc import ErrorCollector
from ictd.model import parse_date
from ictd.model.value import normalize_text

__all__ = ["MAX_ROWS", "Extract", "Link", "Party", "Transaction", "parse_extract"]

MAX_ROWS = 10_000


@dataclass(frozen=True, slots=True)
class Party:
    key: str
    name: str
    schema: str
    country: str | None = None
    birth_date: str | None = None
    identifiers: tuple[str, ...] = ()

    def query_fields(self) -> dict[str, Any]:
        """The fields of a screening query for this party."""
        return {
            "id": self.key,
            "names": [self.name],
            "schema": None if self.schema == "Party" else self.schema,
            "birth_date": self.birth_date,
            "nationalities": [self.country] if self.country and self.schema == "Person" else [],
            "identifiers": [{"value": v} for v in self.identifiers],
        }


@dataclass(frozen=True, slots=True)
class Link:
    """An edge stated by the extract itself: ``owns``, ``director-of`` or ``paid``."""

    source: str
    target: str
    type: str
    share: str | None = None


@dataclass(frozen=True, slots=True)
class Transaction:
    index: int
    payer: str
    payee: str
    amount: Decimal
    currency: str
    date: str
    country: str | None = None


@dataclass
class Extract:
    parties: dict[str, Party] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    transactions: list[Transaction] = field(default_factory=list)

    def party(self, name: str, schema: str, **extra: Any) -> str:
        key = f"{schema.lower()}:{normalize_text(name)}"
        self.parties.setdefault(key, Party(key=key, name=name.strip(), schema=schema, **extra))
        return key


def _text(row: dict[str, Any], name: str, errors: ErrorCollector, path: str) -> str:
    value = row.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > 300:
        errors.add(f"{path}.{name}", "give a text of 1 to 300 characters")
        return ""
    return value.strip()


def _date(row: dict[str, Any], name: str, errors: ErrorCollector, path: str) -> str | None:
    value = row.get(name)
    if value in (None, ""):
        return None
    try:
        parse_date(str(value))
    except ValueError as err:
        errors.add(f"{path}.{name}", str(err))
        return None
    return str(value)


def _registry(data: dict[str, Any], out: Extract, errors: ErrorCollector) -> None:
    companies: dict[str, str] = {}
    for i, row in enumerate(data.get("companies") or []):
        name = _text(row, "name", errors, f"companies.{i}")
        reg = row.get("registration_number")
        key = out.party(
            name, "Company", country=row.get("country"), identifiers=(reg,) if reg else ()
        )
        companies[str(row.get("id", name))] = key
        companies.setdefault(normalize_text(name), key)
    for part, kind in (("officers", "director-of"), ("owners", "owns")):
        for i, row in enumerate(data.get(part) or []):
            path = f"{part}.{i}"
            name = _text(row, "name", errors, path)
            target = companies.get(str(row.get("company")))
            if target is None:
                errors.add(f"{path}.company", "names no company of the extract")
                continue
            schema = row.get("schema") or "Person"
            if schema not in ("Person", "Company", "Organization"):
                errors.add(f"{path}.schema", "Person, Company or Organization")
                continue
            birth = _date(row, "birth_date", errors, path)
            country = row.get("nationality") or row.get("country")
            own = companies.get(normalize_text(name)) if name else None
            source = own or out.party(name, schema, country=country, birth_date=birth)
            share = row.get("share")
            out.links.append(Link(source, target, kind, str(share) if share is not None else None))


def _transactions(rows: list[Any], out: Extract, errors: ErrorCollector) -> None:
    for i, row in enumerate(rows):
        path = f"transactions.{i}"
        if not isinstance(row, dict):
            errors.add(path, "each transaction is an object")
            continue
        payer, payee = (_text(row, k, errors, path) for k in ("payer", "payee"))
        try:
            amount = Decimal(str(row.get("amount")))
            if not amount.is_finite() or amount < 0:
                raise InvalidOperation
        except InvalidOperation:
            errors.add(f"{path}.amount", "give a number of 0 or more")
            amount = Decimal(0)
        currency = str(row.get("currency") or "").upper()
        if len(currency) != 3 or not currency.isalpha():
            errors.add(f"{path}.currency", "an ISO 4217 code such as USD")
        day = _date(row, "date", errors, path)
        if day is None:
            errors.add(f"{path}.date", "give the date of the transaction")
        if payer and payee and day:
            schema = row.get("schema") or "Party"  # a person or a company: unknown
            a, b = out.party(payer, schema), out.party(payee, schema)
            out.links.append(Link(a, b, "paid"))
            out.transactions.append(Transaction(i, a, b, amount, currency, day, row.get("country")))


def parse_extract(data: Any) -> Extract:
    """Validate an extract (registry object, or ``{"transactions": [...]}``, or a list)."""
    errors = ErrorCollector()
    out = Extract()
    rows = data if isinstance(data, list) else None
    if isinstance(data, dict) and "transactions" in data:
        rows = data["transactions"] if isinstance(data["transactions"], list) else None
    if rows is not None:
        if len(rows) > MAX_ROWS:
            errors.add("transactions", f"at most {MAX_ROWS} transactions")
        _transactions(rows[:MAX_ROWS], out, errors)
    elif isinstance(data, dict):
        if sum(len(data.get(k) or []) for k in ("companies", "officers", "owners")) > MAX_ROWS:
            errors.add("companies", f"at most {MAX_ROWS} rows in all")
        _registry(data, out, errors)
    else:
        errors.add("body", "a registry extract object or a list of transactions")
    if not out.parties and not errors.errors:
        errors.add("body", "the extract names no party")
    errors.raise_if_any("invalid extract")
    return out
