"""Bounds on the name part of candidates' scores, in bulk, so that only candidates that matter
are scored in full (with their explanations) by ``ictd.matching.scorer``.

All part similarities of a query against a block of candidates come from one bulk matrix
(``similarity_matrix``); the same matrix then fills the part-similarity cache of the few
candidates scored in full.

``name_bounds`` gives, per candidate, the *pull* of the name features on the log-odds. With
the compiled kernel (``ictd/matching/_kernel.c``, built by ``pip install``) it is exact: the
kernel runs the alignment of ``compare.align`` (greedy assignment, joined adjacent parts) and
the choice of ``scorer.best_alignment`` over the similarity matrix, in C, and adds up the
name features. Tests hold it equal to the Python scorer. It also gives the value the scorer
chooses each pair of names by (query name, record name variant), so that a candidate scored
in full aligns in Python only the pairs that can be its best (``BlockBounds.worth``): a record
with a split compound or a name read several ways is one pair per variant.

Without the kernel the pull is bounded from the *evidence* of the best alignment (the sum,
over the pairs of parts it assigns, of ``min(weight) × similarity``), which is at most, for
one query name ``a`` and one candidate name ``b``:

- with as many parts on each side: the smaller of Σ over ``a``'s parts of their best pair in
  ``b`` and Σ over ``b``'s parts of their best pair in ``a``;
- with more parts in ``a`` (``a`` may join two adjacent parts): Σ over ``b``'s parts of their
  best pair among ``a``'s parts and joined parts; and the mirror image with more parts in ``b``;

less the unmatched-part penalty every alignment must pay (``evidence_bounds_reference``,
numpy segment reductions).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

import numpy as np
import numpy.typing as npt

from ictd.matching import native
from ictd.matching.compare import (
    DROPPED_LAST_WEIGHT,
    DROPPED_MIDDLE_WEIGHT,
    FIRST,
    FULL_CREDIT,
    INITIAL,
    INITIAL_CREDIT,
    INITIAL_EVIDENCE,
    LAST,
    MIDDLE_WEIGHT,
    MIN_PART_SIMILARITY,
    end_flags,
    joined_parts,
    similarity_matrix,
)
from ictd.matching.name import ParsedName, Part
from ictd.matching.scorer import _weight
from ictd.matching.table import RecordTable
from ictd.matching.weights import EVIDENCE_SCALE, ORG_UNMATCHED_FACTOR, WEIGHTS

__all__ = [
    "CHOICE_MARGIN",
    "SMALL",
    "BlockBounds",
    "QueryParts",
    "evidence_bounds_reference",
    "name_bounds",
]


SMALL = 0.05
"""Unmatched shares up to this are not counted in the bound (the scorer may ignore them)."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class QueryParts:
    """A query's parts: each name's parts, then each name's joined adjacent parts."""

    parts: list[Part]
    weights: FloatArray
    direct: int  # rows [0, direct) are plain parts, the rest joined parts
    lengths: IntArray  # parts per query name
    join_lengths: IntArray  # joined parts per query name
    first: npt.NDArray[np.int8]  # per row: end flags (compare.FIRST | LAST) and INITIAL
    distinct: list[Part]  # each part once: the rows of the similarity matrix
    row_of: IntArray  # per row, its part's position in ``distinct``

    @classmethod
    def of(cls, names: tuple[ParsedName, ...]) -> QueryParts:
        plain = [p for n in names for p in n.parts]
        joins = [joined_parts(n.parts) for n in names]
        parts = plain + [p for j in joins for p in j]
        # readings and a split compound share parts (``agha`` in ``abd rahman agha`` and
        # ``abdrahman agha``): each is compared once
        at: dict[Part, int] = {}
        row_of = [at.setdefault(p, len(at)) for p in parts]
        return cls(
            distinct=list(at),
            row_of=np.array(row_of, dtype=np.int64),
            parts=parts,
            weights=np.array([p.weight for p in parts], dtype=np.float64),
            direct=len(plain),
            lengths=np.array([len(n.parts) for n in names], dtype=np.int64),
            join_lengths=np.array([len(j) for j in joins], dtype=np.int64),
            first=np.array(
                [
                    f | (INITIAL if len(p.text) == 1 else 0)
                    for n in names
                    for f, p in zip(end_flags(n.parts, n.parts), n.parts, strict=True)
                ]
                + [f for n, j in zip(names, joins, strict=True) for f in end_flags(n.parts, j)],
                dtype=np.int8,
            ),
        )


CHOICE_MARGIN = 1e-6
"""A pair of names whose value in ``BlockBounds.choices`` is this much below its row's best
is not aligned again in Python (``BlockBounds.worth``): far above the kernel's rounding."""


@dataclass(frozen=True, slots=True)
class BlockBounds:
    """Name bounds of the rows of a block, and the block's layout and similarities."""

    pull: FloatArray  # per row; NaN for a row without names
    block: _Block
    choices: FloatArray | None = None  # variants × query names: ``scorer._name_logit``

    def worth(self, k: int) -> list[tuple[int, int]] | None:
        """The pairs (query name, record name) of the block's ``k``-th row that
        ``scorer.best_alignment`` may choose, in its order; None when every pair may be
        (no kernel). The kernel gives each pair the value the scorer chooses by; a pair
        ``CHOICE_MARGIN`` below the row's best cannot be chosen, so it need not be aligned."""
        choices = self.choices
        if choices is None:
            return None
        starts = self.block.variant_start
        values = choices[starts[k] : starts[k + 1]]
        if not values.size:
            return None
        variants, names = np.nonzero(values >= values.max() - CHOICE_MARGIN)
        return sorted(zip(names.tolist(), variants.tolist(), strict=True))

    def fill(
        self, cache: dict[tuple[int, int], float], query: QueryParts, table: RecordTable, k: int
    ) -> None:
        """Put the similarities of the block's ``k``-th row to the query parts into ``cache``."""
        block = self.block
        v_lo, v_hi = block.variant_start[k], block.variant_start[k + 1]
        p_lo, p_hi = block.part_slot_start[v_lo], block.part_slot_start[v_hi]
        j_lo, j_hi = block.join_slot_start[v_lo], block.join_slot_start[v_hi]
        cols = np.concatenate([block.part_cols[p_lo:p_hi], block.join_cols[j_lo:j_hi]])
        values = block.sims[:, cols].tolist()
        parts = table.parts
        c_ids = [id(parts[p]) for p in block.unique[cols].tolist()]
        for qp, row_values in zip(query.parts, values, strict=True):
            cache.update(zip(zip(repeat(id(qp)), c_ids), row_values, strict=True))


def _segments(
    ufunc: np.ufunc, values: FloatArray, lengths: IntArray, axis: int, pad: float = 0.0
) -> FloatArray:
    """``ufunc`` reduced over consecutive segments of ``lengths`` along ``axis``; 0 if empty.

    ``pad`` must be neutral for ``ufunc`` over the values: 0 for the maximum and the sum of
    values ≥ 0 (as every value here is), infinity for the minimum.
    """
    pad_shape = list(values.shape)
    pad_shape[axis] = 1
    padded = np.concatenate([values, np.full(pad_shape, pad)], axis=axis)
    starts = np.cumsum(lengths) - lengths
    out = ufunc.reduceat(padded, starts, axis=axis)
    empty = (lengths == 0)[:, None] if axis == 0 else (lengths == 0)[None, :]
    return np.where(empty, 0.0, out)


def _coverage_rows(
    x: FloatArray, x_join: FloatArray | None, q: QueryParts, lb: IntArray, ljb: IntArray
) -> FloatArray:
    """Σ over each query name's parts of its best value in each candidate name, per pair."""
    best = _segments(np.maximum, x[: q.direct], lb, axis=1)
    if x_join is not None:
        best = np.maximum(best, _segments(np.maximum, x_join[: q.direct], ljb, axis=1))
    return _segments(np.add, best, q.lengths, axis=0)


def _coverage_cols(x: FloatArray, q: QueryParts, lb: IntArray, joined: bool) -> FloatArray:
    """Σ over each candidate name's parts of its best value in each query name, per pair."""
    best = _segments(np.maximum, x[: q.direct], q.lengths, axis=0)
    if joined:
        best = np.maximum(best, _segments(np.maximum, x[q.direct :], q.join_lengths, axis=0))
    return _segments(np.add, best, lb, axis=1)


def _missing(coverage: FloatArray, total: FloatArray) -> FloatArray:
    """The unmatched share ``1 - min(1, coverage / total)``, counted only above ``SMALL``."""
    missing = 1.0 - np.minimum(1.0, coverage / np.where(total > 0, total, 1.0))
    return np.where(missing > SMALL, missing, 0.0)


def _starts(counts: IntArray) -> list[int]:
    """Where each of consecutive slices of ``counts`` items starts, and the end."""
    out = [0]
    for count in counts.tolist():
        out.append(out[-1] + count)
    return out


@dataclass(slots=True)
class _Block:
    """The rows of a block laid out for the bound: variants, their part columns, similarities.

    Columns are the distinct parts of the rows' variants (``unique`` gives their part ids);
    ``part_cols`` and ``join_cols`` give the column of each part and joined part slot, row by
    row and variant by variant.
    """

    n_vars: IntArray  # variants per row
    part_counts: IntArray  # per variant
    join_counts: IntArray  # per variant
    part_cols: IntArray
    part_first: npt.NDArray[np.int8]  # end flags, and INITIAL for a one-letter part
    join_cols: IntArray
    join_first: npt.NDArray[np.int8]
    unique: IntArray  # part id of each column
    initial: npt.NDArray[np.bool_]  # per column: the part is an initial
    weights: FloatArray  # per column
    sims: FloatArray  # query parts × columns
    _starts: tuple[list[int], list[int], list[int]] | None = None

    @property
    def n_variants(self) -> int:
        return len(self.part_counts)

    @property
    def variant_start(self) -> list[int]:
        return self._slot_starts()[0]

    @property
    def part_slot_start(self) -> list[int]:
        return self._slot_starts()[1]

    @property
    def join_slot_start(self) -> list[int]:
        return self._slot_starts()[2]

    def _slot_starts(self) -> tuple[list[int], list[int], list[int]]:
        if self._starts is None:
            self._starts = (
                _starts(self.n_vars),
                _starts(self.part_counts),
                _starts(self.join_counts),
            )
        return self._starts

    @classmethod
    def of(cls, query: QueryParts, table: RecordTable, rows: list[int]) -> _Block:
        laid = native.gather(rows, table)
        n_vars, p_count, j_count, p_cols, p_first, j_cols, j_first, unique = laid
        parts = table.parts
        sims = similarity_matrix(
            query.distinct, [parts[p] for p in unique.tolist()], table.part_meta[unique]
        )[query.row_of]
        initial = table.part_meta[unique, 2] != 0
        return cls(
            n_vars=n_vars,
            part_counts=p_count,
            join_counts=j_count,
            part_cols=p_cols,
            part_first=(p_first | np.where(initial[p_cols], INITIAL, 0)).astype(np.int8),
            join_cols=j_cols,
            join_first=j_first,
            unique=unique,
            initial=initial,
            weights=np.ascontiguousarray(table.part_weights[unique]),
            sims=np.ascontiguousarray(sims),
        )


def name_bounds(
    query: QueryParts, table: RecordTable, rows: list[int], org: list[bool]
) -> BlockBounds:
    """Per row, an upper bound on the pull of the name features on the log-odds.

    With the compiled kernel the bound is the pull itself: the kernel aligns every query name
    with every name variant exactly as ``compare.align`` does and chooses the alignment as
    ``scorer.best_alignment`` does (near ties, within 1e-9, count at their best), and gives
    each pair of names the value that choice is made by (``BlockBounds.worth``). Without
    it, the pull is bounded from ``evidence_bounds_reference``. NaN marks a row without names.
    """
    block = _Block.of(query, table, rows)
    pull = np.full(len(rows), np.nan)
    choices = np.empty((block.n_variants, len(query.lengths)), dtype=np.float64)
    exact = False
    if block.n_variants:
        arrays = (
            block.sims,
            query.weights,
            query.first,
            query.lengths,
            query.join_lengths,
            block.weights,
            block.n_vars,
            block.part_cols,
            block.part_first,
            block.part_counts,
            block.join_cols,
            block.join_first,
            block.join_counts,
            np.asarray(org, dtype=np.int64),
            _KERNEL_WEIGHTS,
        )
        exact = native.name_pulls(arrays, pull, lambda: _numpy_pulls(query, block, org), choices)
    return BlockBounds(pull, block, choices if exact else None)


def _numpy_pulls(query: QueryParts, block: _Block, org: list[bool]) -> FloatArray:
    """An upper bound on each row's name pull from ``_reference`` (NaN: no names)."""
    penalties = np.array([_penalty_weights(o) for o in org], dtype=np.float64)
    evidence, penalty = _reference(query, block, penalties)
    value = 1.0 - np.exp(-np.maximum(evidence, 0.0) / EVIDENCE_SCALE)
    out: FloatArray = np.where(evidence >= 0.0, WEIGHTS["name_match"] * value - penalty, np.nan)
    return out


def _penalty_weights(org: bool) -> tuple[float, float]:
    return _weight("name_query_parts_unmatched", org), _weight("name_subject_parts_unmatched", org)


_KERNEL_WEIGHTS = np.array(
    [
        WEIGHTS["name_match"],
        WEIGHTS["name_query_parts_unmatched"],
        WEIGHTS["name_subject_parts_unmatched"],
        WEIGHTS["name_single_part"],
        WEIGHTS["name_first_part_unmatched"],
        EVIDENCE_SCALE,
        ORG_UNMATCHED_FACTOR,
        WEIGHTS["name_last_part_unmatched"],
        MIDDLE_WEIGHT,
        DROPPED_MIDDLE_WEIGHT,
        INITIAL_CREDIT,
        INITIAL_EVIDENCE,
        DROPPED_LAST_WEIGHT,
    ],
    dtype=np.float64,
)
"""The weights the kernel reads, in the order of its ``W_*`` constants."""


def evidence_bounds_reference(
    query: QueryParts, table: RecordTable, rows: list[int], penalties: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Bounds of the name evidence and of the unmatched-part penalties against ``rows``.

    ``penalties`` holds, per row, the weights of the query-side and record-side unmatched
    penalties (two columns). Returns per row an upper bound of the evidence of the best
    alignment (-1 for a row without names) and a lower bound of the unmatched-part penalty
    it pays (0 where it could be avoided). Numpy segment reductions; the fallback when the
    kernel is not built, and a looser cross-check of it in the tests.
    """
    return _reference(query, _Block.of(query, table, rows), penalties)


def _reference(
    query: QueryParts, block: _Block, penalties: FloatArray
) -> tuple[FloatArray, FloatArray]:
    n_vars = block.n_vars
    if not query.parts or not block.n_variants:
        return np.where(n_vars > 0, 0.0, -1.0), np.zeros(len(n_vars))
    sims = block.sims
    block_weights = block.weights
    eligible = np.where(sims >= MIN_PART_SIMILARITY, sims, 0.0)
    c_weights = block_weights[None, :]
    # an initial's smaller evidence is left out (organisations' names give it in full) and its
    # larger credit put in (persons' names give it): both only raise the bound
    initial = ((query.first & INITIAL) != 0)[:, None] | block.initial[None, :]
    m = np.minimum(query.weights[:, None], c_weights) * eligible
    credit = np.minimum(1.0, eligible / FULL_CREDIT)  # compare._pair_credit
    credit = np.where(initial & (eligible > 0), np.maximum(credit, INITIAL_CREDIT), credit)
    a_q, a_c = query.weights[:, None] * credit, c_weights * credit
    inv_p, inv_j = block.part_cols, block.join_cols
    lb, ljb = block.part_counts, block.join_counts
    la = query.lengths
    a, b = la[:, None], lb[None, :]
    # evidence: pairs of each part with its best partner on the other side (joins included)
    r_plain = _coverage_rows(m[:, inv_p], None, query, lb, ljb)
    r_join = _coverage_rows(m[:, inv_p], m[:, inv_j], query, lb, ljb)
    c_plain = _coverage_cols(m[:, inv_p], query, lb, False)
    c_join = _coverage_cols(m[:, inv_p], query, lb, True)
    bound = np.where(a == b, np.minimum(r_plain, c_plain), np.where(a > b, c_join, r_join))
    # unmatched penalties: the side that may join parts is not bounded
    q_cov = _coverage_rows(a_q[:, inv_p], a_q[:, inv_j], query, lb, ljb)
    q_cov = np.where(a < b, q_cov, _coverage_rows(a_q[:, inv_p], None, query, lb, ljb))
    c_cov = _coverage_cols(a_c[:, inv_p], query, lb, True)
    c_cov = np.where(a > b, c_cov, _coverage_cols(a_c[:, inv_p], query, lb, False))
    # totals as small as they can be: every middle part unmatched (compare.MIDDLE_WEIGHT; the
    # candidate's at the smaller of it and compare.DROPPED_MIDDLE_WEIGHT, its last part at
    # compare.DROPPED_LAST_WEIGHT when that is less than in full)
    share = min(MIDDLE_WEIGHT, DROPPED_MIDDLE_WEIGHT)
    q_middle = (query.first[: query.direct] & (FIRST | LAST)) == 0
    q_w = query.weights[: query.direct] * np.where(q_middle, MIDDLE_WEIGHT, 1.0)
    q_total = _segments(np.add, q_w[:, None], la, axis=0)
    c_ends = block.part_first & (FIRST | LAST)
    c_share = np.where(
        c_ends == 0, share, np.where(c_ends == LAST, min(1.0, DROPPED_LAST_WEIGHT), 1.0)
    )
    c_w = block_weights[inv_p] * c_share
    c_total = _segments(np.add, c_w[:, None], lb, axis=0)[:, 0]
    q_missing = np.where(a > b, 0.0, _missing(q_cov, q_total))
    c_missing = np.where(a < b, 0.0, _missing(c_cov, c_total[None, :]))
    owner = np.repeat(np.arange(len(n_vars)), n_vars)
    pen = q_missing * penalties[owner, 0][None, :] + c_missing * penalties[owner, 1][None, :]
    evidence = _segments(np.maximum, bound.max(axis=0)[:, None], n_vars, axis=0)[:, 0]
    penalty = _segments(np.minimum, pen.min(axis=0)[:, None], n_vars, axis=0, pad=np.inf)[:, 0]
    return np.where(n_vars > 0, evidence, -1.0), penalty
