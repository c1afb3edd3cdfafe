"""Where webhooks may point: the URL policy (pure, with a fake resolver at the DNS boundary)
and its use when webhooks are created over the API with the default settings."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from fastapi.testclient import TestClient

from ictd.api import create_app
from ictd.outbox.egress import (
    ADDRESS_REFUSED,
    CONNECTION_FAILED,
    EgressPolicy,
    Refused,
    is_public,
)
from ictd.settings import Settings
from tests.alerts.support import API
from tests.api.test_errors import audit_seq, fields_of
from tests.world import World

PUBLIC = "93.184.215.14"  # a public address; nothing here connects to it


def resolver(table: dict[str, list[str]]) -> object:
    """A DNS stand-in: names in ``table`` resolve to its addresses, others do not."""

    def resolve(host: str, port: int) -> Sequence[str]:
        if host not in table:
            raise OSError("no such name")
        return table[host]

    return resolve


def policy(table: dict[str, list[str]] | None = None, **changes: object) -> EgressPolicy:
    base = EgressPolicy.from_setting(
        bool(changes.pop("allow_http", False)),
        str(changes.pop("allow_hosts", "")),
        resolver(table or {}),  # type: ignore[arg-type]
    )
    assert not changes
    return base


REFUSED_URLS = [
    "http://hooks.partner.example/x",  # plain http
    "ftp://hooks.partner.example/x",
    "https:///x",  # no host
    "https://user:secret@hooks.partner.example/x",  # credentials in the URL
    "https://127.0.0.1:5432/x",  # loopback
    "https://localhost/x",
    "https://api.localhost/x",
    "https://10.1.2.3/x",  # private
    "https://172.16.0.1/x",
    "https://192.168.1.1/x",
    "https://100.64.0.1/x",  # shared address space (CGNAT)
    "https://169.254.169.254/latest/meta-data",  # link-local: cloud metadata
    "https://224.0.0.1/x",  # multicast
    "https://240.0.0.1/x",  # reserved
    "https://0.0.0.0/x",  # unspecified
    "https://[::1]/x",
    "https://[fe80::1]/x",
    "https://[fc00::1]/x",  # unique local
    "https://[ff02::1]/x",  # multicast
    "https://[::ffff:127.0.0.1]/x",  # IPv4-mapped loopback
    "https://[2002:7f00:1::1]/x",  # 6to4 of 127.0.0.1
    "https://[64:ff9b::a00:1]/x",  # NAT64 of 10.0.0.1
    "https://hooks.partner.example:99999/x",  # no such port
    "https://hooks.partner.example:0/x",
]


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_the_default_policy_refuses(url: str) -> None:
    with pytest.raises(ValueError, match="must"):
        policy().check_url(url)
    with pytest.raises(Refused) as refused:
        policy().resolve(url)
    assert refused.value.reason == ADDRESS_REFUSED


def test_the_default_policy_accepts_https_to_public_addresses() -> None:
    names = policy({"hooks.partner.example": [PUBLIC, "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]})
    names.check_url("https://hooks.partner.example/ictd?x=1")
    found = names.resolve("https://Hooks.Partner.Example.:8443/ictd?x=1")
    assert found.addresses == (PUBLIC, "2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    assert found.host_header == "hooks.partner.example:8443"
    assert found.url_for(PUBLIC) == f"https://{PUBLIC}:8443/ictd?x=1"
    assert found.is_name
    literal = policy().resolve(f"https://{PUBLIC}/")
    assert literal.addresses == (PUBLIC,) and not literal.is_name
    assert literal.host_header == PUBLIC


def test_a_name_is_checked_by_the_addresses_it_resolves_to() -> None:
    names = policy({"inside.partner.example": [PUBLIC, "10.0.0.7"]})
    with pytest.raises(ValueError, match="public address"):
        names.check_url("https://inside.partner.example/x")
    with pytest.raises(Refused) as refused:
        names.resolve("https://inside.partner.example/x")
    assert refused.value.reason == ADDRESS_REFUSED


def test_a_name_that_does_not_resolve_is_accepted_now_and_fails_at_delivery() -> None:
    names = policy()
    names.check_url("https://not-yet.partner.example/x")
    with pytest.raises(Refused) as refused:
        names.resolve("https://not-yet.partner.example/x")
    assert refused.value.reason == CONNECTION_FAILED


def test_the_settings_allow_http_and_named_hosts_and_ranges() -> None:
    local = policy(
        {"hooks.internal": ["10.9.8.7"], "other.internal": ["10.9.8.7"]},
        allow_http=True,
        allow_hosts="127.0.0.1/32, hooks.internal",
    )
    assert local.resolve("http://127.0.0.1:8080/hook").addresses == ("127.0.0.1",)
    assert local.resolve("http://hooks.internal/hook").addresses == ("10.9.8.7",)
    for url in ("http://127.0.0.2/hook", "http://other.internal/hook", "http://[::1]/hook"):
        with pytest.raises(Refused):
            local.resolve(url)


def test_settings_refuse_what_is_not_a_host_or_range() -> None:
    with pytest.raises(ValueError, match="neither a host name"):
        Settings(webhook_allow_hosts="127.0.0.1/32, not a host")
    assert Settings(webhook_allow_hosts="10.0.0.0/8,hooks.internal").webhook_allow_hosts


def test_public_means_global_unicast() -> None:
    import ipaddress

    assert is_public(ipaddress.ip_address(PUBLIC))
    assert is_public(ipaddress.ip_address("2606:2800:21f:cb07:6820:80da:af6b:8b2c"))
    assert not is_public(ipaddress.ip_address("198.51.100.1"))  # documentation range


@pytest.fixture
def default_client(world: World) -> Iterator[TestClient]:
    """The API with the default webhook policy (https, public addresses only)."""
    settings = Settings(
        database_url=world.store.url,
        environment="test",
        dispatcher_enabled=False,
        build_index_on_start=False,
        xref_follow_seconds=0,
        jobs_interval_seconds=0,
    )
    with TestClient(create_app(settings, world.store)) as client:
        yield client


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:5432/x", "https://127.0.0.1:5432/x", "https://[::1]/x"]
)
def test_webhooks_to_internal_addresses_are_refused_by_default(
    default_client: TestClient, world: World, url: str
) -> None:
    admin = world.auth("AAA", "agency-admin")
    seq = audit_seq(world.store)
    created = default_client.post(f"{API}/webhooks", json={"url": url}, headers=admin)
    assert fields_of(created) == ["url"]
    assert default_client.get(f"{API}/webhooks", headers=admin).json()["items"] == []
    assert audit_seq(world.store) == seq
    fine = default_client.post(
        f"{API}/webhooks", json={"url": "https://hooks.aaa.invalid/x"}, headers=admin
    )
    assert fine.status_code == 201, fine.text
    moved = default_client.patch(
        f"{API}/webhooks/{fine.json()['id']}", json={"url": url}, headers=admin
    )
    assert fields_of(moved) == ["url"]
    kept = default_client.get(f"{API}/webhooks/{fine.json()['id']}", headers=admin).json()
    assert kept["url"] == "https://hooks.aaa.invalid/x"
