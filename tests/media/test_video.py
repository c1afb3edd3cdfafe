"""Video hashes: PDQ of frames sampled once a second through ffmpeg; a re-encoded, resized
copy matches, another video does not, and bad files get a clear error."""

from __future__ import annotations

import shutil

import pytest

from ictd.media import compare_frames, hash_file, hash_video
from ictd.media.pdq import MediaLimits
from ictd.media.video import MAX_FRAMES, check_video_value
from tests.media.images import encode, picture
from tests.media.videos import reencode, video

pytestmark = pytest.mark.skipif(
    shutil.which("ffmpeg") is None, reason="ffmpeg is installed by make install-dev and CI"
)


def test_a_reencoded_resized_copy_matches_and_another_video_does_not() -> None:
    original = hash_video(video(1))
    assert original.sampled == 8  # 8 seconds, one frame a second
    assert 4 <= len(original.frames) <= 8  # repeated hashes kept once
    for copy in (reencode(video(1), 160), reencode(video(1), 240, "avi", quality=20)):
        query, compared, nearest = compare_frames(hash_video(copy).frames, original.frames, 31)
        assert query >= 0.8 and compared >= 0.8 and nearest <= 31
    other = hash_video(video(2)).frames
    assert compare_frames(other, original.frames, 31)[:2] == (0.0, 0.0)


def test_hash_file_tells_images_from_videos() -> None:
    limits = MediaLimits()
    clip = hash_file(video(3), limits)
    assert clip.kind == "video" and clip.quality is None and len(clip.sha256) == 64
    assert clip.value == ",".join(hash_video(video(3)).frames)
    still = hash_file(encode(picture(3)), limits, variants=True)
    assert still.kind == "pdq" and len(still.variants) == 8 and still.variants[0] == still.value


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 500, "supported format"),
        (b"#EXTM3U\n#EXTINF:1,\n/etc/passwd\n", "supported format"),
        (b"not a video at all" * 20, "supported format"),
    ],
)
def test_bad_videos_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        hash_file(data, MediaLimits())


def test_truncated_and_oversized_videos_are_refused() -> None:
    data = video(4)
    with pytest.raises(ValueError, match=r"supported format|corrupt|no frames"):
        hash_video(data[: len(data) // 8])
    with pytest.raises(ValueError, match="larger than"):
        hash_video(data, MediaLimits(max_bytes=1000))


def test_a_submitted_video_value_is_checked_and_normalised() -> None:
    a, b = "A" * 64, "0f" * 32
    assert check_video_value(f"{a}, {b}\n{a}") == f"{'a' * 64},{b}"
    for bad, message in [
        ("", "one or more"),
        (f"{a},xyz", "frame 2"),
        (",".join([b] * (MAX_FRAMES + 1)), "at most"),
    ]:
        with pytest.raises(ValueError, match=message):
            check_video_value(bad)
