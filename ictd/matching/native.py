"""The one place that decides how the matcher's inner loops run: compiled kernel or numpy.

``pip install`` (and so ``make install``) compiles ``ictd/matching/_kernel.c``. Every inner
loop of the index is called through this module — ``combine`` (part similarities from edit
matrices), ``top_rows`` and ``top_keyed`` (retrieval), ``gather`` (laying out a block of
candidates) and ``name_pulls`` (the exact name log-odds) — and this module alone reads
``kernel`` at call time: when it is None, the numpy implementation of the same arithmetic
runs instead (``name_pulls`` then returns the caller's upper bound, and no pair's value).
The tests check that CI has the kernel and that both ways give the same answers.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "DISTINCT_SIMILARITY",
    "EQUIVALENT_SIMILARITY",
    "INITIAL_SIMILARITY",
    "LOOKALIKE_BASE",
    "OTHER_NAME_SIMILARITY",
    "combine",
    "combine_numpy",
    "distinct_cap",
    "gather",
    "kernel",
    "name_pulls",
    "top_keyed",
    "top_rows",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
RowArray = npt.NDArray[np.int32]
INITIAL_SIMILARITY = 0.75
"""An initial against a part with the same first letter (the kernel has the same constant)."""
EQUIVALENT_SIMILARITY = 0.9
"""Two parts of one equivalence class, at least (``compare.EQUIVALENT_SIMILARITY``)."""
DISTINCT_SIMILARITY = 0.6
"""Two different family names, at most (``compare.DISTINCT_SIMILARITY``): still aligned, weakly."""
LOOKALIKE_BASE = -1000
"""Classes of ``ictd.matching.lookalikes`` (given names that look alike) are this or lower."""
OTHER_NAME_SIMILARITY = 0.5
"""Two different given names of ``ictd.matching.lookalikes``, at most
(``compare.OTHER_NAME_SIMILARITY``): not aligned."""
SHORT_SKELETON = 3
"""Skeletons shorter than this are not compared (the kernel has the same constant)."""
TYPO_LENGTH = 6
"""Latin parts at least this long (both) that begin with the same letter and are two edits
apart or more have their edits counted with ``TYPO_SLACK``."""
TYPO_SLACK = 2
"""An edit in a long Latin part costs ``1 / (length + TYPO_SLACK)`` of its text similarity."""
META = 6
"""Columns of a part's meta row (``compare.part_meta``; the kernel has the same constant)."""
Pairs = list[tuple[int, int]]
_NONE: RowArray = np.zeros(0, dtype=np.int32)


def _load() -> ModuleType | None:
    try:
        from ictd.matching import _kernel
    except ImportError:  # pragma: no cover - a build without a C compiler
        return None
    return _kernel


kernel = _load()
"""The compiled kernel, or None where it was not built (tests set it to None too)."""


def distinct_cap(q_class: int, c_class: int) -> float:
    """The most two parts of two different classes ≤ -2 are alike: two given names of
    ``ictd.matching.lookalikes`` (``OTHER_NAME_SIMILARITY``), else two family names
    (``DISTINCT_SIMILARITY``)."""
    both_given = max(q_class, c_class) <= LOOKALIKE_BASE
    return OTHER_NAME_SIMILARITY if both_given else DISTINCT_SIMILARITY


def combine(
    text: FloatArray, skel: FloatArray, phon: FloatArray, q_meta: IntArray, c_meta: IntArray
) -> tuple[FloatArray, Pairs]:
    """Part similarities from the text, skeleton and phonetic edit-similarity matrices.

    Meta rows: (skeleton length, abjad, initial, first letter, equivalence or family-name
    class, text length). Returns the matrix and the abjad–Latin pairs with equal skeletons,
    which the caller decides one by one (they need ``keys.vowels_agree``).
    """
    if kernel is None:
        return combine_numpy(text, skel, phon, q_meta, c_meta)
    out = np.empty(text.shape)
    exact = kernel.combine(text, skel, phon, q_meta, c_meta, out)
    return out, [(int(i), int(j)) for i, j in exact]


def combine_numpy(
    text: FloatArray, skel: FloatArray, phon: FloatArray, q_meta: IntArray, c_meta: IntArray
) -> tuple[FloatArray, Pairs]:
    """``combine`` in numpy: the specification of the kernel's arithmetic."""
    q, c = q_meta[:, None, :], c_meta[None, :, :]
    short = np.minimum(q[..., 0], c[..., 0]) < SHORT_SKELETON
    longest = np.maximum(q[..., 5], c[..., 5]).astype(np.float64)
    slack = 1.0 - (1.0 - text) * longest / (longest + TYPO_SLACK)
    long_same_start = (np.minimum(q[..., 5], c[..., 5]) >= TYPO_LENGTH) & (q[..., 3] == c[..., 3])
    two_edits = (1.0 - text) * longest > 1.5
    typo = np.where(long_same_start & two_edits, slack, text)
    out = np.maximum(typo, np.where(short, 0.9 * phon, 0.55 * skel + 0.45 * phon))
    same_skel = skel == 1.0
    q_abjad, c_abjad = q[..., 1] != 0, c[..., 1] != 0
    long_same = same_skel & ~short
    out = np.where(q_abjad & c_abjad, np.where(long_same, np.maximum(text, 0.9), text), out)
    mixed = q_abjad != c_abjad
    out = np.where(mixed, 0.9 * skel * np.sqrt(skel), out)
    initial = (q[..., 2] != 0) | (c[..., 2] != 0)
    out = np.where(initial, np.where(q[..., 3] == c[..., 3], INITIAL_SIMILARITY, 0.0), out)
    classed = (q[..., 4] != -1) & (c[..., 4] != -1) & ~initial
    same_class = classed & (q[..., 4] == c[..., 4])
    out = np.where(same_class, np.maximum(out, EQUIVALENT_SIMILARITY), out)
    two_names = classed & (q[..., 4] <= -2) & (c[..., 4] <= -2) & (q[..., 4] != c[..., 4])
    out = np.where(two_names, np.minimum(out, DISTINCT_SIMILARITY), out)
    lookalikes = two_names & (q[..., 4] <= LOOKALIKE_BASE) & (c[..., 4] <= LOOKALIKE_BASE)
    out = np.where(lookalikes, np.minimum(out, OTHER_NAME_SIMILARITY), out)
    out = np.where(text == 1.0, 1.0, out)
    exact = mixed & same_skel & ~initial & (text < 1.0)
    return out, [(int(i), int(j)) for i, j in zip(*np.nonzero(exact), strict=True)]


def top_rows(lists: list[tuple[RowArray, float]], hidden: RowArray, wanted: int) -> RowArray:
    """The ``wanted`` best rows not in ``hidden`` (sorted), by the summed weight of the
    posting lists they are in; best first, ties to the lower row."""
    rows = np.concatenate([r for r, _ in lists]).astype(np.int32, copy=False)
    if kernel is not None:
        out = np.empty(wanted, dtype=np.int32)
        count = kernel.top_rows(
            rows,
            np.array([len(r) for r, _ in lists], dtype=np.int64),
            np.array([w for _, w in lists], dtype=np.float64),
            hidden,
            out,
        )
        return out[:count]
    unique, inverse = np.unique(rows, return_inverse=True)
    totals = np.bincount(inverse, weights=np.concatenate([np.full(len(r), w) for r, w in lists]))
    if len(hidden):
        visible = ~np.isin(unique, hidden, assume_unique=True)
        unique, totals = unique[visible], totals[visible]
    result: RowArray = unique[np.lexsort((unique, -totals))[:wanted]]
    return result


def top_keyed(
    offsets: IntArray,
    postings: RowArray,
    keys: list[tuple[int, float]],
    extra: list[tuple[RowArray, float]],
    hidden: RowArray,
    wanted: int,
    scratch: FloatArray,
) -> RowArray:
    """``top_rows`` of the posting lists ``postings[offsets[k]:offsets[k + 1]]`` of ``keys``
    (key number, weight), then of the ``extra`` lists, without slicing and joining them first.

    ``scratch`` is a float64 array of zeros with an item per row of the block, used by the
    kernel during the call (it is zeros again after it): a caller searching many queries
    makes it once. Every weight must be above zero.
    """
    if kernel is None:
        lists = [(postings[offsets[k] : offsets[k + 1]], w) for k, w in keys]
        return top_rows(lists + extra, hidden, wanted)
    out = np.empty(wanted, dtype=np.int32)
    count = kernel.top_keyed(
        offsets,
        postings,
        np.array([k for k, _ in keys], dtype=np.int64),
        np.array([w for _, w in keys], dtype=np.float64),
        np.concatenate([r for r, _ in extra]).astype(np.int32, copy=False) if extra else _NONE,
        np.array([len(r) for r, _ in extra], dtype=np.int64),
        np.array([w for _, w in extra], dtype=np.float64),
        hidden,
        scratch,
        out,
    )
    return out[:count]


def _ranges(lo: IntArray, hi: IntArray) -> IntArray:
    """The concatenation of ``range(lo[k], hi[k])`` for every k."""
    lengths = hi - lo
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    return np.repeat(lo - starts, lengths) + np.arange(total)


def gather(rows: list[int], table: Any) -> tuple[npt.NDArray[Any], ...]:
    """The name variants of ``rows`` of a ``RecordTable`` laid out for ``name_pulls``.

    (variants per row, parts per variant, joined parts per variant, part columns, part
    flags, joined-part columns, joined-part flags, part id of each column).
    """
    row_arr = np.asarray(rows, dtype=np.int64)
    if kernel is not None:
        laid = kernel.gather(
            row_arr,
            table.name_start,
            table.part_start,
            table.part_ids,
            table.part_first,
            table.join_start,
            table.join_ids,
            table.join_first,
        )
        kinds = (np.int64, np.int64, np.int64, np.int64, np.int8, np.int64, np.int8, np.int64)
        pairs = zip(laid, kinds, strict=True)
        return tuple(np.frombuffer(data, dtype=kind) for data, kind in pairs)
    n_vars = table.name_start[row_arr + 1] - table.name_start[row_arr]
    variants = _ranges(table.name_start[row_arr], table.name_start[row_arr + 1])
    p_lo, p_hi = table.part_start[variants], table.part_start[variants + 1]
    j_lo, j_hi = table.join_start[variants], table.join_start[variants + 1]
    p_slots, j_slots = _ranges(p_lo, p_hi), _ranges(j_lo, j_hi)
    ids_p, ids_j = table.part_ids[p_slots], table.join_ids[j_slots]
    unique, inverse = np.unique(np.concatenate([ids_p, ids_j]), return_inverse=True)
    return (
        n_vars,
        p_hi - p_lo,
        j_hi - j_lo,
        inverse[: len(ids_p)],
        table.part_first[p_slots],
        inverse[len(ids_p) :],
        table.join_first[j_slots],
        unique,
    )


def name_pulls(
    arrays: tuple[Any, ...],
    out: FloatArray,
    bound: Callable[[], FloatArray],
    choices: FloatArray | None = None,
) -> bool:
    """Fill ``out`` with the pull of the name features of each row's best alignment.

    ``arrays`` are the arguments of the kernel's ``name_logits`` before ``out``. Without the
    kernel ``out`` gets ``bound()``, an upper bound computed in numpy by the caller.
    ``choices`` (one per variant and query name), when given, gets from the kernel the value
    each pair's alignment is chosen by (``scorer._name_logit``). Returns whether the kernel
    ran: only then are ``out`` exact and ``choices`` filled.
    """
    if kernel is None:
        out[:] = bound()
        return False
    kernel.name_logits(*arrays, out, choices)
    return True
