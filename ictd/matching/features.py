"""The feature functions: each compares one kind of fact of a query and a record.

Every function is pure, takes ``(query, record)`` as ``Prepared`` forms (names take the chosen
``Alignment``) and returns the ``Feature`` values it found, positive for agreement and negative
for conflict; ``ictd.matching.scorer`` weighs and combines them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ictd.matching.compare import FIRST, LAST, Alignment, end_flag
from ictd.matching.record import Prepared, is_org_schema
from ictd.matching.result import Feature
from ictd.matching.weights import WEIGHTS, evidence_value
from ictd.model import DateValue

SHORT_FORM_COVERAGE = 0.999
"""The query coverage at which the query counts as a short form of the subject's name
(``is_short_form``): every part found a partner at least ``compare.FULL_CREDIT`` alike."""
Verdict = tuple[str, float]
"""A feature's name and value, without its explanation."""
FeatureFunction = Callable[[Prepared, Prepared], list[Feature]]
VerdictFunction = Callable[[Prepared, Prepared], list[Verdict]]

__all__ = [
    "FACT_FEATURES",
    "FACT_VERDICTS",
    "Verdict",
    "dob_features",
    "dob_verdicts",
    "first_part_unmatched",
    "gender_features",
    "gender_verdicts",
    "identifier_features",
    "is_short_form",
    "last_part_unmatched",
    "name_features",
    "nationality_features",
    "nationality_verdicts",
    "schema_features",
    "unmatched_ends",
]


def _describe(alignment: Alignment) -> str:
    pairs = []
    for qp, cp, sim in alignment.pairs:
        note = (
            f" (skeleton {qp.skeleton})"
            if qp.text != cp.text and qp.skeleton == cp.skeleton
            else ""
        )
        pairs.append(f"{qp.text!r}~{cp.text!r} {sim:.2f}{note}")
    return "; ".join(pairs) or "no parts agree"


def unmatched_ends(alignment: Alignment) -> tuple[str | None, str | None]:
    """The first and the last written part of either side that found no partner (the
    query's before the subject's), each ``None`` when it has one; a part joined to its
    neighbour (not an initial) stands for it. Only when both names have two parts or more
    and something else agrees."""
    q, c = alignment.query, alignment.candidate
    if not alignment.pairs or len(q.parts) < 2 or len(c.parts) < 2:
        return None, None
    q_ends = c_ends = 0
    for qp, cp, _ in alignment.pairs:
        q_ends |= end_flag(q.parts, qp)
        c_ends |= end_flag(c.parts, cp)
    out: list[str | None] = []
    for flag, at in ((FIRST, 0), (LAST, -1)):
        if not q_ends & flag:
            out.append(q.parts[at].text)
        elif not c_ends & flag and not (flag == LAST and is_short_form(alignment)):
            out.append(c.parts[at].text)
        else:
            out.append(None)
    return out[0], out[1]


def is_short_form(alignment: Alignment) -> bool:
    """Whether every part of the query found a partner in full (``SHORT_FORM_COVERAGE``): the
    query is the subject's name written short, its last parts left out (``Adib Shaban`` for
    ``Adib Shaban al-Ani``), so the subject's last part without a partner is a dropped
    family, tribal or place name, not another one; the subject's parts left out still
    count (``name_subject_parts_unmatched``)."""
    return alignment.query_coverage >= SHORT_FORM_COVERAGE


def first_part_unmatched(alignment: Alignment) -> str | None:
    """The first written part (usually the given name) of either side when it found no partner.

    ``Saddam Hussein al-Tikriti`` against ``Ali Saddam Hussein al-Tikriti`` (his son): the
    missing first part marks another person far more often than a missing middle part does.
    Only when both names have two parts or more and something else agrees.
    """
    return unmatched_ends(alignment)[0]


def last_part_unmatched(alignment: Alignment) -> str | None:
    """The last written part (usually the family name) of either side when it found no
    partner: ``Ulugbek Nurlanovich Karimov`` is not ``Ulugbek Nurlanovich Rakhimov``."""
    return unmatched_ends(alignment)[1]


def name_features(alignment: Alignment) -> list[Feature]:
    """Name agreement, unmatched parts on each side, and a match resting on one part only."""
    q, c = alignment.query, alignment.candidate
    out = [Feature("name_match", evidence_value(alignment.evidence), _describe(alignment))]
    missing_q = 1.0 - alignment.query_coverage
    if missing_q > 0.005:
        out.append(Feature("name_query_parts_unmatched", -missing_q, f"query {q.text!r}"))
    missing_c = 1.0 - alignment.candidate_coverage
    if missing_c > 0.005:
        out.append(Feature("name_subject_parts_unmatched", -missing_c, f"subject {c.text!r}"))
    if len(alignment.pairs) == 1 and max(len(q.parts), len(c.parts)) > 1:
        out.append(Feature("name_single_part", -1.0, f"only {alignment.pairs[0][1].text!r} agrees"))
    first, last = unmatched_ends(alignment)
    if first is not None:
        out.append(Feature("name_first_part_unmatched", -1.0, f"{first!r} has no partner"))
    if last is not None:
        out.append(Feature("name_last_part_unmatched", -1.0, f"{last!r} has no partner"))
    return out


def _years_apart(a: DateValue, b: DateValue) -> int:
    if a.latest < b.earliest:
        return b.earliest.year - a.latest.year
    return a.earliest.year - b.latest.year


def _show(value: DateValue) -> str:
    if value.precision == "day":
        return value.earliest.isoformat()
    if value.precision == "month":
        return value.earliest.isoformat()[:7]
    if value.precision == "year":
        return str(value.earliest.year)
    return f"{value.earliest.year}/{value.latest.year}"


def _date_verdict(q: DateValue, r: DateValue) -> Verdict:
    ours, theirs = q.precision, r.precision  # compared in turn: no set made per pair
    days = ours == "day" and theirs == "day"
    if q.earliest <= r.latest and r.earliest <= q.latest:
        if days:
            return ("dob_day_match", 1.0)
        if ours == "range" or theirs == "range":
            return ("dob_range_match", 1.0)
        if ours == "year" or theirs == "year":
            return ("dob_year_match", 1.0)
        return ("dob_month_match", 1.0)
    if days and _swapped(q.earliest, r.earliest):
        return ("dob_day_month_swapped", 1.0)
    gap = _years_apart(q, r)
    if gap == 0:
        return ("dob_day_mismatch", -1.0)
    if gap == 1:
        return ("dob_year_near", -1.0)
    return ("dob_year_mismatch", -min(1.0, 0.6 + 0.1 * gap))


def _swapped(a: date, b: date) -> bool:
    return a.year == b.year and a.day == b.month and a.month == b.day


def _best_dates(query: Prepared, record: Prepared) -> tuple[Verdict, DateValue, DateValue] | None:
    """The verdict of the pair of birth dates that weighs most, with the pair."""
    ours, theirs = query.birth_dates, record.birth_dates
    if len(ours) == 1 and len(theirs) == 1:  # the usual pair: nothing to choose from
        return _date_verdict(ours[0], theirs[0]), ours[0], theirs[0]
    found = [(_date_verdict(q, r), q, r) for q in query.birth_dates for r in record.birth_dates]
    return max(found, key=lambda f: f[0][1] * WEIGHTS[f[0][0]]) if found else None


def dob_features(query: Prepared, record: Prepared) -> list[Feature]:
    """Birth-date agreement at the finest shared precision, or the size of the disagreement."""
    best = _best_dates(query, record)
    if best is None:
        return []
    verdict, q, r = best
    return [Feature(*verdict, f"{_show(q)} vs {_show(r)}")]


def dob_verdicts(query: Prepared, record: Prepared) -> list[Verdict]:
    """``dob_features`` without the explanation (``FACT_VERDICTS``)."""
    ours, theirs = query.birth_dates, record.birth_dates
    if len(ours) == 1 and len(theirs) == 1:  # the usual pair, as ``_best_dates`` takes it
        return [_date_verdict(ours[0], theirs[0])]
    best = _best_dates(query, record)
    return [] if best is None else [best[0]]


def nationality_verdicts(query: Prepared, record: Prepared) -> list[Verdict]:
    """``nationality_features`` without the explanation (``FACT_VERDICTS``)."""
    if not query.nationalities or not record.nationalities:
        return []
    if query.nationalities & record.nationalities:
        return [("nationality_match", 1.0)]
    return [("nationality_mismatch", -1.0)]


def gender_verdicts(query: Prepared, record: Prepared) -> list[Verdict]:
    """``gender_features`` without the explanation (``FACT_VERDICTS``)."""
    if not query.gender or not record.gender or "other" in (query.gender, record.gender):
        return []
    if query.gender == record.gender:
        return [("gender_match", 1.0)]
    return [("gender_mismatch", -1.0)]


def nationality_features(query: Prepared, record: Prepared) -> list[Feature]:
    """Shared nationality (or country), or none in common."""
    verdicts = nationality_verdicts(query, record)
    if not verdicts:
        return []
    shared = query.nationalities & record.nationalities
    if shared:
        detail = ", ".join(sorted(shared))
    else:
        detail = (
            f"{','.join(sorted(query.nationalities))} vs {','.join(sorted(record.nationalities))}"
        )
    return [Feature(*verdicts[0], detail)]


def gender_features(query: Prepared, record: Prepared) -> list[Feature]:
    """Same or different gender."""
    verdicts = gender_verdicts(query, record)
    if not verdicts:
        return []
    same = query.gender == record.gender
    return [
        Feature(*verdicts[0], f"{query.gender}" if same else f"{query.gender} vs {record.gender}")
    ]


def identifier_features(query: Prepared, record: Prepared) -> list[Feature]:
    """An identifier in common (exact after normalising), or one of the same kind that differs."""
    if not query.identifiers or not record.identifiers:
        return []
    for norm, ident in query.identifiers.items():
        held = record.identifiers.get(norm)
        if held is not None:
            conflict = ident.country and held.country and ident.country != held.country
            if not conflict:
                kind = held.type or ident.type or "identifier"
                return [Feature("identifier_match", 1.0, f"{kind} {norm}")]
    for ident in query.identifiers.values():
        for held in record.identifiers.values():
            same_kind = ident.type is not None and ident.type == held.type
            same_country = ident.country is not None and ident.country == held.country
            if same_kind and same_country:
                detail = f"{ident.type} {ident.norm} vs {held.norm} ({ident.country})"
                return [Feature("identifier_mismatch", -1.0, detail)]
    return []


def _kind(schema: str | None) -> str | None:
    if schema is None:
        return None
    return "legal-entity" if is_org_schema(schema) else schema


def schema_features(query: Prepared, record: Prepared) -> list[Feature]:
    """A person is never an organisation: kinds that cannot be the same conflict."""
    q, r = _kind(query.schema), _kind(record.schema)
    if q is None or r is None or q == r:
        return []
    return [Feature("schema_mismatch", -1.0, f"{query.schema} vs {record.schema}")]


FACT_FEATURES = (
    dob_features,
    nationality_features,
    gender_features,
    identifier_features,
    schema_features,
)
"""The feature functions over facts other than names, in explanation order."""


def _verdicts_of(function: FeatureFunction) -> VerdictFunction:
    def verdicts(query: Prepared, record: Prepared) -> list[Verdict]:
        return [(f.feature, f.value) for f in function(query, record)]

    verdicts.__name__ = function.__name__.replace("_features", "_verdicts")
    return verdicts


FACT_VERDICTS: tuple[VerdictFunction, ...] = (
    dob_verdicts,
    nationality_verdicts,
    gender_verdicts,
    _verdicts_of(identifier_features),  # their explanations are rare, and cheap
    _verdicts_of(schema_features),
)
"""Per function of ``FACT_FEATURES``, in the same order, the (feature, value) pairs it gives
without their explanations: what the score bound adds up for candidates that are mostly
never scored (``ictd.matching.prune``), without formatting dates and lists for them."""
