"""Steps of the relation graph, as one hop of a walk finds them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GraphStep"]


@dataclass(frozen=True, slots=True)
class GraphStep:
    """A visible step from ``here`` to ``there`` over ``edge`` (``r<relation id>`` or
    ``s<low statement id>-<high statement id>``); ``listed``: ``there`` has a listing in force."""

    edge: str
    here: int
    there: int
    listed: bool
    relation: int | None = None
    statements: tuple[int, int] | None = None  # (here's, there's) for a shared value
    prop: str | None = None
