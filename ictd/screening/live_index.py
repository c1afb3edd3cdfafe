"""The live matching index: built from the store, kept current, swapped atomically.

Services call ``live.current()``: it applies what the subject change feed says changed
since the last look (one cheap query when nothing did) and returns the immutable index,
which the caller keeps using for its whole query while the next one is built and swapped
in by reference. ``live.index`` is the index as it is, without looking at the feed.
The feed is re-read with an overlap of ``OVERLAP`` entries so a
transaction that took its sequence number early but committed late is not missed;
re-applying a change is harmless.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from typing import TypeVar

from ictd.matching import IndexRecord, MatchIndex, record_from_subject
from ictd.store import Session, Store

__all__ = ["LiveIndex"]

T = TypeVar("T")

BATCH = 2000
OVERLAP = 1000
FULL_REBUILD = 50_000  # more changes than this at once: rebuild instead of patching


class LiveIndex:
    """The current ``MatchIndex`` of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._index: MatchIndex | None = None
        self._seq = 0
        self._seen: set[int] = set()
        # (low, change window after low) when nothing was new: the same look means no news
        self._window: tuple[int, tuple[int, int]] | None = None
        self._lock = threading.Lock()
        self._listeners: list[Callable[[list[int]], None]] = []
        self.built_at: float | None = None  # time.time() when the last full build ended

    def add_listener(self, listener: Callable[[list[int]], None]) -> None:
        """Call ``listener`` with the subject ids of every change applied by ``refresh``.

        Called in the refreshing thread after the new index is in place; it must be quick
        (queue the ids, not work on them) and must not raise.
        """
        self._listeners.append(listener)

    @property
    def index(self) -> MatchIndex:
        """The current index; built on first use."""
        current = self._index
        if current is None:
            self.build()
            current = self._index
        assert current is not None
        return current

    def _records(self) -> Iterator[IndexRecord]:
        after = 0
        while True:
            with self.store.read() as session:
                ids = session.subjects.list_ids(None, after, BATCH)
                subjects = session.subjects.get_many(ids)
            for subject in subjects:
                yield record_from_subject(subject)
            if len(ids) < BATCH:
                return
            after = ids[-1]

    @property
    def loaded(self) -> bool:
        """Whether an index has been built (``index`` would not have to build one)."""
        return self._index is not None

    @property
    def position(self) -> int:
        """The newest change-feed entry the index reflects."""
        return self._seq

    def caught_up(self) -> bool:
        """True once the index is built and every change committed so far is applied; never
        starts a build (that is the server's start-up work): not yet built is ``False``."""
        if self._index is None:
            return False
        self.refresh()
        return True

    def current(self, reading: Session | None = None) -> MatchIndex:
        """The index with every change committed so far applied (built on first use);
        ``reading`` as for ``refresh``."""
        self.refresh(reading)
        return self.index

    def build(self) -> MatchIndex:
        """A full build from every live subject."""
        with self._lock:
            return self._build()

    def _build(self) -> MatchIndex:
        with self.store.read() as session:
            head = session.changes.head()
            window = session.changes.after(max(0, head - OVERLAP), OVERLAP)
        index = MatchIndex.build(self._records())
        # the index lives long: keep the collector from walking its objects on every pass
        gc.collect()
        gc.freeze()
        self._index, self._seq, self._window = index, head, None
        self.built_at = time.time()
        self._seen = {seq for seq, _ in window}
        return index

    def install(
        self, index: MatchIndex, position: int, seen: Iterable[int], built_at: float
    ) -> None:
        """Start from ``index`` as built at change-feed ``position`` (an index snapshot:
        ``ictd.screening.snapshot``), having seen feed entries ``seen``; ``refresh`` then
        applies what changed since."""
        with self._lock:
            self._index, self._seq, self._window = index, position, None
            self._seen = set(seen)
            self.built_at = built_at

    def refresh(self, reading: Session | None = None) -> int:
        """Apply the change feed since the last build or refresh; return subjects applied.
        ``reading``: an open read of the caller's to look at the feed in (one database
        visit fewer per request), else a read of its own."""
        return self._refresh(reading, None)

    def current_for(self, reading: Session, agency: str) -> tuple[MatchIndex, float | None]:
        """``current(reading)``, and ``agency``'s own hit threshold (``None``: it set none)
        read in the same statement as the change feed: a screening needs both, and on
        PostgreSQL each statement is a round trip to the server. Read afresh every time,
        so a changed threshold counts from the next screening on."""
        return self.current_with(
            reading, lambda low: reading.changes.window_and_hit_threshold(low, agency)
        )

    def current_with(
        self, reading: Session, read: Callable[[int], tuple[tuple[int, int], T]]
    ) -> tuple[MatchIndex, T]:
        """``current(reading)``, with the feed's window read by ``read(low)``: one statement
        of the caller's that reads ``ChangeFeed.window(low)`` and more beside it (returned
        with the index), so that a request reads what it needs first in one round trip."""
        found: list[T] = []

        def window(low: int) -> tuple[int, int]:
            seen, extra = read(low)
            found.append(extra)
            return seen

        self._refresh(reading, window)
        return self.index, found[0]

    def _refresh(
        self, reading: Session | None, window_of: Callable[[int], tuple[int, int]] | None
    ) -> int:
        """Apply what the change feed says changed since the last look; how many subjects.

        The look itself (one statement, which also reads what the caller needs beside it,
        ``window_of``) runs without the index's lock: every screening and movement makes
        it, in its own transaction, and holding a process-wide lock across a round trip made
        a server's requests queue behind one another, each holding a pooled connection (the
        load test at 300 requests/s). The lock is taken to build the index, and to apply
        changes when the look found news."""
        if self._index is None:
            with self._lock:
                built = len(self._build()) if self._index is None else 0
            if window_of is None:
                return built
        # read without the lock: a stale pair only sends the look to the lock (``_apply``)
        known = self._window
        low = known[0] if known is not None else max(0, self._seq - OVERLAP)
        with nullcontext(reading) if reading is not None else self.store.read() as session:
            window = session.changes.window(low) if window_of is None else window_of(low)
            if (low, window) == known:
                return 0  # the same rows as last time, all of them applied
            with self._lock:
                applied, ids = self._apply(session, low, window)
        if ids:
            for listener in self._listeners:
                listener(ids)
        return applied

    def _apply(self, session: Session, low: int, window: tuple[int, int]) -> tuple[int, list[int]]:
        """Under the lock: apply the feed's changes after ``low`` not applied yet (another
        thread may have applied them since the look); how many subjects, and which."""
        if max(0, self._seq - OVERLAP) != low:  # moved meanwhile: look from where it is now
            low = max(0, self._seq - OVERLAP)
            window = session.changes.window(low)
        if (low, window) == self._window:
            return 0, []
        changes = session.changes.after(low, FULL_REBUILD)
        new = [(seq, sid) for seq, sid in changes if seq not in self._seen]
        if not new:
            self._window = (low, window)
            return 0, []
        ids = sorted({subject_id for _, subject_id in new})
        if len(changes) >= FULL_REBUILD:  # listeners hear of the first FULL_REBUILD changes
            return len(self._build()), ids
        live = {s.id: s for s in session.subjects.get_many(ids)}
        upserts = [record_from_subject(s) for s in live.values()]
        removals = [i for i in ids if i not in live]
        assert self._index is not None  # built before the look
        self._index = self._index.with_changes(upserts=upserts, removals=removals)
        self._seq = max(self._seq, max(seq for seq, _ in new))
        seen = self._seen | {seq for seq, _ in new}
        self._seen = {seq for seq in seen if seq > self._seq - OVERLAP}
        return len(ids), ids
