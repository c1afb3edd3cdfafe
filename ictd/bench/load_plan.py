"""The requests of a load test, drawn in advance from a seed.

The whole plan (which route each request takes, its body, its idempotency key) depends on
the seed and the number of requests only (a movement's time aside: five minutes before the
plan is made): two runs with the same seed send the same requests, and a test can check
the mix by counting the plan.

The mix has three shares: screenings (``POST /screen``, one name), movements (``POST
/movements``, one movement with its own idempotency key, reported by agency BBB) and reads
an agency does while the others run, half and half: BBB's screener opens a listed subject
(``GET /subjects/{id}``) and AAA's duty officer lists its new alerts (``GET /alerts``).

A screened name is, in three of ten requests, a listed person's name (as listed or
re-spelled: another romanisation, a typo, the family name first, a middle name left out),
otherwise a random name of no one listed; one movement in ten names a listed person, so
alerts are made while the test runs.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ictd.bench.eval_variants import PERSON_VARIANTS
from ictd.exc import InvalidInput

__all__ = ["ROUTES", "Call", "Mix", "build_plan", "parse_mix"]

API = "/api/v1"
ROUTES = ("screen", "movement", "subject", "alerts")
"""The routes of the report, in its order; ``subject`` and ``alerts`` are the reads."""

_FIRST = ("Pierre", "Anna", "Lukas", "Maria", "Jonas", "Elena", "Tomasz", "Ingrid", "Paolo")
_LAST = ("Lindqvist", "Moreau", "Kowalczyk", "Brennan", "Vasquez", "Holmberg", "Okafor")
_SPELLINGS = tuple(
    PERSON_VARIANTS[k] for k in ("transliteration", "typos", "order", "missing-middle")
)


@dataclass(frozen=True, slots=True)
class Mix:
    """Shares of screenings, movements and reads; they add up to 1."""

    screen: float = 0.7
    movement: float = 0.2
    read: float = 0.1

    def route_shares(self) -> dict[str, float]:
        """The expected share of each route of ``ROUTES``."""
        return {"screen": self.screen, "movement": self.movement,
                "subject": self.read / 2, "alerts": self.read / 2}  # fmt: skip

    def __str__(self) -> str:
        return f"{self.screen * 100:g}/{self.movement * 100:g}/{self.read * 100:g}"


def parse_mix(text: str) -> Mix:
    """``"70/20/10"`` (screenings / movements / reads, any positive scale) → ``Mix``."""
    try:
        parts = [float(p) for p in text.split("/")]
    except ValueError:
        parts = []
    if len(parts) != 3 or min(parts) < 0 or sum(parts) <= 0:
        raise InvalidInput.field("--mix", "three shares: screenings/movements/reads, e.g. 70/20/10")
    total = sum(parts)
    return Mix(parts[0] / total, parts[1] / total, parts[2] / total)


@dataclass(frozen=True, slots=True)
class Call:
    """One request: ``role`` names whose token it carries (``AAA:duty-officer``)."""

    route: str
    method: str
    path: str
    role: str
    body: dict[str, Any] | None = None
    params: dict[str, Any] | None = None
    key: str | None = None  # the idempotency key of a movement


def _spelled(rng: random.Random, name: str) -> str:
    if rng.random() < 0.5:
        return name
    return rng.choice(_SPELLINGS)(name, rng) or name


def _name(rng: random.Random, listed: Sequence[Sequence[str]], share: float) -> str:
    if listed and rng.random() < share:
        return _spelled(rng, rng.choice(listed)[0])
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _call(route: str, rng: random.Random, n: int, tag: str, listed: Sequence[Sequence[str]],
          subject_ids: Sequence[int]) -> Call:  # fmt: skip
    if route == "screen":
        body = {"queries": [{"id": f"q{n}", "names": [_name(rng, listed, 0.3)]}]}
        return Call(route, "POST", f"{API}/screen", "BBB:screener", body)
    if route == "movement":
        key = f"{tag}-{n}"
        when = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
        report = {"idempotency_key": key, "kind": "border-entry", "time": when,
                  "traveller": {"names": [_name(rng, listed, 0.1)]}}  # fmt: skip
        return Call(route, "POST", f"{API}/movements", "BBB:screener", {"movements": [report]},
                    key=key)  # fmt: skip
    if route == "subject":
        return Call(route, "GET", f"{API}/subjects/{rng.choice(subject_ids)}", "BBB:screener")
    return Call(route, "GET", f"{API}/alerts", "AAA:duty-officer",
                params={"status": "new", "limit": 20})  # fmt: skip


def build_plan(total: int, mix: Mix, seed: int, listed: Sequence[Sequence[str]],
               subject_ids: Sequence[int], tag: str = "load") -> list[Call]:  # fmt: skip
    """``total`` requests drawn from ``mix``; movement keys are ``{tag}-{n}``."""
    if not subject_ids and mix.read > 0:
        raise InvalidInput.field("--listed", "reads need at least one listed subject")
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    shares = mix.route_shares()
    routes = rng.choices(ROUTES, weights=[shares[r] for r in ROUTES], k=total)
    return [_call(route, rng, n, tag, listed, subject_ids) for n, route in enumerate(routes)]
