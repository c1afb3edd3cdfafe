"""The one configuration type. Built once at an edge (CLI group, ``create_app``) and passed down.

Library code never reads the environment itself. Every field can be set with an
``ICTD_``-prefixed environment variable (``ICTD_DATABASE_URL``) or a ``.env`` file.
``docs/settings.md`` is generated from this class (``ictd docs settings``).
"""

from __future__ import annotations

import ipaddress
from typing import Self

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]


class Settings(BaseSettings):
    """ICTD settings. Defaults run locally on a SQLite file."""

    model_config = SettingsConfigDict(env_prefix="ICTD_", env_file=".env", extra="ignore")

    environment: str = Field(
        "development",
        description="`development`, `test` or `production`.",
    )
    database_url: str = Field(
        "sqlite:///ictd.db",
        description="SQLAlchemy URL of the store: `sqlite:///path.db` or "
        "`postgresql+psycopg://user@host/db`.",
    )
    host: str = Field("127.0.0.1", description="Address `ictd serve` binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port `ictd serve` listens on.")
    max_body_bytes: int = Field(
        2_000_000, ge=1024, description="Largest accepted HTTP request body, in bytes."
    )
    max_page_size: int = Field(
        500, ge=1, le=10_000, description="Largest `limit` a list endpoint accepts."
    )
    key_touch_seconds: int = Field(
        60, ge=0, description="An API key's last-used time is written at most this often."
    )
    key_default_days: int = Field(
        90,
        ge=1,
        le=3650,
        description="Days an API key lives when it is created without `expires_days`.",
    )
    key_max_days: int = Field(
        365, ge=1, le=3650, description="The longest `expires_days` a new API key may have."
    )
    log_level: str = Field("INFO", description="Python logging level of the server.")
    build_index_on_start: bool = Field(
        True, description="Build the screening index in the background when the server starts."
    )
    index_snapshot: str | None = Field(
        None,
        description="Path of a screening-index snapshot (`ictd index build`): a server starts "
        "from it when it is fresh (this matcher, this store, fewer than 50,000 changes behind) "
        "and catches up from the change feed; otherwise it builds from the store.",
    )
    alert_ack_minutes: int = Field(
        720, ge=1, description="Minutes an alert may wait for acknowledgement before escalating."
    )
    alert_ack_minutes_terrorism: int = Field(
        15, ge=1, description="The same deadline for listings of a terrorism category."
    )
    alert_retro_days: int = Field(
        30, ge=0, description="Days of movements screened again when a listing becomes active."
    )
    dispatcher_enabled: bool = Field(
        True, description="Run the alert dispatcher (webhooks, escalation) inside `ictd serve`."
    )
    xref_follow_seconds: float = Field(
        30.0,
        ge=0,
        description="How often `ictd serve` proposes resolution pairs for subjects that changed "
        "(against the live screening index); 0 turns it off.",
    )
    dispatch_interval_seconds: float = Field(
        0.5, gt=0, description="How often the alert dispatcher looks for work when idle."
    )
    webhook_timeout_seconds: float = Field(
        10.0, gt=0, description="Timeout of one webhook delivery attempt."
    )
    webhook_retry_hours: float = Field(
        24.0, gt=0, description="Webhook deliveries are retried this long, then dead-lettered."
    )
    webhook_allow_http: bool = Field(
        False,
        description="Accept plain `http://` webhook URLs (development and tests); by default "
        "only `https://`.",
    )
    webhook_allow_hosts: str = Field(
        "",
        description="Comma-separated host names and IP ranges (`127.0.0.1/32`, `10.0.0.0/8`, "
        "`hooks.internal`) that webhooks may reach although they are loopback, private, "
        "link-local or otherwise non-public (development and tests); empty: none.",
    )

    web_idle_minutes: int = Field(
        30, ge=1, le=24 * 60, description="A web console session ends after this idle time."
    )
    web_session_keep_days: int = Field(
        30, ge=1, description="Ended or idle console sessions are deleted after this many days."
    )
    passenger_mask_days: int = Field(
        182,
        ge=1,
        description="Movements older than this many days lose the passenger data an alert "
        "does not need (the `border.retention` job).",
    )
    passenger_delete_days: int = Field(
        1826,
        ge=1,
        description="Movements older than this many days are deleted (the `border.retention` "
        "job); their alerts stay, unlinked.",
    )
    jobs_interval_seconds: float = Field(
        60.0,
        ge=0,
        description="How often `ictd serve` runs the scheduled jobs that are due (review "
        "warnings, expiries, deadlines, retention, housekeeping); 0 leaves them to "
        "`ictd jobs run` from cron.",
    )
    job_lease_minutes: int = Field(
        30,
        ge=1,
        description="How long one process holds a job it runs; a lease left by a process "
        "that died is taken over after this.",
    )
    sign_in_free_failures: int = Field(
        5,
        ge=1,
        le=1000,
        description="Wrong passwords for one e-mail address before sign-in is slowed down.",
    )
    sign_in_free_failures_per_address: int = Field(
        20,
        ge=1,
        le=10_000,
        description="Failed sign-ins from one client address before its sign-ins are slowed "
        "down (higher than per account: many users may share an address).",
    )
    sign_in_backoff_seconds: float = Field(
        1.0,
        gt=0,
        description="The first wait after the free failures; it doubles with each further failure.",
    )
    sign_in_backoff_cap_seconds: float = Field(
        900.0,
        gt=0,
        description="The longest wait between two sign-in attempts (never a permanent lock-out).",
    )
    sign_in_forget_minutes: float = Field(
        60.0,
        gt=0,
        description="Failed sign-ins of an account or address are forgotten after this long "
        "without a new failure.",
    )
    trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses or IP ranges of reverse proxies whose "
        "`X-Forwarded-For` header names the client address (for sign-in throttling); "
        "empty: the header is ignored and the peer address is the client.",
    )
    redress_answer_days: int = Field(
        30,
        ge=1,
        le=365,
        description="An agency answers a redress request forwarded to it within this many days.",
    )
    redress_decision_days: int = Field(
        122,
        ge=1,
        le=730,
        description="An agency decides a redress request forwarded to it within this many days "
        "(about 4 months).",
    )

    listing_review_months: int = Field(
        36,
        ge=1,
        le=240,
        description="Months from listing (or from an extension) to a listing's review date "
        "when its owner gives none.",
    )
    listing_review_months_by: str = Field(
        "person-of-interest=12,discreet-check=12,locate-and-inform=24",
        description="Shorter review periods for some categories or requested actions, as "
        "comma-separated `NAME=MONTHS`; the shortest that applies to a listing wins.",
    )
    listing_review_max_months: int = Field(
        60,
        ge=1,
        le=240,
        description="The furthest a review date may be set (at listing or extension), in "
        "months from that day.",
    )
    review_urgent_categories: str = Field(
        "",
        description="Listing categories published at once when shared beyond their owner "
        "(comma-separated, e.g. `terrorist,foreign-terrorist-fighter`); the operator's "
        "compliance reviewers review them afterwards, within ICTD_REVIEW_URGENT_HOURS. "
        "Empty: every shared listing waits for review.",
    )
    review_urgent_hours: int = Field(
        24,
        ge=1,
        le=168,
        description="An urgent listing published before review is reviewed within this many "
        "hours; past it, the job compliance.overdue tells the operator's reviewers.",
    )
    media_max_distance: int = Field(
        31,
        ge=0,
        le=63,
        description="The largest PDQ Hamming distance (of 256 bits) at which an image matches "
        "a media signal.",
    )
    media_max_bytes: int = Field(
        20_000_000,
        ge=1000,
        le=500_000_000,
        description="The largest file accepted for hashing (uploads are hashed in memory and "
        "discarded).",
    )
    media_max_pixels: int = Field(
        40_000_000,
        ge=10_000,
        le=500_000_000,
        description="The most pixels an uploaded image may have (checked from its header "
        "before decoding: decompression bombs are refused).",
    )
    media_quarantine_disputes: int = Field(
        3,
        ge=1,
        le=1000,
        description="Agencies marking a media signal a false positive before it is quarantined "
        "(no longer matched) until its owner reviews it.",
    )
    key_cache_seconds: float = Field(
        0.5,
        ge=0,
        le=1.0,
        description="A server reads an API key's record again once it is this old (at most 1 s): "
        "a key revoked or a user disabled through another process stops working within this "
        "time, through the same process at once. 0 reads it on every request.",
    )
    metrics_public: bool = Field(
        False,
        description="Serve `/metrics` without an API key (for a scraper on a private network); "
        "otherwise it needs a key of the operator agency.",
    )

    @field_validator("trusted_proxies")
    @classmethod
    def _check_proxies(cls, value: str) -> str:
        for entry in (e.strip() for e in value.split(",")):
            if entry and not _is_network(entry):
                raise ValueError(f"{entry!r} is not an IP address or range")
        return value

    @field_validator("webhook_allow_hosts")
    @classmethod
    def _check_webhook_hosts(cls, value: str) -> str:
        for entry in (e.strip() for e in value.split(",")):
            if entry and not (_is_network(entry) or _is_host_name(entry)):
                raise ValueError(f"{entry!r} is neither a host name nor an IP address or range")
        return value

    @model_validator(mode="after")
    def _check_key_days(self) -> Self:
        if self.key_default_days > self.key_max_days:
            raise ValueError("key_default_days must not exceed key_max_days")
        return self


def _is_network(entry: str) -> bool:
    try:
        ipaddress.ip_network(entry, strict=False)
    except ValueError:
        return False
    return True


def _is_host_name(entry: str) -> bool:
    labels = entry.rstrip(".").split(".")
    return all(
        0 < len(label) <= 63 and label.replace("-", "").isalnum() and label.isascii()
        for label in labels
    )
