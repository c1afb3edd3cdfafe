"""Subject kinds and their properties, as a declarative table.

A subject's facts are statements; each statement names one property from
``PROPERTIES``. The property's ``type`` says how its values are validated and
normalised (``ictd.model.value``); ``schemas`` says which kinds of subject may carry it.
Identifier-like properties may carry a ``qualifier``: the ISO country that issued the
identifier (passport, national ID) or the country of an address.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "IDENTIFIER_PROPERTIES",
    "NAME_PROPERTIES",
    "PROPERTIES",
    "Property",
    "PropertyType",
    "Schema",
    "get_property",
]


class Schema(StrEnum):
    """The kinds of subject ICTD holds."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    COMPANY = "Company"
    VESSEL = "Vessel"
    AIRCRAFT = "Aircraft"


class PropertyType(StrEnum):
    NAME = "name"
    DATE = "date"
    COUNTRY = "country"
    GENDER = "gender"
    IDENTIFIER = "identifier"
    ADDRESS = "address"
    TEXT = "text"
    PHONE = "phone"
    EMAIL = "email"
    URL = "url"


@dataclass(frozen=True, slots=True)
class Property:
    """One property: its name, value type, the schemas that may carry it, and its label."""

    name: str
    type: PropertyType
    schemas: frozenset[Schema]
    label: str
    qualified: bool = False  # takes a country qualifier (issuing country, address country)


_ALL = frozenset(Schema)
_PERSON = frozenset({Schema.PERSON})
_ORGS = frozenset({Schema.ORGANIZATION, Schema.COMPANY})
_LEGAL = frozenset({Schema.PERSON, Schema.ORGANIZATION, Schema.COMPANY})
_CRAFT = frozenset({Schema.VESSEL, Schema.AIRCRAFT})

_T = PropertyType
_TABLE: list[Property] = [
    # names, typed as the issue of a listing requires
    Property("name", _T.NAME, _ALL, "Primary name"),
    Property("alias", _T.NAME, _ALL, "Alias"),
    Property("weakAlias", _T.NAME, _ALL, "Weak alias"),
    Property("originalScriptName", _T.NAME, _ALL, "Name in original script"),
    Property("title", _T.TEXT, _PERSON, "Title or honorific"),
    Property("position", _T.TEXT, _PERSON, "Position or designation"),
    # person facts
    Property("birthDate", _T.DATE, _PERSON, "Date of birth"),
    Property("birthPlace", _T.TEXT, _PERSON, "Place of birth"),
    Property("nationality", _T.COUNTRY, _PERSON, "Nationality"),
    Property("gender", _T.GENDER, _PERSON, "Gender"),
    Property("deathDate", _T.DATE, _PERSON, "Date of death"),
    # organisation facts
    Property("country", _T.COUNTRY, _ORGS, "Country"),
    Property("jurisdiction", _T.COUNTRY, _ORGS, "Jurisdiction of incorporation"),
    Property("incorporationDate", _T.DATE, _ORGS, "Date of incorporation"),
    Property("legalForm", _T.TEXT, _ORGS, "Legal form"),
    # identifiers
    Property("passportNumber", _T.IDENTIFIER, _PERSON, "Passport number", qualified=True),
    Property("idNumber", _T.IDENTIFIER, _PERSON, "National ID number", qualified=True),
    Property("registrationNumber", _T.IDENTIFIER, _ALL, "Registration number", qualified=True),
    Property("taxNumber", _T.IDENTIFIER, _LEGAL, "Tax number", qualified=True),
    Property("otherId", _T.IDENTIFIER, _ALL, "Other identifier", qualified=True),
    Property("imoNumber", _T.IDENTIFIER, frozenset({Schema.VESSEL}), "IMO number"),
    Property("callSign", _T.IDENTIFIER, _CRAFT, "Call sign"),
    Property("flag", _T.COUNTRY, _CRAFT, "Flag state"),
    Property("model", _T.TEXT, _CRAFT, "Model or type"),
    # contact and location
    Property("address", _T.ADDRESS, _ALL, "Address", qualified=True),
    Property("phone", _T.PHONE, _LEGAL, "Phone number"),
    Property("email", _T.EMAIL, _LEGAL, "E-mail address"),
    Property("website", _T.URL, _LEGAL, "Website"),
    # analytical material
    Property("notes", _T.TEXT, _ALL, "Notes"),
    Property("analysis", _T.TEXT, _ALL, "Analytical material"),
]

PROPERTIES: dict[str, Property] = {p.name: p for p in _TABLE}
NAME_PROPERTIES: frozenset[str] = frozenset(p.name for p in _TABLE if p.type == _T.NAME)
IDENTIFIER_PROPERTIES: frozenset[str] = frozenset(p.name for p in _TABLE if p.type == _T.IDENTIFIER)


def get_property(name: str) -> Property | None:
    """The property called ``name``, or ``None`` when there is none."""
    return PROPERTIES.get(name)
