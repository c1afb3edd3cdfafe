"""The knobs of alerting, taken from ``Settings`` at an edge and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from ictd.model.listing import TERRORISM_CATEGORIES
from ictd.outbox.egress import EgressPolicy
from ictd.settings import Settings

__all__ = ["AlertConfig"]


@dataclass(frozen=True, slots=True)
class AlertConfig:
    """Deadlines, retro-screening window, webhook delivery policy and where webhooks may go."""

    ack_minutes: int = 720
    ack_minutes_terrorism: int = 15
    retro_days: int = 30
    retry_hours: float = 24.0
    webhook_timeout: float = 10.0
    interval: float = 0.5
    backoff_base: float = 10.0  # seconds before the first retry; doubles per attempt
    backoff_cap: float = 3600.0  # the longest wait between two attempts
    egress: EgressPolicy = field(default_factory=EgressPolicy)  # https, public addresses
    passenger_mask_days: int = 182  # how far back co-travellers on a booking are looked for

    @classmethod
    def from_settings(cls, settings: Settings) -> AlertConfig:
        return cls(
            ack_minutes=settings.alert_ack_minutes,
            ack_minutes_terrorism=settings.alert_ack_minutes_terrorism,
            retro_days=settings.alert_retro_days,
            retry_hours=settings.webhook_retry_hours,
            webhook_timeout=settings.webhook_timeout_seconds,
            interval=settings.dispatch_interval_seconds,
            passenger_mask_days=settings.passenger_mask_days,
            egress=EgressPolicy.from_setting(
                settings.webhook_allow_http, settings.webhook_allow_hosts
            ),
        )

    def ack_deadline(self, category: str) -> timedelta:
        """How long an alert on a listing of ``category`` may wait for acknowledgement."""
        minutes = (
            self.ack_minutes_terrorism if category in TERRORISM_CATEGORIES else self.ack_minutes
        )
        return timedelta(minutes=minutes)

    @property
    def retry_window(self) -> timedelta:
        return timedelta(hours=self.retry_hours)
