"""The console's answers to ids beyond 64 bits, bad cursors and control characters: its own
HTML error pages, never JSON or a crash, on both databases."""

from __future__ import annotations

import re

import httpx
import pytest

from ictd.model.text import MAX_ID
from tests.web.conftest import Console
from tests.world import World

BEYOND = str(MAX_ID + 1)


def _page(response: httpx.Response, status: int, title: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert f"<h1>{title}</h1>" in response.text
    return response.text


@pytest.mark.parametrize(
    "url",
    [
        f"/subjects/{BEYOND}",
        f"/subjects/{BEYOND}/graph.json",
        f"/subjects/{BEYOND}/edit",
        f"/subjects/{BEYOND}/exposure",
        f"/listings/{BEYOND}/edit",
        "/subjects/0",
    ],
)
def test_an_id_beyond_64_bits_is_the_not_found_page(signed_in, url: str) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "analyst")
    _page(console.get(url), 404, "Not found")


def test_a_posted_id_beyond_64_bits_is_the_not_found_page(signed_in) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "analyst")
    _page(console.post(f"/subjects/{BEYOND}/statements", {"prop_0": "alias"}), 404, "Not found")


@pytest.mark.parametrize(
    ("url", "role", "field"),
    [
        (f"/subjects?after={BEYOND}", "analyst", "after"),
        ("/subjects?after=-1", "analyst", "after"),
        (f"/review?after={BEYOND}", "analyst", "after"),
        (f"/audit?after={BEYOND}", "auditor", "after"),
        ("/subjects?q=abu%00", "analyst", "q"),
        ("/audit?action=x%0Ay", "auditor", "action"),
    ],
)
def test_a_bad_query_parameter_is_the_invalid_input_page_naming_it(  # type: ignore[no-untyped-def]
    signed_in, url: str, role: str, field: str
) -> None:
    console: Console = signed_in("AAA", role)
    text = _page(console.get(url), 422, "Invalid input")
    assert f"<code>{field}</code>" in text


def test_a_form_field_with_a_control_character_is_the_invalid_input_page(signed_in) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "analyst")
    response = console.post(
        "/subjects/new", {"schema": "Per\x00son", "prop_0": "name", "value_0": "A Name"}
    )
    assert "<code>schema</code>" in _page(response, 422, "Invalid input")


def test_a_name_with_a_bidirectional_override_is_refused_next_to_its_row(signed_in) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "analyst")
    response = console.post(
        "/subjects/new", {"schema": "Person", "prop_0": "name", "value_0": "Abu \u202eBakr"}
    )
    assert response.status_code == 422
    row = re.search(r'name="value_0"[^>]*>(.*?)</td>', response.text, re.S)
    assert row and "bidirectional" in row.group(1)


def test_a_key_for_a_user_id_that_is_no_number_is_a_field_error(  # type: ignore[no-untyped-def]
    signed_in, world: World
) -> None:
    console: Console = signed_in("AAA", "agency-admin")
    for user_id in ("²", BEYOND, "abc"):
        response = console.post("/admin/keys", {"user_id": user_id, "label": "feed"})
        assert response.status_code == 422 and "whole number" in response.text, user_id


def test_an_unknown_console_page_is_the_html_not_found_page(console: Console) -> None:
    _page(console.get("/no-such-page"), 404, "Not found")
