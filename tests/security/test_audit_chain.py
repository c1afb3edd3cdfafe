"""The audit hash chain, without a database: ``seal_event`` and ``verify_chain``."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ictd.security.audit import (
    GENESIS_HASH,
    AuditEvent,
    ChainBreak,
    hash_at,
    seal_event,
    verify_chain,
)

T0 = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def chain(n: int = 5) -> list[AuditEvent]:
    events: list[AuditEvent] = []
    prev = GENESIS_HASH
    for i in range(1, n + 1):
        raw = AuditEvent(
            actor=f"user:{i}:u{i}@aaa.example",
            action="subject.view",
            agency="AAA",
            purpose=f"case {i}",
            targets=(f"subject:{i}",),
            detail={"q": f"näme {i}", "n": i},
        )
        sealed = seal_event(raw, seq=i, prev_hash=prev, now=T0 + timedelta(seconds=i))
        events.append(sealed)
        prev = sealed.hash
    return events


def head_of(events: list[AuditEvent]) -> tuple[int, str]:
    return (events[-1].seq, events[-1].hash) if events else (0, GENESIS_HASH)


def test_seal_event_places_the_event() -> None:
    raw = AuditEvent(actor="system", action="agency.create", targets=("agency:AAA",))
    sealed = seal_event(raw, seq=1, prev_hash=GENESIS_HASH, now=T0)
    assert sealed.seq == 1
    assert sealed.prev_hash == GENESIS_HASH
    assert sealed.ts == "2026-11-28T09:30:00.000000+00:00"
    assert sealed.hash == sealed.compute_hash()
    assert len(sealed.hash) == 64
    assert int(sealed.hash, 16) >= 0
    # an event that already has its time keeps it
    stamped = seal_event(replace(raw, ts="2020-01-01T00:00:00+00:00"), 1, GENESIS_HASH, now=T0)
    assert stamped.ts == "2020-01-01T00:00:00+00:00"


def test_seal_event_without_now_uses_the_current_utc_time() -> None:
    before = datetime.now(UTC)
    sealed = seal_event(AuditEvent(actor="system", action="x"), 1, GENESIS_HASH)
    assert before <= datetime.fromisoformat(sealed.ts) <= datetime.now(UTC)


def test_the_hash_covers_the_place_in_the_chain() -> None:
    raw = AuditEvent(actor="system", action="x")
    a = seal_event(raw, 1, GENESIS_HASH, now=T0)
    assert seal_event(raw, 2, GENESIS_HASH, now=T0).hash != a.hash
    assert seal_event(raw, 1, "f" * 64, now=T0).hash != a.hash
    assert seal_event(raw, 1, GENESIS_HASH, now=T0).hash == a.hash


@pytest.mark.parametrize(
    "event",
    [
        AuditEvent(actor="system", action="x", ts="2026-11-28T09:30:00.000000+00:00"),
        AuditEvent(
            actor='user:1:"q"@aaa.example',
            action="screen",
            agency="AAA",
            purpose="fällt \u202e ok",
            targets=("subject:1", "reference:ç"),
            # keys named as the event's own fields, nested and out of order
            detail={"seq": 7, "prev_hash": "", "z": [1, {"b": None, "a": "é"}], "ts": "x"},
            ts="2026-11-28T09:30:00.000001+00:00",
        ),
    ],
)
def test_hash_at_is_the_hash_of_the_placed_event(event: AuditEvent) -> None:
    at = hash_at(event)
    for seq, prev in ((1, GENESIS_HASH), (42, "f" * 64), (10**12, 'a"b')):
        placed = replace(event, seq=seq, prev_hash=prev)
        assert at(seq, prev) == placed.compute_hash()
        assert seal_event(event, seq, prev).hash == placed.compute_hash()
    assert at(1, GENESIS_HASH) != at(2, GENESIS_HASH)


def test_rows_round_trip() -> None:
    for event in chain(3):
        back = AuditEvent.from_row(event.to_row())
        assert back == event
        assert back.compute_hash() == event.hash
        assert event.to_dict()["targets"] == list(event.targets)


@pytest.mark.parametrize("n", [0, 1, 2, 10])
def test_an_intact_chain_verifies(n: int) -> None:
    events = chain(n)
    assert verify_chain(events, head_of(events)) == (n, None)
    assert verify_chain(iter(events), head_of(events)) == (n, None)


# field → a different value for it
ALTERATIONS: dict[str, Any] = {
    "actor": "user:99:mallory@aaa.example",
    "action": "subject.search",
    "agency": "BBB",
    "purpose": None,
    "targets": ("subject:99",),
    "detail": {"q": "someone else", "n": 3},
    "ts": "2026-11-28T09:30:03.000001+00:00",
    "hash": "a" * 64,
}


@pytest.mark.parametrize("field", sorted(ALTERATIONS))
@pytest.mark.parametrize("at", [1, 3, 5])
def test_an_altered_field_breaks_the_chain_at_that_event(field: str, at: int) -> None:
    events = chain(5)
    events[at - 1] = replace(events[at - 1], **{field: ALTERATIONS[field]})
    checked, broken = verify_chain(events, head_of(chain(5)))
    assert broken is not None
    assert broken.seq == at
    assert "altered" in broken.reason
    assert checked == at


def test_an_altered_link_breaks_the_chain_at_that_event() -> None:
    events = chain(5)
    events[2] = replace(events[2], prev_hash="b" * 64)
    assert verify_chain(events, head_of(events))[1] == ChainBreak(
        3, "does not link to the previous event's hash"
    )


def test_a_rehashed_forgery_breaks_the_link_of_the_next_event() -> None:
    events = chain(5)
    forged = replace(events[2], action="subject.search", detail={})
    events[2] = replace(forged, hash=forged.compute_hash())
    checked, broken = verify_chain(events, head_of(chain(5)))
    assert broken == ChainBreak(4, "does not link to the previous event's hash")
    assert checked == 4


def test_a_rehashed_forgery_of_the_last_event_breaks_at_the_head() -> None:
    events = chain(5)
    forged = replace(events[4], actor="someone else")
    events[4] = replace(forged, hash=forged.compute_hash())
    checked, broken = verify_chain(events, head_of(chain(5)))
    assert broken is not None
    assert broken.seq == 5
    assert checked == 5


@pytest.mark.parametrize("gone", [1, 2, 3, 4])
def test_a_deleted_event_is_named(gone: int) -> None:
    events = chain(5)
    del events[gone - 1]
    checked, broken = verify_chain(events, head_of(chain(5)))
    assert broken is not None
    assert broken.seq == gone
    assert broken.reason == f"event {gone} is missing (next found is {gone + 1})"
    assert checked == gone


def test_an_inserted_event_breaks_the_chain() -> None:
    events = chain(5)
    inserted = seal_event(AuditEvent(actor="mallory", action="subject.view"), 3, "c" * 64, now=T0)
    events.insert(2, inserted)
    checked, broken = verify_chain(events, head_of(chain(5)))
    assert broken == ChainBreak(3, "does not link to the previous event's hash")
    assert checked == 3


def test_an_inserted_event_with_a_correct_link_pushes_the_next_one_out_of_place() -> None:
    events = chain(5)
    inserted = seal_event(AuditEvent(actor="mallory", action="x"), 3, events[1].hash, now=T0)
    events.insert(2, inserted)
    _checked, broken = verify_chain(events, head_of(chain(5)))
    assert broken is not None
    assert broken.seq == 4  # the genuine event 3 is found where 4 was expected
    assert "missing" in broken.reason


@pytest.mark.parametrize("cut", [1, 2, 5])
def test_a_truncated_tail_is_detected_through_the_head(cut: int) -> None:
    full = chain(5)
    events = full[:-cut]
    checked, broken = verify_chain(events, head_of(full))
    assert broken is not None
    assert broken.seq == 5 - cut + 1  # the first event that is gone
    assert broken.reason == f"chain head says 5 events, log holds {5 - cut}"
    assert checked == 5 - cut


def test_a_head_that_does_not_match_the_last_hash_is_detected() -> None:
    events = chain(5)
    _checked, broken = verify_chain(events, (5, "d" * 64))
    assert broken is not None
    assert broken.seq == 5


def test_an_event_appended_without_moving_the_head_is_detected() -> None:
    events = chain(5)
    appended = seal_event(AuditEvent(actor="mallory", action="x"), 6, events[-1].hash, now=T0)
    _checked, broken = verify_chain([*events, appended], head_of(events))
    assert broken is not None
    assert broken.reason == "chain head says 5 events, log holds 6"


def test_an_event_appended_without_moving_the_head_is_named() -> None:
    events = chain(5)
    appended = seal_event(AuditEvent(actor="mallory", action="x"), 6, events[-1].hash, now=T0)
    _checked, broken = verify_chain([*events, appended], head_of(events))
    assert broken is not None
    assert broken.seq == 6


def test_only_the_first_break_is_reported() -> None:
    events = chain(6)
    events[1] = replace(events[1], action="forged")
    del events[4]
    _checked, broken = verify_chain(events, head_of(chain(6)))
    assert broken is not None
    assert broken.seq == 2


def test_a_log_that_does_not_start_at_one_is_broken() -> None:
    events = chain(3)[1:]
    assert verify_chain(events, head_of(chain(3)))[1] == ChainBreak(
        1, "event 1 is missing (next found is 2)"
    )


def test_an_empty_log_with_a_head_is_broken() -> None:
    checked, broken = verify_chain([], head_of(chain(3)))
    assert checked == 0
    assert broken is not None
    assert broken.seq == 1
