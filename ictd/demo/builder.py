"""Collect the statements of one synthetic subject, each validated by ``clean_value``."""

from __future__ import annotations

from ictd.model.schema import NAME_PROPERTIES, PROPERTIES, Schema
from ictd.model.statement import Statement
from ictd.model.subject import Subject
from ictd.model.value import clean_value

__all__ = ["SOURCE", "SubjectBuilder"]

SOURCE = "synthetic"
# Properties with few distinct values (tens of thousands of dates at most): their statements
# are immutable, so one instance is shared by every subject that states the same value.
_SHARED = frozenset(
    {"nationality", "gender", "country", "jurisdiction", "legalForm", "birthPlace", "birthDate",
     "incorporationDate"}
)  # fmt: skip
_shared: dict[tuple[str, str, str | None], Statement] = {}


class SubjectBuilder:
    """Statements for one subject, stated by the ``synthetic`` source.

    >>> b = SubjectBuilder(Schema.PERSON)
    >>> b.add("nationality", "sy")
    >>> b.build().first("nationality")
    'SY'
    """

    __slots__ = ("names", "schema", "seen", "statements")

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.statements: list[Statement] = []
        self.seen: set[tuple[str, str]] = set()
        self.names: set[str] = set()  # normalised values of every name property

    def add(
        self, prop: str, value: str, qualifier: str | None = None, lang: str | None = None
    ) -> None:
        """Add one statement; a value already stated for ``prop`` is skipped.

        Raises ``ValueError`` (from ``clean_value``) when the value is invalid: the generator
        must only produce values the model accepts.
        """
        stmt = _shared.get((prop, value, qualifier)) if prop in _SHARED else None
        if stmt is None:
            cleaned, norm, qualifier = clean_value(PROPERTIES[prop], value, qualifier)
            stmt = Statement(prop, cleaned, norm, qualifier=qualifier, lang=lang, source=SOURCE)
            if prop in _SHARED:
                _shared[(prop, value, qualifier)] = stmt
        if (prop, stmt.norm) in self.seen:
            return
        self.seen.add((prop, stmt.norm))
        if prop in NAME_PROPERTIES:
            self.names.add(stmt.norm)
        self.statements.append(stmt)

    def build(self) -> Subject:
        return Subject(self.schema, source=SOURCE, statements=tuple(self.statements))
