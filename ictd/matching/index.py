"""The in-memory match index: immutable, cheap to change by overlay, searched by query.

``MatchIndex.build(records)`` indexes records once. ``index.with_changes(upserts, removals)``
returns a new index that shares the large base block with the old one and holds the changes in a
small overlay block (``delta``); subjects changed or removed are hidden in the base. When the
overlay grows past ``max(1000, 10 %)`` of the base, the new index is compacted into one block.
The old index is never touched, so a worker swaps its reference atomically.

Search: retrieve candidates by IDF-weighted retrieval keys (``ictd.matching.segment``) and by
exact identifier, skipping keys held by more than ``MAX_DF_SHARE`` of the subjects (when every
key of a query is that frequent, the records holding the two rarest keys together are used, so
recall is kept); then score the best candidates fully (``ictd.matching.scorer``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from ictd.matching.compare import prefill_similarities
from ictd.matching.record import IndexRecord, Prepared, Query, prepare_query
from ictd.matching.result import Match
from ictd.matching.scorer import PartCache, score_prepared
from ictd.matching.segment import RowArray, Segment, query_keys

__all__ = ["MatchIndex"]

MAX_DF_SHARE = 0.02
"""Keys held by more than this share of subjects (and more than ``MIN_PRUNE_DF``) are skipped."""
MIN_PRUNE_DF = 2_000
CANDIDATES_PER_RESULT = 2
MIN_CANDIDATES = 15
IDENTIFIER_BOOST = 1_000.0
_NO_ROWS: RowArray = np.zeros(0, dtype=np.int32)


class MatchIndex:
    """An immutable index of ``IndexRecord``; see the module docstring."""

    __slots__ = ("_base", "_delta", "_hidden", "_hidden_rows")

    def __init__(self, base: Segment, delta: Segment | None, hidden: frozenset[int]) -> None:
        self._base = base
        self._delta = delta
        self._hidden = hidden
        rows = sorted(base.rows_by_id[sid] for sid in hidden)
        self._hidden_rows: RowArray = np.array(rows, dtype=np.int32)

    @classmethod
    def build(cls, records: Iterable[IndexRecord]) -> MatchIndex:
        """Index ``records``; a repeated subject id keeps its last record."""
        return cls(Segment.build(records), None, frozenset())

    def __len__(self) -> int:
        delta = self._delta
        in_base = len(self._base) - len(self._hidden)
        return in_base + (len(delta) if delta else 0)

    def __contains__(self, subject_id: object) -> bool:
        if not isinstance(subject_id, int):
            return False
        if self._delta is not None and subject_id in self._delta.rows_by_id:
            return True
        return subject_id in self._base.rows_by_id and subject_id not in self._hidden

    @property
    def delta_size(self) -> int:
        """Subjects held in the overlay plus subjects hidden in the base."""
        return (len(self._delta) if self._delta else 0) + len(self._hidden)

    def with_changes(
        self, upserts: Iterable[IndexRecord] = (), removals: Iterable[int] = ()
    ) -> MatchIndex:
        """A new index with ``removals`` taken out, then ``upserts`` added or replaced."""
        delta = self._delta
        records = {r.subject_id: r for r in (delta.records if delta else ())}
        known = (
            {r.subject_id: p for r, p in zip(records.values(), delta.prepared, strict=True)}
            if delta
            else {}
        )
        hidden = set(self._hidden)
        for sid in removals:
            records.pop(sid, None)
            known.pop(sid, None)
            if sid in self._base.rows_by_id:
                hidden.add(sid)
        for record in upserts:
            records[record.subject_id] = record
            known.pop(record.subject_id, None)
            if record.subject_id in self._base.rows_by_id:
                hidden.add(record.subject_id)
        if len(records) + len(hidden) > max(1000, len(self._base) // 10):
            return self._compacted(records, known, hidden)
        new_delta = Segment.build(records.values(), known) if records else None
        return MatchIndex(self._base, new_delta, frozenset(hidden))

    def _compacted(
        self, records: dict[int, IndexRecord], known: dict[int, Prepared], hidden: set[int]
    ) -> MatchIndex:
        base = self._base
        kept = [r for r in base.records if r.subject_id not in hidden]
        for record, prepared in zip(base.records, base.prepared, strict=True):
            if record.subject_id not in hidden:
                known[record.subject_id] = prepared
        return MatchIndex(Segment.build([*kept, *records.values()], known), None, frozenset())

    def search(self, query: Query, limit: int = 10, threshold: float = 0.0) -> list[Match]:
        """The best matches of ``query``, score descending, at most ``limit``, ≥ ``threshold``."""
        prepared = prepare_query(query)
        keys = query_keys(prepared.names)
        weights = self._key_weights(keys)
        wanted = max(MIN_CANDIDATES, limit * CANDIDATES_PER_RESULT)
        cache: PartCache = {}
        found: list[Match] = []
        segments = [(self._base, self._hidden_rows)]
        if self._delta is not None:
            segments.append((self._delta, _NO_ROWS))
        q_parts = list({id(p): p for n in prepared.names for p in n.parts}.values())
        for segment, hidden in segments:
            rows = _candidates(segment, prepared, weights, hidden, wanted)
            c_parts = {id(p): p for r in rows for n in segment.prepared[r].names for p in n.parts}
            prefill_similarities(q_parts, list(c_parts.values()), cache)
            for row in rows:
                sid = int(segment.subject_ids[row])
                match = score_prepared(prepared, segment.prepared[row], sid, cache)
                if match.score >= threshold:
                    found.append(match)
        found.sort(key=lambda m: (-m.score, m.subject_id))
        return found[:limit]

    def _key_weights(self, keys: dict[str, float]) -> dict[str, tuple[float, bool]]:
        """IDF weight of each query key over the whole index, and whether it is kept."""
        total = max(1, len(self))
        limit = max(MIN_PRUNE_DF, int(total * MAX_DF_SHARE))
        out: dict[str, tuple[float, bool]] = {}
        for key, rel in keys.items():
            df = self._base.df(key) + (self._delta.df(key) if self._delta else 0)
            if df:
                out[key] = (rel * math.log(1.0 + total / df), df <= limit)
        return out


def _candidates(
    segment: Segment,
    query: Prepared,
    weights: dict[str, tuple[float, bool]],
    hidden: RowArray,
    wanted: int,
) -> RowArray:
    """Rows of ``segment`` worth scoring, best retrieval score first."""
    parts: list[RowArray] = []
    scores: list[np.ndarray] = []
    kept = [(k, w) for k, (w, keep) in weights.items() if keep and segment.df(k)]
    if not kept:
        kept = _fallback(segment, weights, parts, scores)
    for key, weight in kept:
        rows = segment.postings(key)
        parts.append(rows)
        scores.append(np.full(len(rows), weight))
    for norm in query.identifiers:
        rows = np.array(segment.identifiers.get(norm, ()), dtype=np.int32)
        parts.append(rows)
        scores.append(np.full(len(rows), IDENTIFIER_BOOST))
    if not parts:
        return _NO_ROWS
    unique, inverse = np.unique(np.concatenate(parts), return_inverse=True)
    totals = np.bincount(inverse, weights=np.concatenate(scores))
    if len(hidden):
        visible = ~np.isin(unique, hidden, assume_unique=True)
        unique, totals = unique[visible], totals[visible]
    if len(unique) > wanted:
        best = np.argpartition(-totals, wanted - 1)[:wanted]
        unique, totals = unique[best], totals[best]
    return unique[np.argsort(-totals, kind="stable")]


def _fallback(
    segment: Segment,
    weights: dict[str, tuple[float, bool]],
    parts: list[RowArray],
    scores: list[np.ndarray],
) -> list[tuple[str, float]]:
    """Every key is frequent: keep the records that hold the two rarest skeleton keys together."""
    frequent = sorted(
        (segment.df(k), k, w)
        for k, (w, _) in weights.items()
        if k.startswith("s:") and segment.df(k)
    )
    if len(frequent) >= 2:
        rows = np.intersect1d(segment.postings(frequent[0][1]), segment.postings(frequent[1][1]))
        parts.append(rows.astype(np.int32))
        scores.append(np.full(len(rows), frequent[0][2] + frequent[1][2]))
        return []
    return [(k, w) for _, k, w in frequent[:1]]
