"""The base of every repository: the rows of one area, read and written on one connection."""

from __future__ import annotations

from sqlalchemy import Connection

__all__ = ["Repository"]


class Repository:
    """Rows of one area in the transaction of a ``Session``; maps them to model objects."""

    __slots__ = ("conn",)

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
