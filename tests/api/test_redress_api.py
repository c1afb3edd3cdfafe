"""Redress over HTTP on both databases: the officer registers (422 naming the field), the
agencies answer and decide, the overdue report, evidence and disclosure for officers only."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.alerts.support import API, listed
from tests.world import World

_ONE = f"{API}/redress/{{reference}}"
COVERED = {
    ("POST", f"{API}/redress"),
    ("GET", f"{API}/redress"),
    ("GET", _ONE),
    ("GET", f"{_ONE}/evidence"),
    ("GET", f"{_ONE}/disclosure"),
    ("POST", f"{_ONE}/answer"),
    ("POST", f"{_ONE}/decide"),
}


def _body(subject_id: int, **changes: Any) -> dict[str, Any]:
    return {
        "subject_id": subject_id,
        "kind": "deletion",
        "summary": "Asks that his record be deleted.\nSays he was never in Syria.",
        "requester": "H. bin L.",
        "evidence": "Passport K1234567 seen at the counter",
        "contact": "lawyer@example.org",
    } | changes


def test_register_answer_decide_over_http(client: TestClient, world: World) -> None:
    sid, lid = listed(client, world, "AAA")
    officer = world.auth("OPS", "redress-officer")
    bad = client.post(f"{API}/redress", json=_body(sid, kind="erase"), headers=officer)
    assert bad.status_code == 422 and "kind" in bad.text
    missing = client.post(f"{API}/redress", json=_body(10**9), headers=officer)
    assert missing.status_code == 422 and "subject_id" in missing.text
    assert (
        client.post(
            f"{API}/redress", json=_body(sid), headers=world.auth("AAA", "analyst")
        ).status_code
        == 403
    )
    created = client.post(f"{API}/redress", json=_body(sid), headers=officer)
    assert created.status_code == 201, created.text
    ref = created.json()["reference"]
    assert [r["agency"] for r in created.json()["referrals"]] == ["AAA"]
    url = f"{API}/redress/{ref}"
    aaa = world.auth("AAA", "analyst")
    assert client.get(url, headers=world.auth("BBB", "analyst")).status_code == 404
    assert client.get(f"{url}/evidence", headers=aaa).status_code == 403
    evidence = client.get(f"{url}/evidence", headers=officer).json()
    assert evidence["requester"] == "H. bin L."
    inbox = client.get(f"{API}/redress", params={"status": "open"}, headers=aaa).json()
    assert [i["reference"] for i in inbox["items"]] == [ref]
    assert client.get(f"{API}/redress", params={"status": "late"}, headers=aaa).status_code == 422
    overdue = client.get(f"{API}/redress", params={"status": "overdue"}, headers=officer).json()
    assert overdue["items"] == []
    answered = client.post(f"{url}/answer", json={"answer": "Under review"}, headers=aaa)
    assert (
        answered.status_code == 200 and answered.json()["referrals"][0]["answer"] == "Under review"
    )
    no_reason = client.post(
        f"{url}/decide", json={"decision": "granted", "reasons": ""}, headers=aaa
    )
    assert no_reason.status_code == 422
    decided = client.post(
        f"{url}/decide",
        json={
            "decision": "granted",
            "reasons": "Erased on request",
            "disclose": "summary",
            "disclosure_note": "Your data was deleted.",
        },
        headers=aaa,
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["status"] == "decided" and decided.json()["erased"]["withdrawn"] == 1
    listing = client.get(f"{API}/listings/{lid}", headers=aaa).json()
    assert listing["status"] == "withdrawn"
    told = client.get(f"{url}/disclosure", headers=officer).json()
    assert told["agencies"] == [
        {
            "agency": "AAA",
            "decision": "granted",
            "told": "summary",
            "note": "Your data was deleted.",
            "reasons": "Erased on request",
        }
    ]
    assert client.get(f"{url}/disclosure", headers=aaa).status_code == 403
    again = client.post(f"{url}/decide", json={"decision": "refused", "reasons": "x"}, headers=aaa)
    assert again.status_code == 409
