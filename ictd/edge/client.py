"""The client address of a request: the peer, or what a trusted reverse proxy says it is.

``X-Forwarded-For`` is believed only when the peer is one of ``ICTD_TRUSTED_PROXIES``;
then the client is the right-most address in it that is not itself a trusted proxy (the
left part of the header is whatever the client sent, and may be forged).
"""

from __future__ import annotations

import ipaddress
from functools import cache

from fastapi import Request

__all__ = ["client_address"]

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _networks(setting: str) -> tuple[Network, ...]:
    entries = (e.strip() for e in setting.split(","))
    return tuple(ipaddress.ip_network(e, strict=False) for e in entries if e)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in n for n in networks)


def client_address(request: Request, trusted_proxies: str = "") -> str:
    """The address the request came from (``"unknown"`` when the server does not say)."""
    peer = request.client.host if request.client else "unknown"
    networks = _networks(trusted_proxies)
    if not networks or not _is_trusted(peer, networks):
        return peer
    hops = [h.strip() for h in ",".join(request.headers.getlist("x-forwarded-for")).split(",")]
    hops = [h for h in hops if h]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            return hop
    return hops[0] if hops else peer
