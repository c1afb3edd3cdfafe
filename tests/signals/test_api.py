"""The media API: submit, upload, match, feedback, CSV, on both databases."""

from __future__ import annotations

from fastapi.testclient import TestClient

from ictd.media import hash_image
from tests.media.images import encode, picture
from tests.signals.support import image, listed_organisation
from tests.world import World

API = "/api/v1"
MD5 = "900150983cd24fb0d6963f7d28e17f72"
COVERED = {
    ("POST", f"{API}/media/signals"),
    ("GET", f"{API}/media/signals"),
    ("POST", f"{API}/media/signals/files"),
    ("GET", f"{API}/media/signals/export"),
    ("POST", f"{API}/media/signals/import"),
    ("GET", f"{API}/media/signals/{{signal_id}}"),
    ("POST", f"{API}/media/signals/{{signal_id}}/feedback"),
    ("POST", f"{API}/media/match"),
    ("POST", f"{API}/media/match/files"),
}


def test_upload_match_feedback_over_http(client: TestClient, world: World) -> None:
    aaa, bbb = world.auth("AAA", "analyst"), world.auth("BBB", "platform")
    org = listed_organisation(world.store, world, "AAA")
    answer = client.post(
        f"{API}/media/signals/files",
        files=[("files", ("a.png", image(1), "image/png"))],
        data={"labels": "recruitment lang:ar", "subject_id": str(org), "platform": "X"},
        headers=aaa,
    )
    assert answer.status_code == 201, answer.text
    kinds = [x["kind"] for x in answer.json()["items"]]
    assert kinds == ["pdq", "md5", "sha256"]

    copy = encode(picture(1).resize((200, 150)), "JPEG", quality=50)
    answer = client.post(
        f"{API}/media/match/files", files=[("files", ("c.jpg", copy, "image/jpeg"))], headers=bbb
    )
    assert answer.status_code == 200, answer.text
    (result,) = answer.json()["results"]
    (match,) = result["matches"]
    assert match["kind"] == "pdq" and match["distance"] <= 31
    assert match["labels"] == ["lang:ar", "recruitment"]
    assert match["attribution"]["details_withheld"] is True
    sid = match["signal_id"]

    alerts = client.get(f"{API}/alerts", headers=world.auth("AAA", "duty-officer")).json()
    assert [a["kind"] for a in alerts["items"]] == ["media"]

    answer = client.post(
        f"{API}/media/signals/{sid}/feedback", json={"verdict": "true-positive"}, headers=bbb
    )
    assert answer.status_code == 200, answer.text
    mine = client.get(f"{API}/media/signals/{sid}", headers=aaa).json()
    assert mine["feedback"]["true-positive"] == 1
    # a platform never reads the registry
    assert client.get(f"{API}/subjects/{org}", headers=bbb).status_code == 403


def test_hashes_urls_and_bad_input(client: TestClient, world: World) -> None:
    aaa = world.auth("AAA", "analyst")
    body = {"items": [{"kind": "md5", "value": MD5}, {"kind": "url", "value": "http://e.com"}]}
    answer = client.post(f"{API}/media/signals", json=body, headers=aaa)
    assert answer.status_code == 201, answer.text
    for bad in [
        {"kind": "pdq", "value": "12"},
        {"kind": "url", "value": "javascript:alert(1)"},
        {"kind": "tmk", "value": "ab"},
    ]:
        answer = client.post(f"{API}/media/signals", json={"items": [bad]}, headers=aaa)
        assert answer.status_code == 422, answer.text
    answer = client.post(
        f"{API}/media/signals/files",
        files=[("files", ("x.txt", b"not an image", "text/plain"))],
        headers=aaa,
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["details"][0]["field"] == "files.0"
    listed = client.get(f"{API}/media/signals", headers=aaa).json()
    assert len(listed["items"]) == 2

    answer = client.post(
        f"{API}/media/match",
        json={"items": [{"kind": "url", "value": "HTTP://E.COM/?utm_source=a"}]},
        headers=world.auth("BBB", "screener"),
    )
    assert answer.json()["results"][0]["matches"][0]["kind"] == "url"


def test_csv_over_http(client: TestClient, world: World) -> None:
    pdq = hash_image(image(4)).hex
    text = f"signal_type,signal_value,labels\npdq,{pdq},glorification\nmd5,{MD5},\n"
    answer = client.post(
        f"{API}/media/signals/import",
        files={"file": ("signals.csv", text.encode(), "text/csv")},
        headers=world.auth("AAA", "platform"),
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["created"] == 2
    exported = client.get(f"{API}/media/signals/export", headers=world.auth("BBB", "analyst"))
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.text.splitlines()[1] == f"pdq,{pdq},glorification"
