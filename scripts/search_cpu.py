"""CPU time per search of the match index, and the answers, for before/after comparisons.

    python scripts/search_cpu.py SIZE ANSWERS.json [REPEATS]

Builds the index of ``ictd bench screen`` (``SIZE`` synthetic subjects, seed 7) and times,
with ``time.process_time``, the 2,000 queries of its timed sets (one ``search`` each,
threshold 0.5, 10 matches) and the 1,200 passengers of three synthetic 400-passenger PAXLST
messages (``generate_flights`` seeds 100-102, one ``search_many`` per message, as movement
intake runs it). Prints the CPU microseconds per query of each repeat and their medians as
JSON; writes every query's answer (subject id, score, literal words) to ``ANSWERS.json``.
Run it with ``PYTHONPATH`` pointing at another checkout's ``ictd`` for the other side.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from datetime import UTC, datetime

from ictd.alerts.intake import MATCH_LIMIT
from ictd.alerts.movement import MovementInput, parse_movements
from ictd.bench.screening import LIMIT, _Sampler, make_queries
from ictd.border import generate_flights, movement_fields, parse_interchange
from ictd.matching import DEFAULT_THRESHOLD, MatchIndex, Query

SEED = 7


def _passengers(seed: int) -> list[Query]:
    (flight,) = generate_flights(seed, datetime(2026, 12, 1), flights=1, passengers=400, crew=0)
    inter = parse_interchange(flight.passenger_list).interchange
    fields = [movement_fields(inter, m, p) for m in inter.manifests for p in m.passengers]
    moment = datetime(2026, 12, 1, tzinfo=UTC)
    return [x.query for x in parse_movements([MovementInput.from_dict(f) for f in fields], moment)]


def main(size: int, answers_path: str, repeats: int) -> None:
    sampler = _Sampler(size, SEED)
    began = time.perf_counter()
    index = MatchIndex.build(sampler)
    build = time.perf_counter() - began
    gc.collect()
    gc.freeze()
    sets = [make_queries(sampler.sample, sampler.truths, 1000, SEED * 1000 + k) for k in range(3)]
    messages = [_passengers(100 + i) for i in range(3)]
    for query, _ in sets[0]:  # warm-up
        index.search(query, limit=LIMIT, threshold=DEFAULT_THRESHOLD)
    out: dict[str, object] = {"size": size, "build_s": build}
    screen, travellers, answers = [], [], []
    for repeat in range(repeats):
        began = time.process_time()
        for chosen in sets[1:]:
            for query, _ in chosen:
                found = index.search(query, limit=LIMIT, threshold=DEFAULT_THRESHOLD)
                if repeat == 0:
                    answers.append([(m.subject_id, m.score, m.literal) for m in found])
        screen.append((time.process_time() - began) / 2000 * 1e6)
        began = time.process_time()
        for message in messages:
            batch = index.search_many(message, limit=MATCH_LIMIT, threshold=DEFAULT_THRESHOLD)
            if repeat == 0:
                answers.extend([[(m.subject_id, m.score, m.literal) for m in x] for x in batch])
        travellers.append((time.process_time() - began) / 1200 * 1e6)
    out.update(
        screen_cpu_us=screen,
        passenger_cpu_us=travellers,
        screen_median=statistics.median(screen),
        passenger_median=statistics.median(travellers),
    )
    print(json.dumps(out))
    with open(answers_path, "w", encoding="utf-8") as handle:
        json.dump(answers, handle)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)
