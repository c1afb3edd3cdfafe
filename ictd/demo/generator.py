"""The deterministic generator of synthetic subjects.

``generate(size, seed)`` yields ``size`` subjects one at a time, in blocks of
``BLOCK_SIZE``: each block has its own random generator seeded from ``(seed, block)``, so
the output depends only on ``size`` and ``seed``, memory stays bounded whatever the size,
and a larger set starts with the subjects of a smaller one (all but its last block).
A block holds at most one armed group, one financier network and one payment chain; the
rest are stand-alone persons and organisations, some of them listed.

>>> [s.key for s in generate(3)]
['syn-0', 'syn-1', 'syn-2']
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from itertools import accumulate

from ictd.demo.cultures import PERSON_WEIGHTS
from ictd.demo.draw import pick
from ictd.demo.listings import DEMO_AGENCIES
from ictd.demo.network import (
    CHAIN_SIZE,
    FINANCIER_SIZE,
    GROUP_SIZE,
    Block,
    add_financier,
    add_group,
    add_payment_chain,
)
from ictd.demo.synthetic import SyntheticSubject

__all__ = ["BLOCK_SIZE", "generate"]

BLOCK_SIZE = 50
_CULTURES = tuple(PERSON_WEIGHTS)
_CUM_WEIGHTS = tuple(accumulate(PERSON_WEIGHTS.values()))
_ORG_FAMILIES = ("arabic", "arabic", "arabic", "western", "western", "persian", "russian",
                 "chinese", "somali")  # fmt: skip
_PERSON_CATEGORIES = ("terrorist", "terrorist", "person-of-interest", "person-of-interest",
                      "foreign-terrorist-fighter", "facilitator", "sanctioned")  # fmt: skip


def generate(
    size: int, seed: int = 7, agencies: tuple[str, ...] = DEMO_AGENCIES
) -> Iterator[SyntheticSubject]:
    """Yield ``size`` synthetic subjects, keys ``syn-0`` … ``syn-<size-1>``.

    Listings name one of ``agencies``; relations only point at subjects of the same set.
    """
    if size < 0:
        raise ValueError("size must not be negative")
    if not agencies:
        raise ValueError("at least one agency is needed for listings")
    for start in range(0, size, BLOCK_SIZE):
        yield from _block(seed, start, min(BLOCK_SIZE, size - start), agencies)


def _block(
    seed: int, start: int, capacity: int, agencies: tuple[str, ...]
) -> list[SyntheticSubject]:
    """One block: networks first (when they fit), then stand-alone subjects."""
    rng = random.Random((seed << 32) | (start // BLOCK_SIZE))  # noqa: S311  # reproducible test data, not secrets
    block = Block(rng, start, agencies)
    group = None
    if rng.random() < 0.6 and capacity >= GROUP_SIZE:
        group = add_group(block)
    if rng.random() < 0.5 and capacity - len(block.items) >= FINANCIER_SIZE:
        add_financier(block, group)
    if rng.random() < 0.4 and capacity - len(block.items) >= CHAIN_SIZE:
        add_payment_chain(block, group if rng.random() < 0.5 else None)
    while len(block.items) < capacity:
        _add_standalone(block)
    return block.subjects()


def _add_standalone(block: Block) -> None:
    """A person (85%) or an organisation; some of them listed."""
    rng = block.rng
    if rng.random() < 0.85:
        culture = rng.choices(_CULTURES, cum_weights=_CUM_WEIGHTS)[0]
        key = block.person(culture, "person")
        if rng.random() < 0.15:
            block.add_listing(key, pick(rng, _PERSON_CATEGORIES))
    else:
        tag = "company" if rng.random() < 0.7 else pick(rng, ("charity", "exchange"))
        key = block.org(pick(rng, _ORG_FAMILIES), "organisation", tag)
        if rng.random() < 0.1:
            block.add_listing(key, "sanctioned")
