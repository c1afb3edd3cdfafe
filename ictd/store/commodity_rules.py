"""The commodity rules repository: agencies' goods controls per area, versioned."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, Select, func, insert, select

from ictd.model.trade import CommodityRule
from ictd.store.repository import Repository
from ictd.store.tables import commodity_rule_versions, commodity_rules

__all__ = ["CommodityRuleRepository"]

_V = commodity_rule_versions


def rule_from_row(row: RowMapping) -> CommodityRule:
    return CommodityRule(
        id=row["rule_id"],
        agency=row["agency"],
        name=row["name"],
        area_id=row["area_id"],
        hs_ranges=tuple((lo, hi) for lo, hi in json.loads(row["hs_ranges"])),
        keywords=tuple(json.loads(row["keywords"])),
        version=row["version"],
        active=bool(row["active"]),
        valid_from=row["valid_from"],
        valid_until=row["valid_until"],
        recorded_at=row["recorded_at"],
    )


def _joined() -> Select[Any]:
    return select(_V, commodity_rules.c.agency).join(
        commodity_rules, commodity_rules.c.id == _V.c.rule_id
    )


class CommodityRuleRepository(Repository):
    """Rules and their versions; the newest version of a rule is the one in force."""

    __slots__ = ()
    READS = frozenset({"get", "versions", "newest"})

    def insert(self, agency: str, created_at: datetime) -> int:
        result = self.conn.execute(
            insert(commodity_rules)
            .values(agency=agency, created_at=created_at)
            .returning(commodity_rules.c.id)
        )
        return int(result.scalar_one())

    def add_version(self, rule: CommodityRule, recorded_by: int | None) -> None:
        self.conn.execute(
            insert(_V).values(
                rule_id=rule.id,
                version=rule.version,
                name=rule.name,
                area_id=rule.area_id,
                hs_ranges=json.dumps([list(r) for r in rule.hs_ranges]),
                keywords=json.dumps(list(rule.keywords), ensure_ascii=False),
                active=rule.active,
                valid_from=rule.valid_from,
                valid_until=rule.valid_until,
                recorded_at=rule.recorded_at,
                recorded_by=recorded_by,
            )
        )

    def versions(self, rule_id: int) -> list[CommodityRule]:
        """Every version of a rule, newest first."""
        query = _joined().where(_V.c.rule_id == rule_id).order_by(_V.c.version.desc())
        return [rule_from_row(r) for r in self.conn.execute(query).mappings()]

    def get(self, rule_id: int) -> CommodityRule | None:
        found = self.versions(rule_id)
        return found[0] if found else None

    def newest(self, agency: str | None = None) -> list[CommodityRule]:
        """The newest version of every rule (of ``agency`` when given), by id."""
        latest = (
            select(_V.c.rule_id, func.max(_V.c.version).label("version"))
            .group_by(_V.c.rule_id)
            .subquery()
        )
        query = _joined().join(
            latest, (latest.c.rule_id == _V.c.rule_id) & (latest.c.version == _V.c.version)
        )
        if agency is not None:
            query = query.where(commodity_rules.c.agency == agency)
        rows = self.conn.execute(query.order_by(_V.c.rule_id)).mappings()
        return [rule_from_row(r) for r in rows]
