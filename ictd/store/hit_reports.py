"""The hit reports repository: one structured report per alert, by the reporting agency."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import RowMapping, insert, select

from ictd.model.hit_report import HitReport
from ictd.store.repository import Repository
from ictd.store.tables import alerts, hit_reports

__all__ = ["HitReportRepository"]


def hit_report_from_row(row: RowMapping) -> HitReport:
    values = dict(row)
    values["companions"] = tuple(json.loads(values["companions"] or "[]"))
    values["items"] = tuple(json.loads(values["items"] or "[]"))
    return HitReport(**values)


def _query() -> Any:
    return select(hit_reports, alerts.c.reference.label("alert_reference")).join(
        alerts, alerts.c.id == hit_reports.c.alert_id
    )


class HitReportRepository(Repository):
    """Hit reports by alert; a report is written once and never changed."""

    __slots__ = ()
    READS = frozenset({"of_alert", "of_alerts"})

    def insert(self, values: dict[str, Any]) -> HitReport:
        """Store a report (``companions`` and ``items`` as lists); the report as read back."""
        row = dict(
            values,
            companions=json.dumps(list(values["companions"]), ensure_ascii=False),
            items=json.dumps(list(values["items"]), ensure_ascii=False),
        )
        self.conn.execute(insert(hit_reports).values(row))
        found = self.of_alert(int(values["alert_id"]))
        assert found is not None
        return found

    def of_alert(self, alert_id: int) -> HitReport | None:
        row = self.conn.execute(_query().where(hit_reports.c.alert_id == alert_id))
        first = row.mappings().first()
        return hit_report_from_row(first) if first else None

    def of_alerts(self, alert_ids: list[int]) -> dict[int, HitReport]:
        """The reports of many alerts, by alert id (alerts without one are left out)."""
        if not alert_ids:
            return {}
        rows = self.conn.execute(_query().where(hit_reports.c.alert_id.in_(alert_ids)))
        found = [hit_report_from_row(r) for r in rows.mappings()]
        return {r.alert_id: r for r in found}
