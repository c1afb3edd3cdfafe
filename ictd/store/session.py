"""The store: one engine, transactions, and the repositories a transaction reaches.

A ``Session`` is one transaction; each area of the schema has its own small repository on
it (``session.subjects``, ``session.alerts``, ``session.audit`` …), created on first use.
A service uses the repositories of its own capability, plus ``audit``
(``tests/store/test_repository_use.py`` holds each service package to its declared list).

Audit events go into the audit intake inside the transaction that records them; the store
seals them onto the hash chain after that transaction commits (``ictd.store.audit``): at once,
in transactions of their own, or, while a server runs its background sealer
(``start_sealer``), by waking it. A sealer that fails leaves the events in the intake (they
are committed) for the next sealer, sweep or read of the log.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, ProgrammingError

from ictd.exc import Conflict, IctdError, InvalidInput, NotFound, StoreError
from ictd.loop import Loop, Next
from ictd.store import migrate
from ictd.store.accounts import AccountRepository
from ictd.store.alerts import AlertRepository
from ictd.store.areas import AreaRepository
from ictd.store.audit import SEAL_BATCH, AuditRepository
from ictd.store.bulk import BulkLoader
from ictd.store.changes import ChangeFeed
from ictd.store.commodity_rules import CommodityRuleRepository
from ictd.store.compliance import ComplianceRepository
from ictd.store.direct import one_transaction
from ictd.store.dispositions import DispositionRepository
from ictd.store.engine import make_engine
from ictd.store.graph import GraphRepository
from ictd.store.hit_reports import HitReportRepository
from ictd.store.job_runs import JobRunRepository
from ictd.store.listing_flags import ListingFlagRepository
from ictd.store.listing_review import ListingReviewRepository
from ictd.store.listings import ListingRepository
from ictd.store.manifests import ManifestRepository
from ictd.store.media_signals import MediaSignalRepository
from ictd.store.movements import MovementRepository
from ictd.store.operations import OperationsRepository
from ictd.store.redress import RedressRepository
from ictd.store.relations import RelationRepository
from ictd.store.resolution import ResolutionRepository
from ictd.store.risk_rules import RiskRuleRepository
from ictd.store.sign_in_attempts import SignInAttemptRepository
from ictd.store.sources import SourceRepository
from ictd.store.subjects import SubjectRepository
from ictd.store.tables import metadata
from ictd.store.travel_documents import TravelDocumentRepository
from ictd.store.web_sessions import WebSessionRepository
from ictd.store.webhooks import WebhookRepository
from ictd.store.withheld_hits import WithheldHitRepository

__all__ = ["GATHER_SECONDS", "REPOSITORIES", "SWEEP_SECONDS", "Session", "Store"]

log = logging.getLogger(__name__)

SWEEP_SECONDS = 1.0
"""How often a background sealer looks at the intake without being woken: for events that
other processes (a CLI command, another worker) or a crash left unsealed."""

GATHER_SECONDS = 0.02
"""How long a woken background sealer lets further commits gather before it seals: one
sealing transaction (and one turn on the head lock) for all of them rather than one each.
The events are durable in the intake meanwhile, and reads of the log seal first."""


class Session:
    """One transaction and the repositories that work in it."""

    def __init__(
        self,
        conn: Connection,
        seal_elsewhere: Callable[[], int] | None = None,
        hold_audit: bool = False,
    ) -> None:
        """``seal_elsewhere``: seal the audit intake in transactions of its own (the store's
        ``seal_audit``), for reads of the log in a read-only transaction. ``hold_audit``:
        the transaction's audit events are held until it seals them, before it commits
        (``AuditRepository``'s ``hold``: a SQLite write transaction)."""
        self.conn = conn
        self._seal_elsewhere = seal_elsewhere
        self._hold_audit = hold_audit
        self._before_commit: list[Callable[[], None]] = []

    def before_commit(self, step: Callable[[], None]) -> None:
        """Run ``step`` at the end of this transaction, before it commits (once, however
        often it is asked for): for work that takes a lock held to commit (the alert event
        head), so that the lock is held for as short a time as possible."""
        if step not in self._before_commit:
            self._before_commit.append(step)

    def finish(self) -> None:
        """Run the ``before_commit`` steps, in the order asked (a step may ask for more)."""
        done = 0
        while done < len(self._before_commit):
            self._before_commit[done]()
            done += 1
        self._before_commit.clear()

    @property
    def dialect(self) -> str:
        return self.conn.dialect.name

    @cached_property
    def accounts(self) -> AccountRepository:
        return AccountRepository(self.conn)

    @cached_property
    def subjects(self) -> SubjectRepository:
        return SubjectRepository(self.conn)

    @cached_property
    def changes(self) -> ChangeFeed:
        return ChangeFeed(self.conn)

    @cached_property
    def listings(self) -> ListingRepository:
        return ListingRepository(self.conn)

    @cached_property
    def relations(self) -> RelationRepository:
        return RelationRepository(self.conn)

    @cached_property
    def sources(self) -> SourceRepository:
        return SourceRepository(self.conn)

    @cached_property
    def audit(self) -> AuditRepository:
        return AuditRepository(self.conn, self._seal_elsewhere, hold=self._hold_audit)

    @cached_property
    def dispositions(self) -> DispositionRepository:
        return DispositionRepository(self.conn)

    @cached_property
    def graph(self) -> GraphRepository:
        return GraphRepository(self.conn)

    @cached_property
    def bulk(self) -> BulkLoader:
        return BulkLoader(self.conn)

    @cached_property
    def resolution(self) -> ResolutionRepository:
        return ResolutionRepository(self.conn)

    @cached_property
    def movements(self) -> MovementRepository:
        return MovementRepository(self.conn)

    @cached_property
    def alerts(self) -> AlertRepository:
        return AlertRepository(self.conn)

    @cached_property
    def webhooks(self) -> WebhookRepository:
        return WebhookRepository(self.conn)

    @cached_property
    def web_sessions(self) -> WebSessionRepository:
        return WebSessionRepository(self.conn)

    @cached_property
    def withheld_hits(self) -> WithheldHitRepository:
        return WithheldHitRepository(self.conn)

    @cached_property
    def sign_in_attempts(self) -> SignInAttemptRepository:
        return SignInAttemptRepository(self.conn)

    @cached_property
    def job_runs(self) -> JobRunRepository:
        return JobRunRepository(self.conn)

    @cached_property
    def manifests(self) -> ManifestRepository:
        return ManifestRepository(self.conn)

    @cached_property
    def travel_documents(self) -> TravelDocumentRepository:
        return TravelDocumentRepository(self.conn)

    @cached_property
    def risk_rules(self) -> RiskRuleRepository:
        return RiskRuleRepository(self.conn)

    @cached_property
    def listing_review(self) -> ListingReviewRepository:
        return ListingReviewRepository(self.conn)

    @cached_property
    def listing_flags(self) -> ListingFlagRepository:
        return ListingFlagRepository(self.conn)

    @cached_property
    def hit_reports(self) -> HitReportRepository:
        return HitReportRepository(self.conn)

    @cached_property
    def redress(self) -> RedressRepository:
        return RedressRepository(self.conn)

    @cached_property
    def areas(self) -> AreaRepository:
        return AreaRepository(self.conn)

    @cached_property
    def commodity_rules(self) -> CommodityRuleRepository:
        return CommodityRuleRepository(self.conn)

    @cached_property
    def media_signals(self) -> MediaSignalRepository:
        return MediaSignalRepository(self.conn)

    @cached_property
    def operations(self) -> OperationsRepository:
        return OperationsRepository(self.conn)

    @cached_property
    def compliance(self) -> ComplianceRepository:
        return ComplianceRepository(self.conn)


REPOSITORIES = tuple(
    name for name, value in vars(Session).items() if isinstance(value, cached_property)
)
"""The names of the repositories on a ``Session``."""


def _refused(err: DataError | OverflowError) -> InvalidInput:
    """A value the database cannot hold (a number beyond 64 bits, a NUL byte, a text longer
    than its column): the edges refuse such input first, naming the field; this is the
    defence in depth, the same on both databases, that keeps it from answering 500."""
    cause = err.orig if isinstance(err, DataError) else err
    kind = type(cause).__name__
    if isinstance(err, OverflowError) or "OutOfRange" in kind:
        return InvalidInput("a number is out of the range the database can hold")
    return InvalidInput(f"a value cannot be stored in the database ({kind})")


class Store:
    """The database behind ICTD: SQLite (embedded default) or PostgreSQL."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self.generation = 0  # moves when the store is emptied: caches of its rows are stale
        self._reader = self.engine.execution_options(ictd_read_only=True)
        self._sealer = Loop("audit-seal", self._seal_step, SWEEP_SECONDS)
        self._sealer_users = 0
        self._sealer_guard = threading.Lock()
        self._woken = False  # a commit recorded events since the sealer's last pass began

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def location(self) -> str:
        """Where the data lives, for people: a SQLite file's absolute path, or the URL
        without its password."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            return str(Path(url.database or "").resolve())
        return url.render_as_string(hide_password=True)

    def init(self) -> None:
        """Create or upgrade the schema to the newest migration."""
        migrate.upgrade(self.engine)

    def is_ready(self) -> bool:
        try:
            return migrate.current_revision(self.engine) == migrate.head_revision()
        except (OperationalError, ProgrammingError):
            return False

    def check_ready(self) -> None:
        if not self.is_ready():
            raise StoreError("the database is not initialised or not up to date: run `ictd init`")

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any exception.

        A ``NotFound`` that carries a ``Refusal`` (a read of a hidden record) is audited in a
        transaction of its own once this one is rolled back, then raised on.
        """
        try:
            with self.engine.begin() as conn:
                one_transaction(conn)  # PostgreSQL: its first write may send the BEGIN
                # its audit events are held until it seals them (SQLite) or commits them
                # with the transaction (PostgreSQL): ``_seal_within``
                session = Session(conn, self.seal_audit, hold_audit=True)
                yield session
                session.finish()
                self._seal_within(session)
        except NotFound as err:
            self._audit_refusal(err)
            raise
        except IntegrityError as err:
            raise Conflict("the change conflicts with existing data", str(err.orig)) from err
        except OperationalError as err:
            raise StoreError("the database failed", type(err.orig).__name__) from err
        except (DataError, OverflowError) as err:
            raise _refused(err) from err
        self._recorded(session)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction: on SQLite it does not wait for, or block, writers."""
        try:
            with self._reader.begin() as conn:
                session = Session(conn, self.seal_audit)
                yield session
                session.finish()
        except NotFound as err:
            self._audit_refusal(err)
            raise
        except OperationalError as err:
            raise StoreError("the database failed", type(err.orig).__name__) from err
        except (DataError, OverflowError) as err:
            raise _refused(err) from err
        self._recorded(session)

    def seal_audit(self, look_first: bool = True) -> int:
        """Seal every audit event the intake holds onto the chain, one bounded batch per
        transaction; return how many were sealed. Safe beside other sealers (they take turns
        on the chain head's lock). ``look_first``: see whether there is anything to seal
        before taking the lock (not worth it right after a commit that recorded events)."""
        if look_first:
            with self.read() as session:
                if not session.audit.is_pending():  # without a lock
                    return 0
        total = 0
        while True:
            with self.begin() as session:
                sealed = session.audit.seal(SEAL_BATCH, commit=True)
            total += sealed
            if sealed < SEAL_BATCH:
                return total

    def start_sealer(self) -> None:
        """Seal in a background thread from now on (a server): a commit that recorded audit
        events wakes it, and it sweeps the intake every ``SWEEP_SECONDS``. Counted: the
        thread runs until as many ``stop_sealer`` calls."""
        with self._sealer_guard:
            self._sealer_users += 1
            if self._sealer_users == 1:
                self._sealer.start()

    def stop_sealer(self) -> None:
        """Undo one ``start_sealer``; the last one stops the thread and seals what is left."""
        with self._sealer_guard:
            if not self._sealer_users:
                return  # not started
            self._sealer_users -= 1
            if self._sealer_users:
                return
            self._sealer.stop()
        self._seal_quietly()

    def _seal_step(self) -> Next:
        """One pass of the background sealer. Woken by a commit that recorded events, it
        lets ``GATHER_SECONDS`` of further commits gather first, then seals them all in one
        transaction without looking first; on its sweep it looks first (usually nothing)."""
        woken, self._woken = self._woken, False
        if woken:
            self._sealer.stopping.wait(GATHER_SECONDS)
            self._woken = False  # the commits of the gathering time are sealed below
        self.seal_audit(look_first=not woken)
        return Next.WAIT

    def _seal_within(self, session: Session) -> None:
        """At the end of a write transaction. SQLite, before it commits: seal the audit
        events it recorded (and any the intake still holds) in it. Its ``BEGIN IMMEDIATE``
        holds the database's write lock already, so sealing here waits for no one, and the
        events reach the chain with the one commit (one WAL write) rather than a second
        transaction's. The events were held in memory (``hold_audit``) and, when the intake
        holds nothing else, go straight onto the chain, without the intake's insert, read and
        delete. A background sealer would save no lock wait on SQLite (its writers take
        turns anyway), and a read-only SQLite transaction keeps the snapshot of its first
        read, so a log read after other reads in one transaction would not see events a
        background sealer sealed meanwhile.
        PostgreSQL seals after the commit (``_recorded``): there the head lock would make
        concurrent requests queue. Its held events go into the intake in the round trip of
        the transaction's ``COMMIT`` (``AuditRepository.commit_held``), and the commit that
        SQLAlchemy asks for next sends nothing."""
        audit = session.__dict__.get("audit")
        if audit is None or not audit.recorded:
            return
        if self.dialect != "sqlite":
            if not audit.commit_held():
                audit.release()  # into the intake in this transaction, as recorded
            return
        audit.seal_all()
        audit.recorded = 0  # sealed: nothing left for ``_recorded``

    def _recorded(self, session: Session) -> None:
        """After a commit: have the audit events it recorded sealed (those of a SQLite write
        transaction are sealed already, ``_seal_within``).

        On SQLite (a read-only transaction that recorded) they are sealed at once, even beside
        a background sealer, for the reasons ``_seal_within`` gives. PostgreSQL (READ
        COMMITTED) sees them from the next statement on."""
        audit = session.__dict__.get("audit")
        if audit is None or not audit.recorded:
            return
        if self._sealer_users and self.dialect != "sqlite":
            self._woken = True
            self._sealer.wake()
            return
        self._seal_quietly(look_first=False)

    def _seal_quietly(self, look_first: bool = True) -> None:
        """Seal now; a failure is logged, not raised: the events are committed in the intake,
        and the next sealer, sweep or read of the log seals them."""
        try:
            self.seal_audit(look_first)
        except IctdError as err:
            log.warning("audit events left in the intake, not sealed yet: %s", err.message)

    def _audit_refusal(self, err: NotFound) -> None:
        """Record the refused read ``err`` carries (once), with the owners it concerns."""
        refusal, err.refusal = err.refusal, None
        if refusal is None:
            return
        with self.begin() as session:
            session.audit.record(
                refusal.actor, refusal.action, refusal.targets, owners=list(refusal.owners)
            )

    def truncate_all(self) -> None:
        """Empty every table and restart ids at 1 (tests start from a clean store).

        DELETE rather than TRUNCATE: on the small tables of a test it is far quicker.
        """
        self.generation += 1
        with self.engine.begin() as conn:
            for table in reversed(metadata.sorted_tables):
                conn.execute(table.delete())
            if self.dialect != "postgresql":
                return
            for table in metadata.sorted_tables:
                for column in table.primary_key.columns:
                    if column.autoincrement is True:
                        conn.execute(
                            text("SELECT setval(pg_get_serial_sequence(:t, :c), 1, false)"),
                            {"t": table.name, "c": column.name},
                        )

    def dispose(self) -> None:
        self.engine.dispose()
