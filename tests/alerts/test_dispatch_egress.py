"""Webhook deliveries obey the URL policy after DNS resolution, connect to the checked
address with the right ``Host`` and TLS name, and log nothing of the network.

DNS is the outside boundary faked here (a table resolver); every connection is real, to
servers on 127.0.0.1. The TLS test makes a self-signed certificate with ``openssl``.
"""

from __future__ import annotations

import json
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ictd.alerts import AlertConfig, Dispatcher
from ictd.alerts.webhooks import WebhookInput, create_webhook
from ictd.outbox.egress import EgressPolicy
from tests.alerts.support import API, listed, movement, receiver, report
from tests.world import World

PUBLIC = "93.184.215.14"
NAME = "hooks.partner.example"
ALLOWED_ERRORS = {"connection failed", "timeout", "refused: address not allowed"}


def dns(table: dict[str, str]) -> Any:
    def resolve(host: str, port: int) -> Sequence[str]:
        if host not in table:
            raise OSError("no such name")
        return [table[host]]

    return resolve


def add_hook(
    world: World, url: str, table: dict[str, str], allow_http: bool = True, allow: str = ""
) -> int:
    """A webhook of AAA, accepted by a policy under which names resolve by ``table``."""
    egress = EgressPolicy.from_setting(allow_http, allow, dns(table))
    hook = create_webhook(
        world.store,
        world.actor("AAA", "agency-admin"),
        WebhookInput(url=url, events=["alert.created"]),
        egress=egress,
    )
    return int(hook["id"])


def deliveries(client: TestClient, world: World, hook_id: int) -> list[dict[str, Any]]:
    answer = client.get(
        f"{API}/webhooks/{hook_id}/deliveries", headers=world.auth("AAA", "agency-admin")
    )
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def test_a_name_that_later_resolves_to_a_private_address_is_not_delivered(
    quiet: TestClient, world: World
) -> None:
    listed(quiet, world, "AAA")
    with receiver() as hook:
        port = hook.url.split(":")[2].split("/")[0]
        hook_id = add_hook(world, f"http://{NAME}:{port}/hook", {NAME: PUBLIC})
        report(quiet, world, movement("rebind-1"))
        rebound = EgressPolicy.from_setting(True, "", dns({NAME: "127.0.0.1"}))
        dispatcher = Dispatcher(world.store, AlertConfig(egress=rebound))
        assert dispatcher.run_once(datetime.now(UTC)).retried == 1
        assert hook.calls == 0  # no connection was made
        (delivery,) = deliveries(quiet, world, hook_id)
        assert delivery["last_error"] == "refused: address not allowed"
        # allowed explicitly (development), the same name is delivered to the checked address
        allowed = EgressPolicy.from_setting(True, "127.0.0.1/32", dns({NAME: "127.0.0.1"}))
        redo = f"{API}/webhooks/{hook_id}/deliveries/{delivery['id']}/redeliver"
        assert quiet.post(redo, headers=world.auth("AAA", "agency-admin")).status_code == 200
        later = Dispatcher(world.store, AlertConfig(egress=allowed))
        assert later.run_once(datetime.now(UTC)).delivered == 1
        ((headers, _body),) = hook.received
        assert headers["Host"] == f"{NAME}:{port}"


@contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1]


@contextmanager
def rude_server() -> Iterator[int]:
    """A port that accepts a connection and closes it at once (an open non-HTTP port)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            conn.sendall(b"\x00\x01garbage\r\n")
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield sock.getsockname()[1]
    finally:
        stop.set()
        sock.close()
        thread.join(5)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_the_delivery_log_tells_no_open_port_from_a_closed_one(
    quiet: TestClient, world: World
) -> None:
    listed(quiet, world, "AAA")
    local = "127.0.0.1/32"
    with silent_server() as silent, rude_server() as rude, receiver(failures=1) as failing:
        failing_port = failing.url.split(":")[2].split("/")[0]
        ports = {"closed": closed_port(), "rude": rude, "silent": silent}
        hooks = {
            name: add_hook(world, f"http://127.0.0.1:{port}/x", {}, allow=local)
            for name, port in ports.items()
        }
        hooks["failing"] = add_hook(world, failing.url, {}, allow=local)
        report(quiet, world, movement("ports-1"))
        egress = EgressPolicy.from_setting(True, local)
        dispatcher = Dispatcher(world.store, AlertConfig(egress=egress, webhook_timeout=0.5))
        assert dispatcher.run_once(datetime.now(UTC)).retried == 4
        logs = {name: deliveries(quiet, world, hook_id) for name, hook_id in hooks.items()}
    errors = {name: log[0]["last_error"] for name, log in logs.items()}
    assert errors == {
        "closed": "connection failed",
        "rude": "connection failed",
        "silent": "timeout",
        "failing": "HTTP 500",
    }
    attempts = [a for log in logs.values() for a in log[0]["attempt_log"]]
    assert {a["error"] for a in attempts} <= ALLOWED_ERRORS | {"HTTP 500"}
    text = json.dumps(logs)
    assert "127.0.0.1" not in text
    for port in [*ports.values(), failing_port]:
        assert str(port) not in text


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for ``hooks.partner.example`` (and no other name)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={NAME}",
            "-addext",
            f"subjectAltName=DNS:{NAME}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@contextmanager
def tls_receiver(cert: Path, key: Path) -> Iterator[tuple[int, list[str], list[str]]]:
    """An HTTPS webhook endpoint on 127.0.0.1: yields its port, the SNI names it was sent
    and the ``Host`` headers of the requests it answered."""
    names: list[str] = []
    hosts: list[str] = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _sock, name, _ctx: names.append(name or "")  # type: ignore[assignment,misc,func-returns-value]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            hosts.append(self.headers.get("Host", ""))
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def get_request(self) -> tuple[socket.socket, Any]:
            conn, address = super().get_request()
            return context.wrap_socket(conn, server_side=True), address

        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # a client refusing our certificate is expected in these tests

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], names, hosts
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_https_delivery_checks_the_certificate_against_the_url_host(
    quiet: TestClient, world: World, certificate: tuple[Path, Path]
) -> None:
    cert, key = certificate
    trusted = ssl.create_default_context(cafile=str(cert))
    listed(quiet, world, "AAA")
    table = {NAME: "127.0.0.1", "other.partner.example": "127.0.0.1"}
    with tls_receiver(cert, key) as (port, names, hosts):
        good = add_hook(world, f"https://{NAME}:{port}/hook", {NAME: PUBLIC}, allow_http=False)
        wrong = add_hook(
            world,
            f"https://other.partner.example:{port}/hook",
            {"other.partner.example": PUBLIC},
            allow_http=False,
        )
        report(quiet, world, movement("tls-1"))
        egress = EgressPolicy.from_setting(False, "127.0.0.1/32", dns(table))
        dispatcher = Dispatcher(world.store, AlertConfig(egress=egress), verify=trusted)
        outcome = dispatcher.run_once(datetime.now(UTC))
        assert (outcome.delivered, outcome.retried) == (1, 1)
        assert hosts == [f"{NAME}:{port}"]  # only the right name got the alert
        assert NAME in names and "other.partner.example" in names  # SNI: the URL's host
    assert deliveries(quiet, world, good)[0]["status"] == "delivered"
    refused = deliveries(quiet, world, wrong)[0]
    assert refused["status"] == "pending" and refused["last_error"] == "connection failed"
    # and without trusting the certificate, nothing is delivered at all
    with tls_receiver(cert, key) as (port, _names, hosts):
        add_hook(world, f"https://{NAME}:{port}/again", {NAME: PUBLIC}, allow_http=False)
        report(quiet, world, movement("tls-2"))
        Dispatcher(world.store, AlertConfig(egress=egress)).run_once(datetime.now(UTC))
        assert hosts == []
