"""The REST API under ``/api/v1`` (FastAPI): thin routers that parse, call a service, render.

May import every layer below it; FastAPI lives only here.
"""

from ictd.api.app import create_app

__all__ = ["create_app"]
