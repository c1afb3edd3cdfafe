"""Request bodies. Unknown fields are refused; every string, number and list is bounded.

Fields that take one of a fixed set of words document it as an ``enum`` in the OpenAPI
schema (``one_of``); the service checks the word, so the API, the console and the CLI
refuse a wrong one with the same message. Ids are ``ictd.edge.Id``. Control characters
are refused in every string by ``ictd.api.deps.refuse_control_text``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from ictd.edge import Id
from ictd.model import Action, Handling, ListingStatus, RelationType, Role, Schema, Sharing
from ictd.model.listing import ACCURACY_GRADES, CATEGORIES, RELIABILITY_GRADES

__all__ = [
    "AgencyIn",
    "KeyIn",
    "ListingIn",
    "ListingPatch",
    "RelationIn",
    "StatementIn",
    "StatementsIn",
    "SubjectIn",
    "UserIn",
    "UserPatch",
    "one_of",
]

Short = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(max_length=4000)]
MAX_KEY_DAYS = 3650


def one_of(values: Iterable[Any], **kwargs: Any) -> Any:
    """A ``Field`` documenting the words it allows (``enum``); the service checks them."""
    words = sorted(v.value if hasattr(v, "value") else v for v in values)
    return Field(json_schema_extra={"enum": words}, **kwargs)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AgencyIn(Strict):
    code: Annotated[str, Field(min_length=2, max_length=32)]
    name: Short
    contact: Annotated[str | None, Field(max_length=500)] = None


class AgencyPatch(Strict):
    hit_threshold: Annotated[
        float | None,
        Field(
            description="Score in (0, 1] from which a match of a listed subject is a hit in "
            "this agency's screenings; null: the calibrated default (0.5)."
        ),
    ]


RoleWord = Annotated[str, one_of(Role, max_length=16)]


class UserIn(Strict):
    email: Annotated[str, Field(min_length=3, max_length=254)]
    roles: Annotated[list[RoleWord], Field(min_length=1, max_length=5)]
    name: Short | None = None
    password: Annotated[str | None, Field(min_length=1, max_length=200)] = None
    agency: Annotated[str | None, Field(max_length=32)] = None


class UserPatch(Strict):
    roles: Annotated[list[RoleWord] | None, Field(min_length=1, max_length=5)] = None
    disabled: bool | None = None
    password: Annotated[str | None, Field(min_length=1, max_length=200)] = None


class KeyIn(Strict):
    user_id: Id
    label: Short | None = None
    expires_days: Annotated[int | None, Field(ge=1, le=MAX_KEY_DAYS)] = None


class StatementIn(Strict):
    prop: Annotated[str, Field(min_length=1, max_length=64)]
    value: Text
    qualifier: Annotated[str | None, Field(max_length=16)] = None
    lang: Annotated[str | None, Field(max_length=16)] = None


SchemaWord = Annotated[str, one_of(Schema, max_length=32)]


class SubjectIn(Strict):
    schema_: Annotated[SchemaWord, Field(alias="schema")]
    statements: Annotated[list[StatementIn], Field(min_length=1, max_length=500)]
    external_ids: Annotated[list[Annotated[str, Field(max_length=300)]], Field(max_length=50)] = []


class StatementsIn(Strict):
    statements: Annotated[list[StatementIn], Field(min_length=1, max_length=500)]


Category = Annotated[str, one_of(CATEGORIES, max_length=64)]
ActionWord = Annotated[str, one_of(Action, max_length=32)]
Reliability = Annotated[str, one_of(RELIABILITY_GRADES, max_length=1)]
SharingWord = Annotated[str, one_of(Sharing, max_length=16)]
HandlingCode = Annotated[str, one_of(Handling, max_length=2)]
ListingStatusWord = Annotated[str, one_of(ListingStatus, max_length=16)]
# documented, checked by the service with the listing's other fields
Accuracy = Annotated[
    int,
    Field(json_schema_extra={"minimum": min(ACCURACY_GRADES), "maximum": max(ACCURACY_GRADES)}),
]


class ListingPatch(Strict):
    category: Category | None = None
    actions: Annotated[list[ActionWord] | None, Field(max_length=6)] = None
    reference: Annotated[str | None, Field(max_length=100)] = None
    legal_basis: Annotated[str | None, Field(max_length=4000)] = None
    reliability: Reliability | None = None
    accuracy: Accuracy | None = None
    valid_from: Annotated[str | None, Field(max_length=10)] = None
    valid_until: Annotated[str | None, Field(max_length=10)] = None
    review_date: Annotated[str | None, Field(max_length=10)] = None
    sharing: SharingWord | None = None
    shared_with: Annotated[
        list[Annotated[str, Field(max_length=32)]] | None, Field(max_length=100)
    ] = None
    handling: HandlingCode | None = None
    status: ListingStatusWord | None = None
    notes: Annotated[str | None, Field(max_length=4000)] = None


class ListingIn(ListingPatch):
    category: Category
    actions: Annotated[list[ActionWord], Field(min_length=1, max_length=6)]


class RelationIn(Strict):
    source_id: Id
    target_id: Id
    type: Annotated[str, one_of(RelationType, max_length=32)]
    start_date: Annotated[str | None, Field(max_length=32)] = None
    end_date: Annotated[str | None, Field(max_length=32)] = None
    share: Annotated[str | None, Field(max_length=20)] = None
    amount: Annotated[str | None, Field(max_length=30)] = None
    currency: Annotated[str | None, Field(max_length=3)] = None
    notes: Annotated[str | None, Field(max_length=4000)] = None
