"""The shortcut of the control-character guard: a JSON body whose text can hold no refused
character is not walked string by string. It must never let through what the walk refuses:
escapes (``\\u0000``), raw C1 controls, unpaired surrogates, tabs and line breaks."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ictd.edge import is_plain_json, json_strings, refuse_control_characters
from ictd.exc import InvalidInput


def _refused(data: Any) -> bool:
    try:
        refuse_control_characters(json_strings(data))
    except InvalidInput:
        return True
    return False


@pytest.mark.parametrize(
    "raw",
    [
        b'{"queries": [{"id": "q1", "names": ["Abu Bakr"]}]}',
        '{"names": ["محمد\u200cرضا", "Ιωάννης", "\u202eisolate"]}'.encode(),
        b'{"limit": 10, "threshold": 0.5, "flag": true, "none": null}',
        "[]".encode("utf-16"),
    ],
    ids=["ascii", "utf-8", "no-strings", "utf-16"],
)
def test_a_plain_body_is_not_walked(raw: bytes) -> None:
    assert is_plain_json(raw)
    assert not _refused(json.loads(raw))


@pytest.mark.parametrize(
    "raw",
    [
        b'{"names": ["Abu\\u0000Bakr"]}',  # an escaped NUL
        b'{"names": ["Abu\\u0085Bakr"]}',  # an escaped C1 control
        b'{"names": ["Abu\\nBakr"]}',  # an escaped line break
        b'{"names": ["Abu\\tBakr"]}',
        b'{"names": ["\\ud800"]}',  # an escaped unpaired surrogate
        b'{"Abu\\u0000": 1}',  # in a key
        b'{"names": ["a \\\\ b"]}',  # a harmless escape: walked all the same
        '{"names": ["Abu\x85Bakr"]}'.encode(),  # a raw C1 control in UTF-8
        b'{"names": ["Abu\x7fBakr"]}',
        '{"names": ["\ud800"]}'.encode("utf-8", "surrogatepass"),  # json.loads reads it
        '{"names": ["Abu\x85"]}'.encode("utf-16"),
        b'{\n  "names": ["Abu Bakr"]\n}',  # indented: white space between tokens
        b'{"names": ["Abu\xffBakr"]}',  # not UTF-8: the walk (or FastAPI) decides
    ],
)
def test_a_body_that_may_hold_a_refused_character_is_walked(raw: bytes) -> None:
    assert not is_plain_json(raw)


def test_the_api_still_refuses_raw_and_escaped_controls(client: Any, world: Any) -> None:
    auth = {**world.auth("AAA", "screener"), "content-type": "application/json"}
    for text in ("Abu\x00Bakr", "Abu\x85Bakr", "Abu\nBakr", "Abu\ud800"):
        body = {"queries": [{"id": "q1", "names": [text]}]}
        for raw in (
            json.dumps(body).encode(),  # \u0000 escapes
            json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass"),
        ):
            response = client.post("/api/v1/screen", content=raw, headers=auth)
            assert response.status_code == 422, (text, raw, response.text)
            fields = [e["field"] for e in response.json()["error"]["details"]]
            assert fields == ["queries.0.names.0"], (text, raw)


_TEXT = st.text(
    alphabet=st.characters(codec=None, categories=None, exclude_categories=()), max_size=8
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=400, derandomize=True, database=None)
@given(data=_JSON, ascii_only=st.booleans(), indent=st.sampled_from([None, 0, 2]))
def test_the_shortcut_never_passes_what_the_walk_refuses(
    data: Any, ascii_only: bool, indent: int | None
) -> None:
    raw = json.dumps(data, ensure_ascii=ascii_only, indent=indent).encode("utf-8", "surrogatepass")
    if is_plain_json(raw):
        assert not _refused(json.loads(raw))
