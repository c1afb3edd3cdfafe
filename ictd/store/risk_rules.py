"""The risk-rules repository: agencies' targeting rules, every version kept."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, Select, and_, bindparam, insert, select, update

from ictd.model.risk_rule import RiskRule
from ictd.store.repository import Repository
from ictd.store.tables import risk_rule_versions, risk_rules

__all__ = ["RiskRuleRepository"]

_R, _V = risk_rules, risk_rule_versions


def _rule(row: RowMapping) -> RiskRule:
    return RiskRule(
        id=row["rule_id"],
        agency=row["agency"],
        name=row["name"],
        source=row["source"],
        version=row["version"],
        active=row["active_version"] == row["version"],
        description=row["description"],
        created_at=row["created_at"],
        created_by=row["created_by"],
    )


def _joined() -> Select[Any]:
    return select(
        _V.c.rule_id,
        _V.c.version,
        _V.c.name,
        _V.c.source,
        _V.c.description,
        _V.c.created_at,
        _V.c.created_by,
        _R.c.agency,
        _R.c.active_version,
    ).join(_R, _R.c.id == _V.c.rule_id)


# every movement report reads it: built once (a statement object keeps its cache key)
_ACTIVE_OF = (
    _joined()
    .where(and_(_R.c.agency == bindparam("agency"), _V.c.version == _R.c.active_version))
    .order_by(_R.c.id)
)


class RiskRuleRepository(Repository):
    """Rules (one row each: owner, latest and active version) and their versions."""

    __slots__ = ()
    READS = frozenset({"active_of", "get", "latest_of", "versions"})

    def create(self, rule: RiskRule, now: datetime) -> int:
        """A new rule at version 1 (active when ``rule.active``); its id."""
        values = {
            "agency": rule.agency,
            "latest_version": 1,
            "active_version": 1 if rule.active else None,
            "created_at": now,
            "updated_at": now,
        }
        result = self.conn.execute(insert(_R).values(values))
        assert result.inserted_primary_key is not None
        rule_id = int(result.inserted_primary_key[0])
        self._insert_version(rule_id, 1, rule, now)
        return rule_id

    def add_version(self, rule_id: int, rule: RiskRule, now: datetime) -> int:
        """A new version of the rule (not active until activated); its number."""
        current = self.conn.execute(
            select(_R.c.latest_version).where(_R.c.id == rule_id).with_for_update()
        ).scalar_one()
        version = int(current) + 1
        self.conn.execute(
            update(_R).where(_R.c.id == rule_id).values(latest_version=version, updated_at=now)
        )
        self._insert_version(rule_id, version, rule, now)
        return version

    def _insert_version(self, rule_id: int, version: int, rule: RiskRule, now: datetime) -> None:
        values = {
            "rule_id": rule_id,
            "version": version,
            "name": rule.name,
            "source": rule.source,
            "description": rule.description,
            "created_at": now,
            "created_by": rule.created_by,
        }
        self.conn.execute(insert(_V).values(values))

    def set_active(self, rule_id: int, version: int | None, now: datetime) -> None:
        """Evaluate ``version`` of the rule from now on (``None``: switch it off)."""
        query = update(_R).where(_R.c.id == rule_id)
        self.conn.execute(query.values(active_version=version, updated_at=now))

    def get(self, rule_id: int, version: int | None = None) -> RiskRule | None:
        """One version of a rule (its latest when ``version`` is None)."""
        wanted = _V.c.version == (version if version is not None else _R.c.latest_version)
        query = _joined().where(_V.c.rule_id == rule_id, wanted)
        row = self.conn.execute(query).mappings().first()
        return _rule(row) if row else None

    def versions(self, rule_id: int) -> list[RiskRule]:
        query = _joined().where(_V.c.rule_id == rule_id).order_by(_V.c.version)
        return [_rule(r) for r in self.conn.execute(query).mappings()]

    def latest_of(self, agency: str) -> list[tuple[RiskRule, int | None]]:
        """The agency's rules at their latest version, with the version evaluated."""
        query = (
            _joined()
            .where(_R.c.agency == agency, _V.c.version == _R.c.latest_version)
            .order_by(_R.c.id)
        )
        return [(_rule(r), r["active_version"]) for r in self.conn.execute(query).mappings()]

    def active_of(self, agency: str) -> list[RiskRule]:
        """The versions the agency's rules evaluate now."""
        rows = self.conn.execute(_ACTIVE_OF, {"agency": agency}).mappings()
        return [_rule(r) for r in rows]
