"""Areas in the service layer, on both databases: versions, sharing, audit, imports that
store all or nothing."""

from __future__ import annotations

from datetime import datetime

import pytest

from ictd.embargo import (
    AreaInput,
    add_area_version,
    area_versions,
    create_area,
    get_area,
    import_areas,
    list_areas,
    load_illustrative_areas,
    parse_feature_collection,
    withdraw_area,
)
from ictd.exc import Forbidden, InvalidInput, NotFound
from ictd.store import Store
from tests.embargo.conftest import BOWTIE, collection, feature, square
from tests.world import World


def rows(store: Store) -> tuple[int, list[str]]:
    with store.begin() as session:
        areas, _ = session.areas.page(None, 0, 1000), None
        return len(areas), [e.action for e in session.audit.events()]


def test_an_area_is_created_versioned_and_audited(
    store: Store, world: World, now: datetime
) -> None:
    analyst = world.actor("AAA", "analyst")
    data = AreaInput(
        name="Area one", geometry=square(39, 36), legal_basis="UNSCR 2199", valid_from="2014-06-01"
    )
    area = create_area(store, analyst, data, now)
    assert (area.agency, area.current.version, area.current.name) == ("AAA", 1, "Area one")
    changed = add_area_version(
        store,
        analyst,
        area.id,
        AreaInput(geometry=square(40, 35), valid_from="2017-10-18", fields=frozenset({"geometry"})),
        now,
    )
    assert [v.version for v in changed.versions] == [2, 1]
    assert changed.current.name == "Area one"  # kept from version 1
    assert changed.current.legal_basis == "UNSCR 2199"
    assert changed.versions[1].geometry == square(39, 36)  # old versions stay as they were
    history = area_versions(store, analyst, area.id)
    assert [v.valid_from.isoformat() for v in history.versions if v.valid_from] == [
        "2017-10-18",
        "2014-06-01",
    ]
    withdrawn = withdraw_area(store, analyst, area.id)
    assert withdrawn.withdrawn
    _, actions = rows(store)
    assert actions[-4:] == ["area.create", "area.update", "area.versions", "area.withdraw"]


def test_sharing_decides_who_reads_an_area(store: Store, world: World, now: datetime) -> None:
    own = create_area(store, world.actor("AAA", "analyst"), AreaInput("own", square(1, 1)), now)
    shared = create_area(
        store,
        world.actor("AAA", "analyst"),
        AreaInput("named", square(2, 2), sharing="named", shared_with=["BBB"]),
        now,
    )
    partner = world.actor("BBB", "analyst")
    assert get_area(store, partner, shared.id).id == shared.id
    with pytest.raises(NotFound):
        get_area(store, partner, own.id)
    with pytest.raises(NotFound, match="area 9999"):
        get_area(store, partner, 9999)
    with store.begin() as session:
        refused = [e for e in session.audit.events() if e.action == "area.read.refused"]
    assert [e.targets for e in refused] == [(f"area:{own.id}",)]
    listed, _ = list_areas(store, partner)
    assert [a.id for a in listed] == [shared.id]
    with pytest.raises(Forbidden):
        add_area_version(store, partner, shared.id, AreaInput(name="mine now"), now)
    with pytest.raises(Forbidden):
        create_area(store, world.actor("BBB", "screener"), AreaInput("x", square(1, 1)), now)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (AreaInput("bowtie", BOWTIE), "geometry"),
        (AreaInput("", square(1, 1)), "name"),
        (AreaInput("x", square(1, 1), valid_from="2020-13-01"), "valid_from"),
        (
            AreaInput("x", square(1, 1), valid_from="2020-01-02", valid_until="2020-01-01"),
            "valid_until",
        ),
        (AreaInput("x", square(1, 1), sharing="everyone"), "sharing"),
        (AreaInput("x", square(1, 1), sharing="named"), "shared_with"),
        (AreaInput("x", square(1, 1), sharing="named", shared_with=["ZZZ"]), "shared_with.0"),
    ],
)
def test_bad_areas_are_refused_naming_the_field(
    store: Store, world: World, now: datetime, data: AreaInput, field: str
) -> None:
    before = rows(store)
    with pytest.raises(InvalidInput) as caught:
        create_area(store, world.actor("AAA", "analyst"), data, now)
    assert caught.value.details[0]["field"] == field
    assert rows(store) == before


def test_an_import_stores_everything_or_nothing(store: Store, world: World, now: datetime) -> None:
    analyst = world.actor("AAA", "analyst")
    good = feature("good", square(39, 36), valid_from="2014-01-01")
    bad = feature("bad", BOWTIE)
    before = rows(store)
    with pytest.raises(InvalidInput) as caught:
        import_areas(store, analyst, parse_feature_collection(collection(good, bad)), now)
    assert caught.value.details[0]["field"] == "features.1.geometry"
    assert "Self-intersection" in caught.value.details[0]["message"]
    assert rows(store) == before
    with pytest.raises(InvalidInput) as caught:
        import_areas(
            store,
            analyst,
            parse_feature_collection(collection(good, feature("d", square(1, 1), valid_from="x"))),
            now,
        )
    assert caught.value.details[0]["field"] == "features.1.properties.valid_from"
    assert rows(store) == before
    with pytest.raises(InvalidInput, match="FeatureCollection"):
        parse_feature_collection({"type": "Feature"})
    stored = import_areas(store, analyst, parse_feature_collection(collection(good)), now)
    assert [a.current.name for a in stored] == ["good"]
    again = feature("good, later", square(40, 36), area_id=stored[0].id, valid_from="2016-01-01")
    versioned = import_areas(store, analyst, parse_feature_collection(collection(again)), now)
    assert [v.version for v in versioned[0].versions] == [2, 1]
    other = feature("theirs", square(1, 1), area_id=stored[0].id)
    with pytest.raises(InvalidInput) as caught:
        import_areas(
            store, world.actor("BBB", "analyst"), parse_feature_collection(collection(other)), now
        )
    assert caught.value.details[0]["field"] == "features.0.properties.area_id"


def test_the_illustrative_set_is_labelled_and_versioned(
    store: Store, world: World, now: datetime
) -> None:
    import dataclasses

    actor = dataclasses.replace(world.actor("OPS", "analyst"))
    areas = load_illustrative_areas(store, actor, now)
    assert len(areas) == 4
    listed, _ = list_areas(store, world.actor("BBB", "screener"))
    assert len(listed) == 4  # shared with all partners
    for area in listed:
        assert area.current.name.startswith("ILLUSTRATIVE (not authoritative)")
        assert "NOT AUTHORITATIVE" in (area.current.legal_basis or "")
    assert sorted(a.current.version for a in listed) == [1, 1, 2, 2]
