"""Listings and relations: keys point at generated subjects, networks have their shape."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from ictd.demo import DEMO_AGENCIES, SyntheticSubject
from ictd.model import Action, ListingStatus, RelationType, Schema, Sharing, relation_misfit
from ictd.model.listing import CATEGORIES

_R = RelationType


def _by_key(sample: list[SyntheticSubject]) -> dict[str, SyntheticSubject]:
    return {s.key: s for s in sample}


def test_relation_keys_point_at_generated_subjects(sample: list[SyntheticSubject]) -> None:
    keys = _by_key(sample)
    relations = [r for s in sample for r in s.relations]
    assert len(relations) > len(sample) / 20
    for item in sample:
        for rel in item.relations:
            assert rel.source == item.key
            assert rel.target in keys and rel.target != rel.source


def test_relation_types_fit_their_ends(sample: list[SyntheticSubject]) -> None:
    keys = _by_key(sample)
    seen: Counter[RelationType] = Counter()
    for rel in (r for s in sample for r in s.relations):
        source, target = keys[rel.source], keys[rel.target]
        seen[rel.type] += 1
        assert relation_misfit(rel.type, source.schema, target.schema) is None
        if rel.type in (_R.MEMBER_OF, _R.LEADER_OF):
            assert source.schema is Schema.PERSON and target.role == "group"
        if rel.type is _R.OWNS:
            assert rel.share is not None and Decimal(0) < rel.share <= Decimal(100)
            assert target.schema is Schema.COMPANY
        if rel.type is _R.PAID:
            assert rel.amount is not None and rel.amount > 0 and rel.currency
        if rel.type in (_R.FAMILY,):
            assert source.schema is target.schema is Schema.PERSON
    expected = {_R.MEMBER_OF, _R.LEADER_OF, _R.OWNS, _R.DIRECTOR_OF, _R.FAMILY, _R.ASSOCIATE}
    assert expected | {_R.PAID} <= set(seen)


def test_front_companies_are_owned_through_two_layers(sample: list[SyntheticSubject]) -> None:
    keys = _by_key(sample)
    chains = 0
    for item in sample:
        if item.role != "financier":
            continue
        for rel in (r for r in item.relations if r.type is _R.OWNS):
            holding = keys[rel.target]
            assert holding.role == "holding"
            fronts = [keys[r.target] for r in holding.relations if r.type is _R.OWNS]
            assert fronts and all(f.role == "front" for f in fronts)
            chains += 1
    assert chains > 5


def test_groups_have_leaders_and_members(sample: list[SyntheticSubject]) -> None:
    incoming: Counter[tuple[str, RelationType]] = Counter()
    for rel in (r for s in sample for r in s.relations):
        incoming[(rel.target, rel.type)] += 1
    groups = [s for s in sample if s.role == "group"]
    assert groups
    for group in groups:
        assert group.schema is Schema.ORGANIZATION
        assert 1 <= incoming[(group.key, _R.LEADER_OF)] <= 2
        assert 3 <= incoming[(group.key, _R.MEMBER_OF)] <= 8
        assert [lst.category for lst in group.listings] == ["terrorist-organisation"]


def test_listings_are_valid_and_convert_to_model_listings(
    sample: list[SyntheticSubject],
) -> None:
    listed = [s for s in sample if s.listings]
    assert 0.1 < len(listed) / len(sample) < 0.5
    for item in listed:
        for synthetic in item.listings:
            assert synthetic.agency in DEMO_AGENCIES
            assert synthetic.category in CATEGORIES
            assert synthetic.review_date > synthetic.valid_from
            if synthetic.sharing is Sharing.NAMED:
                assert synthetic.shared_with and synthetic.agency not in synthetic.shared_with
            listing = synthetic.to_listing(subject_id=42)
            assert listing.status is ListingStatus.ACTIVE and listing.subject_id == 42
            assert listing.is_in_force(synthetic.valid_from)
            assert all(isinstance(a, Action) for a in listing.actions)


def test_relations_convert_to_model_relations(sample: list[SyntheticSubject]) -> None:
    ids = {s.key: n + 1 for n, s in enumerate(sample)}
    for item in sample:
        for synthetic in item.relations:
            relation = synthetic.to_relation(ids)
            assert relation.source_id == ids[item.key]
            assert relation.source == "synthetic"


def test_own_agencies_are_used() -> None:
    from ictd.demo import generate

    agencies = ("alpha", "bravo")
    used = {lst.agency for s in generate(500, agencies=agencies) for lst in s.listings}
    assert used == set(agencies)
