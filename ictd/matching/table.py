"""The compact record table of one index block: name parts as arrays, not objects per name.

Each record's names are stored as *variants* (one per romanisation, as ``parse_name`` gives
them); each variant as a slice of part ids into one table of unique ``Part`` objects, plus a
slice of its joined adjacent parts (for the ``Ahmadi Nejad`` ↔ ``Ahmadinejad`` rule). The raw
names and identifiers of a record are packed into one string. The other facts (dates,
nationalities, gender, schema) are held in a ``Prepared`` without names, shared by every
record with the same facts. ``prepared(row)`` rebuilds the full ``Prepared`` of one record —
identical to ``prepare_record`` — for the few candidates that are scored in full.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ictd.matching.compare import FIRST, LAST, end_flags, joined_parts, part_meta
from ictd.matching.name import ParsedName, Part
from ictd.matching.record import Identifier, Prepared
from ictd.model import DateValue

__all__ = ["Entry", "RecordTable", "TableBuilder"]

IntArray = npt.NDArray[np.int64]
_NAMES, _IDS, _FIELDS, _NONE = "\x1f", "\x1e", "\x1d", "\x00"
_SEPARATORS = frozenset(_NAMES + _IDS + _FIELDS + _NONE)
Normed = tuple[Identifier, str]
"""An identifier and its normalised form."""
Packed = str | tuple[tuple[str, ...], tuple[Normed, ...]]


@dataclass(frozen=True, slots=True)
class Entry:
    """One record ready to be stored: its id, facts, raw names and their parsed variants."""

    subject_id: int
    facts: Prepared  # without names and identifiers
    raw_names: tuple[str, ...]
    identifiers: tuple[Identifier, ...]
    variants: tuple[tuple[int, ParsedName], ...]  # (index into raw_names, parsed)


def _pack(names: tuple[str, ...], idents: tuple[Identifier, ...]) -> Packed:
    fields = [*names, *(x for i in idents for x in (i.value, i.country, i.type) if x)]
    if not all(names) or any(ch in _SEPARATORS for text in fields for ch in text):
        return (names, tuple((i, i.norm) for i in idents))
    packed = _FIELDS.join(
        _FIELDS.join((i.value, i.country or _NONE, i.type or _NONE, i.norm or _NONE))
        for i in idents
    )
    return _NAMES.join(names) + _IDS + packed


def _unpack(packed: Packed) -> tuple[tuple[str, ...], tuple[Normed, ...]]:
    """The raw names and the identifiers, each with its normalised form (kept, not recomputed)."""
    if not isinstance(packed, str):
        return packed
    names, _, idents = packed.partition(_IDS)
    fields = idents.split(_FIELDS) if idents else []
    out = tuple(
        (
            Identifier(fields[k], _none(fields[k + 1]), _none(fields[k + 2])),
            fields[k + 3] if fields[k + 3] != _NONE else "",
        )
        for k in range(0, len(fields), 4)
    )
    return (tuple(names.split(_NAMES)) if names else (), out)


def _none(text: str) -> str | None:
    return None if text == _NONE else text


class TableBuilder:
    """Accumulates entries into the arrays of a ``RecordTable``.

    Columns grow as typed arrays (not lists of Python ints), and facts are shared: one
    ``Prepared`` per distinct (schema, birth dates, nationalities, gender), built from shared
    birth-date tuples and nationality sets.
    """

    def __init__(self) -> None:
        self.part_ids: dict[Part, int] = {}
        self.facts: dict[tuple[object, ...], Prepared] = {}
        self.dates: dict[tuple[DateValue, ...], tuple[DateValue, ...]] = {}
        self.nats: dict[frozenset[str], frozenset[str]] = {}
        self.cols = {k: array("i") for k in ("raw", "parts", "joins")}
        self.flags = {k: array("b") for k in ("part_first", "join_first")}
        self.starts = {k: array("q", [0]) for k in ("names", "parts", "joins")}
        self.subject_ids = array("q")
        self.row_facts: list[Prepared] = []
        self.packed: list[Packed] = []

    def _pid(self, part: Part) -> int:
        return self.part_ids.setdefault(part, len(self.part_ids))

    def _facts(self, f: Prepared) -> Prepared:
        dates = self.dates.setdefault(f.birth_dates, f.birth_dates)
        nats = self.nats.setdefault(f.nationalities, f.nationalities)
        key = (f.schema, dates, nats, f.gender)
        found = self.facts.get(key)
        if found is None:
            found = self.facts[key] = Prepared(
                schema=f.schema,
                names=(),
                birth_dates=dates,
                nationalities=nats,
                gender=f.gender,
                identifiers={},
            )
        return found

    def add(self, entry: Entry) -> None:
        self.subject_ids.append(entry.subject_id)
        self.row_facts.append(self._facts(entry.facts))
        self.packed.append(_pack(entry.raw_names, entry.identifiers))
        cols, flags, starts = self.cols, self.flags, self.starts
        for raw, parsed in entry.variants:
            joins = joined_parts(parsed.parts)
            ids = [self._pid(p) for p in parsed.parts]
            cols["raw"].append(raw)
            cols["parts"].extend(ids)
            cols["joins"].extend(self._pid(p) for p in joins)
            # by part id: the rebuilt record holds one object per distinct part
            ends = end_flags(parsed.parts, parsed.parts)
            flags["part_first"].extend(
                flag | (FIRST if pid == ids[0] else 0) | (LAST if pid == ids[-1] else 0)
                for flag, pid in zip(ends, ids, strict=True)
            )
            flags["join_first"].extend(end_flags(parsed.parts, joins))
            starts["parts"].append(len(cols["parts"]))
            starts["joins"].append(len(cols["joins"]))
        starts["names"].append(len(cols["raw"]))

    def finish(self) -> RecordTable:
        def arr(values: array[int], kind: type[np.generic]) -> npt.NDArray[Any]:
            return np.frombuffer(values, dtype=kind).copy() if values else np.zeros(0, kind)

        parts = tuple(self.part_ids)
        return RecordTable(
            subject_ids=arr(self.subject_ids, np.int64),
            facts=tuple(self.row_facts),
            packed=tuple(self.packed),
            parts=parts,
            part_weights=np.array([p.weight for p in parts], dtype=np.float64),
            part_meta=part_meta(parts),
            name_start=arr(self.starts["names"], np.int64),
            name_raw=arr(self.cols["raw"], np.int32),
            part_start=arr(self.starts["parts"], np.int64),
            part_ids=arr(self.cols["parts"], np.int32),
            part_first=arr(self.flags["part_first"], np.int8),
            join_start=arr(self.starts["joins"], np.int64),
            join_ids=arr(self.cols["joins"], np.int32),
            join_first=arr(self.flags["join_first"], np.int8),
        )


@dataclass(frozen=True, slots=True)
class RecordTable:
    """The records of one block in compact form; see the module docstring."""

    subject_ids: IntArray
    facts: Sequence[Prepared]  # tuples when built; read on demand from a snapshot
    packed: Sequence[Packed]
    parts: Sequence[Part]
    part_weights: npt.NDArray[np.float64]
    part_meta: IntArray  # part → (skeleton length, abjad, initial, first letter)
    name_start: IntArray  # row → its variants
    name_raw: npt.NDArray[np.int32]  # variant → index of its raw name
    part_start: IntArray  # variant → its parts
    part_ids: npt.NDArray[np.int32]
    part_first: npt.NDArray[np.int8]  # per part slot: end flags (compare.FIRST | LAST)
    join_start: IntArray  # variant → its joined adjacent parts
    join_ids: npt.NDArray[np.int32]
    join_first: npt.NDArray[np.int8]  # per joined slot: end flags

    def __len__(self) -> int:
        return len(self.facts)

    def variants(self, row: int) -> range:
        """The variant numbers of ``row``."""
        return range(int(self.name_start[row]), int(self.name_start[row + 1]))

    def facts_of(self, row: int, identifiers: bool = True) -> Prepared:
        """The prepared facts of ``row`` without names; without identifiers if not asked.

        The facts without identifiers are one object shared by every row with the same facts.
        """
        facts = self.facts[row]
        if not identifiers:
            return facts
        _, idents = _unpack(self.packed[row])
        if not idents:
            return facts
        return _with(facts, facts.names, idents)

    def prepared(self, row: int) -> Prepared:
        """The full ``Prepared`` of ``row``, equal to ``prepare_record`` of its record."""
        raw, idents = _unpack(self.packed[row])
        parts, starts, raws = self.parts, self.part_start, self.name_raw
        lo, hi = int(self.name_start[row]), int(self.name_start[row + 1])
        bounds = starts[lo : hi + 1].tolist()
        ids = self.part_ids[bounds[0] : bounds[-1]].tolist() if hi > lo else []
        base = bounds[0]
        names = tuple(
            ParsedName(
                raw[r], tuple(parts[p] for p in ids[bounds[k] - base : bounds[k + 1] - base])
            )
            for k, r in enumerate(raws[lo:hi].tolist())
        )
        return _with(self.facts[row], names, idents)

    def entry(self, row: int) -> Entry:
        """The ``Entry`` of ``row``, to move it into another block without parsing again."""
        prepared = self.prepared(row)
        raw, idents = _unpack(self.packed[row])
        indices = self.name_raw[int(self.name_start[row]) : int(self.name_start[row + 1])]
        return Entry(
            int(self.subject_ids[row]),
            self.facts[row],
            raw,
            tuple(i for i, _ in idents),
            tuple(zip(indices.tolist(), prepared.names, strict=True)),
        )


def _with(facts: Prepared, names: tuple[ParsedName, ...], idents: Iterable[Normed]) -> Prepared:
    return Prepared(
        schema=facts.schema,
        names=names,
        birth_dates=facts.birth_dates,
        nationalities=facts.nationalities,
        gender=facts.gender,
        identifiers={norm: i for i, norm in idents if norm},
    )
