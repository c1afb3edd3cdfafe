"""A block of the index as flat arrays, and back: what an index snapshot holds.

``encode_segment`` turns a ``Segment`` into named numpy arrays (numbers, and UTF-8 text as
byte arrays with an offsets table); ``decode_segment`` makes a ``Segment`` that reads those
arrays in place, so arrays mapped from a file stay shared by every process that maps it.
Only what a query touches is turned back into Python objects, on first use, and kept: the
name parts, the facts and the packed raw names of the candidates (``Lazy*`` below), so
loading costs the key dictionary only. ``merge_encoded`` joins blocks encoded apart (one
per build process) into the block a single build of all their records would give: rows in
order, part and key numbers in first-seen order, postings sorted, keys' counts added up;
``drop_unread`` then leaves out the postings no search reads (``segment.drop_postings``),
which only the whole block's size decides.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date
from itertools import pairwise
from typing import Any, TypeVar, overload

import numpy as np
import numpy.typing as npt

from ictd.matching.name import Part
from ictd.matching.record import Identifier, Prepared
from ictd.matching.segment import Segment, drop_postings
from ictd.matching.table import Packed, RecordTable
from ictd.model import DateValue

__all__ = ["Arrays", "decode_segment", "drop_unread", "encode_segment", "merge_encoded"]

Arrays = dict[str, npt.NDArray[Any]]
"""Named arrays of one encoded block."""
T = TypeVar("T")

NUMERIC = (
    "subject_ids",
    "facts_ids",
    "part_weights",
    "part_abjad",
    "part_equivalent",
    "part_meta",
    "name_start",
    "name_raw",
    "part_start",
    "part_ids",
    "part_first",
    "join_start",
    "join_ids",
    "join_first",
    "id_sorted",
    "id_rows",
    "key_offsets",
    "rows",
    "key_counts",
    "ident_hashes",
    "ident_rows",
)
TEXTS = ("facts", "packed", "parts", "keys")
"""Each text column is ``<name>_blob`` (UTF-8 bytes) and ``<name>_at`` (item offsets)."""


def _texts(items: Sequence[bytes]) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64]]:
    at = np.zeros(len(items) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in items], out=at[1:])
    blob = np.frombuffer(b"".join(items), dtype=np.uint8) if items else np.zeros(0, np.uint8)
    return blob, at


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _facts_json(f: Prepared) -> bytes:
    dates = [[d.earliest.toordinal(), d.latest.toordinal(), d.precision] for d in f.birth_dates]
    return _dump([f.schema, dates, sorted(f.nationalities), f.gender])


def _packed_json(packed: Packed) -> bytes:
    if isinstance(packed, str):
        return b"s" + packed.encode()
    names, idents = packed
    return b"j" + _dump([list(names), [[i.value, i.country, i.type, n] for i, n in idents]])


def _part_json(p: Part) -> bytes:
    return _dump([p.text, p.skeleton, p.phonetic])


def encode_segment(segment: Segment) -> Arrays:
    """``segment`` as named arrays (see the module docstring)."""
    table = segment.table
    facts_of: dict[int, int] = {}
    facts: list[bytes] = []
    facts_ids = np.zeros(len(table), dtype=np.int32)
    seen: dict[bytes, int] = {}
    for row, f in enumerate(table.facts):
        fid = facts_of.get(id(f))
        if fid is None:
            text = _facts_json(f)
            fid = seen.get(text)
            if fid is None:
                fid = seen[text] = len(facts)
                facts.append(text)
            facts_of[id(f)] = fid
        facts_ids[row] = fid
    keys = sorted(segment.key_ids, key=segment.key_ids.__getitem__)
    out: Arrays = {
        "subject_ids": table.subject_ids,
        "facts_ids": facts_ids,
        "part_weights": table.part_weights,
        # bits: 1 from an abjad, 2 from a syllabic script, 4 from Arabic script, 8 from Hangul
        "part_abjad": np.array(
            [p.abjad + 2 * p.syllabic + 4 * p.arabic + 8 * p.hangul for p in table.parts],
            dtype=np.int8,
        ),
        "part_equivalent": np.array([p.equivalent for p in table.parts], dtype=np.int32),
        "part_meta": table.part_meta,
        "name_start": table.name_start,
        "name_raw": table.name_raw,
        "part_start": table.part_start,
        "part_ids": table.part_ids,
        "part_first": table.part_first,
        "join_start": table.join_start,
        "join_ids": table.join_ids,
        "join_first": table.join_first,
        "id_sorted": segment.id_sorted,
        "id_rows": segment.id_rows,
        "key_offsets": segment.offsets,
        "rows": segment.rows,
        "key_counts": segment.counts,
        "ident_hashes": segment.ident_hashes,
        "ident_rows": segment.ident_rows,
    }
    columns = {
        "facts": facts,
        "packed": [_packed_json(p) for p in table.packed],
        "parts": [_part_json(p) for p in table.parts],
        "keys": [k.encode() for k in keys],
    }
    for name, items in columns.items():
        out[f"{name}_blob"], out[f"{name}_at"] = _texts(items)
    return out


class _Lazy(Sequence[T]):
    """Items decoded from a text column on first use and kept (one object per item, so
    identity holds as it does for the tuples a build makes: the scorer's part cache is keyed
    by object identity). ``dict.setdefault`` is atomic: threads racing on one item all get
    the object that was stored first."""

    __slots__ = ("_at", "_blob", "_cache", "_n")

    def __init__(self, blob: npt.NDArray[np.uint8], at: npt.NDArray[np.int64], n: int) -> None:
        self._blob, self._at, self._n = blob, at, n
        self._cache: dict[int, T] = {}

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[T]: ...
    def __getitem__(self, i: int | slice) -> T | Sequence[T]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        found = self._cache.get(i)
        if found is None:
            if not 0 <= i < self._n:
                raise IndexError(i)
            found = self._cache.setdefault(i, self._make(self._text(i)))
        return found

    def __iter__(self) -> Iterator[T]:
        return (self[k] for k in range(self._n))

    def _text(self, i: int) -> bytes:
        return self._blob[int(self._at[i]) : int(self._at[i + 1])].tobytes()

    def _make(self, text: bytes) -> T:
        raise NotImplementedError


class LazyParts(_Lazy[Part]):
    __slots__ = ("_abjad", "_equivalent", "_weights")

    def __init__(self, arrays: Arrays) -> None:
        super().__init__(arrays["parts_blob"], arrays["parts_at"], len(arrays["part_weights"]))
        self._weights = arrays["part_weights"]
        self._abjad = arrays["part_abjad"]
        self._equivalent = arrays["part_equivalent"]

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, int) and i >= 0:
            found = self._cache.get(i)
            if found is None:
                text, skeleton, phonetic = json.loads(self._text(i))
                found = self._cache.setdefault(
                    i,
                    Part(
                        text,
                        skeleton,
                        phonetic,
                        float(self._weights[i]),
                        bool(self._abjad[i] & 1),
                        int(self._equivalent[i]),
                        bool(self._abjad[i] & 2),
                        bool(self._abjad[i] & 4),
                        bool(self._abjad[i] & 8),
                    ),
                )
            return found
        return super().__getitem__(i)

    def _make(self, text: bytes) -> Part:
        raise AssertionError("parts are made in __getitem__")


class LazyFacts(_Lazy[Prepared]):
    """A row's facts: rows with the same facts share one object."""

    __slots__ = ("_ids",)

    def __init__(self, arrays: Arrays) -> None:
        super().__init__(arrays["facts_blob"], arrays["facts_at"], len(arrays["facts_ids"]))
        self._ids = arrays["facts_ids"]

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, int):
            fid = int(self._ids[i])
            found = self._cache.get(fid)
            if found is None:
                found = self._cache.setdefault(fid, self._make(self._text(fid)))
            return found
        return super().__getitem__(i)

    def _make(self, text: bytes) -> Prepared:
        schema, dates, nats, gender = json.loads(text)
        return Prepared(
            schema=schema,
            names=(),
            birth_dates=tuple(
                DateValue(date.fromordinal(e), date.fromordinal(la), p) for e, la, p in dates
            ),
            nationalities=frozenset(nats),
            gender=gender,
            identifiers={},
        )


class LazyPacked(_Lazy[Packed]):
    __slots__ = ()

    def _make(self, text: bytes) -> Packed:
        if text[:1] == b"s":
            return text[1:].decode()
        names, idents = json.loads(text[1:])
        return (tuple(names), tuple((Identifier(v, c, t), n) for v, c, t, n in idents))


def decode_segment(arrays: Arrays) -> Segment:
    """The ``Segment`` held by ``arrays``, reading them in place."""
    a = arrays
    keys = [k.decode() for k in _column(a, "keys")]
    table = RecordTable(
        subject_ids=a["subject_ids"],
        facts=LazyFacts(a),
        packed=LazyPacked(a["packed_blob"], a["packed_at"], len(a["subject_ids"])),
        parts=LazyParts(a),
        part_weights=a["part_weights"],
        part_meta=a["part_meta"],
        name_start=a["name_start"],
        name_raw=a["name_raw"],
        part_start=a["part_start"],
        part_ids=a["part_ids"],
        part_first=a["part_first"],
        join_start=a["join_start"],
        join_ids=a["join_ids"],
        join_first=a["join_first"],
    )
    return Segment(
        table=table,
        id_sorted=a["id_sorted"],
        id_rows=a["id_rows"],
        key_ids=dict(zip(keys, range(len(keys)), strict=True)),
        offsets=a["key_offsets"],
        rows=a["rows"],
        counts=a["key_counts"],
        ident_hashes=a["ident_hashes"],
        ident_rows=a["ident_rows"],
    )


def _column(a: Arrays, name: str) -> list[bytes]:
    texts = a[f"{name}_blob"].tobytes()
    bounds = a[f"{name}_at"].tolist()
    return [texts[lo:hi] for lo, hi in pairwise(bounds)]


def merge_encoded(blocks: Sequence[Arrays]) -> Arrays:
    """One encoded block holding the rows of ``blocks`` in order (subject ids distinct)."""
    if len(blocks) == 1:
        return blocks[0]
    part_no: dict[tuple[bytes, float, int, int], int] = {}
    key_no: dict[bytes, int] = {}
    facts_no: dict[bytes, int] = {}
    cols: dict[str, list[npt.NDArray[Any]]] = {k: [] for k in NUMERIC}
    packed: list[bytes] = []
    pair_keys: list[npt.NDArray[np.int64]] = []
    pair_rows: list[npt.NDArray[np.int32]] = []
    key_counts: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]] = []
    ident: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]] = []
    rows = variants = slots = jslots = 0
    for b in blocks:
        weights, abjad, equiv = b["part_weights"], b["part_abjad"], b["part_equivalent"]
        before = len(part_no)
        pmap = np.array(
            [
                part_no.setdefault(
                    (t, float(weights[k]), int(abjad[k]), int(equiv[k])), len(part_no)
                )
                for k, t in enumerate(_column(b, "parts"))
            ],
            dtype=np.int32,
        )
        new = pmap >= before  # a block's parts are distinct: each new one once, in order
        fmap = np.array(
            [facts_no.setdefault(t, len(facts_no)) for t in _column(b, "facts")], dtype=np.int32
        )
        kmap = np.array(
            [key_no.setdefault(t, len(key_no)) for t in _column(b, "keys")], dtype=np.int64
        )
        n = len(b["subject_ids"])
        cols["subject_ids"].append(b["subject_ids"])
        cols["facts_ids"].append(fmap[b["facts_ids"]] if len(fmap) else b["facts_ids"])
        for name in ("part_weights", "part_abjad", "part_equivalent", "part_meta"):
            cols[name].append(b[name][new])
        cols["name_start"].append(b["name_start"][:-1] + variants)
        cols["name_raw"].append(b["name_raw"])
        cols["part_start"].append(b["part_start"][:-1] + slots)
        cols["part_ids"].append(pmap[b["part_ids"]] if len(pmap) else b["part_ids"])
        cols["part_first"].append(b["part_first"])
        cols["join_start"].append(b["join_start"][:-1] + jslots)
        cols["join_ids"].append(pmap[b["join_ids"]] if len(pmap) else b["join_ids"])
        cols["join_first"].append(b["join_first"])
        packed.extend(_column(b, "packed"))
        pair_keys.append(np.repeat(kmap, np.diff(b["key_offsets"])))
        key_counts.append((kmap, b["key_counts"]))
        pair_rows.append(b["rows"] + np.int32(rows))
        ident.append((b["ident_hashes"], b["ident_rows"] + np.int32(rows)))
        rows += n
        variants += len(b["name_raw"])
        slots += len(b["part_ids"])
        jslots += len(b["join_ids"])
    out: Arrays = {}
    for name in ("subject_ids", "facts_ids", "name_raw", "part_ids", "part_first"):
        out[name] = np.concatenate(cols[name])
    for name in ("join_ids", "join_first", "part_weights", "part_abjad", "part_equivalent"):
        out[name] = np.concatenate(cols[name])
    out["part_meta"] = np.concatenate(cols["part_meta"])
    out["name_start"] = np.concatenate([*cols["name_start"], np.array([variants], np.int64)])
    out["part_start"] = np.concatenate([*cols["part_start"], np.array([slots], np.int64)])
    out["join_start"] = np.concatenate([*cols["join_start"], np.array([jslots], np.int64)])
    ids = out["subject_ids"]
    order = np.argsort(ids, kind="stable")
    out["id_sorted"] = ids[order]
    out["id_rows"] = order.astype(np.int32)
    all_keys = np.concatenate(pair_keys)
    all_rows = np.concatenate(pair_rows).astype(np.int32)
    by = np.lexsort((all_rows, all_keys))
    offsets = np.zeros(len(key_no) + 1, dtype=np.int64)
    np.cumsum(np.bincount(all_keys, minlength=len(key_no)), out=offsets[1:])
    out["key_offsets"], out["rows"] = offsets, all_rows[by]
    out["key_counts"] = np.zeros(len(key_no), dtype=np.int64)
    for kmap, counts in key_counts:  # a block's keys are distinct
        out["key_counts"][kmap] += counts
    hashes = np.concatenate([h for h, _ in ident])
    ident_rows = np.concatenate([r for _, r in ident]).astype(np.int32)
    by_hash = np.argsort(hashes, kind="stable")
    out["ident_hashes"], out["ident_rows"] = hashes[by_hash], ident_rows[by_hash]
    columns = {
        "facts": list(facts_no),
        "packed": packed,
        "parts": [t for t, _, _, _ in part_no],
        "keys": list(key_no),
    }
    for name, items in columns.items():
        out[f"{name}_blob"], out[f"{name}_at"] = _texts(items)
    return out


def drop_unread(arrays: Arrays, cut: int, fact_cut: int) -> Arrays:
    """``arrays`` without the postings of the keys ``segment.drop_postings`` leaves out."""
    keys = [k.decode() for k in _column(arrays, "keys")]
    offsets, rows = drop_postings(
        keys, arrays["key_offsets"], arrays["rows"], arrays["key_counts"], cut, fact_cut
    )
    return {**arrays, "key_offsets": offsets, "rows": rows}
