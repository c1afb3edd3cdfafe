"""Synthetic listings: which agency lists a subject, in what category, asking what action."""

from __future__ import annotations

import random
from datetime import date, timedelta

from ictd.demo.draw import below, pick
from ictd.demo.synthetic import SyntheticListing
from ictd.model.listing import Action, Handling, Sharing

__all__ = ["DEMO_AGENCIES", "make_listing"]

DEMO_AGENCIES: tuple[str, ...] = ("ctu-north", "ctu-south", "ctu-east", "ctu-west")

_A = Action
_ACTIONS: dict[str, tuple[tuple[Action, ...], ...]] = {
    "terrorist": ((_A.ARREST,), (_A.LOCATE_AND_INFORM,), (_A.REFUSE_ENTRY, _A.LOCATE_AND_INFORM)),
    "foreign-terrorist-fighter": ((_A.ARREST,), (_A.LOCATE_AND_INFORM, _A.REFUSE_ENTRY)),
    "financier": ((_A.FREEZE_ASSETS, _A.DISCREET_CHECK), (_A.FREEZE_ASSETS,)),
    "facilitator": ((_A.DISCREET_CHECK,), (_A.LOCATE_AND_INFORM,)),
    "terrorist-organisation": ((_A.FREEZE_ASSETS,),),
    "sanctioned": ((_A.FREEZE_ASSETS, _A.REFUSE_ENTRY), (_A.FREEZE_ASSETS,)),
    "person-of-interest": ((_A.INFORMATION_ONLY,), (_A.DISCREET_CHECK,)),
}
_LEGAL_BASES = (
    "UNSCR 1373 (2001)",
    "UNSCR 2178 (2014)",
    "UNSCR 2253 (2015)",
    "UNSCR 2396 (2017)",
    "National counter-terrorism act",
    "Court order",
)
_HANDLING = (Handling.H0, Handling.H1, Handling.H1, Handling.H1, Handling.H2, Handling.H3)
_EPOCH = date(2015, 1, 1)
# demo listings were reviewed as they came due: the next review is after this day (older
# dates would let the scheduled job listings.expire retire most of the demo at once)
_REVIEWED_UNTIL = date(2027, 3, 1)
_REVIEW_STEP = timedelta(days=3 * 365)


def _next_review(day: date) -> date:
    while day < _REVIEWED_UNTIL:
        day += _REVIEW_STEP
    return day


def _sharing(
    rng: random.Random, agency: str, agencies: tuple[str, ...]
) -> tuple[Sharing, tuple[str, ...]]:
    """Half shared with all partners, some with one or two named partners, the rest own."""
    roll = rng.random()
    others = [a for a in agencies if a != agency]
    if roll < 0.5:
        return Sharing.ALL, ()
    if roll < 0.8 and others:
        count = min(len(others), rng.randint(1, 2))
        return Sharing.NAMED, tuple(sorted(rng.sample(others, count)))
    return Sharing.OWN, ()


def make_listing(
    rng: random.Random, category: str, agencies: tuple[str, ...], serial: int
) -> SyntheticListing:
    """An active listing in ``category`` by one of ``agencies``; ``serial`` makes its reference."""
    agency = pick(rng, agencies)
    valid_from = _EPOCH + timedelta(days=below(rng, 11 * 365))
    sharing, shared_with = _sharing(rng, agency, agencies)
    return SyntheticListing(
        agency=agency,
        category=category,
        actions=pick(rng, _ACTIONS[category]),
        reference=f"{agency.upper()}-{valid_from.year}-{serial:07d}",
        legal_basis=pick(rng, _LEGAL_BASES),
        reliability=pick(rng, "AABBCX"),
        accuracy=pick(rng, (1, 2, 2, 3, 4)),
        valid_from=valid_from,
        review_date=_next_review(valid_from + timedelta(days=365 * rng.randint(1, 3))),
        sharing=sharing,
        shared_with=shared_with,
        handling=pick(rng, _HANDLING),
    )
