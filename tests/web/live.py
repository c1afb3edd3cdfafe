"""A live console for browser tests and screenshots: a demo database (``ictd demo``), the
server (``ictd serve``) in a subprocess on a free port, and Debian's Chromium driven by
Playwright (``executable_path``: Playwright's own browser download is not used).
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

CHROMIUM = os.environ.get("ICTD_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ICTD = str(Path(sys.executable).with_name("ictd"))


@dataclass(frozen=True)
class LiveServer:
    url: str
    database: Path

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """Read the demo database directly (to find the records a test expects)."""
        with sqlite3.connect(self.database) as conn:
            return list(conn.execute(sql, params))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def live_server(workdir: Path, size: int = 300) -> Iterator[LiveServer]:
    """``ictd init`` + ``ictd demo --size N`` on a SQLite file in ``workdir``, then serve it."""
    database = workdir / "demo.db"
    env = dict(
        os.environ, ICTD_DATABASE_URL=f"sqlite:///{database}", ICTD_ENVIRONMENT="development"
    )
    for args in (["init"], ["demo", "--size", str(size)]):
        subprocess.run([ICTD, *args], env=env, cwd=workdir, check=True, capture_output=True)
    port = _free_port()
    log = (workdir / "server.log").open("w")
    server = subprocess.Popen(
        [ICTD, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=workdir,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, server)
        yield LiveServer(url, database)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _wait_ready(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"ictd serve exited with {server.returncode}")
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=2).json().get("ready"):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("ictd serve did not become ready within 60 s")


def sign_in(page: Any, url: str, email: str, password: str) -> None:
    """Sign in through the form, as a person would."""
    page.goto(f"{url}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_selector("header .who")


def demo_password(email: str) -> str:
    """``screener@ctu-north.demo`` → ``demo-screener-ctu-north`` (as ``ictd demo`` makes them)."""
    role, _, domain = email.partition("@")
    return f"demo-{role}-{domain.removesuffix('.demo')}"
