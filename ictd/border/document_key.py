"""Document keys and the in-memory index of the lost/stolen/revoked document register.

A document is known by its normalised number, its type and its issuing state:
``normalize_document_number`` drops spaces, dashes, ``<`` fillers and other marks and
upper-cases; ``normalize_document_type`` folds the codes of PAXLST, PNR and MRZ (``P``,
``PP``, ``IP``, ``ID``, ``AC``…) to the ICAO category letter; the state is kept as
``ictd.model.issuing_state.issuing_state_of`` gives it (alpha-2, ``GBR`` → ``GB``).

``DocumentIndex`` answers "is this document on the register?" for ten million reports in
a few hundred megabytes: one sorted ``uint64`` array of 64-bit hashes of *type + number*,
with a parallel array of issuing-state codes (``uint16``) and one of report ids. A look-up
hashes once, binary-searches the run of equal hashes and keeps the reports whose state is
the document's — or any state when the document or the report has none. Hashes are
BLAKE2b, stable across processes; two different documents share a hash with odds of about
one in 10¹² at ten million reports, and the caller confirms a hit against the report.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ictd.model.country import COUNTRY_CODES
from ictd.model.issuing_state import NON_STATE_CODES, issuing_state_of
from ictd.model.travel_document import DOCUMENT_TYPES, TravelDocument

__all__ = [
    "DocumentIndex",
    "DocumentKey",
    "document_key",
    "normalize_document_number",
    "normalize_document_type",
]

_NOT_ALNUM = re.compile(r"[\W_]+")
_TYPE_ALIASES = {"PP": "P", "PT": "P", "ID": "I", "IP": "I", "IN": "I", "AC": "A", "VI": "V"}
_STATES: tuple[str, ...] = ("", *sorted(COUNTRY_CODES | NON_STATE_CODES))
_STATE_CODE = {state: i for i, state in enumerate(_STATES)}


def normalize_document_number(text: str) -> str:
    """Letters and digits only, upper case: ``"ab-12 34<<"`` → ``"AB1234"``."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text)).upper()


def normalize_document_type(code: str) -> str:
    """The ICAO category letter of a document code (``DOCUMENT_TYPES``); ``O`` if unknown."""
    clean = code.strip().strip("<").upper()
    if clean in _TYPE_ALIASES:
        return _TYPE_ALIASES[clean]
    first = clean[:1]
    return first if first in DOCUMENT_TYPES else "O"


@dataclass(frozen=True, slots=True)
class DocumentKey:
    """A document as the register knows it; build with ``DocumentKey.of``."""

    type: str
    number: str
    issuing_state: str | None

    @classmethod
    def of(cls, doc_type: str, number: str, issuing_state: str | None = None) -> DocumentKey:
        """Normalise all three parts (an unknown state counts as none)."""
        state = issuing_state_of(issuing_state) if issuing_state else None
        return cls(normalize_document_type(doc_type), normalize_document_number(number), state)

    @property
    def digest(self) -> int:
        """The 64-bit hash of type and number (the state is kept beside it, not hashed)."""
        data = f"{self.type}|{self.number}".encode()
        return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def document_key(document: TravelDocument) -> DocumentKey:
    """The register key of a presented document."""
    return DocumentKey.of(document.type, document.number, document.issuing_state)


UInt64Array = npt.NDArray[np.uint64]


class DocumentIndex:
    """An immutable exact-match index from document keys to report ids.

    >>> index = DocumentIndex.build([(DocumentKey.of("P", "C01X00T47", "DEU"), 7)])
    >>> index.lookup(DocumentKey.of("PP", "c01x-00t47", "DE")), len(index)
    ((7,), 1)
    """

    __slots__ = ("_hashes", "_ids", "_states")

    def __init__(
        self, hashes: UInt64Array, states: npt.NDArray[np.uint16], ids: npt.NDArray[np.int64]
    ) -> None:
        self._hashes = hashes
        self._states = states
        self._ids = ids

    @classmethod
    def build(cls, entries: Iterable[tuple[DocumentKey, int]]) -> DocumentIndex:
        """Index ``(key, report id)`` pairs; the same key may carry several reports."""
        hashes, states, ids = array("Q"), array("H"), array("q")  # compact while building
        for key, report_id in entries:
            hashes.append(key.digest)
            states.append(_STATE_CODE[key.issuing_state or ""])
            ids.append(report_id)
        return cls._sorted(
            np.frombuffer(hashes, dtype=np.uint64),
            np.frombuffer(states, dtype=np.uint16),
            np.frombuffer(ids, dtype=np.int64),
        )

    @classmethod
    def _sorted(
        cls, hashes: UInt64Array, states: npt.NDArray[np.uint16], ids: npt.NDArray[np.int64]
    ) -> DocumentIndex:
        order = np.argsort(hashes, kind="stable")
        return cls(hashes[order], states[order], ids[order])

    def __len__(self) -> int:
        return int(self._hashes.size)

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays."""
        return int(self._hashes.nbytes + self._states.nbytes + self._ids.nbytes)

    def lookup(self, key: DocumentKey) -> tuple[int, ...]:
        """Report ids on this document: same type and number, and the same issuing state
        when both the document and the report name one."""
        digest = key.digest
        hashes = self._hashes
        start = int(hashes.searchsorted(np.uint64(digest)))
        if start >= hashes.size or int(hashes[start]) != digest:
            return ()
        stop = int(hashes.searchsorted(np.uint64(digest), side="right"))
        wanted = _STATE_CODE[key.issuing_state or ""]
        out: list[int] = []
        for i in range(start, stop):
            state = int(self._states[i])
            if not wanted or not state or state == wanted:
                out.append(int(self._ids[i]))
        return tuple(out)

    def changed(
        self, added: Iterable[tuple[DocumentKey, int]] = (), removed: Iterable[int] = ()
    ) -> DocumentIndex:
        """A new index with reports added and the reports of ``removed`` ids taken out."""
        gone = np.fromiter(removed, dtype=np.int64)
        keep = ~np.isin(self._ids, gone) if gone.size else np.ones(len(self), dtype=bool)
        extra = DocumentIndex.build(added)
        return DocumentIndex._sorted(
            np.concatenate([self._hashes[keep], extra._hashes]),
            np.concatenate([self._states[keep], extra._states]),
            np.concatenate([self._ids[keep], extra._ids]),
        )
