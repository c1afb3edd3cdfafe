"""The alert service of a process: the writes that raise alert events, and their wake-ups.

``AlertRuntime`` is what the edges call to report movements, to move alerts through their
lifecycle, and to screen (a screening tells the owners of hits withheld from the caller).
Each of these commits alert events and then, itself, wakes this process's live streams
and its dispatcher (``committed``): an edge has nothing to remember. Other
processes hear of the commit through the stream follower (PostgreSQL NOTIFY, or a poll of
the event head on SQLite). ``start``/``stop`` run the background parts with the server.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ictd.alerts import hit_reports, intake, lifecycle, webhooks
from ictd.alerts.dispatch import Dispatcher
from ictd.alerts.movement import MovementInput
from ictd.alerts.stream import Notifier
from ictd.outbox.config import AlertConfig
from ictd.screening import LiveIndex, QueryInput, QueryResult, screen_batch
from ictd.security.actor import Actor
from ictd.settings import Settings
from ictd.store import Store

__all__ = ["AlertRuntime"]


class AlertRuntime:
    """One per process: the notifier of live streams, the dispatcher, and the alert writes."""

    def __init__(self, store: Store, settings: Settings, live: LiveIndex) -> None:
        self.store = store
        self.live = live
        self.config = AlertConfig.from_settings(settings)
        self.enabled = settings.dispatcher_enabled
        self.notifier = Notifier(store)
        self.dispatcher = Dispatcher(store, self.config, notify=self.notifier.notify)
        self._started = False

    def start(self) -> None:
        self.notifier.start()
        if self.enabled and not self._started and self.store.is_ready():
            self.dispatcher.start()
            self._started = True

    def stop(self) -> None:
        self.notifier.stop()
        if self._started:
            self.dispatcher.stop()
            self._started = False

    def committed(self, events: int, deliveries: int | None = None) -> None:
        """Alert events were just committed: wake the streams of this process at once, and
        the dispatcher for the webhooks, unless the caller knows that they queued no
        delivery (``deliveries`` 0: the dispatcher's pass at its interval is soon enough
        for anything else)."""
        if events:
            self.notifier.notify()
            if deliveries is None or deliveries:
                self.dispatcher.wake()

    def report_movements(
        self, actor: Actor, inputs: Sequence[MovementInput], now: datetime | None = None
    ) -> intake.IntakeResult:
        """Screen and store movements; alerts for their hits reach the owners at once."""
        result = intake.report_movements(self.store, self.live, actor, inputs, self.config, now)
        self.committed(result.events, result.deliveries)
        return result

    def screen(
        self,
        actor: Actor,
        inputs: Sequence[QueryInput],
        threshold: float | None = None,
        limit: int = 10,
    ) -> list[QueryResult]:
        """Screen queries (``ictd.screening.screen``); the owners of hits withheld from the
        caller are told at once."""
        found = screen_batch(
            self.store, self.live, actor, inputs, threshold, limit, config=self.config
        )
        self.committed(found.events, found.deliveries)
        return found.results

    def step_alert(
        self, actor: Actor, reference: str, step: str, note: str | None
    ) -> dict[str, Any]:
        """One lifecycle step of an alert (``lifecycle.STEPS``)."""
        answer = lifecycle.step_alert(self.store, actor, reference, step, note, self.config)
        self.committed(1)
        return answer

    def redeliver(self, actor: Actor, webhook_id: int, delivery_id: int) -> dict[str, Any]:
        """Queue a delivery again (a dead letter, or one to send once more) and send it now."""
        answer = webhooks.redeliver(self.store, actor, webhook_id, delivery_id, self.config)
        self.dispatcher.wake()
        return answer

    def report_outcome(
        self, actor: Actor, reference: str, outcome: str, note: str | None
    ) -> dict[str, Any]:
        """The reporting agency's outcome of the requested action."""
        answer = lifecycle.report_outcome(self.store, actor, reference, outcome, note, self.config)
        self.committed(1)
        return answer

    def file_hit_report(
        self, actor: Actor, reference: str, data: hit_reports.HitReportInput
    ) -> dict[str, Any]:
        """The reporting agency's hit report on an alert; the owner is told at once."""
        answer = hit_reports.file_hit_report(self.store, actor, reference, data, self.config)
        self.committed(1)
        return answer
