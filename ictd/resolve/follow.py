"""Resolution as subjects change: the server proposes pairs for every new or changed subject.

``XrefFollower`` hears from the screening index which subjects changed (``LiveIndex``
listeners: imports, API and console edits alike) and, every ``interval`` seconds, runs
``xref`` for them against the live index — no index is built for it, so it stays cheap on a
store of millions. A failed run is audited (``xref.failed``) and its subjects are tried again
on the next pass. ``ictd serve`` starts one (``ICTD_XREF_FOLLOW_SECONDS``; 0 turns it off).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from ictd.loop import Loop, Next
from ictd.matching import MatchIndex
from ictd.resolve.xref import XrefReport, audit_failed_xref, xref
from ictd.security.actor import Actor
from ictd.store import Store

__all__ = ["XrefFollower"]

log = logging.getLogger("ictd.resolve")


class XrefFollower:
    """Queues changed subjects and proposes pairs for them against a live index."""

    def __init__(
        self,
        store: Store,
        index: Callable[[], MatchIndex],
        interval: float = 30.0,
        actor: Actor | None = None,
        before: Callable[[], object] | None = None,
    ) -> None:
        """``index`` returns the current index of every live subject; ``before`` runs at the
        start of each pass (the server refreshes the index there, which queues changes)."""
        self.store = store
        self.index = index
        self.interval = interval
        self.actor = actor or Actor.system("xref-follower")
        self.before = before
        self._pending: set[int] = set()
        self._lock = threading.Lock()
        self.loop = Loop("xref-follower", self._step, interval, wait_first=True)
        self.last_error: str | None = None

    def changed(self, subject_ids: Sequence[int]) -> None:
        """Queue subjects for the next pass (an ``LiveIndex`` listener)."""
        with self._lock:
            self._pending.update(subject_ids)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    def run_once(self) -> XrefReport | None:
        """One pass: propose pairs for the queued subjects. None when nothing was queued."""
        if self.before is not None:
            self.before()
        with self._lock:
            ids, self._pending = sorted(self._pending), set()
        if not ids:
            return None
        try:
            report = xref(self.store, self.actor, None, ids, index=self.index(), trigger="follow")
        except Exception as err:  # keep following; the subjects wait for the next pass
            with self._lock:
                self._pending.update(ids)
            log.warning("xref follower: a pass over %d subjects failed", len(ids))
            self.last_error = audit_failed_xref(self.store, self.actor, err, len(ids))
            return None
        self.last_error = None
        return report

    def start(self) -> None:
        """Run passes every ``interval`` seconds in a daemon thread until ``stop``."""
        if self.interval > 0:
            self.loop.start()

    def stop(self) -> None:
        self.loop.stop()

    def _step(self) -> Next:
        self.run_once()
        return Next.WAIT
