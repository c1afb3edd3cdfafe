"""Request bodies. Unknown fields are refused; every string and list is bounded."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

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
]

Short = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(max_length=4000)]


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


class UserIn(Strict):
    email: Annotated[str, Field(min_length=3, max_length=254)]
    roles: Annotated[list[str], Field(min_length=1, max_length=5)]
    name: Short | None = None
    password: Annotated[str | None, Field(min_length=1, max_length=200)] = None
    agency: Annotated[str | None, Field(max_length=32)] = None


class UserPatch(Strict):
    roles: Annotated[list[str] | None, Field(min_length=1, max_length=5)] = None
    disabled: bool | None = None
    password: Annotated[str | None, Field(min_length=1, max_length=200)] = None


class KeyIn(Strict):
    user_id: int
    label: Short | None = None
    expires_days: int | None = None


class StatementIn(Strict):
    prop: Annotated[str, Field(min_length=1, max_length=64)]
    value: Text
    qualifier: Annotated[str | None, Field(max_length=16)] = None
    lang: Annotated[str | None, Field(max_length=16)] = None


class SubjectIn(Strict):
    schema_: Annotated[str, Field(alias="schema", max_length=32)]
    statements: Annotated[list[StatementIn], Field(min_length=1, max_length=500)]
    external_ids: Annotated[list[Annotated[str, Field(max_length=300)]], Field(max_length=50)] = []


class StatementsIn(Strict):
    statements: Annotated[list[StatementIn], Field(min_length=1, max_length=500)]


class ListingPatch(Strict):
    category: Annotated[str | None, Field(max_length=64)] = None
    actions: Annotated[list[Annotated[str, Field(max_length=32)]] | None, Field(max_length=6)] = (
        None
    )
    reference: Annotated[str | None, Field(max_length=100)] = None
    legal_basis: Annotated[str | None, Field(max_length=4000)] = None
    reliability: Annotated[str | None, Field(max_length=1)] = None
    accuracy: int | None = None
    valid_from: Annotated[str | None, Field(max_length=10)] = None
    valid_until: Annotated[str | None, Field(max_length=10)] = None
    review_date: Annotated[str | None, Field(max_length=10)] = None
    sharing: Annotated[str | None, Field(max_length=16)] = None
    shared_with: Annotated[
        list[Annotated[str, Field(max_length=32)]] | None, Field(max_length=100)
    ] = None
    handling: Annotated[str | None, Field(max_length=2)] = None
    status: Annotated[str | None, Field(max_length=16)] = None
    notes: Annotated[str | None, Field(max_length=4000)] = None


class ListingIn(ListingPatch):
    category: Annotated[str, Field(max_length=64)]
    actions: Annotated[
        list[Annotated[str, Field(max_length=32)]], Field(min_length=1, max_length=6)
    ]


class RelationIn(Strict):
    source_id: int
    target_id: int
    type: Annotated[str, Field(max_length=32)]
    start_date: Annotated[str | None, Field(max_length=32)] = None
    end_date: Annotated[str | None, Field(max_length=32)] = None
    share: Annotated[str | None, Field(max_length=20)] = None
    amount: Annotated[str | None, Field(max_length=30)] = None
    currency: Annotated[str | None, Field(max_length=3)] = None
    notes: Annotated[str | None, Field(max_length=4000)] = None
