"""Identity documents of UN SC individuals → ``passportNumber``/``idNumber``/``otherId``.

A ``<INDIVIDUAL_DOCUMENT>`` has a type (``Passport``, ``National Identification Number``,
sometimes refined by ``TYPE_OF_DOCUMENT2``: ``Birth certificate``, ``Ration card
number:``…), a number, the issuing country and free text. The number is often written in
prose (``CAR diplomatic passport no. D00000897``, ``381110042 (Expired 25 Jan. 2016)``):
the statement gets the identifier itself, and the full wording, date and place of issue
and any note are kept as a ``notes`` statement.
"""

from __future__ import annotations

import re

from lxml import etree

from ictd.ingest.countries import country_code
from ictd.ingest.draft import SubjectDraft
from ictd.ingest.un_sc_fields import check_children, clean_date, text_of

__all__ = ["add_documents", "clean_number", "document_property"]

_DOCUMENT_TAGS = frozenset(
    {
        "TYPE_OF_DOCUMENT",
        "TYPE_OF_DOCUMENT2",
        "NUMBER",
        "ISSUING_COUNTRY",
        "DATE_OF_ISSUE",
        "CITY_OF_ISSUE",
        "COUNTRY_OF_ISSUE",
        "NOTE",
    }
)
_PASSPORT_WORDS = ("passport", "passeport", "pasaporte")
_OTHER_WORDS = (
    "certificate", "ration", "fiscal", "social security", "driver", "driving", "licence",
    "license", "voter", "student", "residen", "military", "fardc", "other", "laissez",
    "travel document", "alien", "ex-serviceman",
)  # fmt: skip
_IDENTITY_WORDS = ("identif", "identity", "tazkira", "national number", "civil")
_ID_LIKE = re.compile(r"^[A-Z0-9][A-Z0-9 ./\-]*$")
_TRAILING_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
_TRAILING_PLACE = re.compile(r",\s*[^\W\d][^,]*$")


def _kind_of(label: str) -> str | None:
    text = label.casefold()
    if any(w in text for w in _PASSPORT_WORDS):
        return "passportNumber"
    if any(w in text for w in _OTHER_WORDS):
        return "otherId"
    if any(w in text for w in _IDENTITY_WORDS):
        return "idNumber"
    return None


def document_property(kind: str | None, kind2: str | None) -> str:
    """The property for a document type: the refined type wins over the general one.

    >>> document_property("National Identification Number", "Ration card number:")
    'otherId'
    """
    for label in (kind2, kind):
        found = _kind_of(label) if label else None
        if found:
            return found
    return "otherId"


def clean_number(raw: str) -> str:
    """The identifier inside a number written in prose.

    >>> clean_number("CAR diplomatic passport no. D00000897")
    'D00000897'
    >>> clean_number("German travel document (“Reiseausweis”) A 0139243")
    'A 0139243'
    """
    text = _TRAILING_PLACE.sub("", _TRAILING_PAREN.sub("", raw)).strip()
    if _ID_LIKE.match(text):
        return text
    picked: list[str] = []
    for token in reversed(text.split()):
        if any(ch.isdigit() for ch in token):
            picked.append(token)
        elif picked and token.isalpha() and token.isupper() and len(token) <= 3:
            picked.append(token)
            break
        else:
            break
    return " ".join(reversed(picked)).rstrip(".:,;") if picked else text


def _issuer(document: etree._Element) -> tuple[str | None, str | None]:
    """``(country code, country name)`` of the issuing country, code ``None`` when unknown."""
    name = text_of(document, "ISSUING_COUNTRY") or text_of(document, "COUNTRY_OF_ISSUE")
    return (country_code(name) if name else None), name


def _add_document(draft: SubjectDraft, document: etree._Element) -> None:
    field = "INDIVIDUAL_DOCUMENT"
    check_children(document, _DOCUMENT_TAGS, draft.where)
    kind, kind2 = text_of(document, "TYPE_OF_DOCUMENT"), text_of(document, "TYPE_OF_DOCUMENT2")
    raw = text_of(document, "NUMBER")
    code, country = _issuer(document)
    label = kind2 or kind or "Document"
    details: list[str] = []
    number = clean_number(raw) if raw else None
    if raw and number != raw:
        details.append(f"as written: {raw}")
    if kind2 and kind:
        details.append(f"type: {kind}")
    if country and not code:
        details.append(f"issued by {country}")
    issued = text_of(document, "DATE_OF_ISSUE")
    city = text_of(document, "CITY_OF_ISSUE")
    if issued or city:
        when = clean_date(draft.where, f"{field}/DATE_OF_ISSUE", issued) if issued else ""
        details.append(" ".join(p for p in ("issued", when, f"in {city}" if city else "") if p))
    note = text_of(document, "NOTE")
    if note:
        details.append(note)
    if number:
        draft.add(document_property(kind, kind2), number, code, field=f"{field}/NUMBER")
    if details or not number:
        head = f"{label} {number}" if number else label
        if code and country:
            head += f" ({country})"
        draft.note(f"{head}: {'; '.join(details)}" if details else head, field=field)


def add_documents(draft: SubjectDraft, element: etree._Element) -> None:
    """Every non-empty ``<INDIVIDUAL_DOCUMENT>`` of an individual."""
    for document in element.iterfind("INDIVIDUAL_DOCUMENT"):
        if any(text_of(document, child.tag) for child in document if isinstance(child.tag, str)):
            _add_document(draft, document)
