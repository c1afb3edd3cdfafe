"""Every generated statement is one the domain model accepts."""

from __future__ import annotations

from ictd.demo import SyntheticSubject
from ictd.demo.cultures import CULTURES, DIASPORA
from ictd.model import PROPERTIES, Schema, clean_value


def test_every_statement_passes_clean_value(sample: list[SyntheticSubject]) -> None:
    for item in sample:
        for stmt in item.subject.statements:
            prop = PROPERTIES[stmt.prop]
            assert clean_value(prop, stmt.value, stmt.qualifier) == (
                stmt.value,
                stmt.norm,
                stmt.qualifier,
            ), (item.key, stmt)


def test_every_property_belongs_to_the_schema(sample: list[SyntheticSubject]) -> None:
    for item in sample:
        for stmt in item.subject.statements:
            assert item.schema in PROPERTIES[stmt.prop].schemas, (item.key, stmt.prop)


def test_statements_are_stated_by_the_synthetic_source(sample: list[SyntheticSubject]) -> None:
    for item in sample:
        assert item.subject.source == "synthetic"
        assert all(s.source == "synthetic" and s.agency is None for s in item.subject.statements)


def test_persons_have_the_core_facts(sample: list[SyntheticSubject]) -> None:
    for item in sample:
        if item.schema is Schema.PERSON:
            subject = item.subject
            assert len(subject.values("name")) == 1
            assert subject.values("gender") and subject.values("birthDate")
            assert subject.values("nationality")


def test_organisations_have_name_and_country(sample: list[SyntheticSubject]) -> None:
    for item in sample:
        if item.schema is not Schema.PERSON:
            assert len(item.subject.values("name")) == 1
            assert item.subject.values("country")


def test_only_original_script_names_carry_a_language(sample: list[SyntheticSubject]) -> None:
    for item in sample:
        for stmt in item.subject.statements:
            assert (stmt.lang is not None) == (stmt.prop == "originalScriptName")


def test_birth_dates_use_every_precision(sample: list[SyntheticSubject]) -> None:
    dates = [d for s in sample for d in s.subject.values("birthDate")]
    shapes = {("range" if "/" in d else len(d)) for d in dates}
    assert shapes == {4, 7, 10, "range"}


def test_identifiers_name_their_issuing_country(sample: list[SyntheticSubject]) -> None:
    found = 0
    for item in sample:
        for stmt in item.subject.statements:
            if stmt.prop in {"passportNumber", "idNumber", "registrationNumber", "address"}:
                assert stmt.qualifier is not None
                found += 1
    assert found > len(sample) / 2


def test_nationality_follows_the_culture(sample: list[SyntheticSubject]) -> None:
    for item in sample:
        if item.schema is Schema.PERSON:
            culture = CULTURES[item.culture]
            allowed = {*culture.countries, *DIASPORA.get(culture.code, ())}
            assert set(item.subject.values("nationality")) <= allowed, item.key
