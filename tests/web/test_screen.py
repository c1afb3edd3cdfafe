"""The screening pages: the form, ranked matches, dispositions, batch files."""

from __future__ import annotations

import json
import time

from tests.web.conftest import Console
from tests.web.records import make_records
from tests.world import World


def test_screen_an_arabic_name_finds_the_listed_subject_first(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    records = make_records(world)
    console: Console = signed_in("BBB", "screener")
    page = console.post("/screen", {"names": "أبو بكر البغدادي", "birth_date": "1971"})
    assert page.status_code == 200
    first = page.text.index('data-subject="')
    assert page.text[first:].startswith(f'data-subject="{records.person}"')
    assert "HIT" in page.text
    assert "Abu Bakr al-Baghdadi" in page.text
    assert '<bdi dir="auto" class="name">أبو بكر البغدادي</bdi>' in page.text
    assert "arrest" in page.text
    assert "<meter" in page.text and "Why this score" in page.text


def test_bad_query_shows_messages_by_field(signed_in) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "screener")
    page = console.post(
        "/screen", {"names": "Someone", "birth_date": "soon", "nationalities": "XX"}
    )
    assert page.status_code == 422
    assert "birth_date" in page.text and "nationalities.0" in page.text


def test_record_a_disposition(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    records = make_records(world)
    console: Console = signed_in("AAA", "screener")
    query = json.dumps({"id": "web", "names": ["Abu Bakr al-Baghdadi"]})
    empty = console.post(
        "/screen/disposition",
        {"query": query, "subject_id": records.person, "decision": "unsure", "reason": ""},
    )
    assert empty.status_code == 422
    assert "reason" in empty.text
    done = console.post(
        "/screen/disposition",
        {
            "query": query,
            "subject_id": records.person,
            "decision": "false-match",
            "reason": "other man",
        },
    )
    assert done.status_code == 200
    assert "Recorded: <strong>false-match</strong>" in done.text
    again = console.post("/screen", {"names": "Abu Bakr al-Baghdadi"})
    assert "hidden: your agency judged them false matches" in again.text


def test_auditors_may_not_screen(signed_in) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "auditor")
    page = console.get("/screen")
    assert page.status_code == 403
    assert "Refused" in page.text and "screen" in page.text
    assert 'href="/screen"' not in page.text.split("<main")[0]


def test_batch_file_screening_with_progress_and_download(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    records = make_records(world)
    console: Console = signed_in("BBB", "screener")
    content = "id,names,birth_date\nq1,أبو بكر البغدادي,1971\nq2,Nobody Known;N. Known,\n"
    upload = console.client.post(
        "/screen/batch",
        data={"csrf_token": console.csrf},
        files={"file": ("people.csv", content.encode(), "text/csv")},
        follow_redirects=False,
    )
    assert upload.status_code == 303, upload.text
    url = upload.headers["location"]
    for _ in range(200):
        progress = console.get(url, headers={"HX-Request": "true"})
        if 'data-state="done"' in progress.text:
            break
        time.sleep(0.05)
    assert 'data-state="done"' in progress.text
    assert "2 of 2 screened" in progress.text
    results = console.get(url + "/results.csv")
    assert results.headers["content-type"].startswith("text/csv")
    lines = results.text.splitlines()
    assert lines[0].startswith("query_id,hit,subject_id")
    assert lines[1].startswith(f"q1,True,{records.person},")
    other = signed_in("AAA", "screener")
    assert other.get(url).status_code == 404


def test_a_bad_batch_file_is_refused_whole(signed_in) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "screener")
    content = '{"id": "a", "names": ["Somebody"]}\nnot json\n{"id": "c", "names": []}\n'
    page = console.client.post(
        "/screen/batch",
        data={"csrf_token": console.csrf},
        files={"file": ("people.jsonl", content.encode(), "application/x-ndjson")},
    )
    assert page.status_code == 422
    assert "line 2" in page.text and "line 3.names" in page.text
