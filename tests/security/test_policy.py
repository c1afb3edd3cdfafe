"""The access policy, as a matrix: every role × permission, own vs other agency, every sharing
scope × listing status. Pure: actors, subjects and listings are built in memory."""

from __future__ import annotations

import itertools

import pytest

from ictd.exc import Forbidden, NotFound
from ictd.model import Action, Listing, ListingStatus, Role, Schema, Sharing, Subject
from ictd.security.actor import Actor
from ictd.security.policy import (
    ROLE_PERMISSIONS,
    Permission,
    can,
    can_read_audit_of,
    can_read_subject,
    can_see_listing,
    can_see_relation,
    can_write_owned,
    require,
    require_agency_admin,
    require_read_subject,
    require_write_owned,
    visible_listings,
)

OWN, OTHER, THIRD = "AAA", "BBB", "CCC"
P = Permission

# The permissions each role grants, written out here independently of the policy module.
EXPECTED: dict[Role, set[Permission]] = {
    Role.ANALYST: {P.READ_RECORDS, P.WRITE_RECORDS, P.SCREEN, P.EXPORT, P.REPORT_MOVEMENTS},
    Role.SCREENER: {P.READ_RECORDS, P.SCREEN, P.REPORT_MOVEMENTS},
    Role.DUTY_OFFICER: {P.READ_RECORDS, P.SCREEN, P.HANDLE_ALERTS},
    Role.AGENCY_ADMIN: {P.MANAGE_ACCOUNTS},
    Role.AUDITOR: {P.READ_AUDIT},
    Role.REDRESS_OFFICER: set(),
    Role.COMPLIANCE_REVIEWER: set(),
    Role.PLATFORM: {P.SUBMIT_MEDIA, P.MATCH_MEDIA},
}
# media signals: analysts submit and match; screeners and duty officers match
EXPECTED[Role.ANALYST] |= {P.SUBMIT_MEDIA, P.MATCH_MEDIA}
EXPECTED[Role.SCREENER] |= {P.MATCH_MEDIA}
EXPECTED[Role.DUTY_OFFICER] |= {P.MATCH_MEDIA}
READERS = {r for r, perms in EXPECTED.items() if P.READ_RECORDS in perms}
ALL_STATUSES = list(ListingStatus)
SHARING_STATUSES = {ListingStatus.ACTIVE, ListingStatus.EXPIRED}


def actor(role: Role | None, agency: str | None = OWN, *more: Role) -> Actor:
    roles = frozenset(r for r in (role, *more) if r is not None)
    return Actor(name=f"user:1:{role}@{agency}", agency=agency, roles=roles, user_id=1)


def subject(agency: str | None = OTHER, source: str | None = None, sid: int = 7) -> Subject:
    return Subject(schema=Schema.PERSON, id=sid, agency=agency, source=source)


def listing(
    owner: str | None = OTHER,
    sharing: Sharing = Sharing.OWN,
    status: ListingStatus = ListingStatus.ACTIVE,
    shared_with: tuple[str, ...] = (),
    subject_id: int = 7,
    source: str | None = None,
) -> Listing:
    return Listing(
        subject_id=subject_id,
        category="terrorist",
        actions=(Action.LOCATE_AND_INFORM,),
        id=1,
        agency=owner,
        source=source,
        sharing=sharing,
        shared_with=shared_with,
        status=status,
    )


SYSTEM = Actor.system("tests")


# --- roles × permissions ------------------------------------------------------------------------


def test_role_permissions_table_is_as_documented() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert {r: set(p) for r, p in ROLE_PERMISSIONS.items()} == EXPECTED


@pytest.mark.parametrize(("role", "permission"), list(itertools.product(Role, Permission)))
def test_can_and_require(role: Role, permission: Permission) -> None:
    granted = permission in EXPECTED[role]
    for agency in (OWN, OTHER):
        who = actor(role, agency)
        assert can(who, permission) is granted
        if granted:
            require(who, permission)
        else:
            with pytest.raises(Forbidden):
                require(who, permission)


@pytest.mark.parametrize("permission", list(Permission))
def test_no_roles_grant_nothing_and_system_everything(permission: Permission) -> None:
    assert can(actor(None), permission) is False
    with pytest.raises(Forbidden):
        require(actor(None), permission)
    assert can(SYSTEM, permission) is True
    require(SYSTEM, permission)


@pytest.mark.parametrize(("first", "second"), list(itertools.combinations(Role, 2)))
def test_roles_combine_as_the_union_of_their_permissions(first: Role, second: Role) -> None:
    who = actor(first, OWN, second)
    for permission in Permission:
        assert can(who, permission) is (permission in EXPECTED[first] | EXPECTED[second])


# --- listings -------------------------------------------------------------------------------------

# (sharing, shared_with, status) → whether a partner agency OWN sees a listing owned by OTHER
LISTING_CASES = [
    (sharing, shared, status, status in SHARING_STATUSES and visible)
    for status in ALL_STATUSES
    for sharing, shared, visible in [
        (Sharing.OWN, (), False),
        (Sharing.NAMED, (OWN,), True),
        (Sharing.NAMED, (THIRD, OWN), True),
        (Sharing.NAMED, (THIRD,), False),
        (Sharing.NAMED, ("AA",), False),
        (Sharing.ALL, (), True),
    ]
]


@pytest.mark.parametrize(("sharing", "shared_with", "status", "visible"), LISTING_CASES)
@pytest.mark.parametrize("role", [*Role, None])
def test_can_see_listing_of_another_agency(
    role: Role | None,
    sharing: Sharing,
    shared_with: tuple[str, ...],
    status: ListingStatus,
    visible: bool,
) -> None:
    item = listing(OTHER, sharing, status, shared_with)
    # a listing is seen in full only by those who may read its subject
    shown = visible and role in READERS
    assert can_see_listing(actor(role, OWN), item, subject(OTHER), [item]) is shown
    assert can_see_listing(SYSTEM, item, subject(OTHER), [item]) is True


@pytest.mark.parametrize(("sharing", "shared_with", "status", "_visible"), LISTING_CASES)
def test_owner_always_sees_its_listing(
    sharing: Sharing, shared_with: tuple[str, ...], status: ListingStatus, _visible: bool
) -> None:
    for role in [*Role, None]:
        item = listing(OTHER, sharing, status, shared_with)
        assert can_see_listing(actor(role, OTHER), item, subject(OTHER), [item])


@pytest.mark.parametrize("status", ALL_STATUSES)
@pytest.mark.parametrize("sharing", list(Sharing))
def test_source_listings_follow_their_sharing_scope(
    sharing: Sharing, status: ListingStatus
) -> None:
    item = listing(
        None, sharing, status, (OWN,) if sharing is Sharing.NAMED else (), source="un-sc"
    )
    expected = status in SHARING_STATUSES and sharing is not Sharing.OWN
    fed = subject(None, source="un-sc")
    assert can_see_listing(actor(Role.SCREENER, OWN), item, fed, [item]) is expected
    # an actor without agency never owns a source listing
    assert can_see_listing(actor(Role.SCREENER, None), item, fed, [item]) is (
        status in SHARING_STATUSES and sharing is Sharing.ALL
    )


def test_visible_listings_filters_and_keeps_order() -> None:
    items = [
        listing(OTHER, Sharing.ALL).copy_with(id=1),
        listing(OTHER, Sharing.OWN).copy_with(id=2),
        listing(OWN, Sharing.OWN, ListingStatus.DRAFT).copy_with(id=3),
        listing(OTHER, Sharing.NAMED, shared_with=(OWN,)).copy_with(id=4),
        listing(OTHER, Sharing.ALL, ListingStatus.WITHDRAWN).copy_with(id=5),
    ]
    assert [x.id for x in visible_listings(actor(Role.ANALYST), subject(OTHER), items)] == [
        1,
        3,
        4,
    ]
    assert [x.id for x in visible_listings(SYSTEM, subject(OTHER), items)] == [1, 2, 3, 4, 5]
    elsewhere = listing(OTHER, Sharing.ALL, subject_id=8)
    assert visible_listings(SYSTEM, subject(OTHER), [elsewhere]) == []


@pytest.mark.parametrize("role", sorted(READERS))
def test_a_partners_listing_does_not_widen_the_owners_sharing(role: Role) -> None:
    """OTHER shares its subject with THIRD only; THIRD lists it for all partners."""
    owners = listing(OTHER, Sharing.NAMED, shared_with=(THIRD,)).copy_with(id=1)
    partners = listing(THIRD, Sharing.ALL).copy_with(id=2)
    both = [owners, partners]
    assert can_see_listing(actor(role, "DDD"), partners, subject(OTHER), both) is False
    assert visible_listings(actor(role, "DDD"), subject(OTHER), both) == []
    assert can_see_listing(actor(role, THIRD), partners, subject(OTHER), both) is True
    assert can_see_listing(actor(role, OTHER), partners, subject(OTHER), both) is True


# --- reading subjects -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [*Role, None])
@pytest.mark.parametrize(
    "target",
    [subject(OWN), subject(None, source="un-sc"), subject(OTHER, source="un-sc")],
    ids=["own", "source-fed", "source-fed-with-agency"],
)
def test_own_and_source_fed_subjects_are_read_by_every_reader(
    role: Role | None, target: Subject
) -> None:
    who = actor(role, OWN)
    reader = role in READERS
    assert can_read_subject(who, target, []) is reader
    if reader:
        require_read_subject(who, target, [])
    else:
        with pytest.raises(Forbidden):
            require_read_subject(who, target, [])


@pytest.mark.parametrize(("sharing", "shared_with", "status", "visible"), LISTING_CASES)
@pytest.mark.parametrize("role", [*Role, None])
def test_other_agencys_subject_through_its_listings(
    role: Role | None,
    sharing: Sharing,
    shared_with: tuple[str, ...],
    status: ListingStatus,
    visible: bool,
) -> None:
    who = actor(role, OWN)
    target = subject(OTHER)
    listings = [listing(OTHER, sharing, status, shared_with)]
    reader = role in READERS
    assert can_read_subject(who, target, listings) is (reader and visible)
    if not reader:
        with pytest.raises(Forbidden):  # no read permission at all: told so
            require_read_subject(who, target, listings)
    elif not visible:
        with pytest.raises(NotFound) as err:  # not shared: as if it did not exist
            require_read_subject(who, target, listings)
        assert not isinstance(err.value, Forbidden)
    else:
        require_read_subject(who, target, listings)
    # the owning agency's readers read it whatever its listings say
    assert can_read_subject(actor(role, OTHER), target, listings) is reader
    assert can_read_subject(SYSTEM, target, listings) is True
    require_read_subject(SYSTEM, target, listings)


@pytest.mark.parametrize("role", sorted(READERS))
def test_other_agencys_subject_without_listings_is_hidden(role: Role) -> None:
    with pytest.raises(NotFound):
        require_read_subject(actor(role, OWN), subject(OTHER), [])
    assert can_read_subject(actor(role, OWN), subject(OTHER), []) is False


@pytest.mark.parametrize("role", sorted(READERS))
def test_listings_of_other_subjects_do_not_share_this_one(role: Role) -> None:
    shared_elsewhere = listing(OTHER, Sharing.ALL, subject_id=8)
    assert can_read_subject(actor(role, OWN), subject(OTHER, sid=7), [shared_elsewhere]) is False


@pytest.mark.parametrize("role", sorted(READERS))
def test_one_shared_listing_among_hidden_ones_is_enough(role: Role) -> None:
    listings = [
        listing(OTHER, Sharing.OWN),
        listing(OTHER, Sharing.NAMED, ListingStatus.DRAFT, (THIRD,)),
        listing(OTHER, Sharing.NAMED, ListingStatus.ACTIVE, (OWN,)),
        # a partner's listing cannot widen the owner's sharing
        listing(THIRD, Sharing.ALL, ListingStatus.ACTIVE),
    ]
    assert can_read_subject(actor(role, OWN), subject(OTHER), listings) is True
    assert can_read_subject(actor(role, THIRD), subject(OTHER), listings) is False
    assert can_read_subject(actor(role, "DDD"), subject(OTHER), listings) is False


def test_own_listing_on_another_agencys_subject_does_not_make_it_readable() -> None:
    # once the owner stops sharing, an agency that listed the subject no longer reads it
    mine = listing(OWN, Sharing.OWN, ListingStatus.DRAFT)
    assert can_read_subject(actor(Role.SCREENER, OWN), subject(OTHER), [mine]) is False
    assert can_see_listing(actor(Role.SCREENER, OWN), mine, subject(OTHER), [mine]) is True


# --- writing ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [*Role, None])
@pytest.mark.parametrize(
    ("owner", "own"), [(OWN, True), (OTHER, False), (None, False)], ids=["own", "other", "source"]
)
def test_can_write_owned(role: Role | None, owner: str | None, own: bool) -> None:
    who = actor(role, OWN)
    writer = role is Role.ANALYST
    assert can_write_owned(who, owner) is (writer and own)
    if writer and own:
        require_write_owned(who, owner)
    else:
        with pytest.raises(Forbidden):
            require_write_owned(who, owner)
    assert can_write_owned(SYSTEM, owner) is True
    require_write_owned(SYSTEM, owner)


def test_an_actor_without_agency_writes_no_agency_records() -> None:
    assert can_write_owned(actor(Role.ANALYST, None), OWN) is False


def test_an_actor_without_agency_does_not_own_source_fed_records() -> None:
    assert can_write_owned(actor(Role.ANALYST, None), None) is False


# --- account administration ---------------------------------------------------------------------


@pytest.mark.parametrize("role", [*Role, None])
@pytest.mark.parametrize(("agency", "own"), [(OWN, True), (OTHER, False)], ids=["own", "other"])
def test_require_agency_admin(role: Role | None, agency: str, own: bool) -> None:
    who = actor(role, OWN)
    if role is Role.AGENCY_ADMIN and own:
        require_agency_admin(who, agency)
    else:
        with pytest.raises(Forbidden):
            require_agency_admin(who, agency)
    require_agency_admin(SYSTEM, agency)


def test_operator_agency_admins_manage_only_their_own_agency() -> None:
    ops_admin = actor(Role.AGENCY_ADMIN, "OPS")
    require_agency_admin(ops_admin, "OPS")
    with pytest.raises(Forbidden):
        require_agency_admin(ops_admin, OWN)


# --- audit -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [*Role, None])
@pytest.mark.parametrize(
    ("agency", "operator", "allowed_to_auditor"),
    [
        (OWN, False, True),
        (OTHER, False, False),
        (None, False, False),
        (OWN, True, True),
        (OTHER, True, True),
        (None, True, True),
    ],
    ids=["own", "other", "none", "operator-own", "operator-other", "operator-none"],
)
def test_can_read_audit_of(
    role: Role | None, agency: str | None, operator: bool, allowed_to_auditor: bool
) -> None:
    who = actor(role, OWN)
    assert can_read_audit_of(who, agency, operator) is (role is Role.AUDITOR and allowed_to_auditor)
    assert can_read_audit_of(SYSTEM, agency, operator) is True


# --- relations ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stated_by", "readable_owners", "visible"),
    [
        (None, set(), True),  # stated by a source
        (OWN, set(), True),  # stated by the actor's agency
        (OTHER, {OTHER}, True),  # stated by the owner of a subject the actor reads
        (OTHER, {THIRD}, False),
        (OTHER, set(), False),
        (THIRD, {OTHER}, False),
    ],
)
@pytest.mark.parametrize("role", [*Role, None])
def test_can_see_relation(
    role: Role | None, stated_by: str | None, readable_owners: set[str], visible: bool
) -> None:
    assert can_see_relation(actor(role, OWN), stated_by, readable_owners) is visible
    assert can_see_relation(SYSTEM, stated_by, readable_owners) is True


# --- the operator at the machine ----------------------------------------------------------------


@pytest.mark.parametrize(("sharing", "shared_with", "status", "_visible"), LISTING_CASES)
def test_system_is_allowed_everything(
    sharing: Sharing, shared_with: tuple[str, ...], status: ListingStatus, _visible: bool
) -> None:
    item = listing(OTHER, sharing, status, shared_with)
    for target in (subject(OTHER), subject(None, source="un-sc"), subject(OWN)):
        assert can_read_subject(SYSTEM, target, [item])
        assert can_read_subject(SYSTEM, target, [])
        require_read_subject(SYSTEM, target, [])
    assert can_see_listing(SYSTEM, item, subject(OTHER), [item])
    for agency in (OWN, OTHER, None):
        assert can_write_owned(SYSTEM, agency)
        assert can_read_audit_of(SYSTEM, agency, False)
        assert can_see_relation(SYSTEM, agency, set())
    require_agency_admin(SYSTEM, OTHER)
    assert all(can(SYSTEM, p) for p in Permission)
