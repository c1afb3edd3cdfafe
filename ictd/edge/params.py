"""The bounded numbers of both HTTP edges: record ids and paging cursors.

Every id in a path, a query or a body is an ``Id`` (1 to 2**63 − 1) and every cursor a
``Cursor`` (0 to 2**63 − 1): what both databases store. A larger number is refused with
422 naming the field before any service sees it, and the OpenAPI schema states the range
(``tests/api/test_openapi.py`` checks that every integer has one).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ictd.model.text import MAX_ID

__all__ = ["MAX_ID", "Cursor", "Id"]

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
"""A record id."""

Cursor = Annotated[int, Field(ge=0, le=MAX_ID)]
"""A paging cursor (``after``): the last id or sequence number seen, 0 for the start."""
