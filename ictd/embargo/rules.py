"""Commodity rules: an agency's goods controls for one area and period, versioned.

A rule names HS-code ranges (``2709-2710`` crude oil and petroleum, ``9705-9706``
antiquities and collectors' pieces, ``7108`` gold, ``2915.24`` acetic anhydride,
``2939.41-2939.42`` ephedrine and pseudoephedrine …) and keywords matched as whole words in
goods descriptions. It belongs to the agency of the analyst who wrote it and applies to an
area that agency may read. Editing a rule makes a new version; old versions stay, so a
finding can always be explained by the version that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from ictd.embargo.areas import can_read_area
from ictd.exc import ErrorCollector, InvalidInput, NotFound
from ictd.model.text import text_problem
from ictd.model.trade import CommodityRule
from ictd.security.actor import Actor
from ictd.security.policy import Permission, refuse_hidden, require, require_write_owned
from ictd.store import Session, Store
from ictd.trade import parse_hs_range

__all__ = [
    "DEMO_RULES",
    "RuleInput",
    "create_rule",
    "list_rules",
    "rule_versions",
    "update_rule",
]

MAX_RANGES = 50
MAX_KEYWORDS = 50
MAX_KEYWORD = 100

# what the demo's illustrative areas carry: (name, HS ranges, keywords)
DEMO_RULES = (
    (
        "Crude oil and petroleum products",
        ("2709-2710",),
        ("crude oil", "petroleum", "diesel", "fuel oil", "gasoline", "modular refinery"),
    ),
    (
        "Antiquities, cultural property and gold",
        ("9705-9706", "7108"),
        ("antiquities", "antiquity", "artefact", "artifact", "ancient coins", "manuscript"),
    ),
    (
        "Narcotics precursors",
        ("2915.24", "2939.41-2939.42"),
        ("acetic anhydride", "ephedrine", "pseudoephedrine", "captagon"),
    ),
)


@dataclass(frozen=True, slots=True)
class RuleInput:
    """A rule as a caller gives it; ``None`` means "not given" (keep the current value)."""

    name: str | None = None
    area_id: int | None = None
    hs_ranges: list[str] | None = None
    keywords: list[str] | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    active: bool | None = None
    fields: frozenset[str] = field(default_factory=frozenset)


def _day(errors: ErrorCollector, name: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.add(name, f"{value!r} is not a date (YYYY-MM-DD)")
        return None


def _apply(session: Session, actor: Actor, base: CommodityRule, data: RuleInput) -> CommodityRule:
    errors = ErrorCollector()
    changes: dict[str, object] = {}
    if data.name is not None:
        if not data.name.strip() or len(data.name) > 200:
            errors.add("name", "give 1 to 200 characters")
        elif problem := text_problem(data.name):
            errors.add("name", problem)
        changes["name"] = data.name.strip()
    if data.area_id is not None:
        area = session.areas.get(data.area_id)
        if area is None or not can_read_area(actor, area):
            errors.add("area_id", f"no area {data.area_id}")
        elif area.withdrawn:
            errors.add("area_id", f"area {data.area_id} is withdrawn")
        changes["area_id"] = data.area_id
    if data.hs_ranges is not None:
        if len(data.hs_ranges) > MAX_RANGES:
            errors.add("hs_ranges", f"at most {MAX_RANGES} ranges")
        ranges = []
        for i, text in enumerate(data.hs_ranges[:MAX_RANGES]):
            found, problem = parse_hs_range(text)
            if problem:
                errors.add(f"hs_ranges.{i}", problem)
            elif found:
                ranges.append(found)
        changes["hs_ranges"] = tuple(dict.fromkeys(ranges))
    if data.keywords is not None:
        if len(data.keywords) > MAX_KEYWORDS:
            errors.add("keywords", f"at most {MAX_KEYWORDS} keywords")
        words = []
        for i, word in enumerate(data.keywords[:MAX_KEYWORDS]):
            clean = " ".join(word.split())
            if not 2 <= len(clean) <= MAX_KEYWORD:
                errors.add(f"keywords.{i}", f"give 2 to {MAX_KEYWORD} characters")
            elif problem := text_problem(clean):
                errors.add(f"keywords.{i}", problem)
            else:
                words.append(clean)
        changes["keywords"] = tuple(dict.fromkeys(words))
    for name in ("valid_from", "valid_until"):
        value = getattr(data, name)
        if value is not None or name in data.fields:
            changes[name] = _day(errors, name, value)
    if data.active is not None:
        changes["active"] = data.active
    errors.raise_if_any("invalid commodity rule")
    rule = replace(base, **changes)  # type: ignore[arg-type]
    if not rule.hs_ranges and not rule.keywords:
        errors.add("hs_ranges", "give at least one HS range or keyword")
    if rule.valid_from and rule.valid_until and rule.valid_until < rule.valid_from:
        errors.add("valid_until", "is before valid_from")
    errors.raise_if_any("invalid commodity rule")
    return rule


def create_rule(
    store: Store, actor: Actor, data: RuleInput, now: datetime | None = None
) -> CommodityRule:
    """A new rule of the actor's agency (analysts), version 1."""
    moment = now or datetime.now(UTC)
    require_write_owned(actor, actor.agency)
    if not actor.agency:
        raise InvalidInput("a rule belongs to an agency: act as one of its analysts")
    errors = ErrorCollector()
    if data.name is None:
        errors.add("name", "is required")
    if data.area_id is None:
        errors.add("area_id", "is required")
    errors.raise_if_any("invalid commodity rule")
    with store.begin() as session:
        base = CommodityRule(
            agency=actor.agency, name="", area_id=0, hs_ranges=(), keywords=(), recorded_at=moment
        )
        rule = _apply(session, actor, base, data)
        rule = replace(rule, id=session.commodity_rules.insert(actor.agency, moment), version=1)
        session.commodity_rules.add_version(rule, actor.user_id)
        session.audit.record(
            actor, "trade.rule.create", [f"rule:{rule.id}", f"area:{rule.area_id}"], version=1
        )
    return rule


def _own(session: Session, actor: Actor, rule_id: int) -> CommodityRule:
    require(actor, Permission.READ_RECORDS)
    message = f"commodity rule {rule_id} does not exist"
    rule = session.commodity_rules.get(rule_id)
    if rule is None:
        raise NotFound(message)
    if not (actor.is_system or rule.agency == actor.agency):
        # private to its agency: answered as missing, the refusal audited for the owner
        raise refuse_hidden(
            actor, message, f"rule:{rule_id}", rule.agency, action="trade.rule.read.refused"
        )
    return rule


def update_rule(
    store: Store, actor: Actor, rule_id: int, data: RuleInput, now: datetime | None = None
) -> CommodityRule:
    """A new version of one of the agency's rules, from the given fields over the newest."""
    moment = now or datetime.now(UTC)
    require(actor, Permission.WRITE_RECORDS)
    with store.begin() as session:
        current = _own(session, actor, rule_id)
        require_write_owned(actor, current.agency)
        rule = _apply(session, actor, current, data)
        rule = replace(rule, version=current.version + 1, recorded_at=moment)
        session.commodity_rules.add_version(rule, actor.user_id)
        session.audit.record(
            actor,
            "trade.rule.update",
            [f"rule:{rule_id}", f"area:{rule.area_id}"],
            version=rule.version,
            fields=sorted(data.fields) or None,
        )
    return rule


def list_rules(store: Store, actor: Actor) -> list[CommodityRule]:
    """The newest version of each of the agency's rules (every rule for the operator)."""
    require(actor, Permission.READ_RECORDS)
    with store.begin() as session:
        rules = session.commodity_rules.newest(None if actor.is_system else actor.agency)
        session.audit.record(actor, "trade.rule.list", [], count=len(rules))
    return rules


def rule_versions(store: Store, actor: Actor, rule_id: int) -> list[CommodityRule]:
    """Every version of one of the agency's rules, newest first."""
    with store.begin() as session:
        _own(session, actor, rule_id)
        found = session.commodity_rules.versions(rule_id)
        session.audit.record(actor, "trade.rule.versions", [f"rule:{rule_id}"])
    return found
