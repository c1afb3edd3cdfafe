"""Fast random draws for the generator's hot paths.

``random.Random.choice`` and ``randrange`` are pure Python with several calls each;
``Random.random`` is one C call. These helpers draw from it directly: same determinism,
about three times faster, which matters at a million subjects.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

__all__ = ["below", "pick"]

T = TypeVar("T")


def below(rng: random.Random, n: int) -> int:
    """A uniform integer in ``[0, n)``."""
    return int(rng.random() * n)


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """A uniform element of the non-empty ``items``."""
    return items[int(rng.random() * len(items))]
