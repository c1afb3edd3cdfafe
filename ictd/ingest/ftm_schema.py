"""How FollowTheMoney (FtM) schemata and properties map onto ICTD's model.

A hand-written table for the schemata ICTD reads, checked against the FtM schema files
(``followthemoney/schema/*.yaml``). Every FtM property the reader meets is in exactly one
of these groups, and anything else is an error (strict mode):

- ``PROPERTY_MAP``: becomes an ICTD property (``citizenship`` → ``nationality``);
- ``NOTED``: kept as a ``notes`` statement ``"<prop>: <value>"`` (``religion``, ``status``);
- ``IGNORED``: metadata ICTD deliberately does not keep (``topics``, ``sourceUrl``);
- ``NAME_PARTS``: used only to compose a ``name`` when an entity has none.
"""

from __future__ import annotations

from ictd.model.relation import RelationType
from ictd.model.schema import Schema

__all__ = [
    "ADDRESS_PROPS",
    "EXPORT_SCHEMATA",
    "FALLBACKS",
    "IDENTIFICATION_PROPS",
    "IGNORED",
    "NAME_PARTS",
    "NOTED",
    "PROPERTY_MAP",
    "RELATIONS",
    "RELATION_PROPS",
    "SANCTION_PROPS",
    "SUBJECT_SCHEMATA",
]

SUBJECT_SCHEMATA: dict[str, Schema] = {
    "Person": Schema.PERSON,
    "Organization": Schema.ORGANIZATION,
    "LegalEntity": Schema.ORGANIZATION,
    "Company": Schema.COMPANY,
    "Vessel": Schema.VESSEL,
    "Airplane": Schema.AIRCRAFT,
}
EXPORT_SCHEMATA: dict[Schema, str] = {
    Schema.PERSON: "Person",
    Schema.ORGANIZATION: "Organization",
    Schema.COMPANY: "Company",
    Schema.VESSEL: "Vessel",
    Schema.AIRCRAFT: "Airplane",
}

_OTHER_IDS = [
    "okpoCode",
    "dunsCode",
    "swiftBic",
    "uscCode",
    "bvdId",
    "icijId",
    "npiCode",
    "uniqueEntityId",
    "licenseNumber",
    "kppCode",
    "bikCode",
    "fnsCode",
    "pfrNumber",
    "cikCode",
    "ticker",
    "ricCode",
    "isinCode",
    "jibCode",
    "mbsCode",
    "ipoCode",
    "coatoCode",
    "crsNumber",
    "mmsi",
    "wikidataId",
    "serialNumber",
    "icaoCode",
]
PROPERTY_MAP: dict[str, str] = {
    **{p: p for p in ("name", "alias", "weakAlias", "title", "position", "birthDate")},
    **{p: p for p in ("birthPlace", "deathDate", "nationality", "gender", "country")},
    **{p: p for p in ("jurisdiction", "incorporationDate", "legalForm", "idNumber")},
    **{p: p for p in ("passportNumber", "registrationNumber", "taxNumber", "imoNumber")},
    **{p: p for p in ("callSign", "flag", "model", "address", "phone", "email", "website")},
    "notes": "notes",
    "previousName": "alias",
    "abbreviation": "weakAlias",
    "citizenship": "nationality",
    "mainCountry": "country",
    "socialSecurityNumber": "idNumber",
    "ogrnCode": "registrationNumber",
    "leiCode": "registrationNumber",
    "innCode": "taxNumber",
    "vatCode": "taxNumber",
    "irsCode": "taxNumber",
    "voenCode": "taxNumber",
    "summary": "notes",
    "description": "notes",
    **{p: "otherId" for p in _OTHER_IDS},
}
# When the mapped property does not apply to the subject's schema, try this one instead.
FALLBACKS: dict[str, str] = {
    "idNumber": "registrationNumber",
    "passportNumber": "otherId",
    "taxNumber": "otherId",
    "nationality": "country",
}
NOTED = frozenset(
    [
        "status",
        "sector",
        "classification",
        "dissolutionDate",
        "birthCountry",
        "religion",
        "ethnicity",
        "education",
        "profession",
        "political",
        "appearance",
        "eyeColor",
        "hairColor",
        "height",
        "weight",
        "spokenLanguage",
        "capital",
        "taxStatus",
        "registrationPort",
        "navigationArea",
        "tonnage",
        "grossRegisteredTonnage",
        "deadweightTonnage",
        "nameChangeDate",
        "pastFlags",
        "pastTypes",
        "buildDate",
        "registrationDate",
        "deregistrationDate",
        "type",
        "manufacturer",
        "okvedCode",
        "okopfCode",
        "caemCode",
        "oksmCode",
        "fssCode",
    ]
)
IGNORED = frozenset(
    [
        "topics",
        "sourceUrl",
        "modifiedAt",
        "createdAt",
        "retrievedAt",
        "publisher",
        "publisherUrl",
        "alephUrl",
        "wikipediaUrl",
        "opencorporatesUrl",
        "indexText",
        "proof",
        "program",
        "programId",
        "keywords",
        "namesMentioned",
        "recordId",
    ]
)
NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "motherName", "lastName")
NAME_PARTS_ALL = frozenset((*NAME_PARTS, "nameSuffix"))

# FtM interval schema → (source property, target property, relation type)
RELATIONS: dict[str, tuple[str, str, RelationType]] = {
    "Ownership": ("owner", "asset", RelationType.OWNS),
    "Directorship": ("director", "organization", RelationType.DIRECTOR_OF),
    "Membership": ("member", "organization", RelationType.MEMBER_OF),
    "Family": ("person", "relative", RelationType.FAMILY),
    "Associate": ("person", "associate", RelationType.ASSOCIATE),
    "UnknownLink": ("subject", "object", RelationType.UNKNOWN),
    "Payment": ("payer", "beneficiary", RelationType.PAID),
}
# Relation types FtM has no schema for: written as (schema, role) and read back by role.
ROLE_TYPES: dict[RelationType, tuple[str, str]] = {
    RelationType.LEADER_OF: ("Membership", "leader"),
    RelationType.SUPPLIED: ("UnknownLink", "supplied"),
}
_INTERVAL = frozenset({"startDate", "endDate", "date", "summary", "description"})
RELATION_NOTED = frozenset(
    [
        "role",
        "relationship",
        "ownershipType",
        "sharesCount",
        "sharesValue",
        "sharesCurrency",
        "sharesType",
        "legalBasis",
        "status",
        "purpose",
        "programme",
        "sequenceNumber",
        "transactionNumber",
        "amountUsd",
        "amountEur",
    ]
)
RELATION_PROPS = frozenset(
    {p for pair in RELATIONS.values() for p in pair[:2]}
    | _INTERVAL
    | RELATION_NOTED
    | {"percentage", "amount", "currency"}
)
SANCTION_PROPS = frozenset(
    _INTERVAL
    | {"entity", "authority", "authorityId", "unscId", "program", "programId", "programUrl"}
    | {"provisions", "status", "duration", "reason", "country", "listingDate"}
)
IDENTIFICATION_PROPS = frozenset(
    _INTERVAL
    | {"holder", "type", "country", "number", "authority"}
    | {"surname", "givenName", "birthDate", "birthPlace", "gender", "personalNumber"}
)
ADDRESS_PROPS = frozenset(
    {"full", "remarks", "postOfficeBox", "street", "street2", "city", "postalCode", "region"}
    | {"state", "latitude", "longitude", "country", "osmId", "googlePlaceId", "name"}
    | {"summary", "description", "notes"}
)
ADDRESS_PARTS = ("street", "street2", "postOfficeBox", "city", "postalCode", "region", "state")
