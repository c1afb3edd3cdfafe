"""FollowTheMoney (FtM) entity JSON lines → a ``SourceBatch``, and back (``write_ftm``).

Each line is one entity: ``{"id", "schema", "properties": {prop: [values]}}``. Subjects
(``Person``, ``Organization``, ``Company``, ``LegalEntity`` → Organization, ``Vessel``,
``Airplane`` → Aircraft) become records keyed by their FtM id, with the external id
``ftm:<id>``. The other schemata attach to them: ``Address`` entities (via
``addressEntity``) become address statements, ``Passport``/``Identification`` become
identifier statements on their holder, ``Sanction`` becomes a listing on its ``entity``,
and the interval schemata (``Ownership``, ``Directorship``, ``Membership``, ``Family``,
``Associate``, ``UnknownLink``, ``Payment``) become relations (``ictd.ingest.ftm_link``);
one between kinds of subject its type does not link is skipped with a warning.

The file is read whole before anything is built, so references may point forward.
Strict: an unknown schema or property, a bad value or a dangling reference raises
``SourceError`` naming the line, the entity id and the field.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from ictd.exc import SourceError
from ictd.ingest.batch import SourceBatch, SourceRecord, SourceRelation, make_record
from ictd.ingest.draft import SubjectDraft, Where, sanitize_text
from ictd.ingest.ftm_link import (
    Entity,
    add_identification,
    add_value,
    relations_of,
    sanction_listing,
    territory_or_code,
)
from ictd.ingest.ftm_schema import (
    ADDRESS_PARTS,
    ADDRESS_PROPS,
    IDENTIFICATION_PROPS,
    IGNORED,
    NAME_PARTS,
    NAME_PARTS_ALL,
    NOTED,
    PROPERTY_MAP,
    RELATION_PROPS,
    RELATIONS,
    SANCTION_PROPS,
    SUBJECT_SCHEMATA,
)
from ictd.ingest.ftm_write import write_ftm
from ictd.model.listing import Listing
from ictd.model.text import strip_unsafe

__all__ = ["read_ftm", "write_ftm"]

_LINK_PROPS: dict[str, frozenset[str]] = {
    "Address": ADDRESS_PROPS,
    "Passport": IDENTIFICATION_PROPS,
    "Identification": IDENTIFICATION_PROPS,
    "Sanction": SANCTION_PROPS,
    **{name: RELATION_PROPS for name in RELATIONS},
}


def _entity(line: str, number: int, warnings: list[str]) -> Entity | None:
    """One parsed line, or ``None`` for a blank one. Control and bidirectional characters
    are stripped from property values (with a warning); an id holding one is refused, since
    stripping could make it another entity's id."""
    if not line.strip():
        return None
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as err:
        raise SourceError(f"FtM line {number}: not valid JSON: {err}") from err
    where = Where(f"FtM line {number}")
    if not isinstance(data, dict):
        where.fail("entity", "must be a JSON object")
    entity_id, schema = data.get("id"), data.get("schema")
    if not isinstance(entity_id, str) or not entity_id.strip():
        where.fail("id", "must be a non-empty string")
    if strip_unsafe(entity_id)[1]:
        where.fail("id", f"contains {', '.join(strip_unsafe(entity_id)[1])}")
    if not isinstance(schema, str):
        where.fail("schema", "must be a string")
    where = Where(f"FtM entity {entity_id!r}", number)
    props = data.get("properties", {})
    if not isinstance(props, dict):
        where.fail("properties", "must be an object")
    for prop, values in props.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            where.fail(f"properties.{prop}", "must be a list of strings")
    clean = {
        k: [sanitize_text(v, str(where), f"properties.{k}", warnings) for v in values]
        for k, values in props.items()
    }
    return Entity(entity_id, schema, clean, where)


def _load(lines: Iterable[str], warnings: list[str]) -> tuple[dict[str, Entity], str]:
    """Every entity by id (fragments with the same id merged), and the hash of the text."""
    digest = hashlib.sha256()
    entities: dict[str, Entity] = {}
    for number, line in enumerate(lines, 1):
        digest.update(line.rstrip("\r\n").encode("utf-8") + b"\n")
        entity = _entity(line, number, warnings)
        if entity is None:
            continue
        known = _LINK_PROPS.get(entity.schema)
        if known is None and entity.schema not in SUBJECT_SCHEMATA:
            entity.where.fail("schema", f"unknown or unsupported schema {entity.schema!r}")
        for prop in entity.props:
            if known is not None and prop not in known and prop not in IGNORED:
                entity.where.fail(f"properties.{prop}", f"not a property of {entity.schema}")
        previous = entities.get(entity.id)
        if previous is None:
            entities[entity.id] = entity
        elif previous.schema != entity.schema:
            entity.where.fail("schema", f"{entity.schema} differs from {previous.where}")
        else:
            for prop, values in entity.props.items():
                merged = previous.props.setdefault(prop, [])
                merged.extend(v for v in values if v not in merged)
    return entities, digest.hexdigest()


def _address_texts(entity: Entity) -> list[tuple[str, str | None]]:
    """The ``(text, country code)`` pairs an ``Address`` entity stands for."""
    codes = [territory_or_code(entity, "country", v) for v in entity.props.get("country", [])]
    code = next((c for c in codes if c), None)
    full = [v for v in entity.props.get("full", []) if v.strip()]
    if full:
        return [(text, code) for text in full]
    parts = [v for prop in ADDRESS_PARTS for v in entity.props.get(prop, []) if v.strip()]
    return [(", ".join(parts), code)] if parts else []


def _subject_draft(
    entity: Entity,
    dataset: str,
    addresses: dict[str, list[tuple[str, str | None]]],
    warnings: list[str],
) -> SubjectDraft:
    """A subject entity's own properties and the addresses it references."""
    draft = SubjectDraft(SUBJECT_SCHEMATA[entity.schema], dataset, entity.where, warnings)
    for prop, values in entity.props.items():
        field = f"properties.{prop}"
        if prop in IGNORED or prop in NAME_PARTS_ALL:
            continue
        if prop == "addressEntity":
            for ref in values:
                if ref not in addresses:
                    entity.where.fail(field, f"refers to unknown Address {ref!r}")
                for text, code in addresses[ref]:
                    draft.add("address", text, code, field=field)
        elif prop in NOTED:
            for value in values:
                draft.note(f"{prop}: {value}", field=field)
        elif prop in PROPERTY_MAP:
            for value in values:
                add_value(draft, prop, PROPERTY_MAP[prop], value)
        else:
            entity.where.fail(field, f"not a property ICTD reads for {entity.schema}")
    if not draft.has("name"):
        parts = [v for prop in NAME_PARTS for v in entity.props.get(prop, [])]
        draft.add("name", " ".join(parts), field="properties.name")
    if not draft.has("name"):
        entity.where.fail("properties.name", "the entity has no name")
    return draft


def read_ftm(lines: Iterable[str], dataset: str) -> SourceBatch:
    """Read FtM entity JSON lines into a batch stated by the source ``dataset``.

    >>> with open("entities.ftm.json") as f:  # doctest: +SKIP
    ...     batch = read_ftm(f, "opensanctions")
    """
    warnings: list[str] = []
    entities, file_hash = _load(lines, warnings)
    addresses = {e.id: _address_texts(e) for e in entities.values() if e.schema == "Address"}
    drafts = {
        e.id: _subject_draft(e, dataset, addresses, warnings)
        for e in entities.values()
        if e.schema in SUBJECT_SCHEMATA
    }
    listings: dict[str, list[Listing]] = {}
    relations: list[SourceRelation] = []
    skipped: list[str] = []
    for entity in entities.values():
        if entity.schema in ("Passport", "Identification"):
            add_identification(entity, drafts)
        elif entity.schema == "Sanction":
            for key, listing in sanction_listing(entity, dataset, drafts):
                listings.setdefault(key, []).append(listing)
        elif entity.schema in RELATIONS:
            relations.extend(relations_of(entity, dataset, drafts, skipped))
    records: list[SourceRecord] = [
        make_record(key, draft.to_subject((f"ftm:{key}",)), tuple(listings.get(key, ())))
        for key, draft in drafts.items()
    ]
    return SourceBatch(
        source=dataset,
        records=tuple(records),
        relations=tuple(relations),
        file_hash=file_hash,
        generated_at=None,
        warnings=(*warnings, *skipped),
    )
