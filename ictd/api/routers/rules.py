"""Risk rules of the caller's agency: versioned, previewed over the last 30 days of its
movements, activated; private to the agency."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, status
from pydantic import Field

from ictd.api.deps import CurrentActor, StoreDep
from ictd.api.schemas import Strict
from ictd.edge import Id
from ictd.model.risk_rule import MAX_RULE_NAME, MAX_RULE_SOURCE
from ictd.targeting import (
    activate_rule,
    create_rule,
    deactivate_rule,
    get_rule,
    list_rules,
    preview_rule,
    update_rule,
)

router = APIRouter(tags=["rules"])
Name = Annotated[str, Field(min_length=1, max_length=MAX_RULE_NAME)]
Source = Annotated[str, Field(min_length=1, max_length=MAX_RULE_SOURCE)]
Description = Annotated[str | None, Field(max_length=2000)]
Version = Annotated[int, Field(ge=1, le=1_000_000)]


class RuleIn(Strict):
    name: Name
    source: Source
    description: Description = None
    active: bool = False


class RulePatch(Strict):
    name: Name | None = None
    source: Source | None = None
    description: Description = None


class VersionIn(Strict):
    version: Version | None = None


class DraftIn(Strict):
    source: Source


@router.post("/rules", status_code=status.HTTP_201_CREATED)
def post_rule(body: RuleIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """A new rule (version 1) in the rule language; a draft unless ``active``."""
    return create_rule(store, actor, body.model_dump()).to_dict()


@router.get("/rules")
def get_rules(actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Your agency's rules at their latest version, with the version evaluated."""
    return {"items": list_rules(store, actor)}


@router.post("/rules/preview")
def post_draft_preview(body: DraftIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """What a draft rule would have hit among your agency's movements of the last 30 days."""
    return preview_rule(store, actor, source=body.source)


@router.get("/rules/{rule_id}")
def get_one_rule(rule_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """The rule with every version."""
    return get_rule(store, actor, rule_id)


@router.patch("/rules/{rule_id}")
def patch_rule(
    rule_id: Id, body: RulePatch, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """A new version; the active version stays active until the new one is activated."""
    data = body.model_dump(exclude_unset=True)
    return update_rule(store, actor, rule_id, data).to_dict()


@router.post("/rules/{rule_id}/preview")
def post_preview(
    rule_id: Id, body: VersionIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """What a version of the rule (default: its latest) would have hit among your agency's
    movements of the last 30 days."""
    return preview_rule(store, actor, rule_id=rule_id, version=body.version)


@router.post("/rules/{rule_id}/activate")
def post_activate(
    rule_id: Id, body: VersionIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """Evaluate a version (default: the latest) on every movement your agency reports."""
    return activate_rule(store, actor, rule_id, body.version).to_dict()


@router.post("/rules/{rule_id}/deactivate")
def post_deactivate(rule_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Stop evaluating the rule."""
    return deactivate_rule(store, actor, rule_id).to_dict()
