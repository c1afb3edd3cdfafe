"""Per-traveller pieces of a manifest submission taken apart, in process.

    python scripts/manifest_pieces.py

The 1,200 travellers of three synthetic 400-passenger PAXLST messages (seeds 101-103) and
the 20 rules of ``ictd bench manifests``; each piece timed with ``time.process_time``,
median of 9 repeats, printed as CPU microseconds a traveller: the rule facts of every
traveller, the rules tested and their hits explained, ``Movement.to_dict`` of every
traveller's movement. Runs on an older checkout too (with
``PYTHONPATH`` pointing at it): the pieces are then done as that checkout does them.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ictd.alerts.intake import _row
from ictd.alerts.movement import MovementInput, parse_movements
from ictd.bench.manifests import _STATES, RULES
from ictd.border import facts_of, movement_fields, parse_interchange
from ictd.border.rules import Facts, compile_rule

sys.path.insert(0, str(Path(__file__).parent))
from manifest_cpu import NOW, _message  # a script beside this one

try:
    from ictd.border.rules.evaluator import RuleSet
    from ictd.border.rules.facts import MessageFacts
except ImportError:  # before MessageFacts and RuleSet
    RuleSet = MessageFacts = None  # type: ignore[assignment,misc]

PROGRAMS = [compile_rule(RULES[i % 7].format(c=_STATES[i % 8], n=i % 10)) for i in range(20)]


def _timed(work: Callable[[], object], count: int, repeats: int = 9) -> float:
    spent = []
    for _ in range(repeats):
        began = time.process_time()
        work()
        spent.append(time.process_time() - began)
    return round(statistics.median(spent) / count * 1e6, 2)


def main() -> None:
    pairs, parsed = [], []
    for seed in (101, 102, 103):
        interchange = parse_interchange(_message(seed)).interchange
        found = [(m, p) for m in interchange.manifests for p in m.passengers]
        pairs += found
        inputs = [MovementInput.from_dict(movement_fields(interchange, m, p)) for m, p in found]
        parsed += parse_movements(inputs, NOW)

    def facts_all() -> list[Facts]:
        if MessageFacts is None:
            return [facts_of(p, m) for m, p in pairs]
        shared: dict[int, Any] = {}
        out = []
        for manifest, passenger in pairs:
            of = shared.get(id(manifest))
            if of is None:
                of = shared[id(manifest)] = MessageFacts(manifest)
            out.append(of.of(passenger))
        return out

    facts = facts_all()

    def rules_all() -> list[list[Any]]:
        if RuleSet is None:
            return [[p.evaluate(f) for p in PROGRAMS if p.matches(f)] for f in facts]
        rules = RuleSet(PROGRAMS)
        return [[PROGRAMS[i].explain(f) for i in rules.matching(f)] for f in facts]

    stamp = {"agency": "BBB", "created_at": NOW, "created_by": 1, "reply": {}}
    movements = [_row(i, {**p.values(), **stamp}) for i, p in enumerate(parsed)]
    count = len(pairs)
    out = {
        "rule facts": _timed(facts_all, count),
        "rules matched and explained (20 rules)": _timed(rules_all, count),
        "Movement.to_dict": _timed(lambda: [m.to_dict() for m in movements], count),
        "rule hits": sum(map(len, rules_all())),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
