"""The web console: server-rendered pages (Jinja2 + HTMX) for analysts, screeners, duty
officers, agency admins and auditors, served by ``ictd serve`` at ``/``.

Owns sign-in sessions (cookies, CSRF), page routes, templates and vendored static assets
(htmx, Cytoscape.js). Pages call the same services as the API with the signed-in user's
``Actor``, so the same policy applies. May import ``ictd.screening``, ``ictd.registry``,
``ictd.graph``, ``ictd.alerts``, ``ictd.store``, ``ictd.model``, ``ictd.security``,
``ictd.exc`` and ``ictd.settings`` — never ``ictd.api`` (which mounts it) or ``ictd.cli``.
"""

from ictd.web.app import install_web
from ictd.web.route import status_page

__all__ = ["STORE_READS", "STORE_WRITES", "install_web", "status_page"]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("web_sessions",)
"""Repositories of this capability: read and written here."""
STORE_READS = ("accounts",)
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
