"""Subjects, listings and relations → FollowTheMoney (FtM) entity JSON lines.

The inverse of ``read_ftm``, built so that import → export → import gives the same
subjects, statements, listings and relations:

- a subject keeps the FtM id it was imported with (external id ``ftm:<id>``), else it is
  written as ``ictd-<subject id>``;
- an identifier or address with a country qualifier is written as its own ``Passport``,
  ``Identification`` or ``Address`` entity so the country survives;
- a listing becomes a ``Sanction``; a relation becomes the interval schema of its type
  (``leader-of`` and ``supplied``, which FtM lacks, are a ``Membership``/``UnknownLink``
  with that ``role``).

Only active statements and relations are written; deciding what a caller may see is the
caller's job.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ictd.ingest.ftm_schema import EXPORT_SCHEMATA, RELATIONS, ROLE_TYPES
from ictd.model.listing import Listing
from ictd.model.relation import Relation, RelationType
from ictd.model.statement import Statement
from ictd.model.subject import Subject

__all__ = ["ftm_id", "write_ftm"]

_EXPORT_PROPS = {"originalScriptName": "alias", "analysis": "description"}
_ID_TYPES = {"idNumber": "id", "registrationNumber": "registration", "taxNumber": "tax"}
_SCHEMA_OF: dict[RelationType, str] = {t: schema for schema, (_, _, t) in RELATIONS.items()}
_SCHEMA_OF.update({t: schema for t, (schema, _) in ROLE_TYPES.items()})

Entity = dict[str, Any]


def ftm_id(subject: Subject) -> str:
    """The id a subject has in FtM: the one it was imported with, else ``ictd-<id>``."""
    for external in subject.external_ids:
        if external.startswith("ftm:"):
            return external.removeprefix("ftm:")
    if subject.id is None:
        raise ValueError("a subject needs an id or an ftm external id to be exported")
    return f"ictd-{subject.id}"


def _hash_id(owner: str, kind: str, *parts: object) -> str:
    text = "\x1f".join(str(p) for p in parts)
    return f"{owner}-{kind}-{hashlib.sha1(text.encode()).hexdigest()[:12]}"  # noqa: S324 - an id, not security


def _entity(entity_id: str, schema: str, props: dict[str, list[str]]) -> Entity:
    clean = {k: v for k, v in props.items() if v}
    return {"id": entity_id, "schema": schema, "properties": clean}


def _side_entity(stmt: Statement, fid: str) -> Entity | None:
    """An Address/Passport/Identification entity for a statement that needs one."""
    country = [stmt.qualifier.lower()] if stmt.qualifier else []
    if stmt.prop == "address" and country:
        addr_id = _hash_id(fid, "address", stmt.value, stmt.qualifier)
        return _entity(addr_id, "Address", {"full": [stmt.value], "country": country})
    if stmt.prop == "passportNumber" and country:
        pass_id = _hash_id(fid, "passport", stmt.value, stmt.qualifier)
        props = {"holder": [fid], "number": [stmt.value], "country": country}
        return _entity(pass_id, "Passport", props)
    if stmt.prop == "otherId" or (stmt.prop in _ID_TYPES and country):
        kind = _ID_TYPES.get(stmt.prop, "other")
        ident_id = _hash_id(fid, "id", stmt.prop, stmt.value, stmt.qualifier)
        props = {"holder": [fid], "number": [stmt.value], "country": country, "type": [kind]}
        return _entity(ident_id, "Identification", props)
    return None


def subject_entities(subject: Subject) -> list[Entity]:
    """The subject's FtM entity, then the Address/Passport/Identification entities it needs."""
    fid = ftm_id(subject)
    props: dict[str, list[str]] = {}
    side: list[Entity] = []
    for stmt in subject.active:
        extra = _side_entity(stmt, fid)
        if extra is not None:
            side.append(extra)
            if extra["schema"] == "Address":
                props.setdefault("addressEntity", []).append(extra["id"])
            continue
        values = props.setdefault(_EXPORT_PROPS.get(stmt.prop, stmt.prop), [])
        if stmt.value not in values:
            values.append(stmt.value)
    return [_entity(fid, EXPORT_SCHEMATA[subject.schema], props), *side]


def sanction_entity(listing: Listing, fid: str) -> Entity:
    """A listing as an FtM ``Sanction`` on the subject ``fid``."""
    props = {
        "entity": [fid],
        "program": [listing.legal_basis] if listing.legal_basis else [],
        "authorityId": [listing.reference] if listing.reference else [],
        "startDate": [listing.valid_from.isoformat()] if listing.valid_from else [],
        "endDate": [listing.valid_until.isoformat()] if listing.valid_until else [],
        "provisions": [a.value for a in listing.actions],
        "status": [listing.status.value],
        "reason": [listing.notes] if listing.notes else [],
    }
    key = listing.id if listing.id is not None else listing.to_dict()
    return _entity(_hash_id(fid, "sanction", key), "Sanction", props)


def relation_entity(relation: Relation, source: str, target: str) -> Entity:
    """A relation as the FtM interval entity of its type."""
    schema = _SCHEMA_OF[relation.type]
    source_prop, target_prop, _ = RELATIONS[schema]
    props: dict[str, list[str]] = {source_prop: [source], target_prop: [target]}
    if relation.type in ROLE_TYPES:
        props["role"] = [ROLE_TYPES[relation.type][1]]
    props["startDate"] = [relation.start_date] if relation.start_date else []
    props["endDate"] = [relation.end_date] if relation.end_date else []
    props["summary"] = [relation.notes] if relation.notes else []
    if relation.share is not None:
        props["percentage"] = [str(relation.share)]
    if relation.amount is not None:
        props["amount"] = [str(relation.amount)]
    if relation.currency:
        props["currency"] = [relation.currency]
    key = relation.id if relation.id is not None else relation.to_dict()
    return _entity(_hash_id("ictd", "relation", source, target, key), schema, props)


def _line(entity: Entity) -> str:
    return json.dumps(entity, ensure_ascii=False, sort_keys=True)


def write_ftm(
    subjects: Iterable[Subject],
    listings: Iterable[Listing] = (),
    relations: Iterable[Relation] = (),
) -> Iterator[str]:
    """FtM JSON lines (without newlines) for the subjects and the listings and relations
    between them; listings and relations of subjects not given are left out.
    """
    ids: dict[int, str] = {}
    for subject in subjects:
        entities = subject_entities(subject)
        if subject.id is not None:
            ids[subject.id] = entities[0]["id"]
        yield from (_line(e) for e in entities)
    for listing in listings:
        if listing.subject_id in ids:
            yield _line(sanction_entity(listing, ids[listing.subject_id]))
    for relation in relations:
        if relation.retracted_at is not None:
            continue
        source, target = ids.get(relation.source_id), ids.get(relation.target_id)
        if source is not None and target is not None:
            yield _line(relation_entity(relation, source, target))
