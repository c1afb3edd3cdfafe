"""Relations derived from the UN list's narratives.

An entry's narrative (``COMMENTS1``) names other entries by their reference numbers:
"Leader of Al-Qaida (QDe.004)", "Associated with Afghan Support Committee (ASC)
(QDe.069)", "son of LRA leader Joseph Kony (CFi.009)". Each reference to another entry of
the file becomes one relation from the entry to the one named, typed by the words of the
clause before the reference:

- ``leader-of``: a person described as leader, founder, head, emir or commander of an
  organisation;
- ``director-of``: "director of" an organisation;
- ``member-of``: "member of", "deputy in", "operative of", "fighter for" … an organisation;
- ``family``: son, daughter, brother, sister, father, mother, wife, husband of a person;
- ``associate``: any other reference ("associated with", "received money from", …).

Each carries its provenance in ``notes``: "derived from the source narrative", with the
clause it was read from. A type whose ends do not fit (``member-of`` a person) falls back
to ``associate``. Of two references between the same pair the stronger type is kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ictd.ingest.batch import SourceRelation
from ictd.model.relation import Relation, RelationType, relation_misfit
from ictd.model.schema import Schema

__all__ = ["PROVENANCE", "Narrative", "derive_relations"]

PROVENANCE = "derived from the source narrative"
REFERENCE = re.compile(r"\b([A-Z]{2}[ie]\.\d{3})\b")
Narrative = tuple[str, str, Schema, str | None]  # key, reference number, schema, narrative

_RULES: tuple[tuple[RelationType, re.Pattern[str]], ...] = (
    (
        RelationType.LEADER_OF,
        re.compile(r"\b(leader|founder|head|emir|amir|commander|chief|spiritual guide)\b"),
    ),
    (RelationType.DIRECTOR_OF, re.compile(r"\bdirector\b")),
    (
        RelationType.MEMBER_OF,
        re.compile(
            r"\b(member|deputy|operative|fighter|official|spokesman|spokesperson|"
            r"belongs? to|joined|recruiter|financier|facilitator)\b"
        ),
    ),
    (
        RelationType.FAMILY,
        re.compile(r"\b(son|daughter|brother|sister|father|mother|wife|husband|cousin)\b"),
    ),
)
_STRENGTH = {
    RelationType.LEADER_OF: 5,
    RelationType.DIRECTOR_OF: 4,
    RelationType.MEMBER_OF: 3,
    RelationType.FAMILY: 2,
    RelationType.ASSOCIATE: 1,
}
_CONTINUED = re.compile(r"^\)\s*(,|and\b|, and\b)")
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
MAX_CLAUSE = 200


def _clause(text: str, start: int, previous_end: int) -> str:
    """The words before a reference: from the previous reference (or the sentence start)."""
    before = text[previous_end:start]
    parts = _SENTENCE.split(before)
    clause = parts[-1] if parts else before
    return " ".join(clause.split())[-MAX_CLAUSE:]


def _type(clause: str, source: Schema, target: Schema) -> RelationType:
    words = clause.casefold()
    for kind, pattern in _RULES:
        if pattern.search(words) and relation_misfit(kind, source, target) is None:
            return kind
    return RelationType.ASSOCIATE


def derive_relations(entries: Sequence[Narrative], source: str) -> tuple[SourceRelation, ...]:
    """The relations the narratives of ``entries`` state between entries of the file."""
    by_reference = {reference: (key, schema) for key, reference, schema, _ in entries}
    found: dict[tuple[str, str], tuple[RelationType, str]] = {}
    for key, _reference, schema, text in entries:
        if not text:
            continue
        previous_end, last_kind = 0, RelationType.ASSOCIATE
        for match in REFERENCE.finditer(text):
            target = by_reference.get(match.group(1))
            start, previous = match.start(), previous_end
            previous_end = match.end()
            if target is None or target[0] == key:
                continue
            clause = _clause(text, start, previous).rstrip("( ")
            kind = _type(clause, schema, target[1])
            if _CONTINUED.match(clause) and relation_misfit(last_kind, schema, target[1]) is None:
                kind = last_kind  # "Father of A (TAi.144), B (TAi.146) and C (TAi.150)"
            last_kind = kind
            pair = (key, target[0])
            if pair not in found or _STRENGTH[kind] > _STRENGTH[found[pair][0]]:
                found[pair] = (kind, f"{clause} ({match.group(1)})")
    return tuple(
        SourceRelation(
            source_key,
            target_key,
            Relation(
                source_id=0,
                target_id=0,
                type=kind,
                source=source,
                notes=f"{PROVENANCE}: “{evidence}”",
            ),
        )
        for (source_key, target_key), (kind, evidence) in sorted(found.items())
    )
