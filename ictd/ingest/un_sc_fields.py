"""Field rules of the UN SC list: aliases, person facts, births, documents, addresses.

Each ``add_*`` function reads one kind of sub-element of an ``<INDIVIDUAL>`` or
``<ENTITY>`` into a ``SubjectDraft``. Country names become ISO codes through
``ictd.ingest.countries``; a name the table does not know is kept in a note instead.
Facts that have no property of their own (an alias's note, a document's date of issue,
an approximate date of birth) are kept as ``notes`` so nothing in the file is dropped.
"""

from __future__ import annotations

import re
from datetime import date

from lxml import etree

from ictd.ingest.countries import country_code
from ictd.ingest.draft import SubjectDraft, Where

__all__ = [
    "ENTITY_TAGS",
    "INDIVIDUAL_TAGS",
    "add_addresses",
    "add_aliases",
    "add_births",
    "add_person_facts",
    "check_children",
    "clean_date",
    "place_text",
    "text_of",
    "texts_of",
]

_COMMON_TAGS = {
    "DATAID", "VERSIONNUM", "FIRST_NAME", "UN_LIST_TYPE", "REFERENCE_NUMBER", "LISTED_ON",
    "DELISTED_ON", "NAME_ORIGINAL_SCRIPT", "COMMENTS1", "SUBMITTED_BY", "LIST_TYPE",
    "LAST_DAY_UPDATED", "SORT_KEY", "SORT_KEY_LAST_MOD",
}  # fmt: skip
INDIVIDUAL_TAGS = frozenset(
    _COMMON_TAGS
    | {"SECOND_NAME", "THIRD_NAME", "FOURTH_NAME", "GENDER", "TITLE", "DESIGNATION"}
    | {"NATIONALITY", "INDIVIDUAL_ALIAS", "INDIVIDUAL_ADDRESS", "INDIVIDUAL_DATE_OF_BIRTH"}
    | {"INDIVIDUAL_PLACE_OF_BIRTH", "INDIVIDUAL_DOCUMENT"}
)
ENTITY_TAGS = frozenset(_COMMON_TAGS | {"ENTITY_ALIAS", "ENTITY_ADDRESS"})

_ALIAS_TAGS = frozenset(
    {"QUALITY", "ALIAS_NAME", "NOTE", "DATE_OF_BIRTH", "CITY_OF_BIRTH", "COUNTRY_OF_BIRTH"}
)
_PLACE_TAGS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "REGION", "COUNTRY")
_ADDRESS_TAGS = frozenset({*_PLACE_TAGS, "NOTE"})
_DOB_TAGS = frozenset({"TYPE_OF_DATE", "DATE", "YEAR", "FROM_YEAR", "TO_YEAR", "NOTE"})
_STRONG = frozenset({"good", "a.k.a.", "aka", "f.k.a.", "fka"})
_WEAK = frozenset({"low", "very low"})
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?$")
_YEAR = re.compile(r"^\d{4}$")
_SPACE = re.compile(r"\s+")
_NOT_AVAILABLE = frozenset({"na", "n/a", "unknown"})


def text_of(element: etree._Element, tag: str) -> str | None:
    """The whitespace-collapsed text of the first child ``tag``, or ``None`` when empty."""
    child = element.find(tag)
    if child is None or child.text is None:
        return None
    return _SPACE.sub(" ", child.text).strip() or None


def texts_of(element: etree._Element, tag: str) -> list[str]:
    """The non-empty ``<VALUE>`` texts under every child ``tag``."""
    values = (_SPACE.sub(" ", v.text or "").strip() for v in element.iterfind(f"{tag}/VALUE"))
    return [v for v in values if v]


def clean_date(where: Where, field: str, text: str) -> str:
    """``2001-01-25`` (a time-zone suffix is dropped) or ``SourceError`` naming ``field``."""
    match = _DATE.match(text.strip())
    if not match:
        where.fail(field, f"{text!r} is not a date (YYYY-MM-DD)")
    try:
        date.fromisoformat(match.group(1))
    except ValueError as err:
        where.fail(field, f"{text!r} is not a valid date: {err}")
    return match.group(1)


def check_children(element: etree._Element, known: frozenset[str], where: Where) -> None:
    """Fail on any child element the list schema does not define for ``element``."""
    for child in element:
        if isinstance(child.tag, str) and child.tag not in known:
            where.fail(f"{element.tag}/{child.tag}", f"unknown element (line {child.sourceline})")


def place_text(element: etree._Element) -> tuple[str | None, str | None]:
    """``("Street, City, State, Country", country code)`` from an address-like element."""
    parts = [text_of(element, tag) for tag in _PLACE_TAGS]
    country = text_of(element, "COUNTRY")
    text = ", ".join(p for p in parts if p) or None
    return text, country_code(country) if country else None


def add_aliases(draft: SubjectDraft, element: etree._Element) -> None:
    """``<*_ALIAS>``: Good/a.k.a./f.k.a. → ``alias``; Low → ``weakAlias``; alias details → notes."""
    for alias in element.iterfind(f"{element.tag}_ALIAS"):
        field = alias.tag
        check_children(alias, _ALIAS_TAGS, draft.where)
        name = text_of(alias, "ALIAS_NAME")
        quality = (text_of(alias, "QUALITY") or "").casefold()
        if name is None:
            details = [text_of(alias, c.tag) for c in alias if c.tag != "QUALITY"]
            if any(details):
                draft.note("Alias without a name: " + "; ".join(d for d in details if d))
            continue
        if quality in _STRONG or not quality:
            draft.add("alias", name, field=f"{field}/ALIAS_NAME")
        elif quality in _WEAK:
            draft.add("weakAlias", name, field=f"{field}/ALIAS_NAME")
        else:
            draft.where.fail(f"{field}/QUALITY", f"unknown alias quality {quality!r}")
        if quality.startswith("f"):
            draft.note(f"Formerly known as: {name}", field=f"{field}/QUALITY")
        dob = text_of(alias, "DATE_OF_BIRTH")
        if dob is not None:
            value = dob if _YEAR.match(dob) else clean_date(draft.where, f"{field}/DOB", dob)
            draft.add("birthDate", value, field=f"{field}/DATE_OF_BIRTH")
        places = [text_of(alias, "CITY_OF_BIRTH"), text_of(alias, "COUNTRY_OF_BIRTH")]
        if any(places):
            draft.add("birthPlace", ", ".join(p for p in places if p), field=f"{field}/BIRTH")
        note = text_of(alias, "NOTE")
        if note:
            draft.note(f"Alias {name}: {note}", field=f"{field}/NOTE")


def add_person_facts(draft: SubjectDraft, element: etree._Element) -> None:
    """Titles, designations, nationalities and gender of an individual."""
    for title in texts_of(element, "TITLE"):
        draft.add("title", title, field="TITLE")
    for designation in texts_of(element, "DESIGNATION"):
        draft.add("position", designation, field="DESIGNATION")
    for nationality in texts_of(element, "NATIONALITY"):
        if nationality.casefold() in _NOT_AVAILABLE:
            continue
        code = country_code(nationality)
        if code:
            draft.add("nationality", code, field="NATIONALITY")
        else:
            draft.note(f"Nationality: {nationality}", field="NATIONALITY")
    gender = text_of(element, "GENDER")
    if gender and gender.casefold() not in _NOT_AVAILABLE:
        draft.add("gender", gender, field="GENDER")


def _birth_date(draft: SubjectDraft, dob: etree._Element) -> None:
    where, field = draft.where, "INDIVIDUAL_DATE_OF_BIRTH"
    check_children(dob, _DOB_TAGS, where)
    kind = (text_of(dob, "TYPE_OF_DATE") or "").upper()
    if kind not in ("", "EXACT", "APPROXIMATELY", "BETWEEN"):
        where.fail(f"{field}/TYPE_OF_DATE", f"unknown type of date {kind!r}")
    exact = text_of(dob, "DATE")
    year = text_of(dob, "YEAR")
    start, end = text_of(dob, "FROM_YEAR"), text_of(dob, "TO_YEAR")
    value: str | None = None
    if exact is not None:
        value = clean_date(where, f"{field}/DATE", exact)
    elif year is not None:
        value = year
    elif start is not None or end is not None:
        value = f"{start or end}/{end or start}"
    tag = "DATE" if exact else "YEAR" if year else "FROM_YEAR/TO_YEAR"
    draft.add("birthDate", value, field=f"{field}/{tag}")
    if value is not None and kind == "APPROXIMATELY":
        draft.note(f"Date of birth approximately {value}", field=f"{field}/TYPE_OF_DATE")
    note = text_of(dob, "NOTE")
    if note:
        draft.note(f"Date of birth: {note}", field=f"{field}/NOTE")


def add_births(draft: SubjectDraft, element: etree._Element) -> None:
    """Dates of birth (exact, year, approximate, between two years) and places of birth."""
    for dob in element.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        _birth_date(draft, dob)
    for pob in element.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
        check_children(pob, _ADDRESS_TAGS, draft.where)
        text, _ = place_text(pob)
        draft.add("birthPlace", text, field="INDIVIDUAL_PLACE_OF_BIRTH")
        note = text_of(pob, "NOTE")
        if note:
            draft.note(f"Place of birth {text or ''}: {note}", field="INDIVIDUAL_PLACE_OF_BIRTH")


def add_addresses(draft: SubjectDraft, element: etree._Element) -> None:
    """Addresses with their country as qualifier; an entity also gets the ``country``."""
    for address in element.iterfind(f"{element.tag}_ADDRESS"):
        check_children(address, _ADDRESS_TAGS, draft.where)
        text, code = place_text(address)
        draft.add("address", text, code, field=address.tag)
        if code and draft.accepts("country"):
            draft.add("country", code, field=f"{address.tag}/COUNTRY")
        country = text_of(address, "COUNTRY")
        if country and not code and country.casefold() not in _NOT_AVAILABLE:
            draft.note(f"Address country not recognised: {country}", field=address.tag)
        note = text_of(address, "NOTE")
        if note:
            draft.note(f"Address {text or ''}: {note}".replace(" :", ":"), field=address.tag)
