"""FtM entities that attach to subjects: identifications, sanctions and relations.

``Passport``/``Identification`` add identifier statements to their ``holder``;
``Sanction`` becomes a ``Listing`` on its ``entity``; interval schemata become
``SourceRelation`` edges. Values are validated on the way in and errors name the line,
the entity and the field. An edge between kinds of subject its relation type does not link
(``RELATION_ENDS``: a ``Membership`` of a Person in a Person) is skipped with a warning that
the import report carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from ictd.exc import SourceError
from ictd.ingest.batch import SourceRelation
from ictd.ingest.draft import SubjectDraft, Where
from ictd.ingest.ftm_schema import FALLBACKS, RELATION_NOTED, RELATIONS, ROLE_TYPES
from ictd.model.country import is_country_code
from ictd.model.listing import Action, Handling, Listing, ListingStatus, Sharing
from ictd.model.relation import Relation, RelationType, relation_misfit
from ictd.model.schema import PROPERTIES, PropertyType
from ictd.model.value import parse_date

__all__ = [
    "Entity",
    "add_identification",
    "add_value",
    "relations_of",
    "sanction_listing",
    "territory_or_code",
]

# FtM codes for places that have no ISO 3166-1 code (Soviet Union, "global", …).
_TERRITORIES = frozenset({"suhh", "csxx", "yucs", "ddde", "zz", "eu", "xx", "un"})
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T")
_ID_TYPES = (
    ("passport", "passportNumber"),
    ("tax", "taxNumber"),
    ("registr", "registrationNumber"),
)
_STATUSES = {
    "active": ListingStatus.ACTIVE,
    "draft": ListingStatus.DRAFT,
    "expired": ListingStatus.EXPIRED,
    "inactive": ListingStatus.EXPIRED,
    "suspended": ListingStatus.EXPIRED,
    "withdrawn": ListingStatus.WITHDRAWN,
    "delisted": ListingStatus.WITHDRAWN,
    "revoked": ListingStatus.WITHDRAWN,
}
_PROVISIONS = (
    ("freeze", Action.FREEZE_ASSETS),
    ("asset", Action.FREEZE_ASSETS),
    ("travel", Action.REFUSE_ENTRY),
    ("entry", Action.REFUSE_ENTRY),
    ("arrest", Action.ARREST),
)


@dataclass(slots=True)
class Entity:
    """One FtM entity as read: id, schema name, properties and where it was."""

    id: str
    schema: str
    props: dict[str, list[str]]
    where: Where

    def first(self, *props: str) -> str | None:
        """The first non-empty value of the first of ``props`` that has one."""
        for prop in props:
            for value in self.props.get(prop, []):
                if value.strip():
                    return value.strip()
        return None


def territory_or_code(entity: Entity, prop: str, value: str) -> str | None:
    """An ISO code (upper case), ``None`` for a known non-ISO territory, else an error."""
    code = value.strip().upper()
    if code.casefold() in _TERRITORIES:
        return None
    if not is_country_code(code):
        entity.where.fail(f"properties.{prop}", f"{value!r} is not an ISO country code")
    return code


def ftm_date(value: str) -> str:
    """An FtM date without its time: ``2019-04-02T10:00:00`` → ``2019-04-02``."""
    match = _DATETIME.match(value.strip())
    return match.group(1) if match else value.strip()


def add_value(draft: SubjectDraft, ftm_prop: str, prop: str, value: str) -> None:
    """Add one mapped value, falling back to another property or a note where it must."""
    field = f"properties.{ftm_prop}"
    if not draft.accepts(prop):
        fallback = FALLBACKS.get(prop)
        if fallback is None or not draft.accepts(fallback):
            draft.note(f"{ftm_prop}: {value}", field=field)
            return
        prop = fallback
    kind = PROPERTIES[prop].type
    if kind is PropertyType.DATE:
        value = ftm_date(value)
    elif kind is PropertyType.COUNTRY and value.strip().casefold() in _TERRITORIES:
        draft.note(f"{ftm_prop}: {value}", field=field)
        return
    draft.add(prop, value, field=field)


def _holders(entity: Entity, prop: str, drafts: dict[str, SubjectDraft]) -> list[str]:
    refs = entity.props.get(prop, [])
    if not refs:
        entity.where.fail(f"properties.{prop}", "is missing")
    for ref in refs:
        if ref not in drafts:
            entity.where.fail(f"properties.{prop}", f"refers to unknown subject {ref!r}")
    return refs


def _identifier_prop(entity: Entity, draft: SubjectDraft) -> str:
    if entity.schema == "Passport":
        return "passportNumber"
    kind = (entity.first("type") or "").casefold()
    for word, prop in _ID_TYPES:
        if word in kind:
            return prop
    if kind.startswith("other"):
        return "otherId"
    return "idNumber" if draft.accepts("idNumber") else "registrationNumber"


_EXTRA_ID_PROPS = frozenset(
    {"authority", "startDate", "endDate", "date", "summary", "description", "surname"}
    | {"givenName", "birthDate", "birthPlace", "gender", "personalNumber"}
)


def add_identification(entity: Entity, drafts: dict[str, SubjectDraft]) -> None:
    """A ``Passport``/``Identification``: its number on each holder, with issuing country."""
    numbers = entity.props.get("number", [])
    if not numbers:
        entity.where.fail("properties.number", "is missing")
    countries = [territory_or_code(entity, "country", c) for c in entity.props.get("country", [])]
    code = next((c for c in countries if c), None)
    extra = [
        f"{prop}: {value}"
        for prop, values in entity.props.items()
        if prop in _EXTRA_ID_PROPS
        for value in values
    ]
    label = entity.first("type") or entity.schema
    for ref in _holders(entity, "holder", drafts):
        draft = drafts[ref]
        prop = _identifier_prop(entity, draft)
        if not draft.accepts(prop):
            prop = FALLBACKS.get(prop, "otherId")
        for number in numbers:
            try:
                draft.add(prop, number, code, field="properties.number")
            except SourceError as err:
                entity.where.fail("properties.number", err.details["message"])
            if extra:
                draft.note(f"{label} {number}: {'; '.join(extra)}", field="properties")


def _date_of(entity: Entity, props: tuple[str, ...], latest: bool = False) -> date | None:
    for prop in props:
        text = entity.first(prop)
        if text is not None:
            try:
                parsed = parse_date(ftm_date(text))
            except ValueError as err:
                entity.where.fail(f"properties.{prop}", str(err))
            return parsed.latest if latest else parsed.earliest
    return None


def _actions(entity: Entity, notes: list[str]) -> tuple[Action, ...]:
    actions: list[Action] = []
    for provision in entity.props.get("provisions", []):
        text = provision.strip().casefold()
        found = [a for a in Action if a.value == text]
        found = found or [a for word, a in _PROVISIONS if word in text]
        if not found:
            notes.append(f"provisions: {provision}")
        actions.extend(a for a in found[:1] if a not in actions)
    return tuple(actions) or (Action.FREEZE_ASSETS,)


def sanction_listing(
    entity: Entity, dataset: str, drafts: dict[str, SubjectDraft]
) -> list[tuple[str, Listing]]:
    """A ``Sanction`` as one listing per sanctioned subject, stated by ``dataset``."""
    notes = [v for prop in ("reason", "summary", "description") for v in entity.props.get(prop, [])]
    for prop in ("duration", "country", "programUrl"):
        notes.extend(f"{prop}: {v}" for v in entity.props.get(prop, []))
    status_text = (entity.first("status") or "active").casefold()
    if status_text not in _STATUSES:
        notes.append(f"status: {status_text}")
    actions = _actions(entity, notes)
    basis = [entity.first("authority"), entity.first("program")]
    listing = Listing(
        subject_id=0,
        category="sanctioned",
        actions=actions,
        source=dataset,
        reference=entity.first("authorityId", "unscId", "programId"),
        legal_basis=": ".join(b for b in basis if b) or None,
        valid_from=_date_of(entity, ("listingDate", "startDate")),
        valid_until=_date_of(entity, ("endDate",), latest=True),
        sharing=Sharing.ALL,
        handling=Handling.H0,
        status=_STATUSES.get(status_text, ListingStatus.ACTIVE),
        notes="; ".join(notes) or None,
    )
    return [(ref, listing) for ref in _holders(entity, "entity", drafts)]


def _decimal(entity: Entity, prop: str) -> Decimal | None:
    text = entity.first(prop)
    if text is None:
        return None
    try:
        return Decimal(text.replace(",", "").replace("%", "").strip())
    except InvalidOperation:
        entity.where.fail(f"properties.{prop}", f"{text!r} is not a number")


def _checked_date(entity: Entity, *props: str) -> str | None:
    for prop in props:
        text = entity.first(prop)
        if text is not None:
            value = ftm_date(text)
            try:
                parse_date(value)
            except ValueError as err:
                entity.where.fail(f"properties.{prop}", str(err))
            return value
    return None


def _relation_type(entity: Entity, notes: list[str]) -> RelationType:
    """The schema's relation type, unless a marker ``role`` (``leader``) refines it; other
    descriptive properties go to ``notes``."""
    plain = rtype = RELATIONS[entity.schema][2]
    marked = {role: t for t, (schema, role) in ROLE_TYPES.items() if schema == entity.schema}
    for prop, values in entity.props.items():
        if prop not in RELATION_NOTED:
            continue
        for value in values:
            role = value.strip().casefold()
            if prop == "role" and role in marked and rtype is plain:
                rtype = marked[role]
            else:
                notes.append(f"{prop}: {value}")
    return rtype


def relations_of(
    entity: Entity, dataset: str, drafts: dict[str, SubjectDraft], skipped: list[str]
) -> list[SourceRelation]:
    """An interval entity as relations from each source to each target subject; a pair of
    subjects its relation type does not link is left out, and said why in ``skipped``."""
    source_prop, target_prop, _ = RELATIONS[entity.schema]
    notes = [v for prop in ("summary", "description") for v in entity.props.get(prop, [])]
    rtype = _relation_type(entity, notes)
    currency = entity.first("currency")
    relation = Relation(
        source_id=0,
        target_id=0,
        type=rtype,
        source=dataset,
        start_date=_checked_date(entity, "startDate", "date"),
        end_date=_checked_date(entity, "endDate"),
        share=_decimal(entity, "percentage"),
        amount=_decimal(entity, "amount"),
        currency=currency.upper() if currency else None,
        notes="; ".join(notes) or None,
    )
    out = []
    for src in _holders(entity, source_prop, drafts):
        for dst in _holders(entity, target_prop, drafts):
            misfit = relation_misfit(rtype, drafts[src].schema, drafts[dst].schema)
            if misfit is not None:
                skipped.append(f"{entity.where}: {src} → {dst} skipped: {misfit}")
                continue
            out.append(SourceRelation(source_key=src, target_key=dst, relation=relation))
    return out
