"""What a server process runs for alerts: the notifier of live streams and the dispatcher."""

from __future__ import annotations

from ictd.alerts.config import AlertConfig
from ictd.alerts.dispatch import Dispatcher
from ictd.alerts.stream import Notifier
from ictd.settings import Settings
from ictd.store import Store

__all__ = ["AlertRuntime"]


class AlertRuntime:
    """Created with the app; ``start``/``stop`` from its lifespan."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
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

    def committed(self, events: int) -> None:
        """Alert events were just committed (call after the commit): wake the streams of this
        process at once, and the dispatcher for the webhooks."""
        if events:
            self.notifier.notify()
            self.dispatcher.wake()
