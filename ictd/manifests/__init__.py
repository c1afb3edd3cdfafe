"""Passenger manifests: airline messages (PAXLST, PNRGOV) submitted by an agency, each
traveller reported as a movement, and machine-readable zones read.

Owns manifest submission (parse with ``ictd.border``, report each traveller through the
movement intake of ``ictd.alerts`` and store the interchange, its bookings and travellers
in the same transaction), the reading of stored manifests (own agency only) and MRZ
reading for the edges. Sits above ``ictd.alerts``, whose intake it uses; may import it,
``ictd.border``, ``ictd.screening``, ``ictd.outbox``, ``ictd.store``, ``ictd.security``,
``ictd.model`` and ``ictd.exc``.
"""

from ictd.manifests.read import get_manifest, list_manifests, read_document
from ictd.manifests.submit import (
    MAX_MESSAGE_BYTES,
    MAX_TRAVELLERS,
    ManifestResult,
    submit_manifest,
    traveller_answer,
)

__all__ = [
    "MAX_MESSAGE_BYTES",
    "MAX_TRAVELLERS",
    "STORE_READS",
    "STORE_WRITES",
    "ManifestResult",
    "get_manifest",
    "list_manifests",
    "read_document",
    "submit_manifest",
    "traveller_answer",
]

STORE_WRITES = ("manifests",)
STORE_READS: tuple[str, ...] = ()
