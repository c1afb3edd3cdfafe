"""Upper bounds on a candidate's score, in bulk, so that only candidates that can matter are scored.

The name part of the score rests on the *evidence* of the best alignment: the sum, over the
pairs of parts it assigns (each part at most once, similarity ≥ ``MIN_PART_SIMILARITY``), of
``min(weight) × similarity``. Other name features only lower the score. So for one query
name ``a`` and one candidate name ``b`` the evidence is at most

- with as many parts on each side: the smaller of Σ over ``a``'s parts of their best pair in
  ``b`` and Σ over ``b``'s parts of their best pair in ``a``;
- with more parts in ``a`` (``a`` may join two adjacent parts): Σ over ``b``'s parts of their
  best pair among ``a``'s parts and joined parts; and the mirror image with more parts in ``b``.

All part similarities of a query against a block of candidates come from one bulk matrix
(``similarity_matrix``); the sums and maxima are numpy segment reductions. The same matrix
fills the part-similarity cache of the few candidates that are then scored in full.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ictd.matching.compare import MIN_PART_SIMILARITY, joined_parts, similarity_matrix
from ictd.matching.name import ParsedName, Part
from ictd.matching.table import RecordTable

__all__ = ["SMALL", "BlockBounds", "QueryParts", "evidence_bounds"]

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

    @classmethod
    def of(cls, names: tuple[ParsedName, ...]) -> QueryParts:
        plain = [p for n in names for p in n.parts]
        joins = [joined_parts(n.parts) for n in names]
        parts = plain + [p for j in joins for p in j]
        return cls(
            parts=parts,
            weights=np.array([p.weight for p in parts], dtype=np.float64),
            direct=len(plain),
            lengths=np.array([len(n.parts) for n in names], dtype=np.int64),
            join_lengths=np.array([len(j) for j in joins], dtype=np.int64),
        )


@dataclass(frozen=True, slots=True)
class BlockBounds:
    """Evidence bounds of some rows of a block, and the similarities they rest on."""

    evidence: FloatArray  # per row; -1 for a row without names
    penalty: FloatArray  # per row: the least unmatched-part penalty any alignment pays
    similarities: FloatArray  # query parts × unique candidate parts
    unique: IntArray  # part ids of the columns of ``similarities``

    def fill(
        self, cache: dict[tuple[int, int], float], query: QueryParts, table: RecordTable, row: int
    ) -> None:
        """Put the part similarities of ``row`` against the query into ``cache``."""
        lo, hi = int(table.name_start[row]), int(table.name_start[row + 1])
        ids = np.concatenate(
            [
                table.part_ids[table.part_start[lo] : table.part_start[hi]],
                table.join_ids[table.join_start[lo] : table.join_start[hi]],
            ]
        )
        ids = np.unique(ids)
        cols = np.searchsorted(self.unique, ids)
        values = self.similarities[:, cols].tolist()
        c_ids = [id(table.parts[p]) for p in ids.tolist()]
        for qp, row_values in zip(query.parts, values, strict=True):
            q = id(qp)
            cache.update(((q, c), v) for c, v in zip(c_ids, row_values, strict=True))


def _ranges(lo: IntArray, hi: IntArray) -> IntArray:
    """The concatenation of ``range(lo[k], hi[k])`` for every k."""
    lengths = hi - lo
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    return np.repeat(lo - starts, lengths) + np.arange(total)


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


def evidence_bounds(
    query: QueryParts, table: RecordTable, rows: list[int], penalties: FloatArray
) -> BlockBounds:
    """Bounds of the name evidence and of the unmatched-part penalties against ``rows``.

    ``penalties`` holds, per row, the weights of the query-side and record-side unmatched
    penalties (two columns). The result's ``penalty`` is a lower bound of the penalty that
    the best alignment pays (0 where it could be avoided).
    """
    row_arr = np.asarray(rows, dtype=np.int64)
    n_vars = table.name_start[row_arr + 1] - table.name_start[row_arr]
    variants = _ranges(table.name_start[row_arr], table.name_start[row_arr + 1])
    p_lo, p_hi = table.part_start[variants], table.part_start[variants + 1]
    j_lo, j_hi = table.join_start[variants], table.join_start[variants + 1]
    cols_p = table.part_ids[_ranges(p_lo, p_hi)]
    cols_j = table.join_ids[_ranges(j_lo, j_hi)]
    unique, inverse = np.unique(np.concatenate([cols_p, cols_j]), return_inverse=True)
    sims = similarity_matrix(query.parts, [table.parts[p] for p in unique.tolist()])
    none = np.zeros(len(rows))
    if not query.parts or not len(variants):
        return BlockBounds(np.where(n_vars > 0, 0.0, -1.0), none, sims, unique)
    c_weights = table.part_weights[unique][None, :]
    eligible = np.where(sims >= MIN_PART_SIMILARITY, sims, 0.0)
    m = np.minimum(query.weights[:, None], c_weights) * eligible
    a_q, a_c = query.weights[:, None] * eligible, c_weights * eligible
    n_p = len(cols_p)
    inv_p, inv_j = inverse[:n_p], inverse[n_p:]
    lb, ljb = p_hi - p_lo, j_hi - j_lo
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
    q_total = _segments(np.add, query.weights[: query.direct, None], la, axis=0)
    c_total = _segments(np.add, table.part_weights[cols_p][:, None], lb, axis=0)[:, 0]
    q_missing = np.where(a > b, 0.0, _missing(q_cov, q_total))
    c_missing = np.where(a < b, 0.0, _missing(c_cov, c_total[None, :]))
    owner = np.repeat(np.arange(len(rows)), n_vars)
    pen = q_missing * penalties[owner, 0][None, :] + c_missing * penalties[owner, 1][None, :]
    evidence = _segments(np.maximum, bound.max(axis=0)[:, None], n_vars, axis=0)[:, 0]
    penalty = _segments(np.minimum, pen.min(axis=0)[:, None], n_vars, axis=0, pad=np.inf)[:, 0]
    return BlockBounds(np.where(n_vars > 0, evidence, -1.0), penalty, sims, unique)
