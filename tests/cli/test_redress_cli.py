"""`ictd redress …` on both databases: an officer adds, the agency answers and decides,
`list --overdue` reports late requests, errors are clean messages naming the field."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.alerts.support import listed
from tests.cli.test_cli import ictd, ok, refused
from tests.world import World


def test_redress_from_the_command_line(client: TestClient, world: World) -> None:
    sid, _lid = listed(client, world, "AAA")
    url = world.store.url
    officer = ["--as", "redress-officer@ops.example"]
    add = ["redress", "add", *officer, "--subject", str(sid), "--summary", "What is held?"]
    who = ["--requester", "H. L.", "--evidence", "passport seen"]
    refused(ictd(url, *add, "--kind", "erase", *who), "kind")
    refused(
        ictd(url, *add[:2], "--as", "analyst@aaa.example", *add[4:], "--kind", "access", *who),
        "redress officers",
    )
    created = json.loads(ok(ictd(url, *add, "--kind", "access", *who)))
    ref = created["reference"]
    listed_now = json.loads(ok(ictd(url, "redress", "list", "--overdue", *officer)))
    assert listed_now["items"] == []
    shown = json.loads(ok(ictd(url, "redress", "show", ref, "--as", "analyst@aaa.example")))
    assert shown["referrals"][0]["agency"] == "AAA"
    refused(ictd(url, "redress", "show", ref, "--as", "analyst@bbb.example"), "does not exist")
    refused(
        ictd(url, "redress", "evidence", ref, "--as", "analyst@aaa.example"), "redress officers"
    )
    assert json.loads(ok(ictd(url, "redress", "evidence", ref, *officer)))["requester"] == "H. L."
    aaa = ["--as", "auditor@aaa.example"]
    ok(ictd(url, "redress", "answer", ref, *aaa, "--text", "Looking into it"))
    refused(
        ictd(url, "redress", "decide", ref, *aaa, "--decision", "yes", "--reasons", "x"), "decision"
    )
    decided = json.loads(
        ok(
            ictd(
                url,
                "redress",
                "decide",
                ref,
                *aaa,
                "--decision",
                "refused",
                "--reasons",
                "Ongoing case",
            )
        )
    )
    assert decided["status"] == "decided"
    told = json.loads(ok(ictd(url, "redress", "disclosure", ref, *officer)))
    assert told["agencies"] == [{"agency": "AAA", "decision": "refused", "told": "examined"}]
    decided_list = json.loads(ok(ictd(url, "redress", "list", "--status", "decided", *officer)))
    assert [i["reference"] for i in decided_list["items"]] == [ref]
