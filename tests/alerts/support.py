"""Helpers of the movement and alert tests: listed subjects, movement bodies, a webhook
receiver on 127.0.0.1 that fails at first, and the API served by uvicorn in a thread."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import uvicorn
from fastapi.testclient import TestClient

from ictd.alerts import AlertConfig
from ictd.api import create_app
from ictd.outbox.egress import EgressPolicy
from ictd.settings import Settings
from ictd.store import Store
from tests.world import World, publish_api

API = "/api/v1"
PERSON = {
    "schema": "Person",
    "statements": [
        {"prop": "name", "value": "Hamza bin Laden"},
        {"prop": "originalScriptName", "value": "حمزة بن لادن", "lang": "ara"},
        {"prop": "birthDate", "value": "1989"},
        {"prop": "nationality", "value": "SA"},
    ],
}


# The webhook receivers of these tests listen on http://127.0.0.1: allowed explicitly (the
# default policy refuses plain http and loopback addresses).
LOCAL_WEBHOOKS = {"webhook_allow_http": True, "webhook_allow_hosts": "127.0.0.1/32"}
LOCAL_WEBHOOKS_ENV = {"ICTD_WEBHOOK_ALLOW_HTTP": "true", "ICTD_WEBHOOK_ALLOW_HOSTS": "127.0.0.1/32"}
LOCAL_EGRESS = EgressPolicy.from_setting(True, "127.0.0.1/32")


def settings_for(store: Store, **changes: Any) -> Settings:
    return Settings(
        database_url=store.url,
        environment="test",
        **{"xref_follow_seconds": 0, "jobs_interval_seconds": 0, **LOCAL_WEBHOOKS, **changes},
    )


def local_config(**changes: Any) -> AlertConfig:
    """The alert configuration of the tests: webhooks may reach the local receivers."""
    return AlertConfig(egress=LOCAL_EGRESS, **changes)


def listed(
    client: TestClient,
    world: World,
    agency: str = "AAA",
    sharing: str = "all",
    shared_with: list[str] | None = None,
    category: str = "terrorist",
    status: str = "active",
    person: dict[str, Any] = PERSON,
) -> tuple[int, int]:
    """A subject of ``agency`` with one listing; returns (subject id, listing id)."""
    auth = world.auth(agency, "analyst")
    answer = client.post(f"{API}/subjects", json=person, headers=auth)
    assert answer.status_code == 201, answer.text
    sid = answer.json()["id"]
    body: dict[str, Any] = {
        "category": category,
        "actions": ["arrest"],
        "sharing": sharing,
        "status": status,
        "handling": "H2",
    }
    if shared_with:
        body["shared_with"] = shared_with
    listing = publish_api(client, world, agency, sid, body)
    return int(sid), int(listing["id"])


def movement(key: str, names: list[str] | None = None, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "idempotency_key": key,
        "kind": "border-entry",
        "time": "2026-11-28T08:00:00Z",
        "place": {"country": "FR", "point_of_entry": "CDG"},
        "carrier": "AF",
        "flight": "AF123",
        "document": {"type": "passport", "number": "K1234567", "country": "SA"},
        "traveller": {
            "names": names or ["Hamza bin Laden"],
            "birth_date": "1989",
            "nationalities": ["SA"],
            "gender": "male",
        },
    }
    body.update(changes)
    return body


def report(
    client: Any, world: World, *bodies: dict[str, Any], agency: str = "BBB"
) -> list[dict[str, Any]]:
    answer = client.post(
        f"{API}/movements",
        json={"movements": list(bodies)},
        headers=world.auth(agency, "screener"),
    )
    assert answer.status_code == 200, answer.text
    results: list[dict[str, Any]] = answer.json()["results"]
    return results


def wait_for(check: Callable[[], bool], timeout: float = 20.0, step: float = 0.05) -> bool:
    """Poll ``check`` until true or ``timeout`` seconds passed."""
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        if check():
            return True
        time.sleep(step)
    return check()


@dataclass
class Receiver:
    """A webhook endpoint: answers 500 to the first ``failures`` requests, then 204."""

    failures: int = 0
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    calls: int = 0
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def bodies(self) -> list[dict[str, Any]]:
        with self.lock:
            return [json.loads(body) for _, body in self.received]


@contextmanager
def receiver(failures: int = 0, port: int = 0) -> Iterator[Receiver]:
    state = Receiver(failures=failures)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with state.lock:
                state.calls += 1
                fail = state.calls <= state.failures
                if not fail:
                    state.received.append((dict(self.headers.items()), body))
            self.send_response(500 if fail else 204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextmanager
def live_server(store: Store, **changes: Any) -> Iterator[str]:
    """The API served by uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    app = create_app(settings_for(store, **changes), store)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    assert wait_for(lambda: server.started, timeout=20)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def sse_events(text: str) -> list[dict[str, Any]]:
    """Parse Server-Sent Events: ``[{"id", "event", "data"}]``, comments skipped."""
    out = []
    for block in text.split("\n\n"):
        fields: dict[str, Any] = {}
        for line in block.splitlines():
            if line.startswith(":") or ":" not in line:
                continue
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")
        if "data" in fields:
            fields["data"] = json.loads(fields["data"])
            out.append(fields)
    return out
