"""The media pages of the console: share, match, labels, feedback, the organisation view."""

from __future__ import annotations

import re

from tests.media.images import encode, picture
from tests.signals.support import image, listed_organisation
from tests.world import World


def test_share_match_label_feedback(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    org = listed_organisation(world.store, world, "AAA")
    console = signed_in("AAA", "analyst")
    answer = console.post(
        "/media/submit",
        data={"labels": "recruitment, lang:ar", "subject_id": str(org), "platform": "X"},
        files={"file": ("a.png", image(1), "image/png")},
    )
    assert answer.status_code == 200, answer.text
    assert "3 new signal(s)" in answer.text
    sid = int(re.search(r'href="/media/signals/(\d+)"', answer.text).group(1))  # type: ignore[union-attr]

    bad = console.post("/media/submit", data={"kind": "pdq", "value": "123"})
    assert bad.status_code == 422
    assert "64 hexadecimal digits" in bad.text
    bad = console.post("/media/submit", files={"file": ("x.txt", b"text", "text/plain")})
    assert bad.status_code == 422 and "supported format" in bad.text

    platform = signed_in("BBB", "platform")
    copy = encode(picture(1), "JPEG", quality=50)
    answer = platform.post("/media/match", files={"match_file": ("c.jpg", copy, "image/jpeg")})
    assert answer.status_code == 200, answer.text
    assert "1 match for c.jpg" in answer.text
    assert "recruitment" in answer.text and "details withheld" in answer.text
    assert "<img" not in answer.text
    answer = platform.post(
        f"/media/signals/{sid}/feedback", data={"verdict": "false-positive"}, follow_redirects=True
    )
    assert answer.status_code == 200 and "false-positive 1" in answer.text

    console = signed_in("AAA", "analyst")
    answer = console.post(f"/media/signals/{sid}/labels", data={"labels": "cats"})
    assert answer.status_code == 422 and "not a label" in answer.text
    answer = console.post(
        f"/media/signals/{sid}/labels", data={"labels": "glorification"}, follow_redirects=True
    )
    assert "glorification" in answer.text and "BBB" in answer.text
    view = console.get(f"/media/organisations/{org}")
    assert view.status_code == 200 and f"#{sid}" in view.text


def test_share_and_match_a_video_and_a_mirrored_image(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    import shutil

    import pytest
    from PIL import ImageOps

    from tests.media.videos import reencode, video

    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is installed by make install-dev and CI")
    console = signed_in("AAA", "analyst")
    answer = console.post("/media/submit", files={"file": ("clip.mp4", video(1), "video/mp4")})
    assert answer.status_code == 200, answer.text
    assert "3 new signal(s)" in answer.text and "video" in answer.text
    console.post("/media/submit", files={"file": ("a.png", image(4), "image/png")})
    platform = signed_in("BBB", "platform")
    copy = reencode(video(1), 160)
    answer = platform.post(
        "/media/match", files={"match_file": ("c.mkv", copy, "video/x-matroska")}
    )
    assert "1 match for c.mkv" in answer.text and "% of the query" in answer.text
    mirrored = encode(ImageOps.mirror(picture(4)), "JPEG", quality=70)
    answer = platform.post("/media/match", files={"match_file": ("m.jpg", mirrored, "image/jpeg")})
    assert "1 match for m.jpg" in answer.text and "(mirrored)" in answer.text
    broken = console.post("/media/submit", files={"file": ("b.mp4", video(2)[:2000], "video/mp4")})
    assert broken.status_code == 422 and "supported format" in broken.text
