"""The UN Security Council consolidated sanctions list (XML) → a ``SourceBatch``.

The official file (``https://scsanctions.un.org/resources/xml/en/consolidated.xml``) holds
``INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY`` entries. Each becomes one record keyed
``un-sc:<DATAID>`` with a ``Person`` or ``Organization`` subject stated by the source
``un-sc`` and one ``sanctioned`` listing under the entry's UN sanctions regime. References
between entries in the narratives ("Leader of Al-Qaida (QDe.004)") become relations between
them (``ictd.ingest.un_sc_narrative``), with their provenance.

Parsing is complete and strict: every element the list schema defines is read (the
field-level rules live in ``ictd.ingest.un_sc_fields``); an element it does not define, a
bad date or a missing DATAID raises ``SourceError`` naming the entry (DATAID, reference
number, line) and the field, and nothing of the file is returned.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from lxml import etree

from ictd.exc import SourceError
from ictd.ingest.batch import SourceBatch, SourceRecord, make_record
from ictd.ingest.draft import SubjectDraft, Where, sanitize_text
from ictd.ingest.un_sc_document import add_documents
from ictd.ingest.un_sc_fields import (
    ENTITY_TAGS,
    INDIVIDUAL_TAGS,
    add_addresses,
    add_aliases,
    add_births,
    add_person_facts,
    check_children,
    clean_date,
    text_of,
    texts_of,
)
from ictd.ingest.un_sc_narrative import Narrative, derive_relations
from ictd.model.listing import Action, Handling, Listing, ListingStatus, Sharing
from ictd.model.schema import Schema

__all__ = ["SOURCE", "UN_REGIMES", "parse_un_sc", "read_un_sc"]

SOURCE = "un-sc"

# UN_LIST_TYPE → the sanctions regime it stands for.
UN_REGIMES: dict[str, str] = {
    "Al-Qaida": "ISIL (Da'esh) and Al-Qaida",
    "Taliban": "Taliban (1988)",
    "DPRK": "Democratic People's Republic of Korea",
    "Iran": "Iran",
    "Iraq": "Iraq",
    "Libya": "Libya",
    "DRC": "Democratic Republic of the Congo",
    "Somalia": "Al-Shabaab (Somalia)",
    "CAR": "Central African Republic",
    "GB": "Guinea-Bissau",
    "Yemen": "Yemen",
    "Haiti": "Haiti",
    "Sudan": "Sudan",
    "SouthSudan": "South Sudan",
    "Mali": "Mali",
}

_DATAID = re.compile(r"^\d+$")
_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "remove_comments": True}


def read_un_sc(path: str | Path) -> SourceBatch:
    """Read and parse the UN SC consolidated list from a file."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise SourceError(f"cannot read UN SC list {path}: {err.strerror}") from err
    return parse_un_sc(data)


def parse_un_sc(data: bytes) -> SourceBatch:
    """Parse the bytes of the UN SC consolidated list XML.

    >>> batch = parse_un_sc(Path("consolidated.xml").read_bytes())  # doctest: +SKIP
    >>> batch.get("un-sc:6908555").subject.first("name")  # doctest: +SKIP
    """
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise SourceError(f"UN SC list is not well-formed XML: {err}") from err
    if root.tag != "CONSOLIDATED_LIST":
        raise SourceError(f"UN SC list: root element is <{root.tag}>, not <CONSOLIDATED_LIST>")
    warnings = _sanitize_tree(root)
    records: list[SourceRecord] = []
    narratives: list[Narrative] = []
    seen: dict[str, int] = {}
    for group in root:
        if group.tag not in ("INDIVIDUALS", "ENTITIES"):
            raise SourceError(f"UN SC list, line {group.sourceline}: unknown <{group.tag}>")
        kind = "INDIVIDUAL" if group.tag == "INDIVIDUALS" else "ENTITY"
        for element in group:
            if element.tag != kind:
                raise SourceError(f"UN SC list, line {element.sourceline}: <{element.tag}>")
            record = parse_entry(element, warnings)
            if record.key in seen:
                raise SourceError(
                    f"UN SC list, line {element.sourceline}: {record.key} repeats the entry "
                    f"at line {seen[record.key]}"
                )
            seen[record.key] = element.sourceline or 0
            records.append(record)
            schema = Schema.PERSON if kind == "INDIVIDUAL" else Schema.ORGANIZATION
            reference = text_of(element, "REFERENCE_NUMBER") or ""
            narratives.append((record.key, reference, schema, text_of(element, "COMMENTS1")))
    return SourceBatch(
        source=SOURCE,
        records=tuple(records),
        relations=derive_relations(narratives, SOURCE),
        file_hash=hashlib.sha256(data).hexdigest(),
        generated_at=root.get("dateGenerated"),
        warnings=tuple(warnings),
    )


def _sanitize_tree(root: etree._Element) -> list[str]:
    """Strip control and bidirectional characters from every element's text (XML refuses
    NUL and C0, but allows C1 and U+202E); one warning per element changed."""
    warnings: list[str] = []
    for element in root.iter():
        if isinstance(element.tag, str) and element.text:
            where = f"UN SC list, line {element.sourceline}"
            element.text = sanitize_text(element.text, where, f"<{element.tag}>", warnings)
    return warnings


def _where(element: etree._Element) -> Where:
    dataid = text_of(element, "DATAID") or "?"
    reference = text_of(element, "REFERENCE_NUMBER")
    entry = f"UN SC DATAID {dataid}" + (f" ({reference})" if reference else "")
    return Where(entry, element.sourceline)


def parse_entry(element: etree._Element, warnings: list[str] | None = None) -> SourceRecord:
    """Parse one ``<INDIVIDUAL>`` or ``<ENTITY>`` element into a record; what was skipped
    goes to ``warnings``."""
    where = _where(element)
    is_person = element.tag == "INDIVIDUAL"
    check_children(element, INDIVIDUAL_TAGS if is_person else ENTITY_TAGS, where)
    dataid = text_of(element, "DATAID")
    if not dataid or not _DATAID.match(dataid):
        where.fail("DATAID", f"{dataid!r} is not a number")
    reference = text_of(element, "REFERENCE_NUMBER")
    if not reference:
        where.fail("REFERENCE_NUMBER", "is missing")
    list_type = text_of(element, "UN_LIST_TYPE")
    if not list_type:
        where.fail("UN_LIST_TYPE", "is missing")
    schema = Schema.PERSON if is_person else Schema.ORGANIZATION
    draft = SubjectDraft(schema, SOURCE, where, warnings)
    names = [text_of(element, tag) for tag in _NAME_TAGS]
    draft.add("name", " ".join(n for n in names if n), field="FIRST_NAME")
    if not draft.has("name"):
        where.fail("FIRST_NAME", "the entry has no name")
    draft.add("originalScriptName", text_of(element, "NAME_ORIGINAL_SCRIPT"))
    add_aliases(draft, element)
    if is_person:
        add_person_facts(draft, element)
        add_births(draft, element)
        add_documents(draft, element)
    add_addresses(draft, element)
    draft.note(text_of(element, "COMMENTS1"), field="COMMENTS1")
    submitted = text_of(element, "SUBMITTED_BY")
    if submitted:
        draft.note(f"Submitted by: {submitted}", field="SUBMITTED_BY")
    listing = _listing(element, where, reference, list_type, is_person)
    external_ids = (
        f"un-sc-dataid:{dataid}",
        f"un-sc-ref:{reference}",
        f"un-sc-list:{list_type}",
    )
    return make_record(f"{SOURCE}:{dataid}", draft.to_subject(external_ids), (listing,))


_NAME_TAGS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _listing(
    element: etree._Element, where: Where, reference: str, list_type: str, is_person: bool
) -> Listing:
    """The entry's listing: sanctioned under its regime, shared with every partner."""
    listed_on = _date(where, "LISTED_ON", text_of(element, "LISTED_ON"))
    if listed_on is None:
        where.fail("LISTED_ON", "is missing")
    delisted_on = _date(where, "DELISTED_ON", text_of(element, "DELISTED_ON"))
    updated = [_date(where, "LAST_DAY_UPDATED", v) for v in texts_of(element, "LAST_DAY_UPDATED")]
    version = text_of(element, "VERSIONNUM")
    if version is not None and not version.isdigit():
        where.fail("VERSIONNUM", f"{version!r} is not a number")
    regime = UN_REGIMES.get(list_type, list_type)
    notes = [f"UN list type: {list_type}", f"version {version or '?'}"]
    known_updates = sorted(d for d in updated if d is not None)
    if known_updates:
        notes.append(f"last updated {known_updates[-1].isoformat()}")
    actions = (Action.FREEZE_ASSETS, Action.REFUSE_ENTRY) if is_person else (Action.FREEZE_ASSETS,)
    return Listing(
        subject_id=0,
        category="sanctioned",
        actions=actions,
        source=SOURCE,
        reference=reference,
        legal_basis=f"UN Security Council {regime} sanctions regime ({list_type})",
        reliability="A",
        accuracy=2,
        valid_from=listed_on,
        valid_until=delisted_on,
        sharing=Sharing.ALL,
        handling=Handling.H0,
        status=ListingStatus.WITHDRAWN if delisted_on else ListingStatus.ACTIVE,
        notes="; ".join(notes),
    )


def _date(where: Where, field: str, text: str | None) -> date | None:
    if text is None:
        return None
    return date.fromisoformat(clean_date(where, field, text))
