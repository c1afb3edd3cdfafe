"""Small realistic networks inside one block of synthetic subjects.

A ``Block`` collects subjects with consecutive keys, their listings and the relations
between them. The recipes add a network to a block:

- ``add_group``: an armed group with leaders (``leader-of``) and members (``member-of``),
  some of them foreign fighters, with family and associate ties;
- ``add_financier``: a financier who owns a holding company that owns front companies
  (two layers, with shares), directors, and a payment from a front company to a group;
- ``add_payment_chain``: a charity → courier → exchange house → recipient money trail.
"""

from __future__ import annotations

import random
from decimal import Decimal

from ictd.demo.cultures import CULTURES
from ictd.demo.draw import below, pick
from ictd.demo.listings import make_listing
from ictd.demo.orgs import make_org
from ictd.demo.person import make_person
from ictd.demo.synthetic import SyntheticListing, SyntheticRelation, SyntheticSubject
from ictd.model.relation import RelationType
from ictd.model.subject import Subject

__all__ = ["GROUP_SIZE", "Block", "add_financier", "add_group", "add_payment_chain"]

GROUP_SIZE, FINANCIER_SIZE, CHAIN_SIZE = 11, 7, 4
_R = RelationType
_GROUP_CULTURES = ("arabic-iraq", "arabic-levant", "arabic-maghreb", "arabic-gulf", "afghan",
                   "pakistani", "somali", "hausa", "chechen")  # fmt: skip
_FIGHTER_CULTURES = ("western-fr", "western-de", "western-en", "western-nl", "western-sv",
                     "chechen", "central-asian", "arabic-maghreb", "russian")  # fmt: skip
_FINANCIER_CULTURES = ("arabic-gulf", "arabic-levant", "arabic-iraq", "persian", "pakistani")
_FRONT_FAMILIES = ("arabic", "arabic", "western", "chinese", "russian", "somali", "persian")
_CURRENCIES = ("USD", "USD", "EUR", "AED", "SAR", "GBP")


class Block:
    """Subjects with keys ``syn-<start>``, ``syn-<start+1>``, … and their links."""

    def __init__(self, rng: random.Random, start: int, agencies: tuple[str, ...]) -> None:
        self.rng = rng
        self.start = start
        self.agencies = agencies
        self.items: list[tuple[Subject, tuple[str, ...], str, str]] = []
        self.listings: dict[str, list[SyntheticListing]] = {}
        self.relations: dict[str, list[SyntheticRelation]] = {}

    def add(self, subject: Subject, truth: tuple[str, ...], culture: str, role: str) -> str:
        """Add a subject; return its key."""
        key = f"syn-{self.start + len(self.items)}"
        self.items.append((subject, truth, culture, role))
        return key

    def person(self, culture: str, role: str, fighter: bool = False) -> str:
        draft = make_person(self.rng, CULTURES[culture], fighter=fighter)
        return self.add(draft.subject, draft.truth, culture, role)

    def org(self, family: str, role: str, tag: str = "company", country: str | None = None) -> str:
        draft = make_org(self.rng, family, tag, country)
        return self.add(draft.subject, draft.truth, f"org-{family}", role)

    def add_listing(self, key: str, category: str) -> None:
        serial = int(key.removeprefix("syn-"))
        listing = make_listing(self.rng, category, self.agencies, serial)
        self.listings.setdefault(key, []).append(listing)

    def relate(
        self,
        source: str,
        target: str,
        type: RelationType,
        share: Decimal | None = None,
        amount: Decimal | None = None,
        currency: str | None = None,
    ) -> None:
        """Add a relation from ``source`` to ``target`` that started in a recent month."""
        start = f"{self.rng.randint(2012, 2025)}-{self.rng.randint(1, 12):02d}"
        relation = SyntheticRelation(source, target, type, start, share, amount, currency)
        self.relations.setdefault(source, []).append(relation)

    def subjects(self) -> list[SyntheticSubject]:
        out = []
        for i, (subject, truth, culture, role) in enumerate(self.items):
            key = f"syn-{self.start + i}"
            out.append(
                SyntheticSubject(key, subject.schema, subject, truth, culture, role,
                                 tuple(self.listings.get(key, ())),
                                 tuple(self.relations.get(key, ())))
            )  # fmt: skip
        return out


def add_group(block: Block) -> str:
    """A group with 1–2 leaders and 3–8 members; returns the group's key."""
    rng = block.rng
    culture = pick(rng, _GROUP_CULTURES)
    country = pick(rng, CULTURES[culture].countries)
    group = block.org("arabic", "group", "group", country)
    block.add_listing(group, "terrorist-organisation")
    leaders = [block.person(culture, "leader", fighter=True) for _ in range(rng.randint(1, 2))]
    for leader in leaders:
        block.relate(leader, group, _R.LEADER_OF)
        block.add_listing(leader, "terrorist")
    members = []
    for _ in range(rng.randint(3, 8)):
        foreign = rng.random() < 0.25
        member_culture = pick(rng, _FIGHTER_CULTURES) if foreign else culture
        member = block.person(member_culture, "fighter" if foreign else "member", fighter=True)
        block.relate(member, group, _R.MEMBER_OF)
        if rng.random() < 0.8:
            block.add_listing(member, "foreign-terrorist-fighter" if foreign else "terrorist")
        members.append(member)
    if len(members) >= 2 and rng.random() < 0.5:
        block.relate(members[0], members[1], _R.FAMILY)
    block.relate(leaders[0], members[-1], _R.ASSOCIATE)
    return group


def add_financier(block: Block, group: str | None) -> None:
    """A financier → holding company → 2–3 front companies, with directors and a payment."""
    rng = block.rng
    financier = block.person(pick(rng, _FINANCIER_CULTURES), "financier")
    block.add_listing(financier, "financier")
    holding = block.org("western", "holding", country=pick(rng, ("CY", "VG", "PA", "AE", "GB")))
    block.relate(financier, holding, _R.OWNS, share=Decimal(pick(rng, (100, 100, 75, 51))))
    fronts = [block.org(pick(rng, _FRONT_FAMILIES), "front") for _ in range(rng.randint(2, 3))]
    for front in fronts:
        block.relate(holding, front, _R.OWNS, share=Decimal(pick(rng, (100, 60, 49, 33))))
    director = block.person(pick(rng, _FINANCIER_CULTURES), "director")
    for front in fronts[:2]:
        block.relate(director, front, _R.DIRECTOR_OF)
    if group is not None:
        currency = pick(rng, _CURRENCIES)
        block.relate(fronts[0], group, _R.PAID, amount=_amount(rng), currency=currency)
        block.relate(financier, group, _R.ASSOCIATE)


def add_payment_chain(block: Block, recipient: str | None) -> None:
    """Charity → courier → exchange house → recipient (a group or a new person)."""
    rng = block.rng
    charity = block.org("arabic" if rng.random() < 0.7 else "persian", "charity", "charity")
    courier = block.person(pick(rng, _GROUP_CULTURES), "courier")
    exchange = block.org(pick(rng, ("somali", "arabic")), "exchange", "exchange")
    block.add_listing(courier, "facilitator")
    target = recipient or block.person(pick(rng, _GROUP_CULTURES), "member")
    amount = _amount(rng)
    currency = pick(rng, _CURRENCIES)
    for source, dest in ((charity, courier), (courier, exchange), (exchange, target)):
        block.relate(source, dest, _R.PAID, amount=amount, currency=currency)
        amount = (amount * Decimal(pick(rng, (80, 90, 95))) / 100).quantize(Decimal(1))


def _amount(rng: random.Random) -> Decimal:
    return Decimal(pick(rng, (5, 10, 20, 25, 50, 75, 100, 250)) * 1000 + below(rng, 1000))
