"""Evaluating an agency's active rules on the movements it reports, in the intake transaction.

Each hit is told to the reporter (its own agency: rules are private) and raised as an alert
of kind ``rule`` to the agency, explained by the rule's id, version and name and by the
conditions that held with the traveller's values that made them hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ictd.border.rules import CompiledRule, Facts, RuleResult, compile_rule
from ictd.border.rules.evaluator import RuleSet
from ictd.exc import InvalidInput
from ictd.model.movement import Movement
from ictd.model.risk_rule import RiskRule
from ictd.outbox.writer import NewAlert
from ictd.store import Session
from ictd.targeting.facts import movement_facts

__all__ = ["RuleCheck", "compiled"]

RuleHit = tuple[RiskRule, RuleResult, str]  # (rule version, result, alert reference)


@lru_cache(maxsize=4096)
def compiled(source: str) -> CompiledRule | None:
    """The compiled rule text (cached: rules change rarely); None if it no longer compiles."""
    try:
        return compile_rule(source)
    except InvalidInput:
        return None


class RuleCheck:
    """The active rules of one reporting agency, compiled once per intake batch."""

    def __init__(self, session: Session, agency: str, read: bool = True) -> None:
        """``read=False``: the agency is known to have no rule in force (read in the same
        transaction), so there is nothing to read."""
        self.agency = agency
        self.rules: list[tuple[RiskRule, CompiledRule]] = []
        for rule in session.risk_rules.active_of(agency) if read else ():
            program = compiled(rule.source)
            if program is not None:
                self.rules.append((rule, program))
        self._set = RuleSet([program for _, program in self.rules])

    def evaluate(
        self, movement: Movement, document_hit: bool, facts: Facts | None = None
    ) -> list[tuple[RiskRule, RuleResult]]:
        """The rules ``movement`` matches, with why: over ``facts`` when the caller knows
        more of the journey than the movement says (a manifest's booking and itinerary),
        else over what the movement report gives (``movement_facts``)."""
        if not self.rules:
            return []
        return self.matching(movement_facts(movement, document_hit) if facts is None else facts)

    def matching(self, facts: Facts) -> list[tuple[RiskRule, RuleResult]]:
        """The rules a traveller of these ``facts`` matches, with why."""
        rules = self.rules
        return [(rules[i][0], rules[i][1].explain(facts)) for i in self._set.matching(facts)]

    @staticmethod
    def reply(hit: RuleHit) -> dict[str, Any]:
        rule, _result, reference = hit
        return {"rule_id": rule.id, "name": rule.name, "version": rule.version, "alert": reference}

    def alerts(
        self, movement: Movement, hits: Sequence[RuleHit], shown: dict[str, Any] | None = None
    ) -> list[NewAlert]:
        """An alert of kind ``rule`` per hit; ``shown``: the movement as its events show it
        (``AlertWriter.shown``), else made here."""
        shown = movement.to_dict() if shown is None else shown
        return [
            NewAlert(
                kind="rule",
                agency=rule.agency,
                reporter=movement.agency,
                category=None,
                actions=(),
                handling=None,
                origin="rule",
                detail={
                    "rule_id": rule.id,
                    "version": rule.version,
                    "name": rule.name,
                    "source": rule.source,
                    "matched": [m.to_dict() for m in result.explanation],
                },
                movement_id=movement.id,
                reference=reference,
                extra={"movement": shown},
            )
            for rule, result, reference in hits
        ]
