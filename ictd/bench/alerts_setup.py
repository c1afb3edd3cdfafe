"""The set-up of the alert benchmark: a store with listed synthetic subjects, accounts,
a webhook receiver, and ``ictd serve`` as a separate process that can be killed."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from ictd.demo import generate
from ictd.model import Sharing
from ictd.registry import accounts
from ictd.security.actor import Actor
from ictd.store import Store

__all__ = ["Receiver", "Server", "load_store", "receiver"]


def load_store(store: Store, listed: int, seed: int = 7) -> tuple[dict[str, str], list[list[str]]]:
    """Agencies OPS, AAA (owner of every listing) and BBB (reporter); ``listed`` listed
    synthetic subjects. Returns API tokens by role key and the names of listed persons."""
    system = Actor.system("bench")
    tokens = {}
    for code in ("OPS", "AAA", "BBB"):
        accounts.create_agency(store, system, code, f"Agency {code}", is_operator=code == "OPS")
    for code, role in (("AAA", "duty-officer"), ("AAA", "agency-admin"), ("BBB", "screener")):
        user = accounts.create_user(store, system, f"{role}@{code.lower()}.bench", code, [role])
        assert user.id is not None
        tokens[f"{code}:{role}"] = accounts.create_key(store, system, user.id)[1]
    now = datetime.now(UTC)
    names: list[list[str]] = []
    chunk = []
    for item in generate(listed * 4, seed, agencies=("AAA",)):
        if not item.listings or len(names) >= listed:
            continue
        chunk.append(item)
        if item.subject.schema.value == "Person":
            names.append(item.subject.names[:1])
        else:
            names.append([])
        if len(chunk) == 500 or len(names) >= listed:
            _insert(store, chunk, now)
            chunk = []
    _insert(store, chunk, now)
    return tokens, [n for n in names if n]


def _insert(store: Store, chunk: list[Any], now: datetime) -> None:
    with store.begin() as session:
        for item in chunk:
            stmts = tuple(
                s.copy_with(source=None, agency="AAA", first_seen=now, last_seen=now)
                for s in item.subject.statements
            )
            subject = item.subject.copy_with(source=None, agency="AAA", statements=stmts)
            subject_id = session.subjects.insert(subject, now)
            for listing in item.listings[:1]:
                placed = replace(listing, agency="AAA", sharing=Sharing.ALL, shared_with=())
                session.listings.insert(
                    placed.to_listing(subject_id).copy_with(created_at=now, updated_at=now)
                )


@dataclass
class Receiver:
    url: str = ""
    references: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@contextmanager
def receiver() -> Iterator[Receiver]:
    """A webhook endpoint on 127.0.0.1 that records the alert reference of each delivery."""
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with state.lock:
                state.references.append(json.loads(body)["alert"]["reference"])
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


class Server:
    """``ictd serve`` in a child process on a free port."""

    def __init__(self, url: str, workers: int = 1) -> None:
        self.url = url
        self.workers = workers
        self.proc: subprocess.Popen[bytes] | None = None
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120.0) -> None:
        env = dict(
            os.environ,
            ICTD_DATABASE_URL=self.url,
            ICTD_ENVIRONMENT="test",
            ICTD_LOG_LEVEL="WARNING",
            ICTD_DISPATCH_INTERVAL_SECONDS="0.2",
            # the benchmark's webhook receiver listens on http://127.0.0.1
            ICTD_WEBHOOK_ALLOW_HTTP="true",
            ICTD_WEBHOOK_ALLOW_HOSTS="127.0.0.1/32",
        )
        command = [sys.executable, "-c", "from ictd.cli import main; main()"]
        self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [*command, "serve", "--port", str(self.port), *self._worker_args()],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        ends = time.monotonic() + timeout
        while time.monotonic() < ends:
            try:
                if httpx.get(f"{self.base}/api/v1/health", timeout=1).is_success:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def _worker_args(self) -> list[str]:
        return ["--workers", str(self.workers)] if self.workers > 1 else []

    def kill(self) -> None:
        """SIGKILL: no shutdown of any kind."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()
