"""One immutable block of the index: prepared records plus compact posting arrays.

Retrieval keys per name part (``record_keys``): the consonant skeleton (``s:``), the ASCII form
(``t:``) and the skeleton's character trigrams (``g:``, for typos). Postings are held as two
numpy arrays in CSR layout — ``offsets[key]:offsets[key + 1]`` slices ``rows`` — rather than as
Python objects per name; a key's document frequency is the length of its slice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ictd.matching.keys import skeleton_trigrams
from ictd.matching.name import ParsedName
from ictd.matching.record import IndexRecord, Prepared, prepare_record

__all__ = ["Segment", "query_keys", "record_keys"]

IntArray = npt.NDArray[np.int64]
RowArray = npt.NDArray[np.int32]
_EMPTY: RowArray = np.zeros(0, dtype=np.int32)


def record_keys(names: Iterable[ParsedName]) -> dict[str, float]:
    """Retrieval keys of a set of names, each with its relative weight."""
    keys: dict[str, float] = {}
    for name in names:
        for part in name.parts:
            if len(part.text) < 2:
                continue
            keys[f"s:{part.skeleton}"] = 1.0
            keys[f"t:{part.text}"] = 0.5
            for gram in skeleton_trigrams(part.skeleton) if len(part.skeleton) >= 3 else ():
                keys.setdefault(f"g:{gram}", 0.25)
    return keys


query_keys = record_keys


@dataclass(frozen=True, slots=True)
class Segment:
    """Prepared records of one block, their subject ids, postings and identifier look-up."""

    records: tuple[IndexRecord, ...]
    prepared: tuple[Prepared, ...]
    subject_ids: IntArray
    rows_by_id: Mapping[int, int]
    key_ids: Mapping[str, int]
    offsets: IntArray
    rows: RowArray
    identifiers: Mapping[str, tuple[int, ...]]

    @classmethod
    def build(
        cls, records: Iterable[IndexRecord], known: Mapping[int, Prepared] | None = None
    ) -> Segment:
        """Index ``records`` (the last one wins for a repeated subject id).

        ``known`` maps subject ids to records already prepared, which are reused as they are.
        """
        by_id = {r.subject_id: r for r in records}
        recs = tuple(by_id.values())
        prepared = tuple(_prepare(r, known) for r in recs)
        key_ids: dict[str, int] = {}
        pair_keys: list[int] = []
        pair_rows: list[int] = []
        identifiers: dict[str, list[int]] = {}
        for row, prep in enumerate(prepared):
            for key in record_keys(prep.names):
                pair_keys.append(key_ids.setdefault(key, len(key_ids)))
                pair_rows.append(row)
            for norm in prep.identifiers:
                identifiers.setdefault(norm, []).append(row)
        offsets, rows = _csr(pair_keys, pair_rows, len(key_ids))
        return cls(
            records=recs,
            prepared=prepared,
            subject_ids=np.array([r.subject_id for r in recs], dtype=np.int64),
            rows_by_id={r.subject_id: i for i, r in enumerate(recs)},
            key_ids=key_ids,
            offsets=offsets,
            rows=rows,
            identifiers={k: tuple(v) for k, v in identifiers.items()},
        )

    def __len__(self) -> int:
        return len(self.records)

    def df(self, key: str) -> int:
        """How many records hold ``key``."""
        kid = self.key_ids.get(key)
        return 0 if kid is None else int(self.offsets[kid + 1] - self.offsets[kid])

    def postings(self, key: str) -> RowArray:
        """The rows holding ``key`` (a view, sorted)."""
        kid = self.key_ids.get(key)
        if kid is None:
            return _EMPTY
        return self.rows[self.offsets[kid] : self.offsets[kid + 1]]


def _prepare(record: IndexRecord, known: Mapping[int, Prepared] | None) -> Prepared:
    if known is not None and record.subject_id in known:
        return known[record.subject_id]
    return prepare_record(record)


def _csr(keys: list[int], rows: list[int], n_keys: int) -> tuple[IntArray, RowArray]:
    key_arr = np.asarray(keys, dtype=np.int64)
    row_arr = np.asarray(rows, dtype=np.int32)
    order = np.lexsort((row_arr, key_arr))
    key_arr, row_arr = key_arr[order], row_arr[order]
    counts = np.bincount(key_arr, minlength=n_keys)
    offsets = np.zeros(n_keys + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return offsets, row_arr
