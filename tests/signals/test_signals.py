"""Submitting, matching and feedback on media signals, on both databases."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from PIL import ImageOps

from ictd.exc import Forbidden, InvalidInput, NotFound
from ictd.media import hash_image
from ictd.signals import (
    MatchQuery,
    MediaConfig,
    SignalInput,
    export_csv,
    get_signal,
    give_feedback,
    hash_upload,
    import_csv,
    list_signals,
    match_media,
    review_signal,
    signals_of_organisation,
    submit_signals,
    update_signal,
)
from ictd.store import Store
from tests.media.images import encode, picture
from tests.signals.support import image, listed_organisation
from tests.world import World

MD5 = "900150983cd24fb0d6963f7d28e17f72"


def count_signals(store: Store) -> int:
    with store.read() as session:
        return session.media_signals.stamp()[0]


def test_an_upload_becomes_three_signals_and_a_copy_matches_it(
    store: Store, world: World, now: datetime
) -> None:
    analyst = world.actor("AAA", "analyst")
    template = SignalInput(kind="", value="", labels=["recruitment", "lang:ar"], platform="X")
    items = hash_upload(image(1), template, MediaConfig().limits)
    stored = submit_signals(store, analyst, items, now=now)
    assert [s["kind"] for s in stored] == ["pdq", "md5", "sha256"]
    assert all(s["created"] for s in stored)
    assert stored[0]["quality"] >= 50
    again = submit_signals(store, analyst, items, now=now)
    assert not any(s["created"] for s in again)
    assert count_signals(store) == 3

    copy = encode(picture(1), "JPEG", quality=50)
    platform = world.actor("BBB", "platform")
    (answer,) = match_media(store, platform, [MatchQuery(data=copy, name="copy.jpg")], now=now)
    (match,) = answer["matches"]
    assert match["kind"] == "pdq"
    assert 0 < match["distance"] <= 31
    assert match["labels"] == ["lang:ar", "recruitment"]
    assert match["owner"] == "AAA"
    (exact,) = match_media(store, platform, [MatchQuery(data=image(1))], now=now)
    assert {m["kind"] for m in exact["matches"]} <= {"pdq", "md5", "sha256"}
    assert exact["matches"][0]["distance"] == 0
    (none,) = match_media(store, platform, [MatchQuery(data=image(2))], now=now)
    assert none["matches"] == []


def test_every_match_is_audited(store: Store, world: World, now: datetime) -> None:
    submit_signals(store, world.actor("AAA", "analyst"), [SignalInput("md5", MD5)], now=now)
    match_media(store, world.actor("BBB", "screener"), [MatchQuery("md5", MD5.upper())], now=now)
    with store.read() as session:
        events = [e for e in session.audit.events() if e.action == "media.match"]
    (event,) = events
    assert event.agency == "BBB"
    assert len(event.targets) == 1 and event.targets[0].startswith("media_signal:")


def test_urls_match_in_canonical_form(store: Store, world: World, now: datetime) -> None:
    url = "HTTPS://Example.com:443/post/1?utm_source=tg#top"
    (stored,) = submit_signals(
        store, world.actor("AAA", "analyst"), [SignalInput("url", url)], now=now
    )
    assert stored["value"] == "https://example.com/post/1"
    query = MatchQuery("url", "https://example.com/post/1?fbclid=abc")
    (answer,) = match_media(store, world.actor("BBB", "platform"), [query], now=now)
    assert [m["signal_id"] for m in answer["matches"]] == [stored["id"]]


@pytest.mark.parametrize(
    ("item", "field"),
    [
        (SignalInput("pdq", "123"), "items.1.value"),
        (SignalInput("md5", "x" * 32), "items.1.value"),
        (SignalInput("url", "javascript:alert(1)"), "items.1.url"),
        (SignalInput("vpdq", "00"), "items.1.value"),
        (SignalInput("md5", MD5, labels=["cats"]), "items.1.labels"),
        (SignalInput("pdq", "a" * 64, quality=20), "items.1.quality"),
        (SignalInput("md5", MD5, sharing="everyone"), "items.1.sharing"),
    ],
)
def test_bad_signals_store_nothing(
    store: Store, world: World, item: SignalInput, field: str
) -> None:
    good = SignalInput("sha256", "b" * 64)
    with pytest.raises(InvalidInput) as caught:
        submit_signals(store, world.actor("AAA", "analyst"), [good, item])
    assert field in [e.field for e in caught.value.errors]
    assert count_signals(store) == 0


def test_bad_uploads_are_refused(world: World) -> None:
    limits = MediaConfig().limits
    template = SignalInput("", "")
    flat = encode(ImageOps.grayscale(picture(1)).point(lambda _: 128))
    for data, message in [
        (image(1)[:400], "corrupt"),
        (b"%PDF-1.4 not an image", "supported format"),
        (flat, "too little detail"),
    ]:
        with pytest.raises(InvalidInput, match=message):
            hash_upload(data, template, limits)
    with pytest.raises(InvalidInput, match="larger than"):
        hash_upload(image(1), template, replace(limits, max_bytes=1000))


def test_roles(store: Store, world: World) -> None:
    for role in ("screener", "duty-officer", "auditor", "agency-admin"):
        with pytest.raises(Forbidden):
            submit_signals(store, world.actor("AAA", role), [SignalInput("md5", MD5)])
    for role in ("auditor", "agency-admin"):
        with pytest.raises(Forbidden):
            match_media(store, world.actor("AAA", role), [MatchQuery("md5", MD5)])
    submit_signals(store, world.actor("AAA", "platform"), [SignalInput("md5", MD5)])


def test_sharing_scope_limits_who_matches(store: Store, world: World, now: datetime) -> None:
    analyst = world.actor("AAA", "analyst")
    submit_signals(store, analyst, [SignalInput("md5", MD5, sharing="own")], now=now)
    query = [MatchQuery("md5", MD5)]
    assert match_media(store, world.actor("BBB", "analyst"), query)[0]["matches"] == []
    assert len(match_media(store, world.actor("AAA", "screener"), query)[0]["matches"]) == 1
    (signal,) = list_signals(store, analyst)[0]
    update_signal(store, analyst, signal["id"], sharing="named")
    assert match_media(store, world.actor("BBB", "analyst"), query)[0]["matches"] == []
    with pytest.raises(NotFound):
        get_signal(store, world.actor("BBB", "analyst"), signal["id"])
    with pytest.raises(NotFound):
        update_signal(store, world.actor("BBB", "analyst"), signal["id"], labels=["recruitment"])
    update_signal(store, analyst, signal["id"], sharing="all")
    with pytest.raises(Forbidden):
        update_signal(store, world.actor("BBB", "analyst"), signal["id"], labels=["recruitment"])


def test_attribution_and_the_alert_to_the_owner(store: Store, world: World, now: datetime) -> None:
    org = listed_organisation(store, world, "AAA", sharing="own")
    analyst = world.actor("AAA", "analyst")
    item = SignalInput("md5", MD5, labels=["glorification"], subject_id=org)
    (stored,) = submit_signals(store, analyst, [item], now=now)
    assert stored["subject_id"] == org

    (answer,) = match_media(store, world.actor("BBB", "platform"), [MatchQuery("md5", MD5)])
    # a platform never reads the registry: it learns only that a listed organisation is behind
    assert answer["matches"][0]["attribution"] == {
        "listed_organisation": True,
        "details_withheld": True,
    }
    with store.read() as session:
        alerts = session.alerts.page("AAA", None, None, 0, 100)
    media = [a for a in alerts if a.kind == "media"]
    assert len(media) == 1
    assert media[0].detail["signal_id"] == stored["id"]
    assert media[0].reporter == "BBB"
    # the owner's own matches raise no alert; the same partner the same day raises no second
    match_media(store, world.actor("BBB", "platform"), [MatchQuery("md5", MD5)])
    match_media(store, world.actor("AAA", "screener"), [MatchQuery("md5", MD5)])
    with store.read() as session:
        alerts = session.alerts.page("AAA", None, None, 0, 100)
    assert len([a for a in alerts if a.kind == "media"]) == 1

    mine = match_media(store, world.actor("AAA", "screener"), [MatchQuery("md5", MD5)])
    assert mine[0]["matches"][0]["attribution"] == {"subject_id": org, "name": "Al-Shabaab"}
    view = signals_of_organisation(store, world.actor("AAA", "analyst"), org)
    assert [s["id"] for s in view["items"]] == [stored["id"]]
    with pytest.raises(NotFound):
        signals_of_organisation(store, world.actor("BBB", "analyst"), org)


def test_attribution_needs_a_listed_organisation_the_submitter_reads(
    store: Store, world: World
) -> None:
    hidden = listed_organisation(store, world, "BBB", sharing="own")
    for actor, subject_id in [
        (world.actor("AAA", "analyst"), hidden),
        (world.actor("AAA", "analyst"), 10**9),
    ]:
        with pytest.raises(InvalidInput, match="subject_id"):
            submit_signals(store, actor, [SignalInput("md5", MD5, subject_id=subject_id)])
    with pytest.raises(Forbidden):
        submit_signals(
            store, world.actor("BBB", "platform"), [SignalInput("md5", MD5, subject_id=hidden)]
        )
    assert count_signals(store) == 0


def test_disputes_quarantine_a_signal_until_the_owner_reviews_it(
    store: Store, world: World, now: datetime
) -> None:
    (stored,) = submit_signals(store, world.actor("AAA", "analyst"), [SignalInput("md5", MD5)])
    sid = stored["id"]
    config = MediaConfig(quarantine_disputes=2)
    query = [MatchQuery("md5", MD5)]
    answer = give_feedback(
        store, world.actor("BBB", "platform"), sid, verdict="false-positive", config=config
    )
    assert answer["signal_status"] == "active"
    give_feedback(store, world.actor("OPS", "analyst"), sid, verdict="true-positive", config=config)
    assert (
        match_media(store, world.actor("OPS", "analyst"), query)[0]["matches"][0]["feedback"][
            "true-positive"
        ]
        == 1
    )
    answer = give_feedback(
        store, world.actor("OPS", "screener"), sid, verdict="false-positive", config=config
    )
    assert answer["signal_status"] == "quarantined"
    assert match_media(store, world.actor("BBB", "analyst"), query)[0]["matches"] == []
    with pytest.raises(Forbidden):
        review_signal(store, world.actor("BBB", "analyst"), sid, keep=True)
    assert review_signal(store, world.actor("AAA", "analyst"), sid, keep=True)["status"] == "active"
    assert len(match_media(store, world.actor("BBB", "analyst"), query)[0]["matches"]) == 1
    owner_view = get_signal(store, world.actor("AAA", "analyst"), sid)
    assert {f["agency"] for f in owner_view["feedback_rows"]} == {"BBB", "OPS"}
    review_signal(store, world.actor("AAA", "analyst"), sid, keep=False)
    assert match_media(store, world.actor("BBB", "analyst"), query)[0]["matches"] == []


def test_takedown_state_is_for_urls(store: Store, world: World) -> None:
    analyst = world.actor("AAA", "analyst")
    url, md5 = submit_signals(
        store, analyst, [SignalInput("url", "https://example.com/v"), SignalInput("md5", MD5)]
    )
    row = give_feedback(store, world.actor("BBB", "platform"), url["id"], takedown="removed")
    assert row["takedown"] == "removed" and row["takedown_at"]
    with pytest.raises(InvalidInput, match="URLs only"):
        give_feedback(store, world.actor("BBB", "platform"), md5["id"], takedown="removed")
    with pytest.raises(InvalidInput):
        give_feedback(store, world.actor("BBB", "platform"), md5["id"], verdict="maybe")


def test_csv_import_and_export(store: Store, world: World) -> None:
    pdq = hash_image(image(3)).hex
    text = (
        "signal_type,signal_value,labels\n"
        f"pdq,{pdq},recruitment lang:en\n"
        f"video_md5,{MD5},glorification\n"
        "raw_url,https://Example.com/a?utm_medium=x,\n"
    )
    answer = import_csv(store, world.actor("AAA", "analyst"), text, SignalInput("", ""))
    assert answer == {"rows": 3, "created": 3, "existing": 0}
    exported = export_csv(store, world.actor("BBB", "platform"))
    assert exported.splitlines() == [
        "signal_type,signal_value,labels",
        f"pdq,{pdq},lang:en recruitment",
        f"md5,{MD5},glorification",
        "url,https://example.com/a,",
    ]
    again = import_csv(store, world.actor("AAA", "analyst"), exported, SignalInput("", ""))
    assert again == {"rows": 3, "created": 0, "existing": 3}
    for bad, where in [("tmk,abc,\n", "lines.1"), (f"md5,{MD5}\npdq,zz,\n", "lines.2")]:
        with pytest.raises(InvalidInput) as caught:
            import_csv(store, world.actor("BBB", "analyst"), bad, SignalInput("", ""))
        assert caught.value.errors[0].field == where
    with store.read() as session:
        assert session.media_signals.page("BBB") == []
