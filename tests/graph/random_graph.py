"""Random small graphs with random sharing, for the equivalence tests against the reference.

Subjects belong to OPS, AAA, BBB or a source, a few are deleted; relations are stated by an
agency or a source, a few retracted, a few loops; subjects share phone numbers from a small
pool (some retracted; in some graphs one number held by exactly ``HUB_LIMIT + 1`` subjects);
listings have every status, sharing scope and a validity period around ``TODAY``.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from ictd.graph.walk import HUB_LIMIT
from ictd.model.listing import new_contact_ref
from ictd.store import Store
from tests.graph.network import NOW, TODAY

AGENCIES = ("OPS", "AAA", "BBB")
STATUSES = ("draft", "active", "active", "active", "expired", "withdrawn")


def _owner(rng: random.Random) -> tuple[str | None, str | None]:
    pick = rng.choice((*AGENCIES, None))
    return (pick, None) if pick else (None, rng.choice(("un-sc", "osint")))


def _day(rng: random.Random) -> Any:
    return rng.choice((None, None, TODAY + timedelta(days=rng.randint(-3, 3))))


def build_random_graph(store: Store, seed: int, size: int = 30) -> list[int]:
    """Write a random graph into ``store`` (holding the agencies of ``AGENCIES``)."""
    rng = random.Random(seed)
    base = {"created_at": NOW, "updated_at": NOW}
    owners = {i: _owner(rng) for i in range(1, size + 1)}
    subjects = [
        {
            "id": i,
            "schema": rng.choice(("Person", "Company")),
            "agency": agency,
            "source": source,
            "deleted_at": NOW if rng.random() < 0.07 else None,
            **base,
        }
        for i, (agency, source) in owners.items()
    ]
    seen = {"first_seen": NOW, "last_seen": NOW, "qualifier": None, "lang": None}
    statements = []
    hub = seed % 3 == 0
    for i, (agency, source) in owners.items():
        own = {"subject_id": i, "agency": agency, "source": source, **seen}
        statements.append({**own, "prop": "name", "value": f"S{i}", "norm": f"s{i}"})
        phones = rng.sample(range(8), rng.choice((0, 0, 1, 1, 2)))
        if hub and i <= HUB_LIMIT + 1:
            phones.append(99)
        for phone in phones:
            retracted = NOW if phone != 99 and rng.random() < 0.1 else None
            value = f"+1555000{phone:02d}"
            statements.append(
                {**own, "prop": "phone", "value": value, "norm": value, "retracted_at": retracted}
            )
    relations = []
    for _ in range(size * 2):
        a, b = rng.randint(1, size), rng.randint(1, size)
        agency, source = _owner(rng) if rng.random() < 0.3 else owners[a]
        relations.append(
            {
                "source_id": a,
                "target_id": b,
                "type": rng.choice(("owns", "paid", "associate", "member-of")),
                "agency": agency,
                "source": source,
                "created_at": NOW,
                "retracted_at": NOW if rng.random() < 0.08 else None,
            }
        )
    listings = []
    for i in rng.sample(sorted(owners), size // 3):
        agency, source = owners[i]
        sharing = rng.choice(("own", "named", "all"))
        named = rng.sample(AGENCIES, rng.randint(1, 2)) if sharing == "named" else []
        listings.append(
            {
                "subject_id": i,
                "agency": agency,
                "source": source,
                "category": "financier",
                "actions": "freeze-assets",
                "reliability": "B",
                "accuracy": 2,
                "valid_from": _day(rng),
                "valid_until": _day(rng),
                "sharing": sharing,
                "shared_with": f",{','.join(named)}," if named else "",
                "handling": "H1",
                "status": rng.choice(STATUSES),
                "contact_ref": new_contact_ref(),
                **base,
            }
        )
    with store.begin() as session:
        session.bulk.insert("subjects", subjects)
        session.bulk.insert("statements", [{"retracted_at": None, **s} for s in statements])
        session.bulk.insert("relations", relations)
        session.bulk.insert("listings", listings)
        session.bulk.reset_sequences()
    return sorted(owners)
