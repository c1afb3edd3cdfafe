"""The server: what one process runs beside its requests, started and stopped together.

A ``Server`` owns the store, the settings, the API keys checked lately, the live matching
index, the alert runtime (stream notifier and webhook dispatcher), the resolution follower,
the scheduled jobs and the store's audit sealer. ``create_app`` makes one and its lifespan
calls ``start``/``stop``; every request finds it at ``request.app.state.server``
(``ictd.edge.deps``). Background work runs as ``ictd.loop.Loop`` threads, so there is one
way to start, wake and stop each of them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ictd.alerts import AlertRuntime
from ictd.jobs import JOBS, JobRunner
from ictd.loop import Loop, Next
from ictd.registry.accounts import KeyCache
from ictd.resolve import XrefFollower
from ictd.screening import LiveIndex
from ictd.screening.snapshot import SnapshotError, load_into
from ictd.settings import Settings
from ictd.store import Store

__all__ = ["Server"]

log = logging.getLogger(__name__)


class Server:
    """The long-lived parts of one ``ictd serve`` process."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self.live = LiveIndex(store)
        self.keys = KeyCache(settings.key_cache_seconds)
        self.alerts = AlertRuntime(store, settings, self.live)
        # resolution proposals for every subject the live index sees change
        self.xref = XrefFollower(
            store, lambda: self.live.index, settings.xref_follow_seconds, before=self.live.refresh
        )
        self.live.add_listener(self.xref.changed)
        self._index_build = Loop("index-build", self._build_index, 0)
        self.jobs = JobRunner(store, settings, JOBS)
        self._jobs = Loop("jobs", self._run_jobs, settings.jobs_interval_seconds, wait_first=True)

    def start(self) -> None:
        """Start the background work. The index is built in the background so the server
        answers at once; the first screening waits for it if it is not ready yet."""
        ready = self.store.is_ready()
        if self.settings.build_index_on_start and ready:
            self._index_build.start()
        self.alerts.start()
        if ready:
            self.store.start_sealer()  # seals the audit intake behind the requests
            self.xref.start()
            if self.settings.jobs_interval_seconds > 0:
                self._jobs.start()

    def stop(self) -> None:
        self._jobs.stop()
        self.xref.stop()
        self.alerts.stop()
        self.store.stop_sealer()
        self._index_build.stop(timeout=0)

    def _build_index(self) -> Next:
        path = self.settings.index_snapshot
        if path and Path(path).exists():
            try:
                info = load_into(self.live, self.store, Path(path))
            except SnapshotError as err:
                log.warning("%s; building the index from the store", err.message)
            else:
                log.info("index: %d subjects from a snapshot, caught up", info.subjects)
        self.live.refresh()
        return Next.END

    def _run_jobs(self) -> Next:
        self.jobs.run_due()
        return Next.WAIT
