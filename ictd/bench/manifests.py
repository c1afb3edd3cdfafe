"""``ictd bench manifests``: a passenger manifest parsed, screened, stored and answered
end to end over HTTP.

A throw-away SQLite store gets ``listed`` listed synthetic subjects (the set-up of the
alert benchmark, ``ictd.bench.alerts_setup``) and is served by ``ictd serve`` in a child
process (one worker). Synthetic PAXLST passenger lists of ``passengers`` travellers
(``ictd.border.generate_flights``, a new interchange reference each) are posted to
``POST /api/v1/manifests`` one at a time: the p50 of ``runs`` posts is the end-to-end
latency, and ``sustained`` posts back to back give the passengers per second one worker
sustains. The reporting agency has ``rules`` active risk rules and the register holds
``documents`` lost/stolen reports, so every traveller is also checked against both.

Then, in this process, the same path is taken apart on ``breakdown`` more messages (an
index built here from the same store): parsing, screening all travellers as one batch
(``MatchIndex.search_many``), the register look-up (``document_hits``, one query per
message), rule evaluation (``facts_of`` and the agency's compiled rules) and the whole
``submit_manifest`` in process; each per passenger.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

from ictd.alerts.intake import MATCH_LIMIT
from ictd.alerts.movement import MovementInput, parse_movements
from ictd.alerts.retro import CURSOR as RETRO_CURSOR
from ictd.bench.alerts_setup import Server, load_store
from ictd.border import facts_of, generate_flights, movement_fields, parse_interchange
from ictd.documents import document_hits, record_reports
from ictd.manifests import submit_manifest
from ictd.matching import DEFAULT_THRESHOLD
from ictd.model.travel_document import DocumentReport, DocumentStatus, TravelDocument
from ictd.outbox.config import AlertConfig
from ictd.registry import accounts
from ictd.screening import LiveIndex
from ictd.security.actor import Actor
from ictd.store import Store
from ictd.targeting import RuleCheck, create_rule

__all__ = ["ManifestBenchResult", "bench_manifests", "format_manifest_table"]

API = "/api/v1"


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Medians per passenger in microseconds, over ``messages`` messages, in process."""

    messages: int
    parse_us: float
    screen_us: float
    documents_us: float
    rules_us: float
    submit_us: float


@dataclass(frozen=True, slots=True)
class ManifestBenchResult:
    listed: int
    passengers: int
    runs: int
    p50_ms: float
    p90_ms: float
    parse_ms: float
    sustained_messages: int
    sustained_seconds: float
    hits: int
    rules: int = 0
    documents: int = 0
    rule_hits: int = 0
    breakdown: Breakdown | None = None

    @property
    def per_second(self) -> float:
        return self.sustained_messages * self.passengers / self.sustained_seconds


def _messages(count: int, passengers: int, first_seed: int) -> list[str]:
    start = (datetime.now(UTC) - timedelta(days=2)).replace(tzinfo=None, second=0, microsecond=0)
    out = []
    for i in range(count):
        (flight,) = generate_flights(
            first_seed + i, start, flights=1, passengers=passengers, crew=0
        )
        out.append(flight.passenger_list)
    return out


def _post(http: httpx.Client, base: str, token: str, text: str) -> dict[str, object]:
    answer = http.post(
        f"{base}{API}/manifests",
        content=text.encode("utf-8"),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/edifact"},
    )
    if answer.status_code != 200:
        raise RuntimeError(f"manifest refused: {answer.status_code} {answer.text[:300]}")
    body: dict[str, object] = answer.json()
    if body.get("replayed"):
        raise RuntimeError("an interchange was replayed: the benchmark needs new ones")
    return body


RULES = (
    'nationality in ["SY", "IQ", "AF"] and age between 18 and 35',
    'destination.country == "{c}" and gender == "male"',
    'document.country == "{c}" and document.days_valid < 30',
    'origin.country == "{c}" or transit.country contains "{c}"',
    'payment == "cash" and days_booked_before_departure < 3',
    'one_way and segments == 1 and agency == "0{n}000000"',
    "co_traveller_listed or co_traveller_document_hit",
)
_STATES = ("SY", "IQ", "TR", "DE", "FR", "EG", "PK", "LB")
_ALNUM = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def _rules_and_register(store: Store, rules: int, documents: int) -> None:
    """``rules`` active rules of BBB (the reporter) and ``documents`` reports in the
    register, recorded by AAA (of Germany)."""
    system = Actor.system("bench")
    accounts.set_country(store, system, "AAA", "DE")
    made = {}
    for code in ("AAA", "BBB"):
        user = accounts.create_user(
            store, system, f"analyst@{code.lower()}.bench", code, ["analyst"]
        )
        made[code] = Actor.from_user(user)
    for i in range(rules):
        source = RULES[i % len(RULES)].format(c=_STATES[i % len(_STATES)], n=i % 10)
        create_rule(store, made["BBB"], {"name": f"rule {i}", "source": source, "active": True})
    rng = random.Random(13)  # noqa: S311 (reproducible benchmark data)
    statuses = list(DocumentStatus)
    for first in range(0, documents, 10_000):
        chunk = [
            DocumentReport(
                document=TravelDocument("P", "".join(rng.choices(_ALNUM, k=9)), "DE"),
                status=rng.choice(statuses),
                reported_on=date(2026, 1, 1),
                agency="AAA",
            )
            for _ in range(min(10_000, documents - first))
        ]
        record_reports(store, made["AAA"], chunk)


def _per_passenger(total: list[float], passengers: int) -> float:
    return statistics.median(total) / passengers * 1e6


def _breakdown(store: Store, texts: list[str], passengers: int) -> Breakdown:
    """The manifest path taken apart, in this process (see the module docstring)."""
    live = LiveIndex(store)
    index = live.build()
    user = accounts.find_user(store, "screener@bbb.bench")
    assert user is not None
    actor = Actor.from_user(user)
    parse, screen, register, rules, submit = [], [], [], [], []
    config = AlertConfig()
    warm = parse_interchange(texts[0]).interchange  # the matcher's tables load on first use
    warm_fields = [movement_fields(warm, m, p) for m in warm.manifests for p in m.passengers]
    warm_inputs = [MovementInput.from_dict(f) for f in warm_fields]
    index.search_many([x.query for x in parse_movements(warm_inputs, datetime.now(UTC))])
    for text in texts:
        began = time.perf_counter()
        outcome = parse_interchange(text)
        outcome.raise_if_rejected()
        parse.append(time.perf_counter() - began)
        interchange = outcome.interchange
        pairs = [(m, p) for m in interchange.manifests for p in m.passengers]
        fields = [movement_fields(interchange, m, p) for m, p in pairs]
        moment = datetime.now(UTC)
        parsed = parse_movements([MovementInput.from_dict(f) for f in fields], moment)
        began = time.perf_counter()
        index.search_many([x.query for x in parsed], limit=MATCH_LIMIT, threshold=DEFAULT_THRESHOLD)
        screen.append(time.perf_counter() - began)
        with store.read() as session:
            began = time.perf_counter()
            found = document_hits(session, [x.values() for x in parsed], moment.date())
            register.append(time.perf_counter() - began)
            check = RuleCheck(session, "BBB")
            began = time.perf_counter()
            for (manifest, passenger), hits in zip(pairs, found, strict=True):
                check.matching(facts_of(passenger, manifest, document_hit=bool(hits)))
            rules.append(time.perf_counter() - began)
        began = time.perf_counter()
        submit_manifest(store, live, actor, text, config)
        submit.append(time.perf_counter() - began)
    return Breakdown(
        messages=len(texts),
        parse_us=_per_passenger(parse, passengers),
        screen_us=_per_passenger(screen, passengers),
        documents_us=_per_passenger(register, passengers),
        rules_us=_per_passenger(rules, passengers),
        submit_us=_per_passenger(submit, passengers),
    )


def _settled(store: Store, timeout: float = 300.0) -> None:
    """Wait for the server's first pass over the listings (retro-screening, ``ictd.alerts
    .retro``): it sets its cursor past the listings just loaded, which are then not screened
    again against the benchmark's own movements while they are being timed."""
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        with store.read() as session:
            if session.alerts.cursor(RETRO_CURSOR) is not None:
                return
        time.sleep(0.2)
    raise RuntimeError("the server did not finish its first pass over the listings")


def bench_manifests(
    listed: int = 10_000,
    passengers: int = 400,
    runs: int = 20,
    sustained: int = 10,
    rules: int = 20,
    documents: int = 10_000,
    breakdown: int = 3,
) -> ManifestBenchResult:
    messages = _messages(1 + runs + sustained + breakdown, passengers, 1)
    parse_times = []
    for _ in range(5):
        began = time.perf_counter()
        parse_interchange(messages[0]).raise_if_rejected()
        parse_times.append(time.perf_counter() - began)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = Store(url)
        store.init()
        tokens, _names = load_store(store, listed)
        _rules_and_register(store, rules, documents)
        token = tokens["BBB:screener"]
        server = Server(url)
        server.start()
        try:
            _settled(store)
            with httpx.Client(timeout=300) as http:
                _post(http, server.base, token, messages[0])  # warm: the index is built
                times, hits, rule_hits = [], 0, 0
                for text in messages[1 : 1 + runs]:
                    began = time.perf_counter()
                    body = _post(http, server.base, token, text)
                    times.append(time.perf_counter() - began)
                    hits += int(str(body["hits"]))
                    rule_hits += _rule_hits(body)
                began = time.perf_counter()
                for text in messages[1 + runs : 1 + runs + sustained]:
                    _post(http, server.base, token, text)
                elapsed = time.perf_counter() - began
        finally:
            server.stop()
        try:
            rest = messages[1 + runs + sustained :]
            parts = _breakdown(store, rest, passengers) if rest else None
        finally:
            store.dispose()
    deciles = statistics.quantiles(times, n=10, method="inclusive") if len(times) > 1 else times
    return ManifestBenchResult(
        listed=listed,
        passengers=passengers,
        runs=runs,
        p50_ms=statistics.median(times) * 1000,
        p90_ms=deciles[-1] * 1000,
        parse_ms=statistics.median(parse_times) * 1000,
        sustained_messages=sustained,
        sustained_seconds=elapsed,
        hits=hits,
        rules=rules,
        documents=documents,
        rule_hits=rule_hits,
        breakdown=parts,
    )


def _rule_hits(body: dict[str, object]) -> int:
    messages = body.get("messages")
    assert isinstance(messages, list)
    return sum(len(t.get("rule_hits", ())) for m in messages for t in m["travellers"])


def format_manifest_table(result: ManifestBenchResult, command: str) -> str:
    r = result
    rows = [
        ("listed subjects", f"{r.listed:,}", ""),
        (
            f"{r.passengers}-passenger PAXLST over HTTP, p50 of {r.runs}",
            f"{r.p50_ms:,.0f} ms",
            "≤ 300 ms",
        ),
        (f"… p90 of {r.runs}", f"{r.p90_ms:,.0f} ms", ""),
        ("… of which parsing (median of 5, in process)", f"{r.parse_ms:,.1f} ms", ""),
        (
            f"passengers/s sustained, one worker ({r.sustained_messages} messages back to back)",
            f"{r.per_second:,.0f}",
            "≥ 2,000",
        ),
        (f"travellers that hit (in the {r.runs} timed messages)", f"{r.hits}", ""),
        (
            f"active rules of the reporter / rule hits in the {r.runs}",
            f"{r.rules} / {r.rule_hits}",
            "",
        ),
        ("reports in the lost/stolen register", f"{r.documents:,}", ""),
    ]
    b = r.breakdown
    if b is not None:
        each = f"per passenger, median of {b.messages} messages in process"
        rows += [
            (f"parse, {each}", f"{b.parse_us:,.0f} µs", ""),
            (f"screening (all travellers as one batch), {each}", f"{b.screen_us:,.0f} µs", ""),
            (f"register look-up (one query per message), {each}", f"{b.documents_us:,.1f} µs", ""),
            (
                f"rule evaluation ({r.rules} rules, facts included), {each}",
                f"{b.rules_us:,.1f} µs",
                "",
            ),
            (f"whole submission in process, {each}", f"{b.submit_us:,.0f} µs", "≤ 500 µs"),
        ]
    lines = [f"`{command}`", "", "| measure | result | target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)
