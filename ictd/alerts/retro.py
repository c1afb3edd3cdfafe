"""Retro-screening: react to listings that became active or ended.

Services do not import each other, so the registry and the source importers do not call
this module; instead the dispatcher polls the ``listings`` table. Every listing write sets
``updated_at``, so a watermark on ``(updated_at, id)`` (kept in ``alert_cursors``) finds every
changed listing. A transaction stamps ``updated_at`` when it starts but becomes visible when
it commits, so a write can appear behind what a scan has already passed:

- at least every ``FULL_EVERY`` seconds (and on the first run) the scan starts ``OVERLAP``
  before the watermark: that catches any write committed within ``OVERLAP`` of its stamp;
- the passes between (the dispatcher runs one after every alert committed in this process)
  start at the lower of the newest ``(updated_at, id)`` already scanned and ``RECENT`` before
  the previous pass began (wall clock), so a new or just-committed listing is found at once
  without re-reading the whole overlap window.

Scans read ``(id, updated_at)`` only (an index covers them); what this process already
handled in that version is skipped, and only the rest is loaded. Handling a listing twice
(after a restart) is harmless: a ``(movement, listing)`` pair is alerted at most once
(unique key).

- A listing in force: the movements of the last ``retro_days`` are screened against its
  subject (a small index of just the newly active subjects); each hit not yet alerted
  becomes an alert, exactly as on arrival (origin ``retro``).
- A listing expired or withdrawn: its open alerts close, with that reason.

An edit of a listing that stays active screens it again; that costs work, never a
duplicate. Validity dates passing without a write are not seen here (a listing past its
``valid_until`` stops producing hits on arrival all the same).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ictd.alerts.lifecycle import close_for_listings
from ictd.alerts.movement import query_of
from ictd.matching import DEFAULT_THRESHOLD, MatchIndex, record_from_subject
from ictd.model import Listing, ListingStatus
from ictd.model.alert import AlertEvent
from ictd.model.movement import Movement
from ictd.outbox.config import AlertConfig
from ictd.outbox.writer import AlertWriter
from ictd.security.actor import Actor
from ictd.store import Store

__all__ = ["CURSOR", "ListingWatcher", "RetroReport"]

CURSOR = "retro.listings"
OVERLAP = timedelta(minutes=15)
RECENT = timedelta(seconds=5)
FULL_EVERY = 30.0  # seconds between two scans of the whole overlap window
PAGE = 1000
MAX_PAGES = 100  # per run; the rest waits for the next run
ENDED = (ListingStatus.EXPIRED, ListingStatus.WITHDRAWN)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
Key = tuple[datetime, int]  # a position in (updated_at, id) order


@dataclass(frozen=True, slots=True)
class RetroReport:
    listings: int = 0
    alerts: int = 0
    closed: int = 0
    events: tuple[AlertEvent, ...] = ()


class ListingWatcher:
    """Follows listing changes from a stored watermark; one per dispatcher."""

    def __init__(self, store: Store, config: AlertConfig, full_every: float = FULL_EVERY) -> None:
        self.store = store
        self.config = config
        self.full_every = full_every  # seconds between two scans of the overlap window
        self._done: dict[int, datetime] = {}
        self._scanned: Key | None = None  # the newest position a scan has read
        self._began: datetime = _EPOCH  # wall clock at the start of the previous scan
        self._full_at = 0.0  # monotonic time of the last scan of the overlap window
        self.actor = Actor.system("retro-screening")

    def run(self, now: datetime) -> RetroReport:
        with self.store.read() as session:
            stored = session.alerts.cursor(CURSOR)
        mark = datetime.fromisoformat(stored) if stored else _EPOCH
        start = self._start(mark)
        self._began = datetime.now(UTC)  # listing stamps are real time, whatever ``now`` is
        changed = self._changed(start)
        if not changed:
            return RetroReport()
        report = self._handle(changed, now)
        newest = max((x.updated_at for x in changed if x.updated_at), default=mark)
        for listing in changed:
            self._done[listing.id or 0] = listing.updated_at or _EPOCH
        if newest > mark:
            with self.store.begin() as session:
                session.alerts.set_cursor(CURSOR, newest.isoformat())
        self._done = {k: v for k, v in self._done.items() if v >= newest - 2 * OVERLAP}
        return report

    def _start(self, mark: datetime) -> Key:
        """Where this pass starts: the whole overlap window now and then, else recent writes."""
        if self._scanned is None or time.monotonic() - self._full_at >= self.full_every:
            self._full_at = time.monotonic()
            return (mark - OVERLAP, 0)
        return min(self._scanned, (self._began - RECENT, 0))

    def _changed(self, start: Key) -> list[Listing]:
        """Listings written after ``start`` that this process has not handled in that version."""
        at, after_id = start
        todo: list[int] = []
        for _ in range(MAX_PAGES):
            with self.store.read() as session:
                page = session.listings.written_after(at, after_id, PAGE)
            todo.extend(i for i, stamp in page if self._done.get(i) != stamp)
            if page:
                at, after_id = page[-1][1], page[-1][0]
            if len(page) < PAGE:
                break
        self._scanned = max(self._scanned or start, (at, after_id))
        changed: list[Listing] = []
        for first in range(0, len(todo), PAGE):
            with self.store.read() as session:
                changed.extend(session.listings.get_many(todo[first : first + PAGE]))
        return changed

    def _handle(self, changed: list[Listing], now: datetime) -> RetroReport:
        active = [x for x in changed if x.is_in_force(now.date())]
        ended = {x.id: f"listing {x.status.value}" for x in changed if x.status in ENDED and x.id}
        events: list[AlertEvent] = []
        alerts = self._screen(active, now, events) if active else 0
        closed = 0
        if ended:
            with self.store.begin() as session:
                writer = AlertWriter(session, self.config, now)
                closed = len(close_for_listings(session, ended, writer))
                if closed:
                    session.audit.record(
                        self.actor, "alert.close", [], reason="listing ended", count=closed
                    )
            events.extend(writer.events)  # numbered at commit
        return RetroReport(len(changed), alerts, closed, tuple(events))

    def _screen(self, active: list[Listing], now: datetime, events: list[AlertEvent]) -> int:
        since = now - timedelta(days=self.config.retro_days)
        with self.store.read() as session:
            if not session.movements.any_since(since):
                return 0
            subjects = session.subjects.get_many(sorted({x.subject_id for x in active}))
        index = MatchIndex.build(record_from_subject(s) for s in subjects)
        by_subject: dict[int, list[Listing]] = {}
        for listing in active:
            by_subject.setdefault(listing.subject_id, []).append(listing)
        created, after = 0, 0
        for _ in range(MAX_PAGES * 10):
            with self.store.read() as session:
                page = session.movements.since(since, after, PAGE)
            created += self._alert_page(page, index, by_subject, now, events)
            if len(page) < PAGE:
                break
            after = page[-1].id
        return created

    def _alert_page(
        self,
        page: list[Movement],
        index: MatchIndex,
        by_subject: dict[int, list[Listing]],
        now: datetime,
        events: list[AlertEvent],
    ) -> int:
        hits: list[tuple[Movement, Listing, float]] = []
        for movement in page:
            for match in index.search(query_of(movement), threshold=DEFAULT_THRESHOLD):
                hits.extend((movement, x, match.score) for x in by_subject[match.subject_id])
        if not hits:
            return 0
        with self.store.begin() as session:
            done = session.alerts.alerted_pairs([(m.id, x.id or 0) for m, x, _ in hits])
            writer = AlertWriter(session, self.config, now)
            created = writer.create_many(
                [
                    (movement, listing, score, "retro", None)
                    for movement, listing, score in hits
                    if (movement.id, listing.id) not in done
                ]
            )
            refs = [f"alert:{alert.reference}" for alert in created]
            if refs:
                session.audit.record(self.actor, "alert.retro", refs, alerts=len(refs))
        events.extend(writer.events)  # numbered at commit
        return len(refs)
