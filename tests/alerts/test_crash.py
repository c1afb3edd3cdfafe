"""Crash test: ``ictd serve`` is killed (SIGKILL) after an alert is committed and before it
is delivered; after a restart the dispatcher delivers it, exactly once."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from ictd.api import create_app
from ictd.store import Store
from tests.alerts.support import (
    API,
    LOCAL_WEBHOOKS_ENV,
    listed,
    movement,
    receiver,
    settings_for,
    wait_for,
)
from tests.world import build_world

ICTD = str(Path(sys.executable).parent / "ictd")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def _serve(url: str, port: int, dispatcher: bool) -> Iterator[subprocess.Popen[bytes]]:
    env = dict(
        os.environ,
        ICTD_DATABASE_URL=url,
        ICTD_ENVIRONMENT="test",
        ICTD_DISPATCHER_ENABLED="true" if dispatcher else "false",
        ICTD_DISPATCH_INTERVAL_SECONDS="0.2",
        ICTD_LOG_LEVEL="WARNING",
        **LOCAL_WEBHOOKS_ENV,
    )
    proc = subprocess.Popen(
        [ICTD, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for(lambda: _healthy(port), timeout=60), "the server did not start"
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


def _healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}{API}/health", timeout=1).is_success
    except httpx.HTTPError:
        return False


def test_alert_committed_before_a_kill_is_delivered_once_after_restart(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    store = Store(url)
    store.init()
    world = build_world(store)
    with receiver() as hook:
        app = create_app(settings_for(store, dispatcher_enabled=False), store)
        with TestClient(app) as setup:
            listed(setup, world, "AAA")
            admin = world.auth("AAA", "agency-admin")
            assert setup.post(f"{API}/webhooks", json={"url": hook.url}, headers=admin).is_success
        store.dispose()
        port = _free_port()
        with _serve(url, port, dispatcher=False) as first:
            answer = httpx.post(
                f"http://127.0.0.1:{port}{API}/movements",
                json={"movements": [movement("crash-1")]},
                headers=world.auth("BBB", "screener"),
                timeout=60,
            )
            assert answer.status_code == 200, answer.text
            reference = answer.json()["results"][0]["hits"][0]["alert"]
            first.kill()  # SIGKILL: no shutdown, nothing flushed
            first.wait(10)
        assert hook.received == []
        with _serve(url, _free_port(), dispatcher=True):
            assert wait_for(lambda: len(hook.received) >= 1, timeout=30)
            wait_for(lambda: len(hook.received) > 1, timeout=2)  # would a second copy come?
        assert [b["alert"]["reference"] for b in hook.bodies()] == [reference]
