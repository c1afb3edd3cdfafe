"""Video signals (frame hashes of uploads) and rotated or mirrored image copies, through the
service, the API and the CLI, on both databases; the index follows the store."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageOps

from ictd.exc import InvalidInput
from ictd.signals import (
    MatchQuery,
    MediaConfig,
    SignalInput,
    give_feedback,
    hash_upload,
    match_media,
    review_signal,
    submit_signals,
)
from ictd.signals.match import near_indexes
from ictd.store import Store
from tests.cli.test_cli import ictd, ok, refused
from tests.media.images import encode, picture
from tests.media.videos import reencode, video
from tests.signals.support import image
from tests.world import World

API = "/api/v1"
needs_ffmpeg = pytest.mark.skipif(
    shutil.which("ffmpeg") is None, reason="ffmpeg is installed by make install-dev and CI"
)


@needs_ffmpeg
def test_a_video_upload_is_a_video_signal_and_a_reencoded_copy_matches(
    store: Store, world: World, now: datetime
) -> None:
    analyst = world.actor("AAA", "analyst")
    template = SignalInput(
        kind="", value="", labels=["recruitment"], sharing="named", shared_with=["BBB"]
    )
    items = hash_upload(video(1), template, MediaConfig().limits)
    assert [x.kind for x in items] == ["video", "md5", "sha256"]
    stored = submit_signals(store, analyst, items, now=now)
    assert stored[0]["kind"] == "video" and len(stored[0]["value"].split(",")) >= 4
    assert not submit_signals(store, analyst, items, now=now)[0]["created"]

    copy = MatchQuery(data=reencode(video(1), 160), name="copy.mkv")
    (answer,) = match_media(store, world.actor("BBB", "platform"), [copy], now=now)
    (match,) = answer["matches"]
    assert match["kind"] == "video" and match["signal_id"] == stored[0]["id"]
    assert match["query_match"] >= 0.8 and match["compared_match"] >= 0.8
    assert match["distance"] <= 31 and match["labels"] == ["recruitment"]
    # not shared with OPS; another video matches nothing
    (hidden,) = match_media(store, world.actor("OPS", "platform"), [copy], now=now)
    assert hidden["matches"] == []
    (other,) = match_media(store, world.actor("BBB", "platform"), [MatchQuery(data=video(2))])
    assert other["matches"] == []
    # a video hash given as frame hashes matches too
    frames = MatchQuery("video", stored[0]["value"].upper().replace(",", " "))
    (given,) = match_media(store, world.actor("BBB", "screener"), [frames], now=now)
    assert [m["signal_id"] for m in given["matches"]] == [stored[0]["id"]]


@needs_ffmpeg
def test_a_corrupt_video_is_refused_and_nothing_is_stored(store: Store, world: World) -> None:
    data = video(3)
    with pytest.raises(InvalidInput, match="supported format"):
        hash_upload(data[: len(data) // 8], SignalInput("", ""), MediaConfig().limits)
    with pytest.raises(InvalidInput) as caught:
        match_media(store, world.actor("BBB", "platform"), [MatchQuery(data=data[:3000])])
    assert caught.value.errors[0].field == "items.0.file"
    with store.read() as session:
        assert session.media_signals.stamp()[0] == 0


TURNED = {
    "mirrored": ImageOps.mirror,
    "rotated 90° anticlockwise": lambda im: im.rotate(90, expand=True),
    "rotated 180°": lambda im: im.rotate(180),
    "flipped top to bottom": ImageOps.flip,
    "transposed": lambda im: im.transpose(Image.Transpose.TRANSPOSE),
}


def test_rotated_and_mirrored_copies_match_and_say_how(
    store: Store, world: World, now: datetime
) -> None:
    items = hash_upload(image(4), SignalInput("", ""), MediaConfig().limits)
    (pdq, *_) = submit_signals(store, world.actor("AAA", "analyst"), items, now=now)
    platform = world.actor("BBB", "platform")
    for name, turn in TURNED.items():
        copy = encode(turn(picture(4)), "JPEG", quality=70)
        (answer,) = match_media(store, platform, [MatchQuery(data=copy)], now=now)
        (match,) = answer["matches"]
        assert match["signal_id"] == pdq["id"] and match["distance"] <= 31
        assert match["transform"] == name
    (plain,) = match_media(store, platform, [MatchQuery(data=image(4))], now=now)
    assert "transform" not in plain["matches"][0]
    # a hash given as a value is matched as it is: no turns
    value = hash_upload(
        encode(ImageOps.mirror(picture(4))), SignalInput("", ""), MediaConfig().limits
    )[0].value
    (given,) = match_media(store, platform, [MatchQuery("pdq", value)], now=now)
    assert given["matches"] == []


def test_the_index_follows_additions_and_status_changes(
    store: Store, world: World, now: datetime
) -> None:
    analyst = world.actor("AAA", "analyst")
    limits = MediaConfig().limits
    submit_signals(store, analyst, hash_upload(image(1), SignalInput("", ""), limits), now=now)
    platform = world.actor("BBB", "platform")
    match_media(store, platform, [MatchQuery(data=image(1))], now=now)
    with store.read() as session:
        indexes = near_indexes(store, session)
    assert len(indexes["pdq"]) == 1
    added = submit_signals(store, analyst, hash_upload(image(2), SignalInput("", ""), limits))
    (second,) = match_media(store, platform, [MatchQuery(data=image(2))], now=now)
    assert second["matches"][0]["signal_id"] == added[0]["id"]
    with store.read() as session:
        assert near_indexes(store, session) is indexes  # appended to, not rebuilt
    assert len(indexes["pdq"]) == 2
    # quarantine: two partners dispute it; it stops matching, and matches again when kept
    sid = added[0]["id"]
    two = MediaConfig(quarantine_disputes=2)
    for agency in ("BBB", "OPS"):
        give_feedback(
            store, world.actor(agency, "screener"), sid, verdict="false-positive", config=two
        )
    (gone,) = match_media(store, platform, [MatchQuery(data=image(2))], now=now)
    assert sid not in [m["signal_id"] for m in gone["matches"]]
    review_signal(store, analyst, sid, keep=True)
    (back,) = match_media(store, platform, [MatchQuery(data=image(2))], now=now)
    assert sid in [m["signal_id"] for m in back["matches"]]
    with store.read() as session:
        assert near_indexes(store, session) is indexes


@needs_ffmpeg
def test_video_upload_and_match_over_http(client: TestClient, world: World) -> None:
    aaa, bbb = world.auth("AAA", "analyst"), world.auth("BBB", "platform")
    answer = client.post(
        f"{API}/media/signals/files",
        files=[("files", ("clip.mp4", video(1), "video/mp4"))],
        data={"labels": "recruitment"},
        headers=aaa,
    )
    assert answer.status_code == 201, answer.text
    assert [x["kind"] for x in answer.json()["items"]] == ["video", "md5", "sha256"]
    copy = reencode(video(1), 160)
    answer = client.post(
        f"{API}/media/match/files",
        files=[("files", ("copy.mkv", copy, "video/x-matroska"))],
        headers=bbb,
    )
    assert answer.status_code == 200, answer.text
    (match,) = answer.json()["results"][0]["matches"]
    assert match["kind"] == "video" and match["query_match"] >= 0.8
    broken = video(2)[:2000]
    answer = client.post(
        f"{API}/media/signals/files",
        files=[("files", ("broken.mp4", broken, "video/mp4"))],
        headers=aaa,
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["details"][0]["field"] == "files.0"


@needs_ffmpeg
def test_video_add_and_match_on_the_command_line(
    store: Store, world: World, tmp_path: Path
) -> None:
    clip, copy, broken = tmp_path / "clip.mp4", tmp_path / "copy.avi", tmp_path / "broken.mp4"
    clip.write_bytes(video(1))
    copy.write_bytes(reencode(video(1), 240, "avi", quality=20))
    broken.write_bytes(video(1)[:2500])
    out = ok(ictd(store.url, "media", "add", str(clip), "--as", "analyst@aaa.example"))
    assert out.count("(new)") == 3 and "video" in out and "frames" in out
    out = ok(ictd(store.url, "media", "match", str(copy), "--as", "platform@bbb.example"))
    assert f"{copy}: 1 matches" in out and "video" in out and "frames matched" in out
    refused(
        ictd(store.url, "media", "add", str(broken), "--as", "analyst@aaa.example"),
        "supported format",
    )
