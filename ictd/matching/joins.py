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
    joined, other = (a.text, b.text) if INITIAL_JOIN in a.text else (b.text, a.text)
    return _join_values(joined, [other], [other.replace(INITIAL_JOIN, "")])[0]


def _join_values(joined: str, others: list[str], plain: list[str]) -> list[float]:
    """``initial_join_similarity`` of the part written ``joined`` (it holds
    ``INITIAL_JOIN``) against each of ``others`` (``plain``: their texts without it)."""
    bare = joined.replace(INITIAL_JOIN, "")
    word, _, letter = joined.partition(INITIAL_JOIN)
    start = word + letter if len(word) >= 2 and len(letter) == 1 else None
    out = []
    for text, flat in zip(others, plain, strict=True):
        if flat == bare:
            out.append(1.0)
        elif start is None or INITIAL_JOIN in text:
            out.append(0.0)
        else:
            compound = text.startswith(start) and len(text) > len(word) + 2
            out.append(COMPOUND_INITIAL_SIMILARITY if compound else 0.0)
    return out


def cap_initial_joins(out: np.ndarray, texts: tuple[list[str], list[str]]) -> None:
    """``initial_join_similarity`` for every pair with an initial joined on one side, in
    place; ``texts`` are both sides' texts. Only rows and columns of such parts are looked
    at, and the texts only when one of them holds ``INITIAL_JOIN`` (few names have initials)."""
    q_text, c_text = texts
    rows = [i for i, t in enumerate(q_text) if INITIAL_JOIN in t] if _holds_join(q_text) else []
    columns = [j for j, t in enumerate(c_text) if INITIAL_JOIN in t] if _holds_join(c_text) else []
    if rows:
        plain = [t.replace(INITIAL_JOIN, "") for t in c_text]
        for i in rows:
            out[i, :] = _join_values(q_text[i], c_text, plain)
    if columns:
        plain = [t.replace(INITIAL_JOIN, "") for t in q_text]
        for j in columns:
            out[:, j] = _join_values(c_text[j], q_text, plain)


def _holds_join(texts: list[str]) -> bool:
    return INITIAL_JOIN in "".join(texts)
