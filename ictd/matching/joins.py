"""Adjacent name parts joined into one (``ahmadi`` + ``nejad``), and a Latin initial joined to
its neighbour, which meets only the same letters written as one word (``N Diaye`` /
``Ndiaye``) or a compound that begins with the word and the initial (``Najib U.`` /
``Najibullah``)."""

from __future__ import annotations

import numpy as np

from ictd.matching.name import Part, make_part

__all__ = [
    "COMPOUND_INITIAL_SIMILARITY",
    "INITIAL_JOIN",
    "cap_initial_joins",
    "initial_join_similarity",
    "join_text",
    "joined_parts",
]

INITIAL_JOIN = "."
"""Written between a Latin initial and the part it is joined to (``joined_parts``)."""


def _is_latin_initial(part: Part) -> bool:
    return len(part.text) == 1 and not part.abjad and not part.syllabic


def joined_parts(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """Each pair of adjacent parts joined into one (``ahmadi`` + ``nejad``), in order. A
    Latin initial joined to its neighbour is written with ``INITIAL_JOIN`` between them
    (``makris.s``): see ``initial_join_similarity``."""
    return tuple(
        make_part(
            join_text(parts[i], parts[i + 1]),
            parts[i].abjad and parts[i + 1].abjad,
            parts[i].syllabic and parts[i + 1].syllabic,
            parts[i].arabic and parts[i + 1].arabic,
            parts[i].hangul and parts[i + 1].hangul,
        )
        for i in range(len(parts) - 1)
    )


def join_text(a: Part, b: Part) -> str:
    if _is_latin_initial(a) or _is_latin_initial(b):
        return a.text + INITIAL_JOIN + b.text
    return a.text + b.text


COMPOUND_INITIAL_SIMILARITY = 0.9
"""A word and the initial after it against one part that begins with both: the initial
stands for the second element of a compound (``Najib U.`` for ``Najibullah``)."""


def initial_join_similarity(a: Part, b: Part) -> float:
    """A Latin initial joined to its neighbour (``INITIAL_JOIN`` in a text) meets only the
    same letters written as one word (``N Diaye`` / ``Ndiaye``): 1.0 then; or, after a word,
    a part that begins with the word and the initial (``COMPOUND_INITIAL_SIMILARITY``); else
    0.0. A name part does not end or begin with an initial glued onto it — ``Makris S. P.``
    is not ``makriss`` beside ``Petros Makris``, and ``E. Badege`` not ``ebadege``."""
    if a.text.replace(INITIAL_JOIN, "") == b.text.replace(INITIAL_JOIN, ""):
        return 1.0
    joined, other = (a, b) if INITIAL_JOIN in a.text else (b, a)
    word, _, letter = joined.text.partition(INITIAL_JOIN)
    if INITIAL_JOIN in other.text or len(word) < 2 or len(letter) != 1:
        return 0.0
    compound = other.text.startswith(word + letter) and len(other.text) > len(word) + 2
    return COMPOUND_INITIAL_SIMILARITY if compound else 0.0


def cap_initial_joins(
    out: np.ndarray, query: list[Part], candidates: list[Part], texts: tuple[list[str], list[str]]
) -> None:
    """``initial_join_similarity`` for every pair with an initial joined on one side, in
    place; ``texts`` are both sides' texts. Only rows and columns of such parts are looked
    at, and the texts only when one of them holds ``INITIAL_JOIN`` (few names have initials)."""
    q_text, c_text = texts
    rows = [i for i, t in enumerate(q_text) if INITIAL_JOIN in t] if _holds_join(q_text) else []
    columns = [j for j, t in enumerate(c_text) if INITIAL_JOIN in t] if _holds_join(c_text) else []
    for i in rows:
        for j in range(len(candidates)):
            out[i, j] = initial_join_similarity(query[i], candidates[j])
    for j in columns:
        for i in range(len(query)):
            out[i, j] = initial_join_similarity(query[i], candidates[j])


def _holds_join(texts: list[str]) -> bool:
    return INITIAL_JOIN in "".join(texts)
