"""One immutable block of the index: a compact record table plus compact posting arrays.

Retrieval keys per name part (``record_keys``): the consonant skeleton (``s:``), the ASCII form
(``t:``), the skeleton's character trigrams (``g:``, for typos), its neighbours one letter
shorter (``d:``, for typos in skeletons too short for trigrams) and initials beside a word
(``i:``, ``INITIAL_PREFIX``). Postings are held as two
numpy arrays in CSR layout — ``offsets[key]:offsets[key + 1]`` slices ``rows`` — rather than as
Python objects per name; a key's document frequency is held apart (``counts``), as a slice may
hold fewer rows than the key has: a neighbour key leaves out the rows of the skeleton's own key
(``key_lists``), and a block may drop the postings no search reads (``drop_postings``). Records
are held in a ``RecordTable`` (``ictd.matching.table``); subject ids and identifiers are looked
up in sorted arrays. A record's birth dates and nationalities are keys too (``FACT_PREFIX``,
``record_fact_keys``): a query whose names share little with a subject's may still find it by
a full birth date that few subjects have (``query_fact_keys``).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from hashlib import blake2b
from itertools import repeat

import numpy as np
import numpy.typing as npt

from ictd.matching.keys import skeleton_neighbours, skeleton_trigrams
from ictd.matching.name import PREFIXES, ParsedName, Part
from ictd.matching.record import IndexRecord, Prepared, prepare_record
from ictd.matching.table import Entry, RecordTable, TableBuilder

__all__ = [
    "FACT_PREFIX",
    "INITIAL_PREFIX",
    "Segment",
    "drop_postings",
    "entry_of",
    "query_fact_keys",
    "query_keys",
    "record_fact_keys",
    "record_keys",
]

IntArray = npt.NDArray[np.int64]
RowArray = npt.NDArray[np.int32]
_EMPTY: RowArray = np.zeros(0, dtype=np.int32)
_EMPTY64: IntArray = np.zeros(0, dtype=np.int64)
SKELETON_PREFIX = "s:"
NEIGHBOUR_PREFIX = "d:"
"""Skeleton-neighbour keys (``keys.skeleton_neighbours``): a record's skeletons and those one
letter shorter, which ``MatchIndex`` looks up apart from the other keys. The rows of ``d:X``
are those of ``s:X`` and those of the records with a skeleton one letter longer than ``X``:
a block stores only the second set under ``d:X`` (``Segment.key_lists``)."""


FACT_PREFIX = "f:"
"""Birth-date keys: ``f:1967-01-17``, a full birth date. Never among a query's name keys
(``query_keys``)."""


def record_fact_keys(facts: Prepared) -> set[str]:
    """The birth-date keys of a record: each of its birth dates known to the day."""
    return {
        f"{FACT_PREFIX}{v.earliest.isoformat()}" for v in facts.birth_dates if v.precision == "day"
    }


def query_fact_keys(query: Prepared) -> list[str]:
    """The birth-date keys a query looks up: each of its birth dates known to the day. A year,
    even with a nationality, is left out: on a list of a thousand it brings in dozens, and the
    scorer reads a year and a nationality in common beside a weak name (``Mohammad Ahmadi``
    against ``Mohammad Hasan Rahmani``, both 1963, AF) as a match."""
    return [
        f"{FACT_PREFIX}{v.earliest.isoformat()}" for v in query.birth_dates if v.precision == "day"
    ]


INITIAL_PREFIX = "i:"
"""Initial keys: ``i:t:tkrt``, a letter some part of a name begins with and the skeleton of
another part, the name's first or last in a record (``_initial_keys``)."""


def _is_word(part: Part) -> bool:
    return len(part.text) > 1 and len(part.skeleton) >= 2 and part.text not in PREFIXES


def _initial_keys(name: ParsedName, query: bool, keys: dict[str, float]) -> None:
    """Add the initial keys of ``name`` to ``keys``. A query's: each of its Latin initials with
    each of its other words, only when it has both (``T. B. I. H. al-Tikriti``, ``Sayed, A. S.
    M.``); a record's: the first letter of each part with the first and the last word. A query
    of initials beside one common family name finds the records whose name ends (or begins)
    with it and holds those initials, not the first few of the many that share the name."""
    parts = name.parts
    if query:
        letters = {p.text for p in parts if len(p.text) == 1 and not (p.abjad or p.syllabic)}
        words = {p.skeleton for p in parts if _is_word(p)} if letters else set()
        for word in words:
            for letter in letters:
                keys.setdefault(f"{INITIAL_PREFIX}{letter}:{word}", 1.0)
        return
    if len(parts) < 2:
        return
    for at in {0, len(parts) - 1}:
        if _is_word(parts[at]):
            word = parts[at].skeleton
            for k, part in enumerate(parts):
                if k != at and part.text:
                    keys.setdefault(f"{INITIAL_PREFIX}{part.text[0]}:{word}", 1.0)


def _keys(names: Iterable[ParsedName], after_prefix_too: bool) -> dict[str, float]:
    keys: dict[str, float] = {}
    for name in names:
        _initial_keys(name, not after_prefix_too, keys)
        after_prefix = False
        for part in name.parts:
            prefix = part.text in PREFIXES
            skip = prefix or (after_prefix and after_prefix_too)
            after_prefix = prefix
            if len(part.text) < 2 or skip:
                continue
            own, typos = _skeleton_keys(part.skeleton)
            keys[own] = 1.0
            keys[f"t:{part.text}"] = 0.5
            for key, weight in typos:
                keys.setdefault(key, weight)
    return keys


@lru_cache(maxsize=65_536)
def _skeleton_keys(skeleton: str) -> tuple[str, tuple[tuple[str, float], ...]]:
    """A skeleton's own key, then its trigrams' and its neighbours' keys with their weights,
    in the order ``_keys`` gives them; remembered by the skeleton (one string, so the cache
    stays out of the collector's walk: ``ictd.matching.name``), as parts recur."""
    grams = skeleton_trigrams(skeleton) if len(skeleton) >= 3 else ()
    near = skeleton_neighbours(skeleton) if len(skeleton) >= 2 else ()
    typos = [(f"g:{gram}", 0.25) for gram in grams]
    typos += [(NEIGHBOUR_PREFIX + n, 1.0) for n in near]
    return f"s:{skeleton}", tuple(typos)


def record_keys(names: Iterable[ParsedName]) -> dict[str, float]:
    """Retrieval keys of a set of names, each with its relative weight.

    A lone ``abd``/``abu`` and, in a record, the word split from it (``abd rahman``) have no
    keys: the joined variant's keys find the record, and theirs would be long posting lists.
    """
    return _keys(names, after_prefix_too=True)


def query_keys(names: Iterable[ParsedName]) -> dict[str, float]:
    """``record_keys`` of a query's names; the word after a lone prefix keeps its keys
    (``Abdul Agha`` finds ``Abdul Rahman Agha`` through ``agha``)."""
    return _keys(names, after_prefix_too=False)


def entry_of(record: IndexRecord) -> Entry:
    """Parse ``record`` once into the ``Entry`` a block stores."""
    prepared = prepare_record(record)
    first = {raw: k for k, raw in reversed(list(enumerate(record.names)))}
    facts = Prepared(
        schema=prepared.schema,
        names=(),
        birth_dates=prepared.birth_dates,
        nationalities=prepared.nationalities,
        gender=prepared.gender,
        identifiers={},
    )
    variants = tuple((first[name.original], name) for name in prepared.names)
    return Entry(record.subject_id, facts, record.names, record.identifiers, variants)


def _hash(text: str) -> int:
    """A hash of an identifier that every process agrees on (an index snapshot keeps them)."""
    return int.from_bytes(blake2b(text.encode(), digest_size=8).digest(), "little", signed=True)


@dataclass(frozen=True, slots=True)
class Segment:
    """Records of one block, their postings and their id and identifier look-ups."""

    table: RecordTable
    id_sorted: IntArray
    id_rows: RowArray
    key_ids: dict[str, int]
    offsets: IntArray
    rows: RowArray
    counts: IntArray
    """The records holding each key (by key id): its document frequency."""
    ident_hashes: IntArray
    ident_rows: RowArray

    @classmethod
    def build(cls, records: Iterable[IndexRecord]) -> Segment:
        """Index ``records`` (the last one wins for a repeated subject id), streaming them."""
        segment = cls.from_entries(entry_of(r) for r in records)
        ids = segment.table.subject_ids
        if len(np.unique(ids)) == len(ids):
            return segment
        last = {int(sid): row for row, sid in enumerate(ids.tolist())}  # rare: rebuild
        return cls.from_entries(segment.table.entry(row) for row in sorted(last.values()))

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> Segment:
        """Index entries already parsed (their subject ids must be distinct).

        The (key, row) pairs of the postings and the identifier hashes are collected in
        typed arrays (4 or 8 bytes an item, not a Python object each), so that a million
        records index in bounded memory. A record's neighbour key of one of its own
        skeletons is counted, not stored (``key_lists``).
        """
        builder = TableBuilder()
        key_ids: dict[str, int] = {}
        pair_keys = array("i")
        pair_rows = array("i")
        counted = array("i")  # key ids of the pairs counted but not stored
        ident_keys = array("q")
        ident_rows = array("i")
        for row, entry in enumerate(entries):
            builder.add(entry)
            before = len(pair_keys)
            keys = record_keys(name for _, name in entry.variants)
            for key in keys:  # d:X beside s:X: the neighbour key of a skeleton of its own
                kid = key_ids.setdefault(key, len(key_ids))
                own = key[:2] == NEIGHBOUR_PREFIX and SKELETON_PREFIX + key[2:] in keys
                (counted if own else pair_keys).append(kid)
            pair_keys.extend(
                key_ids.setdefault(k, len(key_ids)) for k in record_fact_keys(entry.facts)
            )
            pair_rows.extend(repeat(row, len(pair_keys) - before))
            for norm in {i.norm for i in entry.identifiers if i.norm}:
                ident_keys.append(_hash(norm))
                ident_rows.append(row)
        table = builder.finish()
        offsets, rows = _csr(pair_keys, pair_rows, len(key_ids))
        del pair_keys, pair_rows
        counts = np.diff(offsets) + np.bincount(_int32(counted), minlength=len(key_ids))
        order = np.argsort(table.subject_ids, kind="stable")
        hashes = np.frombuffer(ident_keys, dtype=np.int64) if ident_keys else _EMPTY64
        by_hash = np.argsort(hashes, kind="stable")
        ident_row_arr = np.frombuffer(ident_rows, dtype=np.int32) if ident_rows else _EMPTY
        return cls(
            table=table,
            id_sorted=table.subject_ids[order],
            id_rows=order.astype(np.int32),
            key_ids=key_ids,
            offsets=offsets,
            rows=rows,
            counts=counts.astype(np.int64),
            ident_hashes=hashes[by_hash],
            ident_rows=ident_row_arr[by_hash],
        )

    def __len__(self) -> int:
        return len(self.table)

    def row_of(self, subject_id: int) -> int | None:
        """The row of ``subject_id``, or None when this block does not hold it."""
        at = int(np.searchsorted(self.id_sorted, subject_id))
        if at < len(self.id_sorted) and self.id_sorted[at] == subject_id:
            return int(self.id_rows[at])
        return None

    def subject_id(self, row: int) -> int:
        return int(self.table.subject_ids[row])

    def prepared(self, row: int) -> Prepared:
        """The full prepared record of ``row``."""
        return self.table.prepared(row)

    def df(self, key: str) -> int:
        """How many records hold ``key``."""
        kid = self.key_ids.get(key)
        return 0 if kid is None else int(self.counts[kid])

    def key_lists(self, key: str) -> tuple[int, ...]:
        """The key ids whose stored postings together are the rows of ``key``, each row in
        one of them: ``d:X`` is ``s:X`` (the records with the skeleton itself) and the rows
        stored under ``d:X`` (the others); any other key is its own list. Empty for a key no
        record of this block holds."""
        kid = self.key_ids.get(key)
        if kid is None:
            return ()
        if key.startswith(NEIGHBOUR_PREFIX):
            own = self.key_ids.get(SKELETON_PREFIX + key[len(NEIGHBOUR_PREFIX) :])
            if own is not None:
                return (own, kid)
        return (kid,)

    def stored(self, kid: int) -> RowArray:
        """The rows stored under key id ``kid`` (a view, sorted)."""
        return self.rows[self.offsets[kid] : self.offsets[kid + 1]]

    def postings(self, key: str) -> RowArray:
        """The rows holding ``key``, sorted (a view but for a neighbour key); empty when
        their postings are not stored (``drop_postings``)."""
        found = [self.stored(kid) for kid in self.key_lists(key)]
        if len(found) < 2:
            return found[0] if found else _EMPTY
        return np.sort(np.concatenate(found))

    def identifier_rows(self, norm: str) -> RowArray:
        """The rows holding identifier ``norm`` (rarely, also a row whose hash collides)."""
        h = _hash(norm)
        lo = int(np.searchsorted(self.ident_hashes, h, side="left"))
        hi = int(np.searchsorted(self.ident_hashes, h, side="right"))
        return self.ident_rows[lo:hi]

    def without_unread(self, cut: int, fact_cut: int) -> Segment:
        """This block without the postings ``drop_postings`` leaves out; same counts."""
        keys = sorted(self.key_ids, key=self.key_ids.__getitem__)
        offsets, rows = drop_postings(keys, self.offsets, self.rows, self.counts, cut, fact_cut)
        return replace(self, offsets=offsets, rows=rows)


def drop_postings(
    keys: Sequence[str],
    offsets: IntArray,
    rows: RowArray,
    counts: IntArray,
    cut: int,
    fact_cut: int,
) -> tuple[IntArray, RowArray]:
    """The CSR arrays of ``keys`` (in key-id order) without the postings of the keys no search
    reads: a birth-date key held by more than ``fact_cut`` records, and any other key but a
    skeleton's own (``s:``, read past any cut) held by more than ``cut``. Their counts stay,
    so a search still knows them and how frequent they are."""
    kinds = np.array([k[:2] for k in keys], dtype="U2") if keys else np.zeros(0, dtype="U2")
    limit = np.where(kinds == FACT_PREFIX, fact_cut, cut)
    dropped = (counts > limit) & (kinds != SKELETON_PREFIX)
    if not dropped.any():
        return offsets, rows
    lengths = np.diff(offsets)
    kept = np.repeat(~dropped, lengths)
    lengths[dropped] = 0
    new_offsets = np.zeros(len(offsets), dtype=np.int64)
    np.cumsum(lengths, out=new_offsets[1:])
    return new_offsets, np.ascontiguousarray(rows[kept])


def _int32(items: array[int]) -> npt.NDArray[np.int32]:
    return np.frombuffer(items, dtype=np.int32) if items else np.zeros(0, dtype=np.int32)


def _csr(keys: array[int], rows: array[int], n_keys: int) -> tuple[IntArray, RowArray]:
    key_arr = _int32(keys)
    row_arr = _int32(rows)
    order = np.lexsort((row_arr, key_arr))
    counts = np.bincount(key_arr, minlength=n_keys)
    offsets = np.zeros(n_keys + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return offsets, row_arr[order]
