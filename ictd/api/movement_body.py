"""The API body of a movement report, built from its one declaration
(``ictd.model.movement.MOVEMENT_FIELDS``): top-level fields, and one nested object per
group (``place``, ``document``, ``traveller``), each field bounded as declared."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, create_model

from ictd.api.schemas import Strict, one_of
from ictd.model.movement import MOVEMENT_FIELDS, MovementField

__all__ = ["MovementIn"]


def _annotation(spec: MovementField) -> tuple[Any, Any]:
    """(type, default) of one declared field."""
    value = Annotated[str, Field(max_length=spec.max_length)]
    if spec.choices:
        word = Annotated[str, one_of(spec.choices, max_length=spec.max_length)]
        field = Field(description=spec.description)
        return (
            (Annotated[word, field], ...)
            if spec.required
            else (Annotated[word | None, field], None)
        )
    if spec.many:
        bounds = Field(
            min_length=1 if spec.required else 0, max_length=spec.many, description=spec.description
        )
        return Annotated[list[value], bounds], (... if spec.required else [])
    if spec.required:
        bounds = Field(min_length=1, max_length=spec.max_length, description=spec.description)
        return Annotated[str, bounds], ...
    bounds = Field(max_length=spec.max_length, description=spec.description)
    return Annotated[str | None, bounds], None


def build_movement_model() -> type[Strict]:
    top: dict[str, Any] = {}
    groups: dict[str, dict[str, Any]] = {}
    required: set[str] = set()
    for spec in MOVEMENT_FIELDS:
        if spec.group is None:
            top[spec.name] = _annotation(spec)
            continue
        groups.setdefault(spec.group, {})[spec.key] = _annotation(spec)
        if spec.required:
            required.add(spec.group)
    for group, fields in groups.items():
        model = create_model(f"{group.title()}In", __base__=Strict, **fields)
        top[group] = (model, ...) if group in required else (model, Field(default_factory=model))
    return create_model("MovementIn", __base__=Strict, **top)


if TYPE_CHECKING:
    MovementIn = Strict
else:
    MovementIn = build_movement_model()
