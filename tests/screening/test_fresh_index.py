"""Screening and movement reports search before their transaction, with the index as it
is, and again inside it when the change feed moved: a subject listed after the index was
last brought up to date is a hit at once, and the index is brought up to date on the way
(both databases)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from ictd.alerts import MovementInput
from ictd.alerts.intake import report_movements
from ictd.outbox import AlertConfig
from ictd.screening import LiveIndex, QueryInput, screen
from tests.alerts.support import movement
from tests.screening.test_screening import _list, _person
from tests.world import World

NAME = "Abu Mohammed al-Adnani"
NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def _listed_after_build(world: World) -> tuple[LiveIndex, int]:
    live = LiveIndex(world.store)
    live.refresh()  # built before the subject exists
    sid = _person(world, "AAA", NAME, birthDate="1977-03-04")
    _list(world, "AAA", sid, "all")
    return live, sid


def test_a_screening_finds_a_subject_listed_after_the_index_was_brought_up_to_date(
    world: World,
) -> None:
    live, sid = _listed_after_build(world)
    stale = live.index
    actor = world.actor("BBB", "screener")
    (result,) = screen(world.store, live, actor, [QueryInput(id="q", names=[NAME])], now=NOW)
    assert result.is_hit and [m.subject_id for m in result.matches] == [sid]
    assert len(live.index) == len(stale) + 1  # brought up to date inside the screening


def test_a_movement_report_hits_a_subject_listed_after_the_index_was_brought_up_to_date(
    world: World,
) -> None:
    live, sid = _listed_after_build(world)
    stale = live.index
    actor = world.actor("BBB", "screener")
    traveller = {"names": [NAME], "birth_date": "1977-03-04"}
    body = movement("fresh-1", time=NOW.isoformat(), traveller=traveller)
    result = report_movements(
        world.store, live, actor, [MovementInput.from_dict(body)], AlertConfig(), now=NOW
    )
    (reply,) = result.replies
    assert reply["result"] == "hit" and reply["hits"][0]["subject"]["id"] == sid
    assert len(live.index) == len(stale) + 1


def test_a_look_at_the_feed_that_finds_no_news_takes_no_lock(world: World) -> None:
    """Every screening looks at the change feed in its own transaction; with nothing new it
    must not wait for the index's lock (held here as another thread applying changes
    would hold it), else a server's requests queue behind one another's round trips."""
    live, _ = _listed_after_build(world)
    live.refresh()  # the listing applied
    live.refresh()  # nothing new: this look is remembered
    actor = world.actor("BBB", "screener")
    done: list[bool] = []

    def screen_once() -> None:
        (result,) = screen(world.store, live, actor, [QueryInput(id="q", names=[NAME])], now=NOW)
        done.append(result.is_hit)

    with live._lock:  # another thread applying changes
        worker = threading.Thread(target=screen_once)
        worker.start()
        worker.join(30)
        assert done == [True]  # answered while the lock was held
    _person(world, "AAA", "Another Person Entirely")  # news: the next look applies it
    before = len(live.index)
    screen_once()
    assert len(live.index) == before + 1 and done == [True, True]
