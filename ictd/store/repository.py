"""The base of every repository: the rows of one area, read and written on one connection."""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import Connection

from ictd.model.encoding import json_encoder

__all__ = ["Repository", "json_text"]

_ENCODE = json_encoder(ensure_ascii=False, sort_keys=True, default=str)
"""Made once (``ictd.model.encoding``)."""


def json_text(data: Any) -> str:
    """``data`` as the JSON text of a column: keys sorted, non-ASCII kept, dates as text."""
    return _ENCODE(data)


class Repository:
    """Rows of one area in the transaction of a ``Session``; maps them to model objects."""

    __slots__ = ("conn",)
    READS: ClassVar[frozenset[str]] = frozenset()
    """The methods that only read: a service that reads this area but does not own it may
    call these and no others (``tests/store/test_repository_use.py``)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
