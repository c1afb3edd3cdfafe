"""A synthetic financing network with known ground truth, written straight into the store.

AAA's financier FIN (listed, shared with all) owns HOLD (60 %), which owns the front companies
FRONT1 (100 %) and FRONT2 (51 %): two layers. SHELL shares a phone number with FRONT1. LOOKALIKE
has a name close to FRONT1's and no links. BBB's donor DONOR paid MID1, which paid MID2, which
paid the UN-listed organisation ORG (source-fed). HIDDEN (BBB, not shared) sits between AAA's
CONTACT and ORG (relations stated by a source). BBB states that UNPERSON (source-fed) is a member
of UNGROUP (source-fed, listed): an edge stated by an agency that shares no subject with AAA.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from ictd.model import (
    Action,
    Listing,
    ListingStatus,
    Relation,
    RelationType,
    Schema,
    Sharing,
    Statement,
    Subject,
    clean_value,
    get_property,
)
from ictd.store import Session, Store

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 28)


def statement(prop: str, value: str, agency: str | None, source: str | None) -> Statement:
    found = get_property(prop)
    assert found is not None
    clean, norm, qualifier = clean_value(found, value)
    return Statement(
        prop=prop,
        value=clean,
        norm=norm,
        qualifier=qualifier,
        agency=agency,
        source=source,
        first_seen=NOW,
        last_seen=NOW,
    )


def add_subject(
    session: Session,
    schema: Schema,
    name: str,
    agency: str | None = None,
    source: str | None = None,
    **props: str,
) -> int:
    stmts = [statement("name", name, agency, source)]
    stmts += [statement(k, v, agency, source) for k, v in props.items()]
    subject = Subject(schema=schema, agency=agency, source=source, statements=tuple(stmts))
    return session.subjects.insert(subject, NOW)


def relate(
    session: Session,
    source_id: int,
    target_id: int,
    kind: RelationType,
    agency: str | None = None,
    source: str | None = None,
    **extra: object,
) -> int:
    relation = Relation(
        source_id=source_id,
        target_id=target_id,
        type=kind,
        agency=agency,
        source=source,
        created_at=NOW,
        **extra,  # type: ignore[arg-type]
    )
    found = session.relations.insert(relation).id
    assert found is not None
    return found


def list_subject(
    session: Session,
    subject_id: int,
    agency: str | None = None,
    source: str | None = None,
    sharing: Sharing = Sharing.ALL,
    status: ListingStatus = ListingStatus.ACTIVE,
    category: str = "financier",
) -> None:
    session.listings.insert(
        Listing(
            subject_id=subject_id,
            category=category,
            actions=(Action.FREEZE_ASSETS,),
            agency=agency,
            source=source,
            sharing=sharing,
            status=status,
            created_at=NOW,
            updated_at=NOW,
        )
    )


def build_network(store: Store) -> dict[str, int]:
    """Write the network; return the id of every named subject."""
    co, org, person = Schema.COMPANY, Schema.ORGANIZATION, Schema.PERSON
    with store.begin() as s:
        ids = {
            "FIN": add_subject(s, person, "Khalid Mansour Haddad", "AAA", birthDate="1971"),
            "HOLD": add_subject(s, co, "Crescent Holdings SA", "AAA"),
            "FRONT1": add_subject(s, co, "Al Nour Trading LLC", "AAA", phone="+961 1 555 0101"),
            "FRONT2": add_subject(s, co, "Zephyr Logistics Ltd", "AAA"),
            "SHELL": add_subject(s, co, "Blue Cedar Imports", "AAA", phone="+961-1-555-0101"),
            "LOOKALIKE": add_subject(s, co, "Al-Nour Trading Company", "AAA"),
            "DONOR": add_subject(s, person, "Samir Okafor", "BBB"),
            "MID1": add_subject(s, co, "Harbour Capital Ltd", "BBB"),
            "MID2": add_subject(s, co, "Eastgate Exchange", "BBB"),
            "ORG": add_subject(s, org, "Jamaat Example Front", source="un-sc"),
            "CONTACT": add_subject(s, person, "Yusuf Rahimi", "AAA"),
            "HIDDEN": add_subject(s, person, "Omar Novak", "BBB"),
            "UNPERSON": add_subject(s, person, "Ivan Karimov", source="un-sc"),
            "UNGROUP": add_subject(s, org, "Northern Example Brigade", source="un-sc"),
        }
        list_subject(s, ids["FIN"], agency="AAA")
        list_subject(s, ids["ORG"], source="un-sc", category="terrorist-organisation")
        list_subject(s, ids["UNGROUP"], source="un-sc", category="terrorist-organisation")
        own = RelationType.OWNS
        relate(s, ids["FIN"], ids["HOLD"], own, "AAA", share=Decimal("60"))
        relate(s, ids["HOLD"], ids["FRONT1"], own, "AAA", share=Decimal("100"))
        relate(s, ids["HOLD"], ids["FRONT2"], own, "AAA", share=Decimal("51"))
        pay = RelationType.PAID
        for payer, payee, amount in (("DONOR", "MID1", 9000), ("MID1", "MID2", 8500)):
            relate(s, ids[payer], ids[payee], pay, "BBB", amount=Decimal(amount), currency="USD")
        relate(s, ids["MID2"], ids["ORG"], pay, "BBB", amount=Decimal(8000), currency="USD")
        relate(s, ids["CONTACT"], ids["HIDDEN"], RelationType.ASSOCIATE, source="osint")
        relate(s, ids["HIDDEN"], ids["ORG"], RelationType.MEMBER_OF, source="osint")
        relate(s, ids["UNPERSON"], ids["UNGROUP"], RelationType.MEMBER_OF, "BBB")
    return ids
