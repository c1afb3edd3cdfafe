"""The one exception-to-status table of the HTTP edges."""

from __future__ import annotations

from ictd import exc

__all__ = ["STATUS", "status_of"]

STATUS: dict[type[exc.IctdError], int] = {
    exc.InvalidInput: 422,
    exc.Unauthenticated: 401,
    exc.Forbidden: 403,
    exc.NotFound: 404,
    exc.Conflict: 409,
    exc.Throttled: 429,
    exc.SourceError: 502,
    exc.StoreError: 503,
    exc.IctdError: 500,
}


def status_of(err: exc.IctdError) -> int:
    """The status of ``err``: that of its nearest class in ``STATUS``."""
    for kind in type(err).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 500
