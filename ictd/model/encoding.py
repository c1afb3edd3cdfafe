"""JSON text of data, by an encoder made once for its options.

``json.dumps`` with options builds a ``JSONEncoder`` on every call, and
``JSONEncoder.encode`` builds the C encoder (``_json.make_encoder``) on every call as well:
about 1.5–4 µs of CPU per call, more than encoding a small dict takes. The stores write
several JSON columns per traveller of a manifest (the movement's names and reply, an alert's
detail, an event's payload, the passenger as sent), so ``json_encoder`` makes the C encoder
once for a set of options and calls it directly. The text is the one ``JSONEncoder(...)
.encode`` gives for the same options (``tests/model/test_encoding.py``); where the C
accelerator is missing, it is ``JSONEncoder.encode`` itself.

The encoder made once does not check for circular references (``check_circular=False``):
a structure that contains itself fails with ``RecursionError`` instead of ``ValueError``.
Nothing ICTD encodes refers to itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder as _encoder
from typing import Any

__all__ = ["json_encoder"]


def json_encoder(
    *,
    ensure_ascii: bool = True,
    sort_keys: bool = False,
    separators: tuple[str, str] = (", ", ": "),
    default: Callable[[Any], Any] | None = None,
) -> Callable[[Any], str]:
    """A function of ``data`` that answers ``json.JSONEncoder(**options).encode(data)``
    (no indentation; non-finite floats allowed, as by default)."""
    slow = json.JSONEncoder(
        ensure_ascii=ensure_ascii, sort_keys=sort_keys, separators=separators, default=default
    )
    make = getattr(_encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython has its C accelerator
        return slow.encode
    strings = _encoder.encode_basestring_ascii if ensure_ascii else _encoder.encode_basestring
    item, key = separators
    fast = make(None, slow.default, strings, None, key, item, sort_keys, False, True)
    join = "".join

    def encode(data: Any) -> str:
        return join(fast(data, 0))  # the C encoder answers the chunks

    return encode
