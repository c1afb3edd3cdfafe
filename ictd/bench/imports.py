"""Import benchmarks: the UN SC list and N synthetic FollowTheMoney entities.

Each run parses a file and syncs it (``sync_batch``) into an empty store, in a fresh
child process, so that its peak resident memory (``ru_maxrss``) belongs to that run
alone. Time covers parsing and the sync transaction; setting up the store (migrations)
is not timed. SQLite runs on a new temporary file per run; PostgreSQL on a throw-away
database given by URL, emptied (TRUNCATE) after every run.
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from ictd.exc import InvalidInput
from ictd.ingest import read_ftm, read_un_sc
from ictd.ingest.sync import sync_batch
from ictd.security.actor import Actor
from ictd.store import Store

__all__ = ["BenchResult", "bench_imports", "format_table", "synthetic_ftm"]

_GIVEN = ("Ahmad", "Yusuf", "Olga", "Wei", "Maria", "Ivan", "Fatima", "Samir", "Li", "Hassan")
_FAMILY = ("Haddad", "Karimov", "Petrova", "Zhang", "Okafor", "Rahimi", "Novak", "Mansour")
_WORDS = ("Trading", "Logistics", "Holdings", "Shipping", "Capital", "Energy", "Import")
_COUNTRIES = ("sy", "iq", "ru", "cn", "ae", "cy", "tr", "lb", "ir", "ng")


@dataclass(frozen=True, slots=True)
class BenchResult:
    """The medians of ``runs`` runs of one case on one store."""

    case: str
    backend: str
    entities: int
    runs: int
    seconds: float
    peak_rss_mib: float
    rss_growth_mib: float

    @property
    def per_second(self) -> float:
        return self.entities / self.seconds if self.seconds else 0.0


def _line(entity_id: str, schema: str, props: dict[str, list[str]]) -> str:
    return json.dumps({"id": entity_id, "schema": schema, "properties": props})


def synthetic_ftm(count: int, seed: int = 1) -> Iterator[str]:
    """``count`` deterministic FtM entity lines: in each ten, five persons, three companies,
    an ownership (person → company) and a sanction on a person."""
    rng = random.Random(seed)  # noqa: S311 - deterministic test data, not secrets
    for i in range(count):
        slot, country = i % 10, rng.choice(_COUNTRIES)
        if slot < 5:
            name = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}-{i}"
            props = {
                "name": [name],
                "alias": [name.upper()],
                "birthDate": [f"{rng.randint(1940, 2000)}-{rng.randint(1, 12):02d}"],
                "nationality": [country],
                "gender": [rng.choice(("male", "female"))],
            }
            yield _line(f"p{i}", "Person", props)
        elif slot < 8:
            props = {
                "name": [f"{rng.choice(_FAMILY)} {rng.choice(_WORDS)} {i} Ltd"],
                "jurisdiction": [country],
                "registrationNumber": [f"REG-{i:08d}"],
                "incorporationDate": [str(rng.randint(1990, 2024))],
            }
            yield _line(f"c{i}", "Company", props)
        elif slot == 8:
            owner, asset = f"p{i - 8}", f"c{i - 2}"
            props = {"owner": [owner], "asset": [asset], "percentage": [str(rng.randint(1, 100))]}
            yield _line(f"own{i}", "Ownership", props)
        else:
            props = {"entity": [f"p{i - 9}"], "authorityId": [f"BENCH-{i}"], "program": ["Bench"]}
            yield _line(f"sanc{i}", "Sanction", props)


def _kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_once(url: str, kind: str, path: str) -> tuple[float, int, int, int]:
    """One timed import in this process: (seconds, records, RSS before KiB, peak RSS KiB)."""
    store = Store(url)
    store.init()
    before = _kib()
    start = time.perf_counter()
    if kind == "un-sc":
        batch = read_un_sc(path)
    else:
        with open(path, encoding="utf-8") as handle:
            batch = read_ftm(handle, "bench")
    sync_batch(store, Actor.system("bench"), batch)
    seconds = time.perf_counter() - start
    peak = _kib()
    store.dispose()
    return seconds, len(batch.records), before, peak


def _in_child(url: str, kind: str, path: str) -> tuple[float, int, int, int]:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(run_once, url, kind, path).result()


def _prepare_postgres(url: str) -> Store:
    store = Store(url)
    store.init()
    with store.read() as session:
        if session.subjects.list_ids(None, 0, 1):
            raise InvalidInput.field("--database-url", "not empty: give a throw-away database")
    return store


def _case(
    kind: str, label: str, path: Path, runs: int, pg_url: str | None, entities: int | None = None
) -> list[BenchResult]:
    """``runs`` imports of one file per store; ``entities`` defaults to the records made."""
    results = []
    for backend in ("sqlite", "postgresql") if pg_url else ("sqlite",):
        samples = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="ictd-bench-") as tmp:
                url = pg_url if backend == "postgresql" else f"sqlite:///{tmp}/bench.db"
                assert url is not None
                try:
                    samples.append(_in_child(url, kind, str(path)))
                finally:
                    if backend == "postgresql":
                        pg = Store(url)
                        pg.truncate_all()
                        pg.dispose()
        results.append(
            BenchResult(
                case=label,
                backend=backend,
                entities=entities or samples[0][1],
                runs=runs,
                seconds=statistics.median(s[0] for s in samples),
                peak_rss_mib=statistics.median(s[3] for s in samples) / 1024,
                rss_growth_mib=statistics.median(s[3] - s[2] for s in samples) / 1024,
            )
        )
    return results


def bench_imports(
    un_file: Path, size: int = 100_000, runs: int = 3, pg_url: str | None = None
) -> list[BenchResult]:
    """Medians of ``runs`` imports of the UN list and of ``size`` synthetic FtM entities,
    on SQLite and, when ``pg_url`` is given, on that (empty, throw-away) PostgreSQL database.
    """
    if pg_url:
        _prepare_postgres(pg_url).dispose()
    results = _case("un-sc", f"UN SC list ({un_file.name})", un_file, runs, pg_url)
    with tempfile.TemporaryDirectory(prefix="ictd-bench-") as tmp:
        ftm_file = Path(tmp) / "synthetic.ftm.jsonl"
        with ftm_file.open("w", encoding="utf-8") as handle:
            handle.writelines(line + "\n" for line in synthetic_ftm(size))
        label = f"FtM, {size:,} synthetic entities"
        results += _case("ftm", label, ftm_file, runs, pg_url, size)
    return results


def format_table(results: list[BenchResult], command: str) -> str:
    """A Markdown table of the results, preceded by the command that produced them."""
    lines = [
        f"Command: `{command}`",
        "",
        "| Case | Store | Entities | Runs | Median time (s) | Entities/s "
        "| Peak RSS (MiB) | RSS growth (MiB) |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        lines.append(
            f"| {r.case} | {r.backend} | {r.entities:,} | {r.runs} | {r.seconds:.2f} "
            f"| {r.per_second:,.0f} | {r.peak_rss_mib:,.0f} | {r.rss_growth_mib:,.0f} |"
        )
    return "\n".join(lines)
