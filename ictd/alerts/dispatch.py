"""The dispatcher: works off the outbox, escalates overdue alerts, follows listing changes.

It keeps no state of its own that matters: every delivery is a row of ``deliveries``,
written in the transaction that wrote the alert, so after a crash or restart the next run
picks up whatever was committed and not yet delivered (at least once). A delivery is
claimed by moving its ``next_attempt_at`` forward by a lease (a conditional update), so
several dispatchers (the server's thread and ``ictd dispatch``) do not send it twice while
both are alive. Failed attempts are retried with exponential back-off and jitter until
the delivery's ``retry_until``; then it is dead (the dead-letter list of the delivery log).

Each attempt checks the URL against the egress policy again after resolving its host
(``ictd.outbox.egress``) and connects to a checked address, on a fresh connection, with the
URL's host in the ``Host`` header and in TLS (SNI and the certificate's name, verified).
Proxy variables of the environment are ignored and redirects are not followed.

Logs name webhooks and deliveries by id only: never URLs, secrets or alert content. The
delivery log says only ``HTTP <status>``, ``timeout``, ``connection failed`` or
``refused: address not allowed``: never an exception's text, an address or a port.
"""

from __future__ import annotations

import json
import logging
import math
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx

from ictd.alerts.retro import ListingWatcher
from ictd.alerts.signing import sign
from ictd.loop import Loop, Next
from ictd.model import Role
from ictd.model.alert import AlertEvent, Delivery, Webhook
from ictd.outbox.config import AlertConfig
from ictd.outbox.egress import CONNECTION_FAILED, Destination, Refused
from ictd.outbox.writer import AlertWriter
from ictd.security.actor import Actor
from ictd.store import Store

__all__ = ["DispatchReport", "Dispatcher"]

log = logging.getLogger("ictd.alerts")
LEASE = timedelta(seconds=120)
BATCH = 50
TIMEOUT = "timeout"
Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class DispatchReport:
    delivered: int = 0
    retried: int = 0
    dead: int = 0
    escalated: int = 0
    retro_alerts: int = 0
    closed: int = 0

    @property
    def busy(self) -> bool:
        return any((self.delivered, self.retried, self.dead, self.escalated, self.retro_alerts))


class Dispatcher:
    """Delivers webhooks, escalates, retro-screens. ``run_once`` is one pass over all work."""

    def __init__(
        self,
        store: Store,
        config: AlertConfig,
        clock: Clock = utcnow,
        notify: Callable[[], None] | None = None,
        verify: ssl.SSLContext | None = None,
    ) -> None:
        self.store = store
        self.config = config
        self.clock = clock
        self.notify = notify
        self.verify = verify or httpx.create_ssl_context()  # the CAs webhook servers prove to
        self.watcher = ListingWatcher(store, config)
        self.system = Actor.system("alert dispatcher")
        self.loop = Loop("alert-dispatch", self._step, config.interval)
        self._full_at = -math.inf  # when the background thread last made a whole pass

    def run_once(self, now: datetime | None = None) -> DispatchReport:
        moment = now or self.clock()
        escalated = self.escalate(moment)
        retro = self.watcher.run(moment)
        if (escalated or retro.events) and self.notify:
            self.notify()
        delivered, retried, dead = self.deliver_due(now or self.clock())
        return DispatchReport(delivered, retried, dead, escalated, retro.alerts, retro.closed)

    # webhooks
    def deliver_due(self, now: datetime) -> tuple[int, int, int]:
        with self.store.read() as session:
            if not session.webhooks.due(now, 1):
                return 0, 0, 0
        with self.store.begin() as session:
            due = session.webhooks.due(now, BATCH)
            claimed = [d for d in due if session.webhooks.claim(d, now + LEASE)]
            events = session.alerts.events_by_seq([d.event_seq for d in claimed])
            hooks = {d.webhook_id: session.webhooks.get(d.webhook_id) for d in claimed}
        counts = {"delivered": 0, "pending": 0, "dead": 0}
        for delivery in claimed:
            status = self._attempt(delivery, hooks[delivery.webhook_id], events[delivery.event_seq])
            counts[status] += 1
        return counts["delivered"], counts["pending"], counts["dead"]

    def _attempt(self, delivery: Delivery, hook: Webhook | None, event: AlertEvent) -> str:
        started = time.monotonic()
        code: int | None = None
        error: str | None = None
        if hook is None or not hook.active or hook.deleted_at is not None:
            error = "webhook disabled or removed"
        else:
            code, error = self._post(delivery, hook, event)
        ms = int((time.monotonic() - started) * 1000)
        now = self.clock()
        attempts = delivery.attempts + 1
        values: dict[str, object] = {
            "attempts": attempts,
            "last_attempt_at": now,
            "last_code": code,
            "last_error": error,
        }
        if error is None:
            values.update(status="delivered", delivered_at=now, next_attempt_at=now)
        else:
            wait = min(self.config.backoff_base * 2 ** (attempts - 1), self.config.backoff_cap)
            retry_at = now + timedelta(seconds=wait * random.uniform(0.5, 1.0))  # noqa: S311 - jitter, not security
            gone = hook is None or error == "webhook disabled or removed"
            dead = gone or retry_at > delivery.retry_until
            values.update(status="dead" if dead else "pending", next_attempt_at=retry_at)
            log.warning(
                "webhook %s delivery %s attempt %s failed: %s",
                delivery.webhook_id,
                delivery.id,
                attempts,
                code or error,
            )
        with self.store.begin() as session:
            session.webhooks.add_attempt(delivery.id, now, code, error, ms)
            session.webhooks.update_delivery(delivery.id, **values)
        return str(values["status"])

    def _post(
        self, delivery: Delivery, hook: Webhook, event: AlertEvent
    ) -> tuple[int | None, str | None]:
        body = json.dumps(event.to_dict(), ensure_ascii=False).encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "ictd-webhooks",
            "X-ICTD-Event": event.type,
            "X-ICTD-Event-Id": str(event.seq),
            "X-ICTD-Delivery": str(delivery.id),
            **sign(body, hook.secret),
        }
        try:
            destination = self.config.egress.resolve(hook.url)
        except Refused as refused:
            return None, refused.reason
        status: int | None = None
        error: str | None = CONNECTION_FAILED
        for address in destination.addresses:  # each one checked; the next if one is down
            status, error = self._send(destination, address, body, headers)
            if error != CONNECTION_FAILED:
                break
        return status, error

    def _send(
        self, destination: Destination, address: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int | None, str | None]:
        """POST to ``address`` on a fresh connection: a pooled one might have been opened,
        and its certificate checked, for another host name on the same address."""
        extensions = {"sni_hostname": destination.host} if destination.is_name else {}
        with httpx.Client(
            transport=httpx.HTTPTransport(verify=self.verify, trust_env=False),
            timeout=self.config.webhook_timeout,
            follow_redirects=False,
            trust_env=False,
        ) as client:
            try:
                response = client.post(
                    destination.url_for(address),
                    content=body,
                    headers={**headers, "Host": destination.host_header},
                    extensions=extensions,
                )
            except httpx.TimeoutException:
                return None, TIMEOUT
            except httpx.HTTPError:
                return None, CONNECTION_FAILED
        if 200 <= response.status_code < 300:
            return response.status_code, None
        return response.status_code, f"HTTP {response.status_code}"

    # deadlines
    def escalate(self, now: datetime) -> int:
        """Flag new alerts past their deadline; tell the owner (stream, webhooks, admins)."""
        with self.store.read() as session:
            if not session.alerts.overdue(now, 1):
                return 0
        with self.store.begin() as session:
            writer = AlertWriter(session, self.config, now)
            admins: dict[str, list[str]] = {}
            overdue = session.alerts.overdue(now, 500)
            for alert in overdue:
                if alert.agency not in admins:
                    users = session.accounts.list_users(alert.agency)
                    admins[alert.agency] = [
                        u.email for u in users if Role.AGENCY_ADMIN in u.roles and not u.disabled
                    ]
            ids = [a.id for a in overdue]
            flagged = session.alerts.update_many(ids, escalated_at=now, updated_at=now)
            writer.emit_many(
                [
                    (
                        alert,
                        "alert.escalated",
                        "system",
                        f"not acknowledged by {alert.due_at.isoformat()}",
                        {"notify": admins[alert.agency]},
                    )
                    for alert in flagged
                ]
            )
            refs = [f"alert:{a.reference}" for a in overdue]
            session.audit.record(self.system, "alert.escalate", refs, count=len(refs))
        return len(overdue)

    # the background thread
    def wake(self) -> None:
        """Run the next pass now (an alert was just committed in this process)."""
        self.loop.wake()

    def start(self) -> None:
        self.loop.start()

    def stop(self, timeout: float = 10.0) -> None:
        self.loop.stop(timeout)

    def _step(self) -> Next:
        """One pass of the background thread. Escalation and the retro watcher look at
        deadlines and listing changes, not at new alerts: they run once ``interval`` has
        passed since their last run (every pass when idle). A pass sooner than that was
        woken for alerts just committed (``wake``) and delivers the webhooks only: a busy
        server no longer makes the other two's reads (about ten SQLite statements) per
        wake-up. A whole pass that escalated or retro-screened anything is followed by
        another whole pass, as more may be waiting."""
        started = time.monotonic()
        if started - self._full_at >= self.config.interval:
            report = self.run_once()
            # escalated or retro-screened something: more may wait, the next pass is whole too
            self._full_at = -math.inf if report.escalated or report.retro_alerts else started
            return Next.AGAIN if report.busy else Next.WAIT
        return Next.AGAIN if any(self.deliver_due(self.clock())) else Next.WAIT
