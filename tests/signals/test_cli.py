"""`ictd media add|match|import|export` against both databases."""

from __future__ import annotations

from pathlib import Path

from ictd.store import Store
from tests.cli.test_cli import ictd, ok, refused
from tests.media.images import encode, picture
from tests.signals.support import image
from tests.world import World

MD5 = "900150983cd24fb0d6963f7d28e17f72"


def test_add_match_export_import(store: Store, world: World, tmp_path: Path) -> None:
    original = tmp_path / "poster.png"
    original.write_bytes(image(1))
    copy = tmp_path / "copy.jpg"
    copy.write_bytes(encode(picture(1), "JPEG", quality=50))
    out = ok(
        ictd(
            store.url,
            "media",
            "add",
            str(original),
            "--url",
            "https://Example.com/v?utm_source=x",
            "--hash",
            f"md5:{MD5}",
            "--label",
            "recruitment",
            "--as",
            "analyst@aaa.example",
        )
    )
    assert out.count("(new)") == 5
    assert "https://example.com/v " in out
    out = ok(ictd(store.url, "media", "match", str(copy), "--as", "platform@bbb.example"))
    assert f"{copy}: 1 matches" in out
    assert "pdq" in out and "labels recruitment" in out and "owner AAA" in out

    exported = tmp_path / "signals.csv"
    ok(ictd(store.url, "media", "export", str(exported), "--as", "platform@bbb.example"))
    assert exported.read_text().startswith("signal_type,signal_value,labels\n")
    out = ok(ictd(store.url, "media", "import", str(exported), "--as", "platform@bbb.example"))
    assert out == "5 rows: 5 new, 0 already held\n"


def test_bad_input_is_one_clean_error(store: Store, world: World, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not an image")
    user = ("--as", "analyst@aaa.example")
    refused(ictd(store.url, "media", "add", str(text), *user), "supported format")
    refused(ictd(store.url, "media", "add", "--url", "ftp://x.org/a", *user), "http")
    refused(ictd(store.url, "media", "add", "--hash", "pdq:00", *user), "64 hexadecimal")
    refused(ictd(store.url, "media", "match", str(tmp_path / "missing.png"), *user), "cannot read")
    bad = tmp_path / "bad.csv"
    bad.write_text("signal_type,signal_value,labels\nmd5,nothex,\n")
    refused(ictd(store.url, "media", "import", str(bad), *user), "lines.2")
    with store.read() as session:
        assert session.media_signals.stamp()[0] == 0
