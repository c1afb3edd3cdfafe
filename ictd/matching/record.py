"""What the matcher compares: index records (from subjects) and queries, and their prepared forms.

``IndexRecord`` is the slice of a subject the matcher needs; ``record_from_subject`` makes one.
``Query`` is what a screener asks about. Both are prepared once (names parsed, dates parsed,
identifiers normalised) into ``Prepared``, which the feature functions read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ictd.exc import ErrorCollector
from ictd.matching.name import ParsedName, parse_name
from ictd.model import DateValue, Subject, parse_date
from ictd.model.value import normalize_identifier

__all__ = [
    "IDENTIFIER_PROPS",
    "NAME_PROPS",
    "Identifier",
    "IndexRecord",
    "Prepared",
    "Query",
    "QueryIdentifier",
    "is_org_schema",
    "prepare_query",
    "prepare_record",
    "record_from_subject",
]

NAME_PROPS = ("name", "alias", "weakAlias", "originalScriptName")
IDENTIFIER_PROPS = (
    "passportNumber",
    "idNumber",
    "registrationNumber",
    "taxNumber",
    "otherId",
    "imoNumber",
    "callSign",
)
_COUNTRY_PROPS = ("nationality", "country", "jurisdiction", "flag")
_ORG_SCHEMAS = frozenset({"Organization", "Company"})


def is_org_schema(schema: str | None) -> bool | None:
    """True for organisations and companies, False for other kinds, None when unknown."""
    return None if schema is None else schema in _ORG_SCHEMAS


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier (passport, ID, registration number …), its issuing country and its type."""

    value: str
    country: str | None = None
    type: str | None = None

    @property
    def norm(self) -> str:
        """Upper-case letters and digits only."""
        return normalize_identifier(self.value)


QueryIdentifier = Identifier


@dataclass(frozen=True, slots=True)
class IndexRecord:
    """The facts of one subject that the matcher uses."""

    subject_id: int
    schema: str
    names: tuple[str, ...]
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    gender: str | None = None
    identifiers: tuple[Identifier, ...] = ()


@dataclass(frozen=True, slots=True)
class Query:
    """A screening query. Every field but ``id`` and one name or identifier is optional.

    Raises ``InvalidInput`` (naming each bad field) when a date does not parse or when there is
    neither a name nor an identifier.
    """

    id: str
    names: tuple[str, ...] = ()
    schema: str | None = None
    birth_date: str | None = None
    nationalities: tuple[str, ...] = ()
    gender: str | None = None
    identifiers: tuple[Identifier, ...] = ()

    def __post_init__(self) -> None:
        errors = ErrorCollector()
        if not any(n.strip() for n in self.names) and not any(i.norm for i in self.identifiers):
            errors.add("names", "give at least one name or identifier")
        if self.birth_date:
            try:
                parse_date(self.birth_date)
            except ValueError as exc:
                errors.add("birth_date", str(exc))
        errors.raise_if_any("invalid query")


def record_from_subject(subject: Subject) -> IndexRecord:
    """The ``IndexRecord`` for a subject with an id (its active statements only)."""
    if subject.id is None:
        raise ValueError("the subject has no id")
    names: list[str] = []
    for prop in NAME_PROPS:
        names.extend(v for v in subject.values(prop) if v not in names)
    idents = [
        Identifier(s.norm or s.value, s.qualifier, s.prop)
        for s in subject.active
        if s.prop in IDENTIFIER_PROPS
    ]
    countries: list[str] = []
    for prop in _COUNTRY_PROPS:
        countries.extend(v.upper() for v in subject.values(prop) if v.upper() not in countries)
    return IndexRecord(
        subject_id=subject.id,
        schema=subject.schema.value,
        names=tuple(names),
        birth_dates=tuple(subject.values("birthDate")),
        nationalities=tuple(countries),
        gender=subject.first("gender"),
        identifiers=tuple(idents),
    )


@dataclass(frozen=True, slots=True)
class Prepared:
    """A query or record ready for scoring: names parsed, dates parsed, identifiers keyed."""

    schema: str | None
    names: tuple[ParsedName, ...]
    birth_dates: tuple[DateValue, ...] = ()
    nationalities: frozenset[str] = frozenset()
    gender: str | None = None
    identifiers: dict[str, Identifier] = field(default_factory=dict)


def _dates(texts: tuple[str, ...]) -> tuple[DateValue, ...]:
    out = []
    for text in texts:
        try:
            out.append(parse_date(text))
        except ValueError:
            continue  # a malformed stored date says nothing; it must not block screening
    return tuple(out)


def _names(names: tuple[str, ...], schema: str | None) -> tuple[ParsedName, ...]:
    org = is_org_schema(schema)
    return tuple(parsed for raw in names for parsed in parse_name(raw, org))


def _gender(text: str | None) -> str | None:
    folded = (text or "").strip().casefold()
    return {"m": "male", "f": "female"}.get(folded, folded) or None


def prepare_record(record: IndexRecord) -> Prepared:
    """Parse a record's names and dates once."""
    return Prepared(
        schema=record.schema,
        names=_names(record.names, record.schema),
        birth_dates=_dates(record.birth_dates),
        nationalities=frozenset(c.upper() for c in record.nationalities),
        gender=_gender(record.gender),
        identifiers={i.norm: i for i in record.identifiers if i.norm},
    )


def prepare_query(query: Query) -> Prepared:
    """Parse a query's names and date once."""
    return Prepared(
        schema=query.schema,
        names=_names(query.names, query.schema),
        birth_dates=_dates((query.birth_date,) if query.birth_date else ()),
        nationalities=frozenset(c.strip().upper() for c in query.nationalities if c.strip()),
        gender=_gender(query.gender),
        identifiers={i.norm: i for i in query.identifiers if i.norm},
    )
