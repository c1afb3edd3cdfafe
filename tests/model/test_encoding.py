"""The encoder made once writes the same text as ``json.JSONEncoder(...).encode``."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ictd.model.encoding import json_encoder

OPTIONS: list[dict[str, Any]] = [
    {},
    {"ensure_ascii": False, "sort_keys": True, "default": str},  # the stores' columns
    {"ensure_ascii": False, "sort_keys": True, "separators": (",", ":")},  # manifests
    {"sort_keys": True, "ensure_ascii": False},  # a movement's digest
]

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
_data = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=30,
)


def _same(data: Any, options: dict[str, Any]) -> None:
    expected = json.JSONEncoder(**options).encode(data)
    assert json_encoder(**options)(data) == expected


@given(_data)
def test_the_text_is_the_encoders(data: Any) -> None:
    for options in OPTIONS:
        _same(data, options)


@pytest.mark.parametrize("options", OPTIONS)
def test_examples(options: dict[str, Any]) -> None:
    for data in (
        "plain text at the top",
        'أيمن الظواهري \u2028 "quoted" \\ \n',
        1.5,
        float("nan"),
        (1, "tuple", [2.25, None]),
        {"b": {"z": [], "a": {}}, "a": [True, False, None], "ü": "ÜBER"},
        [{"alert": {"score": 0.91234, "actions": ["arrest"]}, "movement": {"names": ["X"]}}],
    ):
        _same(data, options)


def test_default_turns_other_values_into_text() -> None:
    encode = json_encoder(ensure_ascii=False, sort_keys=True, default=str)
    data = {"on": date(2026, 12, 7), "at": datetime(2026, 12, 7, 8, 0, tzinfo=UTC)}
    assert encode(data) == json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    with pytest.raises(TypeError):
        json_encoder()({"on": date(2026, 12, 7)})  # no default: refused, as json refuses


def test_one_encoder_serves_many_calls_after_a_failure() -> None:
    encode = json_encoder(sort_keys=True)
    with pytest.raises(TypeError):
        encode({"a": [1, {2, 3}]})  # a set cannot be encoded
    assert encode({"b": [1], "a": 2}) == '{"a": 2, "b": [1]}'
