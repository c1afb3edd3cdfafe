"""What a source parser hands to the store: records, relations and the batch around them.

A parser turns one external file into a ``SourceBatch``: one ``SourceRecord`` per entry
(a subject with its statements and listings, keyed by an id that is stable within the
source) and ``SourceRelation`` edges between records, named by those keys. Nothing here
has a database id yet: ids are ``None`` and ``subject_id``/``source_id``/``target_id`` are
``0`` placeholders that the store sync fills in.

``digest`` is a sha256 over a canonical serialisation of the record's content, so a
re-import can tell unchanged entries from changed ones without comparing statements.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from ictd.model.listing import Listing
from ictd.model.relation import Relation
from ictd.model.subject import Subject

__all__ = ["SourceBatch", "SourceRecord", "SourceRelation", "make_record", "record_digest"]

# Listing fields that the store owns, left out of the digest.
_LISTING_STORE_FIELDS = ("id", "subject_id", "created_at", "updated_at")


@dataclass(frozen=True, slots=True)
class SourceRelation:
    """An edge between two records of one batch, named by their keys.

    ``relation`` carries the type, dates, share/amount and ``source``; its
    ``source_id``/``target_id`` are ``0`` until the store resolves the keys.
    """

    source_key: str
    target_key: str
    relation: Relation


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One entry of a source: a subject, its listings and a content digest.

    ``key`` is stable within the source (UN: ``un-sc:<DATAID>``; FtM: the entity id).
    """

    key: str
    subject: Subject
    listings: tuple[Listing, ...]
    digest: str


@dataclass(frozen=True, slots=True)
class SourceBatch:
    """Everything one file of a source says: records, relations, the file's hash and date,
    and ``warnings`` about what the parser left out (for the import report)."""

    source: str
    records: tuple[SourceRecord, ...]
    relations: tuple[SourceRelation, ...]
    file_hash: str
    generated_at: str | None
    warnings: tuple[str, ...] = ()
    """What the parser changed or skipped (characters removed, invisible values), by entry."""

    def get(self, key: str) -> SourceRecord | None:
        """The record with ``key``, or ``None``."""
        for record in self.records:
            if record.key == key:
                return record
        return None


def _listing_content(listing: Listing) -> dict[str, Any]:
    data = listing.to_dict()
    for name in _LISTING_STORE_FIELDS:
        data.pop(name, None)
    return data


def record_digest(key: str, subject: Subject, listings: tuple[Listing, ...]) -> str:
    """sha256 of the record's content: schema, external ids, statements and listings.

    Statements are sorted, so the order in which a parser emits them does not matter;
    store-side fields (ids, timestamps) are left out.
    """
    statements = sorted(
        (s.prop, s.value, s.qualifier or "", s.lang or "", s.source or "")
        for s in subject.statements
    )
    content = {
        "key": key,
        "schema": subject.schema.value,
        "source": subject.source,
        "external_ids": sorted(subject.external_ids),
        "statements": statements,
        "listings": sorted(
            (_listing_content(lst) for lst in listings),
            key=lambda d: json.dumps(d, sort_keys=True),
        ),
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_record(key: str, subject: Subject, listings: tuple[Listing, ...] = ()) -> SourceRecord:
    """Build a ``SourceRecord`` and compute its digest."""
    return SourceRecord(
        key=key, subject=subject, listings=listings, digest=record_digest(key, subject, listings)
    )
