"""Where a passenger's CPU goes in a manifest submission, step by step, in process.

    python scripts/manifest_steps.py LISTED [--messages N] [--db CACHE.db]

The store of ``ictd bench manifests`` as ``scripts/manifest_cpu.py`` makes it (``--db``
reuses one), a copy of it, the live index built, one warm-up message; then ``N`` synthetic
400-passenger PAXLST messages (seeds 101 and up) are submitted with ``submit_manifest`` while
a timer (``time.process_time``) runs around each step: parsing the interchange, validating
the movements, the screening as intake does it and, inside it, each step of
``MatchIndex`` (preparing the query, its keys and readings, the key weights, retrieval, the
candidates' facts, the facts test before names, the name bounds, the score bounds, full
scoring), the intake's store transaction (movements, alerts, rules, register, audit), the
manifest rows with the answer, and the answer as JSON. Prints CPU microseconds per
passenger, and the CPU of the cyclic garbage collector's passes during the submissions
(within the steps they fell in). A timer costs about a microsecond a call, so the steps add
up to a little more than they take untimed. Run with ``PYTHONPATH`` pointing at another
checkout's ``ictd`` for the other side (the steps must keep their names).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ictd.alerts.intake as intake
import ictd.manifests.submit as submit
import ictd.matching.index as index_module
from ictd.manifests import submit_manifest
from ictd.outbox.config import AlertConfig
from ictd.registry import accounts
from ictd.screening import LiveIndex
from ictd.security.actor import Actor

sys.path.insert(0, str(Path(__file__).parent))
from manifest_cpu import NOW, _message, work_store  # a script beside this one

SPENT: defaultdict[str, float] = defaultdict(float)
STEPS = [
    (submit, "parse_interchange", "parse the interchange"),
    (intake, "parse_movements", "validate the movements"),
    (intake, "_search", "screening (intake, through the memo)"),
    (index_module, "prepare_query", "  prepare the query (names, dates)"),
    (index_module, "query_keys", "  retrieval keys of the names"),
    (index_module, "_reading_keys", "  keys of each reading"),
    (index_module.MatchIndex, "_key_weights", "  key weights"),
    (index_module, "_candidates", "  retrieval (posting lists, top rows)"),
    (index_module, "_facts", "  the candidates' facts"),
    (index_module, "reachable", "  facts test before names"),
    (index_module.QueryParts, "of", "  query parts for the name bounds"),
    (index_module, "name_bounds", "  name bounds"),
    (index_module, "score_bounds", "  score bounds"),
    (index_module, "score_prepared", "  full scoring"),
    (intake, "_write", "store: movements, alerts, rules, register, audit"),
    (submit, "_store", "store: manifest rows and the answer"),
]


def _timed(function: Callable[..., Any], label: str) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        began = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[label] += time.process_time() - began

    return timed


_GC_BEGAN = [0.0]


def _collector(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _GC_BEGAN[0] = time.process_time()
    else:
        SPENT["(the garbage collector, within the steps)"] += time.process_time() - _GC_BEGAN[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("listed", type=int)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--db")
    args = parser.parse_args()
    for owner, name, label in STEPS:
        wrapped = _timed(getattr(owner, name), label)
        setattr(owner, name, staticmethod(wrapped) if name == "of" else wrapped)
    with tempfile.TemporaryDirectory() as tmp:
        store = work_store(tmp, args.db, args.listed)
        live = LiveIndex(store)
        live.build()
        user = accounts.find_user(store, "screener@bbb.bench")
        assert user is not None
        actor = Actor.from_user(user)
        texts = [_message(100 + i) for i in range(args.messages + 1)]
        submit_manifest(store, live, actor, texts[0], AlertConfig(), now=NOW)  # warm-up
        gc.collect()
        SPENT.clear()
        gc.callbacks.append(_collector)
        whole = 0.0
        for text in texts[1:]:
            began = time.process_time()
            result = submit_manifest(store, live, actor, text, AlertConfig(), now=NOW)
            whole += time.process_time() - began
            began = time.process_time()
            json.dumps(result.answer, ensure_ascii=False, separators=(",", ":")).encode()
            SPENT["the answer as JSON"] += time.process_time() - began
        gc.callbacks.remove(_collector)
        store.dispose()
    count = args.messages * 400
    out = {"whole submission": whole, **SPENT}
    print(json.dumps({k: round(v / count * 1e6, 1) for k, v in out.items()}, indent=1))


if __name__ == "__main__":
    main()
