"""Media signals: hashes and URLs of terrorist content shared between agencies and the
platforms they admit (issue 14).

Owns submitting signals (hashes, uploads hashed in memory and discarded, URLs), their
labels, sharing scope and attribution to a listed organisation; matching hashes and files
against the signals an agency may see (exact digests in the store, PDQ through the
near-neighbour index of ``ictd.media``, rebuilt when the signals change); feedback and
takedown status, quarantine of disputed signals until their owner reviews them; alerts to
the owner when a partner matches a signal attributed to a listed organisation (through
``ictd.outbox``); ThreatExchange/HMA CSV in and out. May import ``ictd.media``,
``ictd.outbox``, ``ictd.store``, ``ictd.model``, ``ictd.security`` and ``ictd.exc``.
"""

from ictd.signals.config import MediaConfig
from ictd.signals.exchange import export_csv, import_csv
from ictd.signals.feedback import give_feedback, review_signal
from ictd.signals.match import MatchQuery, match_media
from ictd.signals.service import (
    SignalInput,
    get_signal,
    hash_upload,
    list_signals,
    signals_of_organisation,
    submit_signals,
    update_signal,
)

__all__ = [
    "STORE_READS",
    "STORE_WRITES",
    "MatchQuery",
    "MediaConfig",
    "SignalInput",
    "export_csv",
    "get_signal",
    "give_feedback",
    "hash_upload",
    "import_csv",
    "list_signals",
    "match_media",
    "review_signal",
    "signals_of_organisation",
    "submit_signals",
    "update_signal",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("media_signals",)
"""Repositories of this capability: read and written here."""
STORE_READS = ("subjects", "listings")
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
