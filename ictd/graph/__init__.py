"""The relation graph: edges from relations and shared values, traversal, exposure.

Owns traversal under the access policy (``walk``), the queries built on it (``query``:
neighbourhood, exposure, who is exposed) and financing-exposure assessment of company
extracts and transaction lists (``financing``). May import ``ictd.store``, ``ictd.model``,
``ictd.security`` and ``ictd.exc`` — not other services: the edge screens the parties first.
"""

from ictd.graph.query import exposure, neighbourhood, shortest_paths, who_is_exposed
from ictd.graph.render import Edge, Node, Path, render_graph
from ictd.graph.walk import Walker

__all__ = [
    "STORE_READS",
    "STORE_WRITES",
    "Edge",
    "Node",
    "Path",
    "Walker",
    "exposure",
    "neighbourhood",
    "render_graph",
    "shortest_paths",
    "who_is_exposed",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ()
"""Repositories of this capability: read and written here."""
STORE_READS = ("graph", "subjects", "listings", "accounts")
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
