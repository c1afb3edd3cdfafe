"""The in-memory match index: immutable, cheap to change by overlay, searched by query.

``MatchIndex.build(records)`` indexes records once. ``index.with_changes(upserts, removals)``
returns a new index that shares the large base block with the old one and holds the changes in a
small overlay block (``delta``); subjects changed or removed are hidden in the base. When the
overlay grows past ``max(1000, 10 %)`` of the base, the new index is compacted into one block.
The old index is never touched, so a worker swaps its reference atomically. A base block does
not store the postings that no search reads while it is the base (``unread_cuts``).

Search: retrieve candidates by IDF-weighted retrieval keys (``ictd.matching.segment``) and by
exact identifier, skipping keys held by more than ``MAX_DF_SHARE`` of the subjects (when every
key of a query is that frequent, the records holding the two rarest keys together are used, so
recall is kept). Then bound each candidate's score from above cheaply
(``ictd.matching.bound``: a bulk part-similarity matrix bounds the name evidence; the other facts
are compared exactly, ``ictd.matching.prune``, unless the names leave the candidate below the
threshold even with the best facts the query allows) and score in full
(``ictd.matching.scorer``), best bound first, only the candidates whose bound can still reach
the threshold and the ``limit`` best so far. The result is exactly what scoring every
retrieved candidate in full would give.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import numpy.typing as npt

from ictd.matching import native
from ictd.matching.bound import BlockBounds, QueryParts, name_bounds
from ictd.matching.prune import Ceilings, FactsMemo, query_ceilings, reachable, score_bounds
from ictd.matching.record import IndexRecord, Prepared, Query, is_org_schema, prepare_query
from ictd.matching.result import Match
from ictd.matching.scorer import PartCache, score_prepared
from ictd.matching.segment import (
    NEIGHBOUR_PREFIX,
    RowArray,
    Segment,
    entry_of,
    query_fact_keys,
    query_keys,
)
from ictd.matching.table import Entry

__all__ = ["MatchIndex", "unread_cuts"]

MAX_DF_SHARE = 0.02
"""Keys held by more than this share of subjects (and more than ``MIN_PRUNE_DF``) are skipped."""
MIN_PRUNE_DF = 2_000
CANDIDATES_PER_RESULT = 2
MIN_CANDIDATES = 15
IDENTIFIER_BOOST = 1_000.0
READING_SHARE = 2
"""Each reading of a query's names adds its own best ``wanted // READING_SHARE`` rows."""
NEIGHBOUR_SHARE = 2
"""The skeleton-neighbour keys (``segment.NEIGHBOUR_PREFIX``) add their own best
``wanted // NEIGHBOUR_SHARE`` rows: kept apart from the other keys, they find a name with a typo
in every part without changing which rows the other keys find. They are looked up only when a
part of the query has a skeleton that no indexed name has (``_has_unknown_part``)."""
MAX_FACT_ROWS = 32
"""A full birth date of the query (``segment.query_fact_keys``) held by this many records or
fewer adds them to the candidates, whatever their names: an alias that shares one common word
with the listed name (``Abdelillah Ahmed Said`` for ``Ahmed Deghdegh``), or none, is found by
the birth date. A longer list (a placeholder date such as 1 January) singles out no one; its
records are found by name or not at all. The candidates are scored as any other."""
COMPACT_MIN = 1_000
COMPACT_DIVISOR = 10
"""An overlay of more than ``max(COMPACT_MIN, base // COMPACT_DIVISOR)`` subjects (held or
hidden) is compacted with its base into a new base (``MatchIndex.with_changes``)."""
MAX_KNOWN_KEYS = 200_000
"""Keys whose weights an index remembers (``MatchIndex._key_info``) before it starts again."""
_NO_ROWS: RowArray = np.zeros(0, dtype=np.int32)
_UNKNOWN = object()
_KeyInfo = tuple[float, bool]
FloatArray = npt.NDArray[np.float64]


class MatchIndex:
    """An immutable index of ``IndexRecord``; see the module docstring."""

    __slots__ = ("_base", "_delta", "_hidden", "_hidden_rows", "_keys", "_spare")

    def __init__(self, base: Segment, delta: Segment | None, hidden: frozenset[int]) -> None:
        self._base = base
        self._delta = delta
        self._hidden = hidden
        self._keys: dict[str, _KeyInfo | None] = {}  # filled by ``_key_info``
        self._spare: list[list[FloatArray]] = []  # retrieval scratch not in use (``_scratch``)
        rows = sorted(r for r in (base.row_of(sid) for sid in hidden) if r is not None)
        self._hidden_rows: RowArray = np.array(rows, dtype=np.int32)

    @classmethod
    def build(cls, records: Iterable[IndexRecord]) -> MatchIndex:
        """Index ``records``; a repeated subject id keeps its last record."""
        return cls(_as_base(Segment.build(records)), None, frozenset())

    def __len__(self) -> int:
        delta = self._delta
        in_base = len(self._base) - len(self._hidden)
        return in_base + (len(delta) if delta else 0)

    def __contains__(self, subject_id: object) -> bool:
        if not isinstance(subject_id, int):
            return False
        if self._delta is not None and self._delta.row_of(subject_id) is not None:
            return True
        return self._base.row_of(subject_id) is not None and subject_id not in self._hidden

    @property
    def delta_size(self) -> int:
        """Subjects held in the overlay plus subjects hidden in the base."""
        return (len(self._delta) if self._delta else 0) + len(self._hidden)

    def with_changes(
        self, upserts: Iterable[IndexRecord] = (), removals: Iterable[int] = ()
    ) -> MatchIndex:
        """A new index with ``removals`` taken out, then ``upserts`` added or replaced."""
        delta = self._delta
        entries: dict[int, Entry] = {}
        if delta is not None:
            for row in range(len(delta)):
                entry = delta.table.entry(row)
                entries[entry.subject_id] = entry
        hidden = set(self._hidden)
        for sid in removals:
            entries.pop(sid, None)
            if self._base.row_of(sid) is not None:
                hidden.add(sid)
        for record in {r.subject_id: r for r in upserts}.values():
            entries.pop(record.subject_id, None)
            entries[record.subject_id] = entry_of(record)
            if self._base.row_of(record.subject_id) is not None:
                hidden.add(record.subject_id)
        if len(entries) + len(hidden) > _most_changes(len(self._base)):
            return self._compacted(entries, hidden)
        new_delta = Segment.from_entries(entries.values()) if entries else None
        return MatchIndex(self._base, new_delta, frozenset(hidden))

    def _compacted(self, entries: dict[int, Entry], hidden: set[int]) -> MatchIndex:
        base = self._base.table
        kept = [
            base.entry(row) for row in range(len(base)) if int(base.subject_ids[row]) not in hidden
        ]
        whole = _as_base(Segment.from_entries([*kept, *entries.values()]))
        return MatchIndex(whole, None, frozenset())

    def search(self, query: Query, limit: int = 10, threshold: float = 0.0) -> list[Match]:
        """The best matches of ``query``, score descending, at most ``limit``, ≥ ``threshold``."""
        with self._scratch() as scratch:
            return self._search(prepare_query(query), limit, threshold, scratch)

    def _search(
        self, prepared: Prepared, limit: int, threshold: float, scratch: list[FloatArray] | None
    ) -> list[Match]:
        """``search`` of a prepared query; ``scratch`` (one zeroed array per block, in the
        order of ``_segments``) lets retrieval read the posting arrays in place."""
        keys = query_keys(prepared.names)
        weights = self._key_weights(keys)
        wanted = max(MIN_CANDIDATES, limit * CANDIDATES_PER_RESULT)
        parts: QueryParts | None = None  # made when a candidate's names are compared
        memo: FactsMemo = {}  # by facts object too: ``blocks`` keeps them alive
        blocks: list[tuple[Segment, list[int], BlockBounds, list[Prepared]]] = []
        pending: list[tuple[float, int, int, int]] = []  # (-bound, subject id, block, position)
        readings = _reading_keys(prepared, keys)
        born = query_fact_keys(prepared)
        ceilings: Ceilings | None = None  # made when a block has candidates
        for at, (segment, hidden) in enumerate(self._segments()):
            held = [segment.identifier_rows(norm) for norm in prepared.identifiers]
            space = None if scratch is None else scratch[at]
            rows = _candidates(
                segment, prepared, weights, hidden, wanted, readings, space, held
            ).tolist()
            if born:
                rows = _with_fact_rows(segment, rows, born, hidden)
            if not rows:
                continue
            table = segment.table
            facts = _facts(segment, rows, prepared, held)
            ceilings = ceilings or query_ceilings(prepared)
            keep = reachable(prepared, facts, memo, threshold, ceilings)
            if not all(keep):  # out on their facts whatever their names
                rows = [r for r, k in zip(rows, keep, strict=True) if k]
                facts = [f for f, k in zip(facts, keep, strict=True) if k]
                if not rows:
                    continue
            if parts is None:
                parts = QueryParts.of(prepared.names)
            orgs = [bool(is_org_schema(f.schema)) for f in facts]
            bounds = name_bounds(parts, table, rows, orgs)
            ub = score_bounds(prepared, facts, bounds.pull.tolist(), memo, threshold, ceilings)
            ids = table.subject_ids[rows].tolist()
            n = len(blocks)
            pending.extend(
                (-b, sid, n, k)
                for k, (b, sid) in enumerate(zip(ub, ids, strict=True))
                if b >= threshold  # below it a candidate is never scored
            )
            blocks.append((segment, rows, bounds, facts))
        pending.sort()
        best: list[tuple[float, int, int, Match]] = []  # min-heap: score, literal, -subject id
        for neg_bound, sid, n, k in pending:
            cutoff = max(threshold, best[0][0]) if len(best) >= limit else threshold
            if -neg_bound < cutoff:
                break
            segment, rows, bounds, _ = blocks[n]
            row = rows[k]
            assert parts is not None  # made with the block
            cache: PartCache = {}
            bounds.fill(cache, parts, segment.table, k)
            match = score_prepared(prepared, segment.prepared(row), sid, cache, bounds.worth(k))
            if match.score >= threshold:
                item = (match.score, match.literal, -match.subject_id, match)
                if len(best) < limit:
                    heapq.heappush(best, item)
                elif item[:3] > best[0][:3]:
                    heapq.heapreplace(best, item)
        found = [m for _, _, _, m in best]
        found.sort(key=lambda m: m.rank_key)
        return found[:limit]

    def search_many(
        self, queries: Sequence[Query], limit: int = 10, threshold: float = 0.0
    ) -> list[list[Match]]:
        """``search`` of each query of a batch, in order (a manifest's travellers, a
        screening file); a query given twice in the batch is searched once."""
        done: dict[tuple[object, ...], list[Match]] = {}
        out = []
        with self._scratch() as scratch:
            for query in queries:
                key = (query.names, query.schema, query.birth_date, query.nationalities,
                       query.gender, query.identifiers)  # fmt: skip
                found = done.get(key)
                if found is None:
                    found = done[key] = self._search(
                        prepare_query(query), limit, threshold, scratch
                    )
                out.append(list(found))
        return out

    @contextmanager
    def _scratch(self) -> Iterator[list[FloatArray]]:
        """Zeroed arrays, one per block (``_segments``), for one search at a time: retrieval
        adds the posting lists up in them (``_candidates``) and leaves them zeros again.
        Arrays not in use are kept for the next search, so there are as many sets as
        searches ever ran at once, not one per thread that searched (``list.pop`` and
        ``append`` are atomic: no lock). A search that fails does not give its arrays back:
        they may not be zeros."""
        try:
            arrays = self._spare.pop()
        except IndexError:
            arrays = [np.zeros(len(segment), dtype=np.float64) for segment, _ in self._segments()]
        yield arrays
        self._spare.append(arrays)

    def _segments(self) -> list[tuple[Segment, RowArray]]:
        """The blocks searched, each with its hidden rows: the base, then the overlay."""
        if self._delta is None:
            return [(self._base, self._hidden_rows)]
        return [(self._base, self._hidden_rows), (self._delta, _NO_ROWS)]

    def _key_weights(self, keys: dict[str, float]) -> dict[str, tuple[float, bool]]:
        """IDF weight of each query key over the whole index, and whether it is kept; the
        skeleton-neighbour keys only when a part may have a typo (``_has_unknown_part``)."""
        out: dict[str, tuple[float, bool]] = {}
        for key, rel in keys.items():
            info = self._key_info(key)
            if info is not None:
                out[key] = (rel * info[0], info[1])
        if not _has_unknown_part(keys, out):
            return {k: w for k, w in out.items() if not k.startswith(NEIGHBOUR_PREFIX)}
        return out

    def _key_info(self, key: str) -> _KeyInfo | None:
        """``log(1 + subjects / df)`` of ``key`` and whether it is kept (None when no subject
        holds it), worked out once per index: keys recur from query to query (trigrams,
        common names), and the index never changes."""
        found = self._keys.get(key, _UNKNOWN)
        if found is not _UNKNOWN:
            return found  # type: ignore[return-value]  # _UNKNOWN is not returned
        total = max(1, len(self))
        limit = max(MIN_PRUNE_DF, int(total * MAX_DF_SHARE))
        df = self._base.df(key) + (self._delta.df(key) if self._delta else 0)
        info = (math.log(1.0 + total / df), df <= limit) if df else None
        if len(self._keys) >= MAX_KNOWN_KEYS:
            self._keys.clear()
        self._keys[key] = info
        return info


def _most_changes(base: int) -> int:
    """The most subjects an overlay holds or hides over a base of ``base`` subjects."""
    return max(COMPACT_MIN, base // COMPACT_DIVISOR)


def unread_cuts(base: int) -> tuple[int, int]:
    """The document frequencies above which the postings of a base block of ``base``
    subjects are never read, for ``segment.drop_postings``: a name key but a skeleton's
    own, and a birth-date key.

    A name key is read when it is kept (``MatchIndex._key_info``), that is held by no more
    than ``max(MIN_PRUNE_DF, total * MAX_DF_SHARE)`` subjects. Until the next compaction
    the total grows to ``base + _most_changes(base)`` at most, and a key's document
    frequency never falls below the base's (hidden rows still count), so a key of the base
    held by more than that cut at the largest total is never kept. A birth-date key is read
    in a block that holds it ``MAX_FACT_ROWS`` times or fewer (``_with_fact_rows``).
    """
    most = base + _most_changes(base)
    return max(MIN_PRUNE_DF, int(most * MAX_DF_SHARE)), MAX_FACT_ROWS


def _as_base(segment: Segment) -> Segment:
    """``segment`` as the base block of an index: without the postings no search reads."""
    return segment.without_unread(*unread_cuts(len(segment)))


def _has_unknown_part(keys: dict[str, float], weights: dict[str, tuple[float, bool]]) -> bool:
    """Some part of the query has a skeleton no indexed name has (``s:`` key unknown to the
    index): perhaps a typo, which its skeleton neighbours may find."""
    return any(key.startswith("s:") and key not in weights for key in keys)


def _reading_keys(prepared: Prepared, keys: dict[str, float]) -> list[frozenset[str]]:
    """The retrieval keys of each reading of the query's names, when its readings differ in
    their keys (a name in a non-Latin script read in several styles, ``رضا`` as ``rda`` and
    ``rza``); none for a query with one set of keys."""
    if len(prepared.names) < 2:
        return []
    readings = list(dict.fromkeys(frozenset(query_keys([name])) for name in prepared.names))
    return readings if len(readings) > 1 and all(r != keys.keys() for r in readings) else []


def _facts(
    segment: Segment, rows: list[int], query: Prepared, held: list[RowArray] | None = None
) -> list[Prepared]:
    """The facts of ``rows`` to bound their scores with: with identifiers only for the rows
    that hold one of the query's identifiers (``held``: the rows of each, when looked up
    already).

    A record that holds none of them can only have an identifier in conflict, which lowers its
    score, so its bound leaves the identifiers out and needs no identifiers unpacked.
    """
    table = segment.table
    every = table.facts  # ``table.facts_of(row, False)`` of each row
    if not query.identifiers:
        return [every[row] for row in rows]
    if held is None:
        held = [segment.identifier_rows(norm) for norm in query.identifiers]
    holders: set[int] = set()
    for found in held:
        holders.update(found.tolist())
    if not holders:
        return [every[row] for row in rows]
    return [table.facts_of(row) if row in holders else every[row] for row in rows]


def _candidates(
    segment: Segment,
    query: Prepared,
    weights: dict[str, tuple[float, bool]],
    hidden: RowArray,
    wanted: int,
    readings: Sequence[frozenset[str]] = (),
    scratch: FloatArray | None = None,
    held: list[RowArray] | None = None,
) -> RowArray:
    """Rows of ``segment`` worth scoring, best retrieval score first (ties: lower row first).

    A row's retrieval score is the sum of the weights of the posting lists it is in. When the
    query's names have several readings, the best rows of each reading's own keys follow
    (half as many): summed over every reading, records whose names are written in the query's script
    (and so hold the keys of all its readings) would crowd out a record written in Latin that
    agrees with one reading in every part (``رضا نوری`` for ``Reza Nouri``).

    With ``scratch`` (zeros, an item per row of ``segment``) the posting lists are added up
    where they lie (``native.top_keyed``); ``held``: the rows of each of the query's
    identifiers, when looked up already.
    """
    lists: list[tuple[RowArray, float]] = []
    kept = [(k, w) for k, (w, keep) in weights.items() if keep and segment.df(k)]
    near = [(k, w) for k, w in kept if k.startswith(NEIGHBOUR_PREFIX)]
    kept = [(k, w) for k, w in kept if not k.startswith(NEIGHBOUR_PREFIX)]
    if not kept:
        kept = _fallback(segment, weights, lists)
    if held is None:
        held = [segment.identifier_rows(norm) for norm in query.identifiers]
    extra = lists + [(found, IDENTIFIER_BOOST) for found in held]
    if not kept and not extra and not near:
        return _NO_ROWS
    in_place = scratch is not None and all(w > 0.0 for _, w in kept)

    def top(keys: list[tuple[str, float]], more: list[tuple[RowArray, float]], n: int) -> RowArray:
        # a neighbour key's rows lie in two lists (``Segment.key_lists``), read one after
        # the other where the key is: each row is in one, so its sum is added up as before
        numbered = [(kid, weight) for key, weight in keys for kid in segment.key_lists(key)]
        if in_place:
            assert scratch is not None
            return native.top_keyed(segment.offsets, segment.rows, numbered, more, hidden, n,
                                    scratch)  # fmt: skip
        lists = [(segment.stored(kid), weight) for kid, weight in numbered] + more
        return native.top_rows(lists, hidden, n)

    found = [top(kept, extra, wanted)] if kept or extra else []
    for reading in readings if kept else ():
        own = [(k, w) for k, w in kept if k in reading]
        if own:
            found.append(top(own, [], max(1, wanted // READING_SHARE)))
    if near:
        found.append(top(near, [], max(1, wanted // NEIGHBOUR_SHARE)))
    return _in_order(found)


def _with_fact_rows(
    segment: Segment, rows: list[int], keys: list[str], hidden: RowArray
) -> list[int]:
    """``rows``, then the rows of each birth-date key held by ``MAX_FACT_ROWS`` records or
    fewer that are not hidden and not among them already."""
    more = [found for key in keys if 0 < len(found := segment.postings(key)) <= MAX_FACT_ROWS]
    if not more:
        return rows
    extra = np.concatenate(more) if len(more) > 1 else more[0]
    if len(hidden):
        extra = extra[~np.isin(extra, hidden)]
    seen = set(rows)
    out = list(rows)
    for row in extra.tolist():
        if row not in seen:
            seen.add(row)
            out.append(row)
    return out


def _in_order(found: list[RowArray]) -> RowArray:
    """The rows of every list, each once, in the order first seen."""
    if len(found) == 1:
        return found[0]
    every = np.concatenate(found)
    _, first = np.unique(every, return_index=True)
    return every[np.sort(first)]


def _fallback(
    segment: Segment, weights: dict[str, tuple[float, bool]], lists: list[tuple[RowArray, float]]
) -> list[tuple[str, float]]:
    """Every key is frequent: keep the records that hold the two rarest skeleton keys together."""
    frequent = sorted(
        (segment.df(k), k, w)
        for k, (w, _) in weights.items()
        if k.startswith("s:") and segment.df(k)
    )
    if len(frequent) >= 2:
        rows = np.intersect1d(segment.postings(frequent[0][1]), segment.postings(frequent[1][1]))
        lists.append((rows.astype(np.int32), frequent[0][2] + frequent[1][2]))
        return []
    return [(k, w) for _, k, w in frequent[:1]]
