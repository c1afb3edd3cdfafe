"""Trade screening benchmarks: point-in-area speed, and shipments screened end to end.

- **Points**: ``areas`` random 12-sided areas (two versions each, with periods) over the
  Levant and Mesopotamia, and ``points`` random positions with random days in 2014–2019,
  located through ``ictd.trade.AreaIndex`` (one STRtree of prepared shapes, vectorised).
  Median of three runs; the index build is timed apart.
- **AIS**: ``positions`` positions of vessels (1,000 positions each, every 10 minutes,
  random walks over the same region, speeds 0–12 knots, a tenth of the vessels drifting
  under a knot) against ``areas`` areas, through ``ictd.trade.ais.find_events`` (point in
  area, loitering, gaps, ship-to-ship): wall and CPU time, positions already parsed.
- **Shipments**: a temporary SQLite store with the UN list (1,003 subjects, listed), the
  illustrative areas and their rules; ``shipments`` synthetic shipments of 3 parties, 4
  places and 3 goods each (party names from a pool holding UN names, places from cities and
  ports in and out of the areas), screened through ``ictd.embargo.screen_shipments`` 1,000
  a call, as ``POST /trade/screen`` does. Wall time, rate, the process's CPU time (the
  machine may be shared: wall time then exceeds it) and peak RSS.
"""

from __future__ import annotations

import random
import resource
import statistics
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import Polygon

from ictd.embargo import MAX_SHIPMENTS, ShipmentInput, load_illustrative_areas, screen_shipments
from ictd.ingest import UN_SC_LIST, read_un_sc
from ictd.ingest.sync import sync_batch
from ictd.registry import accounts
from ictd.screening import LiveIndex
from ictd.security.actor import Actor
from ictd.store import Store
from ictd.trade import AreaIndex, IndexedVersion
from ictd.trade.ais import KM_PER_DEGREE, Position, find_events

__all__ = [
    "AisBench",
    "PointBench",
    "ShipmentBench",
    "bench_ais",
    "bench_points",
    "bench_shipments",
    "format_trade_table",
]

NOW = datetime(2026, 11, 28, tzinfo=UTC)
FIRST_DAY = date(2014, 1, 1)
CITIES = (
    *("Raqqa, SY", "Deir ez-Zor, SY", "Mosul, IQ", "Palmyra", "Ramadi", "Fallujah"),
    *("Abu Kamal", "Aleppo", "Homs", "Damascus", "Baghdad", "Erbil", "Kirkuk", "Gaziantep"),
    *("SYLTK", "SYTTS", "TRMER", "TRISK", "LBBEY", "IQUQR", "JOAQJ", "CYLMS", "GRPIR"),
    *("NLRTM", "BEANR", "DEHAM", "AEJEA", "SGSIN", "EGPSD", "Syria", "Atlantis"),
)
GOODS = (
    ("2709.00", "crude oil"),
    ("2710.19", "diesel fuel"),
    ("9705.00", "collection of ancient coins"),
    ("7108.12", "gold bars"),
    ("2915.24", "acetic anhydride"),
    ("8471.30", "laptops"),
    ("6203.42", "cotton trousers"),
    ("0805.10", "oranges"),
    ("8703.23", "used cars"),
    ("3004.90", "medicines"),
)
WORDS = (
    *("Al", "Noor", "Sahara", "Gulf", "Atlas", "Delta", "Orion", "Levant", "Euphrates"),
    *("Crescent", "Falcon", "Phoenix", "Cedar", "Zenith", "Harbor", "Silk", "Road", "Star"),
)
FORMS = ("Trading LLC", "General Trading", "Shipping Co", "Logistics Ltd", "Import Export")


@dataclass(frozen=True, slots=True)
class PointBench:
    areas: int
    points: int
    build_s: float
    locate_s: float  # median
    found: int

    @property
    def rate(self) -> float:
        return self.points / self.locate_s


@dataclass(frozen=True, slots=True)
class AisBench:
    areas: int
    positions: int
    vessels: int
    wall_s: float
    cpu_s: float
    events: int

    @property
    def rate(self) -> float:
        return self.positions / self.wall_s


@dataclass(frozen=True, slots=True)
class ShipmentBench:
    shipments: int
    setup_s: float
    screen_s: float
    cpu_s: float  # the process's CPU time while screening (the machine may be shared)
    hits: int
    review: int
    peak_rss_mb: float

    @property
    def rate(self) -> float:
        return self.shipments / self.screen_s


def _area(rng: random.Random) -> Polygon:
    lon, lat = rng.uniform(34, 48), rng.uniform(29, 38)
    radius = rng.uniform(0.1, 0.6)
    ring = []
    for k in range(12):
        angle = 2 * np.pi * k / 12
        r = radius * rng.uniform(0.7, 1.0)
        ring.append((lon + r * np.cos(angle), lat + r * np.sin(angle)))
    return Polygon(ring)


def bench_points(areas: int = 100, points: int = 1_000_000, seed: int = 17) -> PointBench:
    rng = random.Random(seed)  # noqa: S311 - reproducible bench data
    items = []
    for i in range(areas):
        shape = _area(rng)
        split = FIRST_DAY + timedelta(days=rng.randrange(365, 5 * 365))
        items.append((IndexedVersion(i + 1, 1, FIRST_DAY, split), shape))
        later = shape.buffer(rng.uniform(-0.05, 0.1))
        items.append((IndexedVersion(i + 1, 2, split + timedelta(days=1), None), later))
    began = time.perf_counter()
    index = AreaIndex(items)
    build = time.perf_counter() - began
    gen = np.random.default_rng(seed)
    lons = gen.uniform(34, 48, points)
    lats = gen.uniform(29, 38, points)
    days = gen.integers(FIRST_DAY.toordinal(), FIRST_DAY.toordinal() + 6 * 365, points)
    times, found = [], 0
    for _ in range(3):
        began = time.perf_counter()
        hits, _ = index.locate(lons, lats, days)
        times.append(time.perf_counter() - began)
        found = len(hits)
    return PointBench(areas, points, build, statistics.median(times), found)


def bench_ais(areas: int = 100, positions: int = 1_000_000, seed: int = 17) -> AisBench:
    rng = random.Random(seed)  # noqa: S311 - reproducible bench data
    items = [(IndexedVersion(i + 1, 1, FIRST_DAY, None), _area(rng)) for i in range(areas)]
    index = AreaIndex(items)
    shapes = dict(zip(index.versions, index.geometries, strict=True))

    def near(version: IndexedVersion, lon: float, lat: float) -> float:
        return float(shapely.distance(shapes[version], shapely.Point(lon, lat))) * KM_PER_DEGREE

    gen = np.random.default_rng(seed)
    per = 1000
    vessels = max(1, -(-positions // per))  # the last one may send fewer
    start = datetime(2016, 1, 1, tzinfo=UTC)
    times = [start + timedelta(minutes=10 * k) for k in range(per)]
    made: list[Position] = []
    for v in range(vessels):
        count = min(per, positions - len(made))
        lon, lat = gen.uniform(34, 48), gen.uniform(29, 38)
        walk = gen.normal(0, 0.01, (count, 2)).cumsum(axis=0)
        fast = v % 10 != 0
        speeds = gen.uniform(0, 12, count) if fast else gen.uniform(0, 0.9, count)
        lats, lons = (lat + walk[:, 1]).tolist(), (lon + walk[:, 0]).tolist()
        made.extend(
            Position(200_000_000 + v, times[k], lats[k], lons[k], float(speeds[k]))
            for k in range(count)
        )
    began, cpu = time.perf_counter(), time.process_time()
    events = find_events(made, index, near)
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    return AisBench(areas, len(made), vessels, wall, cpu, len(events))


def _names(rng: random.Random, un_names: list[str], count: int) -> list[str]:
    """A pool of party names: made-up companies, and one in twenty a UN-listed name."""
    out = []
    for _ in range(count):
        if rng.random() < 0.05:
            out.append(rng.choice(un_names))
        else:
            out.append(f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(FORMS)}")
    return out


def _shipments(rng: random.Random, names: list[str], count: int) -> list[ShipmentInput]:
    out = []
    for n in range(count):
        day = FIRST_DAY + timedelta(days=rng.randrange(6 * 365))
        places = [rng.choice(CITIES) for _ in range(4)]
        goods = [dict(zip(("hs", "description"), rng.choice(GOODS), strict=True)) for _ in range(3)]
        out.append(
            ShipmentInput(
                id=f"BL-{n}",
                date=day.isoformat(),
                shipper=rng.choice(names),
                consignee=rng.choice(names),
                notify_party=rng.choice(names),
                origin=places[0],
                transshipment=places[1:3],
                destination=places[3],
                goods=goods,
                value=round(rng.uniform(1e3, 1e7), 2),
            )
        )
    return out


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_shipments(count: int = 100_000, seed: int = 17) -> ShipmentBench:
    rng = random.Random(seed)  # noqa: S311 - reproducible bench data
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'trade.db'}")
        try:
            began = time.perf_counter()
            store.init()
            system = Actor.system("bench")
            batch = read_un_sc(UN_SC_LIST)
            sync_batch(store, system, batch, NOW)
            accounts.create_agency(store, system, "OPS", "Operator", is_operator=True)
            accounts.create_agency(store, system, "BNC", "Bench agency")
            user = accounts.create_user(store, system, "s@bnc.example", "BNC", ["screener"])
            load_illustrative_areas(store, replace(system, agency="OPS"), NOW)
            live = LiveIndex(store)
            live.current()
            setup = time.perf_counter() - began
            un_names = [r.subject.first("name") or "" for r in batch.records]
            names = _names(rng, [n for n in un_names if n], 20_000)
            actor = Actor.from_user(user)
            hits = review = 0
            began, cpu = time.perf_counter(), time.process_time()
            for start in range(0, count, MAX_SHIPMENTS):
                chunk = _shipments(rng, names, min(MAX_SHIPMENTS, count - start))
                found = screen_shipments(store, live, actor, chunk, now=NOW)
                hits += sum(r["status"] == "hit" for r in found.results)
                review += sum(r["status"] == "review" for r in found.results)
            screen = time.perf_counter() - began
            cpu = time.process_time() - cpu
        finally:
            store.dispose()
    return ShipmentBench(count, setup, screen, cpu, hits, review, _peak_rss_mb())


def format_trade_table(
    points: PointBench,
    shipments: ShipmentBench | None,
    command: str,
    ais: AisBench | None = None,
) -> str:
    lines = [
        f"`{command}`",
        "",
        "| case | size | time (s) | rate | detail |",
        "|---|--:|--:|--:|---|",
        f"| point in area (median of 3) | {points.points:,} points × {points.areas} areas "
        f"({2 * points.areas} versions) | {points.locate_s:.2f} | {points.rate:,.0f} points/s "
        f"| index built in {points.build_s:.3f} s; {points.found:,} point-version pairs |",
    ]
    if ais is not None:
        lines.append(
            f"| AIS events (loitering, gaps, ship-to-ship) | {ais.positions:,} positions of "
            f"{ais.vessels:,} vessels × {ais.areas} areas | {ais.wall_s:.2f} | "
            f"{ais.rate:,.0f} positions/s | CPU {ais.cpu_s:.2f} s; {ais.events:,} events |"
        )
    if shipments is not None:
        lines.append(
            f"| shipments screened | {shipments.shipments:,} (3 parties, 4 places, 3 goods) "
            f"| {shipments.screen_s:.1f} | {shipments.rate:,.0f} shipments/s | "
            f"{shipments.hits:,} hit, {shipments.review:,} review; CPU "
            f"{shipments.cpu_s:.1f} s; setup "
            f"{shipments.setup_s:.1f} s; peak RSS {shipments.peak_rss_mb:,.0f} MB |"
        )
    return "\n".join(lines)
