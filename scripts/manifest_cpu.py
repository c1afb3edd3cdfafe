"""CPU per passenger of each stage of a manifest submission, and its answers, in process.

    python scripts/manifest_cpu.py LISTED OUT.json [--messages N] [--db CACHE.db] [--profile P]

Prepares (or reuses, ``--db``) the SQLite store of ``ictd bench manifests`` (``LISTED``
listed subjects, 20 rules of the reporter, 10,000 register reports), works on a copy of it,
builds the live index and then, for ``N`` synthetic 400-passenger PAXLST messages (seeds
100 and up), times with ``time.process_time``: parsing, screening the travellers as intake
does (through the memo, a new one per message), the register look-up, rule evaluation and
the whole ``submit_manifest`` (at a fixed ``now``). Prints medians per passenger as JSON
and writes every answer to ``OUT.json`` with the random alert references replaced by their
order of appearance, so two checkouts' answers can be compared byte for byte. Run with
``PYTHONPATH`` pointing at another checkout's ``ictd`` for the other side.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import re
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ictd.alerts.intake import MATCH_LIMIT
from ictd.alerts.movement import MovementInput, parse_movements
from ictd.bench.alerts_setup import load_store
from ictd.bench.manifests import _rules_and_register
from ictd.border import facts_of, generate_flights, movement_fields, parse_interchange
from ictd.documents import document_hits
from ictd.manifests import submit_manifest
from ictd.matching import DEFAULT_THRESHOLD
from ictd.outbox.config import AlertConfig
from ictd.registry import accounts
from ictd.screening import LiveIndex
from ictd.screening.memo import SearchMemo
from ictd.security.actor import Actor
from ictd.store import Store
from ictd.targeting import RuleCheck

NOW = datetime.now(UTC).replace(microsecond=0)
_REFERENCE = re.compile(r'"(alert|reference)": "([0-9A-Za-z_-]{16,})"')


def _message(seed: int) -> str:
    start = NOW.replace(tzinfo=None, hour=8, minute=0, second=0)
    (flight,) = generate_flights(seed, start, flights=1, passengers=400, crew=0)
    return flight.passenger_list


def _prepare(path: Path, listed: int) -> None:
    store = Store(f"sqlite:///{path}")
    store.init()
    load_store(store, listed)
    _rules_and_register(store, 20, 10_000)
    store.dispose()


def work_store(tmp: str, db: str | None, listed: int) -> Store:
    """A copy, in ``tmp``, of the bench store cached at ``db`` (made first when missing)."""
    cache = Path(db) if db else Path(tmp) / "cache.db"
    if not cache.exists():
        _prepare(cache, listed)
    work = Path(tmp) / "work.db"
    shutil.copy(cache, work)
    return Store(f"sqlite:///{work}")


def _stable(answer: dict[str, Any]) -> str:
    """The answer as JSON, alert references numbered in order of appearance."""
    text = json.dumps(dict(answer, received_at=None), sort_keys=True)
    seen: dict[str, str] = {}

    def number(found: re.Match[str]) -> str:
        ref = seen.setdefault(found.group(2), f"ref-{len(seen)}")
        return f'"{found.group(1)}": "{ref}"'

    return _REFERENCE.sub(number, text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("listed", type=int)
    parser.add_argument("out")
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--db")
    parser.add_argument("--profile")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = work_store(tmp, args.db, args.listed)
        live = LiveIndex(store)
        index = live.build()
        user = accounts.find_user(store, "screener@bbb.bench")
        assert user is not None
        actor = Actor.from_user(user)
        config = AlertConfig()
        texts = [_message(100 + i) for i in range(args.messages + 1)]
        submit_manifest(store, live, actor, texts[0], config, now=NOW)  # warm-up
        gc.collect()
        stages: dict[str, list[float]] = {
            k: [] for k in ("parse", "screen", "register", "rules", "submit")
        }
        answers = []
        profile = cProfile.Profile() if args.profile else None
        for text in texts[1:]:
            began = time.process_time()
            interchange = parse_interchange(text).interchange
            stages["parse"].append(time.process_time() - began)
            pairs = [(m, p) for m in interchange.manifests for p in m.passengers]
            fields = [movement_fields(interchange, m, p) for m, p in pairs]
            parsed = parse_movements([MovementInput.from_dict(f) for f in fields], NOW)
            began = time.process_time()
            SearchMemo().search_all(
                index, [x.query for x in parsed], MATCH_LIMIT, DEFAULT_THRESHOLD
            )
            stages["screen"].append(time.process_time() - began)
            with store.read() as session:
                began = time.process_time()
                found = document_hits(session, [x.values() for x in parsed], NOW.date())
                stages["register"].append(time.process_time() - began)
                check = RuleCheck(session, "BBB")
                began = time.process_time()
                for (manifest, passenger), hits in zip(pairs, found, strict=True):
                    check.matching(facts_of(passenger, manifest, document_hit=bool(hits)))
                stages["rules"].append(time.process_time() - began)
            if profile is not None:
                profile.enable()
            began = time.process_time()
            result = submit_manifest(store, live, actor, text, config, now=NOW)
            stages["submit"].append(time.process_time() - began)
            if profile is not None:
                profile.disable()
            answers.append(_stable(result.answer))
        store.dispose()
    if profile is not None:
        profile.dump_stats(args.profile)
    Path(args.out).write_text("\n".join(answers) + "\n", encoding="utf-8")
    medians = {k: round(statistics.median(v) / 400 * 1e6, 1) for k, v in stages.items()}
    print(json.dumps({"listed": args.listed, "us_per_passenger": medians, "at": time.time()}))


if __name__ == "__main__":
    main()
