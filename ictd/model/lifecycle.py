"""A listing's life cycle: review periods, warnings ahead of the review date, extensions,
and partners' flags.

Every listing of an agency has a review date. Unless its owner extends it before that date,
with a recorded assessment, the listing expires (it stays in the history, no longer in
force). The owner is warned ``REVIEW_WARNINGS`` ahead. A partner agency may flag a listing
"no action on our territory": its hits then say "information only" (``flagged_hit``).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ictd.model.listing import CATEGORIES, Action, Listing

__all__ = [
    "FLAG_ACTION",
    "REVIEW_WARNINGS",
    "Extension",
    "Flag",
    "ReviewPolicy",
    "add_months",
    "flagged_hit",
    "parse_periods",
]

REVIEW_WARNINGS: tuple[tuple[str, int], ...] = (("4-months", 4), ("1-month", 1))
"""The warnings an owner gets before a review date: (stage, months ahead)."""


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (the 31st becomes the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def parse_periods(text: str) -> dict[str, int]:
    """``"person-of-interest=12,discreet-check=12"`` → months per category or action; raises
    ``ValueError`` naming a malformed entry or an unknown category or action."""
    known = set(CATEGORIES) | {a.value for a in Action}
    out: dict[str, int] = {}
    for entry in (e.strip() for e in text.split(",")):
        if not entry:
            continue
        name, sep, months = entry.partition("=")
        name = name.strip()
        if not sep or not months.strip().isdigit() or int(months) < 1:
            raise ValueError(f"{entry!r} is not NAME=MONTHS")
        if name not in known:
            raise ValueError(f"{name!r} is neither a listing category nor a requested action")
        out[name] = int(months)
    return out


@dataclass(frozen=True, slots=True)
class ReviewPolicy:
    """How long a listing runs before its review: ``default_months``, or a shorter period
    set for its category or one of its requested actions (``periods``); never more than
    ``max_months`` from the day the date is set."""

    default_months: int = 36
    max_months: int = 60
    periods: Mapping[str, int] = field(default_factory=dict)

    def months_for(self, category: str, actions: Iterable[Action]) -> int:
        """The review period of a listing: the shortest that applies to it."""
        names = [category, *(a.value for a in actions)]
        found = [self.periods[n] for n in names if n in self.periods]
        return min([*found, self.default_months, self.max_months])

    def default_date(self, listing: Listing, today: date) -> date:
        """The review date a listing gets when its owner gives none."""
        start = max(today, listing.valid_from) if listing.valid_from else today
        return add_months(start, self.months_for(listing.category, listing.actions))

    def latest_date(self, today: date) -> date:
        """The furthest review date that may be set on ``today``."""
        return add_months(today, self.max_months)

    def warnings_due(self, review_date: date, today: date) -> list[str]:
        """The warning stages whose time has come on ``today`` for ``review_date`` (and
        that are still ahead of it)."""
        if today >= review_date:
            return []
        return [
            stage for stage, months in REVIEW_WARNINGS if add_months(today, months) >= review_date
        ]


@dataclass(frozen=True, slots=True)
class Extension:
    """A recorded review that moved a listing's review date: who, when, why, to when."""

    listing_id: int
    agency: str
    new_date: date
    reason: str
    at: datetime
    id: int | None = None
    user_id: int | None = None
    previous_date: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "listing_id": self.listing_id,
            "agency": self.agency,
            "user_id": self.user_id,
            "at": self.at.isoformat(),
            "reason": self.reason,
            "previous_date": self.previous_date.isoformat() if self.previous_date else None,
            "new_date": self.new_date.isoformat(),
        }


FLAG_ACTION = "information-only"
"""What a flagging agency's screeners and border systems are told to do on a hit."""


@dataclass(frozen=True, slots=True)
class Flag:
    """A partner agency's "no action on our territory" on another agency's listing, with its
    reason; withdrawn flags are kept (``withdrawn_at``)."""

    listing_id: int
    agency: str
    reason: str
    created_at: datetime
    id: int | None = None
    created_by: int | None = None
    withdrawn_at: datetime | None = None
    withdrawn_by: int | None = None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "listing_id": self.listing_id,
            "agency": self.agency,
            "reason": self.reason,
            "created_at": self.created_at.isoformat(),
            "withdrawn_at": self.withdrawn_at.isoformat() if self.withdrawn_at else None,
            "active": self.active,
        }


def flagged_hit(told: Mapping[str, Any], flag: Flag) -> dict[str, Any]:
    """A hit on a listing as the flagging agency is told it: its flag, and "information
    only" in place of the requested actions (kept as ``requested_actions``)."""
    return {
        **told,
        "actions": [FLAG_ACTION],
        "requested_actions": list(told.get("actions", [])),
        "flag": {
            "agency": flag.agency,
            "reason": flag.reason,
            "since": flag.created_at.isoformat(),
        },
    }
