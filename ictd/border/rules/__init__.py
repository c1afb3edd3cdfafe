"""The risk-rule language: agencies' targeting rules over passenger and itinerary data.

A small, safe language — parsed to a syntax tree, type-checked against the known fields,
compiled to closures, never ``eval``-ed::

    origin.country in ["TR", "SY"] and age between 18 and 35
        and payment == "cash" and days_booked_before_departure < 3

``compile_rule`` checks and compiles rule text (``InvalidInput`` with the column at
fault); ``CompiledRule.evaluate(facts)`` says whether a traveller matched and which of
the traveller's values did; ``facts_of`` builds the ``Facts`` of a traveller.

A condition on a value that is not known is false — ``residence != "DE"`` does not hold
for a traveller without a residence — and ``not`` turns false into true, so
``not residence == "DE"`` does. Write ``!=`` or ``not in`` to require a known value, and
``field is missing`` to test for an unknown one.
"""

from ictd.border.rules.evaluator import CompiledRule, FieldMatch, RuleResult, compile_rule
from ictd.border.rules.facts import facts_of
from ictd.border.rules.fields import FIELDS, Facts, FieldSpec
from ictd.border.rules.parser import parse_rule
from ictd.border.rules.printer import format_rule

__all__ = [
    "FIELDS",
    "CompiledRule",
    "Facts",
    "FieldMatch",
    "FieldSpec",
    "RuleResult",
    "compile_rule",
    "facts_of",
    "format_rule",
    "parse_rule",
]
