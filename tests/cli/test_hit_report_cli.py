"""`ictd hit-report file|show`: the reporting agency files, the owner reads, on both
databases; bad input is refused naming the option's field, nothing stored."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.alerts.support import listed, movement, report
from tests.cli.test_cli import ictd, ok, refused
from tests.world import World


def test_file_and_show_a_hit_report(client: TestClient, world: World) -> None:
    listed(client, world, "AAA")
    (reply,) = report(client, world, movement("cli-1"), agency="BBB")
    ref = reply["hits"][0]["alert"]
    url = world.store.url
    base = ["hit-report", "file", ref, "--as", "screener@bbb.example", "--place", "Rome FCO"]
    more = ["--transport", "air", "--action", "discreet-check", "--outcome", "located"]
    refused(ictd(url, *base, "--time", "2099-01-01T00:00:00Z", *more), "occurred_at", "future")
    refused(ictd(url, "hit-report", "show", ref, "--as", "duty-officer@aaa.example"), "no hit")
    items = ["--item", "bag", "--item", "phone"]
    filed = json.loads(ok(ictd(url, *base, "--time", "2026-11-28T07:00:00Z", *more, *items)))
    assert filed["items"] == ["bag", "phone"] and filed["agency"] == "BBB"
    shown = json.loads(ok(ictd(url, "hit-report", "show", ref, "--as", "analyst@aaa.example")))
    assert shown == filed
    refused(ictd(url, "hit-report", "show", ref, "--as", "analyst@ops.example"), "does not exist")
