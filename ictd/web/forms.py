"""Reading posted forms, and turning ``InvalidInput`` field paths into messages by field."""

from __future__ import annotations

from starlette.datastructures import FormData, UploadFile

from ictd.exc import InvalidInput
from ictd.model.text import MAX_ID

__all__ = ["FieldErrors", "field_errors", "number", "text", "texts"]

FieldErrors = dict[str, list[str]]


def text(form: FormData, name: str, limit: int = 5000) -> str | None:
    """A stripped text field, or ``None`` when empty or missing; cut at ``limit``."""
    value = form.get(name)
    if value is None or isinstance(value, UploadFile):
        return None
    value = value.strip()[:limit]
    return value or None


def number(
    form: FormData, name: str, low: int = 1, high: int = MAX_ID, field: str | None = None
) -> int | None:
    """A whole number from ``low`` to ``high`` (ids by default), or ``None`` when the field
    is empty; anything else is ``InvalidInput`` naming ``field`` (default ``name``)."""
    value = text(form, name, 40)
    if value is None:
        return None
    if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
        raise InvalidInput.field(field or name, f"must be a whole number from {low} to {high}")
    return int(value)


def texts(form: FormData, name: str) -> list[str]:
    """Every non-empty value of a repeated field (checkboxes, multi-selects)."""
    return [v.strip() for v in form.getlist(name) if isinstance(v, str) and v.strip()]


def split(value: str | None, separators: str = ",;\n") -> list[str]:
    """``"IQ, SY"`` → ``["IQ", "SY"]``."""
    if not value:
        return []
    for sep in separators[1:]:
        value = value.replace(sep, separators[0])
    return [v.strip() for v in value.split(separators[0]) if v.strip()]


def field_errors(err: InvalidInput, rename: dict[str, str] | None = None) -> FieldErrors:
    """Messages by field path; ``rename`` maps a path prefix the service used to the form's."""
    out: FieldErrors = {}
    for item in err.errors:
        name = item.field
        for old, new in (rename or {}).items():
            if name == old or name.startswith(old + "."):
                name = new + name[len(old) :]
        out.setdefault(name, []).append(item.message)
    if not out:
        out[""] = [err.message]
    return out
