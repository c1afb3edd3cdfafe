"""Where webhooks may be sent: the URL policy, checked when a webhook is saved and again,
after DNS resolution, before every delivery.

By default a webhook URL must be ``https://`` with a host whose every address is public:
loopback, private, shared (CGNAT), link-local, multicast, reserved and unspecified
addresses are refused, also when written in an IPv6 form that embeds an IPv4 address
(``::ffff:10.0.0.1``, 6to4, Teredo, NAT64). ``ICTD_WEBHOOK_ALLOW_HTTP`` accepts ``http://``;
``ICTD_WEBHOOK_ALLOW_HOSTS`` names hosts and IP ranges allowed although not public (for
development and tests).

At delivery the host is resolved once, every address is checked, and the connection goes to
a checked address (``Destination.addresses``): a DNS answer that changes between the check
and the connection (re-binding) cannot redirect it. The caller keeps the URL's host for the
``Host`` header and for TLS (SNI and the certificate's name).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

__all__ = [
    "ADDRESS_REFUSED",
    "CONNECTION_FAILED",
    "Destination",
    "EgressPolicy",
    "Refused",
    "is_public",
    "system_resolver",
]

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Sequence[str]]
ADDRESS_REFUSED = "refused: address not allowed"
CONNECTION_FAILED = "connection failed"
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class Refused(Exception):
    """A delivery that must not be attempted; ``reason`` is fit for the delivery log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses of ``host`` from the operating system's resolver."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if ip in _NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [f for f in found if f is not None]


def is_public(ip: Address) -> bool:
    """Whether ``ip`` is a public unicast address (and so is any IPv4 address it embeds)."""
    if not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_unspecified:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        return all(is_public(v4) for v4 in _embedded_ipv4(ip))
    return True


@dataclass(frozen=True, slots=True)
class Destination:
    """A checked webhook URL: its parts, and at delivery the addresses to connect to."""

    scheme: str
    host: str
    port: int
    target: str  # path and query
    addresses: tuple[str, ...] = ()

    @property
    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == default else f"{host}:{self.port}"

    @property
    def is_name(self) -> bool:
        """Whether the host is a name (not an IP literal): then TLS checks it by SNI."""
        return _ip(self.host) is None

    def url_for(self, address: str) -> str:
        """The URL that connects to ``address`` (the ``Host`` header carries the name)."""
        literal = f"[{address}]" if ":" in address else address
        return f"{self.scheme}://{literal}:{self.port}{self.target}"


def _ip(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class EgressPolicy:
    """Which webhook URLs are accepted, and the resolver that finds their addresses."""

    allow_http: bool = False
    allow_hosts: frozenset[str] = frozenset()
    allow_networks: tuple[Network, ...] = ()
    resolver: Resolver = system_resolver

    @classmethod
    def from_setting(
        cls, allow_http: bool, allow_hosts: str, resolver: Resolver = system_resolver
    ) -> EgressPolicy:
        """From ``ICTD_WEBHOOK_ALLOW_HTTP`` and ``ICTD_WEBHOOK_ALLOW_HOSTS`` (comma-separated
        host names and IP ranges)."""
        hosts, networks = set(), []
        for entry in (e.strip().lower().rstrip(".") for e in allow_hosts.split(",")):
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                hosts.add(entry)
        return cls(allow_http, frozenset(hosts), tuple(networks), resolver)

    def allows_address(self, ip: Address) -> bool:
        return is_public(ip) or any(ip in n for n in self.allow_networks if n.version == ip.version)

    def parse(self, url: str) -> Destination:
        """The parts of an acceptable URL, or ``ValueError`` saying what is wrong (no DNS)."""
        parts = urlsplit(url.strip())
        schemes = ("https", "http") if self.allow_http else ("https",)
        if parts.scheme not in schemes or not parts.hostname:
            accepted = " or ".join(f"{s}://" for s in schemes)
            raise ValueError(f"must be an {accepted} URL with a host")
        if parts.username is not None or parts.password is not None:
            raise ValueError("must not carry a user name or password (the secret signs deliveries)")
        destination = _destination(parts)
        host = destination.host
        ip = _ip(host)
        if ip is not None and not self.allows_address(ip):
            raise ValueError(_NOT_PUBLIC)
        loopback_name = host == "localhost" or host.endswith(".localhost")  # RFC 6761
        if ip is None and loopback_name and host not in self.allow_hosts:
            raise ValueError(_NOT_PUBLIC)
        return destination

    def check_url(self, url: str) -> None:
        """``ValueError`` unless the URL is acceptable and its host, if it resolves now, has
        only allowed addresses (a name that does not resolve yet is checked at delivery)."""
        destination = self.parse(url)
        try:
            self._addresses(destination)
        except Refused as refused:
            if refused.reason == ADDRESS_REFUSED:
                raise ValueError(_NOT_PUBLIC) from None

    def resolve(self, url: str) -> Destination:
        """The destination of a delivery with the checked addresses to connect to, or
        ``Refused`` (``refused: address not allowed``, ``connection failed``)."""
        try:
            destination = self.parse(url)
        except ValueError:
            raise Refused(ADDRESS_REFUSED) from None
        return Destination(
            destination.scheme,
            destination.host,
            destination.port,
            destination.target,
            self._addresses(destination),
        )

    def _addresses(self, destination: Destination) -> tuple[str, ...]:
        literal = _ip(destination.host)
        if literal is not None:
            return (str(literal),)
        try:
            answers = self.resolver(destination.host, destination.port)
            found = [_ip(a.split("%")[0]) for a in answers]
        except (OSError, UnicodeError):
            raise Refused(CONNECTION_FAILED) from None
        addresses = [a for a in found if a is not None]
        if not addresses:
            raise Refused(CONNECTION_FAILED)
        trusted = destination.host in self.allow_hosts
        if not trusted and not all(self.allows_address(a) for a in addresses):
            raise Refused(ADDRESS_REFUSED)
        return tuple(str(a) for a in addresses)


_NOT_PUBLIC = (
    "must reach a public address: loopback, private, link-local, multicast and reserved "
    "addresses are refused"
)


def _destination(parts: SplitResult) -> Destination:
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        given = parts.port
    except ValueError:
        given = -1
    if given is not None and not 0 < given <= 65535:
        raise ValueError("must have a port from 1 to 65535")
    port = given or (443 if parts.scheme == "https" else 80)
    target = parts.path or "/"
    if parts.query:
        target += f"?{parts.query}"
    return Destination(parts.scheme, host, port, target)
