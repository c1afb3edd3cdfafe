"""The client address of a request: the peer, unless a trusted proxy forwarded it."""

from __future__ import annotations

from starlette.requests import Request

from ictd.edge.client import client_address


def request(peer: str | None, forwarded: list[str] | None = None) -> Request:
    headers = [(b"x-forwarded-for", v.encode()) for v in forwarded or []]
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/login",
        "headers": headers,
        "client": (peer, 50000) if peer else None,
    }
    return Request(scope)


def test_the_peer_is_the_client_when_no_proxy_is_trusted() -> None:
    assert client_address(request("203.0.113.9", ["198.51.100.1"])) == "203.0.113.9"
    assert client_address(request(None)) == "unknown"


def test_a_trusted_proxy_names_the_client() -> None:
    trusted = "10.0.0.0/8, 192.168.1.1"
    assert client_address(request("10.1.2.3", ["198.51.100.7"]), trusted) == "198.51.100.7"
    # a forged left part is ignored: the right-most untrusted hop is the client
    hops = ["1.2.3.4, 198.51.100.7", "192.168.1.1"]
    assert client_address(request("10.1.2.3", hops), trusted) == "198.51.100.7"


def test_an_untrusted_peer_cannot_name_another_client() -> None:
    forged = request("203.0.113.9", ["198.51.100.7"])
    assert client_address(forged, "10.0.0.0/8") == "203.0.113.9"


def test_a_trusted_peer_without_the_header_is_the_client() -> None:
    assert client_address(request("10.1.2.3"), "10.0.0.0/8") == "10.1.2.3"
