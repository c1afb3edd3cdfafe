"""Background loops: one daemon thread per loop, one way to start, wake and stop them.

Every piece of background work a server runs (the alert dispatcher, the stream follower,
the resolution follower, the index builder) is a ``Loop`` around a ``step`` function. The
step says what comes next: run again at once (``AGAIN``: more work is waiting, or the step
waited for its own signal), sleep ``interval`` seconds or until woken (``WAIT``), or end
the thread (``END``). An exception in a step is logged and treated as ``WAIT``: a loop
never dies of one bad pass.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import Enum

__all__ = ["Loop", "Next"]

log = logging.getLogger("ictd.loop")


class Next(Enum):
    """What a loop does after a step."""

    AGAIN = "again"
    WAIT = "wait"
    END = "end"


class Loop:
    """Runs ``step`` in a daemon thread named ``name`` until ``stop`` (or the step ends it)."""

    def __init__(
        self, name: str, step: Callable[[], Next], interval: float, wait_first: bool = False
    ) -> None:
        """``wait_first``: wait ``interval`` (or a wake-up) before the first step."""
        self.name = name
        self.wait_first = wait_first
        self.step = step
        self.interval = interval
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def is_running(self) -> bool:
        with self._lock:
            return self._thread is not None and self._thread.is_alive()

    @property
    def stopping(self) -> threading.Event:
        """Set while the loop is being stopped: a step that waits on its own may wait on this."""
        return self._stop

    def start(self) -> bool:
        """Start the thread unless it runs already; False when it was running."""
        with self._lock:
            if self._thread is not None:
                return False
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self._thread.start()
            return True

    def end_if(self, done: Callable[[], bool]) -> bool:
        """From a step: detach this thread if ``done()`` (checked under the loop's lock, so a
        ``start`` racing with it either sees the thread still attached or starts a new one).
        The step then returns ``Next.END``."""
        with self._lock:
            if not done():
                return False
            if self._thread is threading.current_thread():
                self._thread = None
            return True

    def wake(self) -> None:
        """Run the next step now instead of at the end of the wait."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the thread to end after its current step, and wait up to ``timeout`` for it."""
        self._stop.set()
        self._wake.set()
        with self._lock:
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        if self.wait_first:
            self._wake.wait(self.interval)
        while not self._stop.is_set():
            self._wake.clear()  # a wake-up from now on cuts the wait below short
            try:
                after = self.step()
            except Exception:  # the thread's outermost edge: log, wait, go on
                log.exception("background loop %s: a step failed", self.name)
                after = Next.WAIT
            if after is Next.END:
                break
            if after is Next.WAIT and not self._stop.is_set():
                self._wake.wait(self.interval)
        with self._lock:
            if self._thread is threading.current_thread():
                self._thread = None
