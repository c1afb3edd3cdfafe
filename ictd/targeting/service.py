"""Agencies' risk rules: write (every change a new version), read, activate, preview.

Rules are private to their agency: another agency's rule answers as a missing one. Writing
and activating need an analyst; reading and previewing a user who reads records. Every
call is audited; a preview is audited with the number of movements it read.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from ictd.border.rules import compile_rule
from ictd.exc import FieldError, Forbidden, InvalidInput, NotFound
from ictd.model.risk_rule import MAX_RULE_SOURCE, RiskRule
from ictd.security.actor import Actor
from ictd.security.policy import Permission, refuse_hidden, require
from ictd.store import Session, Store
from ictd.targeting.stored import StoredFacts

__all__ = [
    "PREVIEW_DAYS",
    "activate_rule",
    "create_rule",
    "deactivate_rule",
    "get_rule",
    "list_rules",
    "preview_rule",
    "update_rule",
]

PREVIEW_DAYS = 30
PREVIEW_SHOWN = 500
PAGE = 1000


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _agency(actor: Actor) -> str:
    if actor.agency is None:
        raise Forbidden("risk rules belong to an agency: act as one of its users (--as EMAIL)")
    return actor.agency


def _checked(source: str) -> None:
    """Compile the text; language errors are told on the field ``source``."""
    try:
        compile_rule(source)
    except InvalidInput as err:
        errors = [FieldError("source", e.message) for e in err.errors] or [
            FieldError("source", err.message)
        ]
        raise InvalidInput(f"the rule does not compile: {errors[0].message}", errors) from None


def _own(session: Session, actor: Actor, rule_id: int, version: int | None = None) -> RiskRule:
    """One of the actor's agency's rules; another agency's answers as a missing one (the
    refusal audited for its owner: rules are private to their agency)."""
    rule = session.risk_rules.get(rule_id, version)
    what = f"rule {rule_id}" + (f" version {version}" if version is not None else "")
    if rule is None:
        raise NotFound(f"{what} does not exist")
    if rule.agency != actor.agency:
        raise refuse_hidden(actor, f"{what} does not exist", f"rule:{rule_id}", rule.agency)
    return rule


def create_rule(
    store: Store, actor: Actor, data: dict[str, Any], now: datetime | None = None
) -> RiskRule:
    """A new rule at version 1; a draft unless ``active`` is true."""
    require(actor, Permission.WRITE_RECORDS)
    rule = RiskRule.from_dict({"active": False, **data}, _agency(actor))
    _checked(rule.source)
    rule = replace(rule, created_by=actor.user_id)
    moment = _now(now)
    with store.begin() as session:
        rule_id = session.risk_rules.create(rule, moment)
        session.audit.record(
            actor, "rule.create", [f"rule:{rule_id}"], version=1, active=rule.active
        )
    return replace(rule, id=rule_id, version=1, created_at=moment)


def update_rule(
    store: Store, actor: Actor, rule_id: int, data: dict[str, Any], now: datetime | None = None
) -> RiskRule:
    """A new version of the rule (name, text, description; missing ones kept). The version
    evaluated so far stays active until the new one is activated."""
    require(actor, Permission.WRITE_RECORDS)
    _agency(actor)
    moment = _now(now)
    with store.begin() as session:
        current = _own(session, actor, rule_id)
        merged = {
            "name": data.get("name", current.name),
            "source": data.get("source", current.source),
            "description": data.get("description", current.description),
            "active": False,
        }
        rule = RiskRule.from_dict(merged, current.agency)
        _checked(rule.source)
        rule = replace(rule, created_by=actor.user_id)
        version = session.risk_rules.add_version(rule_id, rule, moment)
        session.audit.record(actor, "rule.update", [f"rule:{rule_id}"], version=version)
    return replace(rule, id=rule_id, version=version, created_at=moment)


def _shown(rule: RiskRule, active_version: int | None) -> dict[str, Any]:
    return {**rule.to_dict(), "active_version": active_version}


def get_rule(store: Store, actor: Actor, rule_id: int) -> dict[str, Any]:
    """The rule with every version (the active one marked)."""
    require(actor, Permission.READ_RECORDS)
    _agency(actor)
    with store.begin() as session:
        latest = _own(session, actor, rule_id)
        versions = session.risk_rules.versions(rule_id)
        session.audit.record(actor, "rule.read", [f"rule:{rule_id}"])
    active = next((v.version for v in versions if v.active), None)
    return {**_shown(latest, active), "versions": [v.to_dict() for v in versions]}


def list_rules(store: Store, actor: Actor) -> list[dict[str, Any]]:
    """The agency's rules at their latest version."""
    require(actor, Permission.READ_RECORDS)
    agency = _agency(actor)
    with store.begin() as session:
        found = session.risk_rules.latest_of(agency)
        session.audit.record(actor, "rule.list", [f"rule:{r.id}" for r, _ in found])
    return [_shown(rule, active) for rule, active in found]


def activate_rule(
    store: Store,
    actor: Actor,
    rule_id: int,
    version: int | None = None,
    now: datetime | None = None,
) -> RiskRule:
    """Evaluate ``version`` (default: the latest) of the rule on every movement from now."""
    require(actor, Permission.WRITE_RECORDS)
    _agency(actor)
    with store.begin() as session:
        rule = _own(session, actor, rule_id, version)
        session.risk_rules.set_active(rule_id, rule.version, _now(now))
        session.audit.record(actor, "rule.activate", [f"rule:{rule_id}"], version=rule.version)
    return replace(rule, active=True)


def deactivate_rule(
    store: Store, actor: Actor, rule_id: int, now: datetime | None = None
) -> RiskRule:
    """Stop evaluating the rule (its versions stay)."""
    require(actor, Permission.WRITE_RECORDS)
    _agency(actor)
    with store.begin() as session:
        rule = _own(session, actor, rule_id)
        session.risk_rules.set_active(rule_id, None, _now(now))
        session.audit.record(actor, "rule.deactivate", [f"rule:{rule_id}"])
    return replace(rule, active=False)


def preview_rule(
    store: Store,
    actor: Actor,
    source: str | None = None,
    rule_id: int | None = None,
    version: int | None = None,
    now: datetime | None = None,
    days: int = PREVIEW_DAYS,
) -> dict[str, Any]:
    """What a rule would have hit among the movements the agency reported in the last
    ``days`` days: a draft's text (``source``) or a stored rule version. A movement that
    came from a manifest is seen with its message's facts (booking, itinerary,
    co-travellers), as on arrival. Answers the number
    of movements read and hit, and the first ``PREVIEW_SHOWN`` hits with their explanation."""
    require(actor, Permission.READ_RECORDS)
    agency = _agency(actor)
    if (source is None) == (rule_id is None):
        raise InvalidInput.field("source", "give the rule text or a rule id")
    if source is not None and (not source.strip() or len(source) > MAX_RULE_SOURCE):
        raise InvalidInput.field("source", f"give the rule text, 1 to {MAX_RULE_SOURCE} characters")
    moment = _now(now)
    since = moment - timedelta(days=days)
    read, hits = 0, 0
    shown: list[dict[str, Any]] = []
    with store.read() as session:
        if rule_id is not None:
            source = _own(session, actor, rule_id, version).source
        assert source is not None
        _checked(source)
        program = compile_rule(source)
        after = 0
        stored = StoredFacts(session)
        while True:
            page = session.movements.reported_by(agency, since, after, PAGE)
            for movement, facts in zip(page, stored.of(page), strict=True):
                read += 1
                if not program.matches(facts):
                    continue
                hits += 1
                if len(shown) < PREVIEW_SHOWN:
                    result = program.evaluate(facts)
                    shown.append(
                        {
                            "movement": movement.to_dict(),
                            "matched": [m.to_dict() for m in result.explanation],
                        }
                    )
            if len(page) < PAGE:
                break
            after = page[-1].id
    with store.begin() as session:
        targets = [f"rule:{rule_id}"] if rule_id is not None else []
        targets += [f"movement:{x['movement']['id']}" for x in shown]
        session.audit.record(
            actor, "rule.preview", targets, movements=read, hits=hits, since=since.isoformat()
        )
    return {
        "since": since.isoformat(),
        "movements": read,
        "hits": hits,
        "shown": shown,
    }
