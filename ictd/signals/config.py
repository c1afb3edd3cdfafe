"""The knobs of media signals, taken from ``Settings`` at an edge and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field

from ictd.media.pdq import MediaLimits
from ictd.outbox.config import AlertConfig
from ictd.settings import Settings

__all__ = ["MediaConfig"]


@dataclass(frozen=True, slots=True)
class MediaConfig:
    max_distance: int = 31
    video_match: float = 0.8  # share of frames on both sides that must match (vPDQ)
    limits: MediaLimits = field(default_factory=MediaLimits)
    quarantine_disputes: int = 3
    alerts: AlertConfig = field(default_factory=AlertConfig)

    @classmethod
    def from_settings(cls, settings: Settings) -> MediaConfig:
        return cls(
            max_distance=settings.media_max_distance,
            limits=MediaLimits(settings.media_max_bytes, settings.media_max_pixels),
            quarantine_disputes=settings.media_quarantine_disputes,
            alerts=AlertConfig.from_settings(settings),
        )
