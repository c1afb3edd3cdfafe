"""Every exception ICTD raises, split by what the caller can do about it.

::

    IctdError
    ├── NotFound          the thing asked for does not exist (or is not visible)
    ├── Unauthenticated   no valid credentials were presented
    ├── Forbidden         the actor may not do this
    ├── InvalidInput      the input is wrong; ``errors`` names each field at fault
    ├── Conflict          the request clashes with the current state
    ├── Throttled         too many failed attempts: try again after ``retry_after`` seconds
    ├── SourceError       an external list could not be read or parsed
    └── StoreError        the database failed or is not initialised

Exceptions carry data, never HTTP statuses: the API keeps one table that maps
each class to a status (``ictd.edge.status``, shared by the API and the web console).

A ``NotFound`` for a record that exists but is hidden from the caller reads exactly as one
for a missing record; it also carries a ``Refusal``, which the store audits after rolling
the transaction back (``ictd.store.Store.begin``), so that owners can see probing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Conflict",
    "FieldError",
    "Forbidden",
    "IctdError",
    "InvalidInput",
    "NotFound",
    "Refusal",
    "SourceError",
    "StoreError",
    "Throttled",
    "Unauthenticated",
]


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one input field; ``field`` is a dotted path (``names.0``)."""

    field: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class IctdError(Exception):
    """Root of every ICTD exception. ``code`` is a stable machine-readable word."""

    code = "error"

    def __init__(self, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


@dataclass(frozen=True, slots=True)
class Refusal:
    """A read refused because the record is hidden from ``actor`` (an ``Actor``): audited as
    ``action`` on ``targets``, naming the ``owners`` whose auditors may read the event."""

    actor: Any
    action: str
    targets: tuple[str, ...]
    owners: tuple[str, ...]


class NotFound(IctdError):
    """Not there, or not for the caller's eyes: both answer the same. ``refusal`` is set (and
    audited by the store, never shown) when the record exists but is hidden."""

    code = "not_found"

    def __init__(self, message: str, details: Any = None, refusal: Refusal | None = None) -> None:
        super().__init__(message, details)
        self.refusal = refusal


class Unauthenticated(IctdError):
    code = "unauthenticated"


class Forbidden(IctdError):
    code = "forbidden"


class InvalidInput(IctdError):
    """Bad input. ``errors`` lists every field at fault, so a caller can fix all at once."""

    code = "invalid_input"

    def __init__(self, message: str, errors: list[FieldError] | None = None) -> None:
        self.errors: list[FieldError] = list(errors or [])
        super().__init__(message, [e.to_dict() for e in self.errors])

    @classmethod
    def field(cls, name: str, message: str) -> InvalidInput:
        """Shortcut for a single bad field: ``raise InvalidInput.field("email", "is empty")``."""
        return cls(f"{name}: {message}", [FieldError(name, message)])


class Conflict(IctdError):
    code = "conflict"


class Throttled(IctdError):
    """Too many failed attempts (sign-in): none is checked before ``retry_after`` seconds."""

    code = "throttled"

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message, {"retry_after": retry_after})
        self.retry_after = retry_after


class SourceError(IctdError):
    code = "source_error"


class StoreError(IctdError):
    code = "store_error"


@dataclass(slots=True)
class ErrorCollector:
    """Gathers field errors during validation and raises them together."""

    errors: list[FieldError] = field(default_factory=list)

    def add(self, name: str, message: str) -> None:
        self.errors.append(FieldError(name, message))

    def raise_if_any(self, message: str = "invalid input") -> None:
        if self.errors:
            first = self.errors[0]
            raise InvalidInput(f"{message}: {first.field}: {first.message}", self.errors)
