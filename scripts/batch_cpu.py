"""CPU per traveller of the screening a manifest's intake does, and the raw matches.

    python scripts/batch_cpu.py CACHE.db INDEX.pickle MATCHES.json [--messages N]

Builds the live index of a store made by ``scripts/manifest_cpu.py`` (``CACHE.db``) and
pickles it with the travellers of ``N + 1`` synthetic 400-passenger PAXLST messages (seeds
100 and up) into ``INDEX.pickle``, or loads that pickle when it exists, so that both sides
of a comparison search the very same index and runs are short. Then searches each message
but the first (a warm-up) as intake does (``SearchMemo().search_all``, a new memo per
message), CPU by ``time.process_time``, and writes every traveller's raw matches (subject
id, exact score, literal words) to ``MATCHES.json``. Run with ``PYTHONPATH`` pointing at
another checkout's ``ictd`` for the other side.
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ictd.alerts.intake import MATCH_LIMIT
from ictd.alerts.movement import MovementInput, parse_movements
from ictd.border import movement_fields, parse_interchange
from ictd.matching import DEFAULT_THRESHOLD
from ictd.screening import LiveIndex
from ictd.screening.memo import SearchMemo
from ictd.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from manifest_cpu import NOW, _message  # a script beside this one


def _build(db: Path, out: Path, messages: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "work.db"
        shutil.copy(db, work)
        store = Store(f"sqlite:///{work}")
        index = LiveIndex(store).build()
        store.dispose()
    batches = []
    for seed in range(100, 101 + messages):
        inter = parse_interchange(_message(seed)).interchange
        pairs = [(m, p) for m in inter.manifests for p in m.passengers]
        fields = [MovementInput.from_dict(movement_fields(inter, m, p)) for m, p in pairs]
        batches.append([x.query for x in parse_movements(fields, NOW)])
    out.write_bytes(pickle.dumps((index, batches), protocol=5))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("pickle")
    parser.add_argument("matches")
    parser.add_argument("--messages", type=int, default=5)
    args = parser.parse_args()
    cached = Path(args.pickle)
    if not cached.exists():
        _build(Path(args.db), cached, args.messages)
    index, batches = pickle.loads(cached.read_bytes())  # noqa: S301  (a file this script wrote)
    if not hasattr(index, "_keys") and "_keys" in getattr(type(index), "__slots__", ()):
        index._keys = {}  # pickled by a checkout whose index had no key memory
    SearchMemo().search_all(index, batches[0], MATCH_LIMIT, DEFAULT_THRESHOLD)
    gc.collect()
    spent, found = [], []
    for batch in batches[1:]:
        began = time.process_time()
        matches = SearchMemo().search_all(index, batch, MATCH_LIMIT, DEFAULT_THRESHOLD)
        spent.append((time.process_time() - began) / len(batch) * 1e6)
        found.extend([[(m.subject_id, m.score, m.literal) for m in x] for x in matches])
    Path(args.matches).write_text(json.dumps(found), encoding="utf-8")
    print(json.dumps({"us_per_traveller": [round(x, 1) for x in spent],
                      "median": round(statistics.median(spent), 1)}))  # fmt: skip


if __name__ == "__main__":
    main()
