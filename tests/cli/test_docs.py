"""The generated reference pages match the code: settings and every command's --help."""

from __future__ import annotations

from pathlib import Path

from ictd.cli import app
from ictd.cli.docs import generated_pages

ROOT = Path(__file__).resolve().parents[2]


def test_generated_reference_pages_are_up_to_date() -> None:
    for path, text in generated_pages(app).items():
        on_disk = (ROOT / path).read_text(encoding="utf-8")
        assert on_disk == text, f"{path} is out of date: run `ictd docs`"


def test_every_setting_and_command_is_documented() -> None:
    pages = {p.name: t for p, t in generated_pages(app).items()}
    for name in ("ICTD_DATABASE_URL", "ICTD_SECRET_KEY", "ICTD_WEB_IDLE_MINUTES"):
        assert name in pages["settings.md"]
    for command in ("ictd screen", "ictd import un-sc", "ictd audit verify", "ictd eval"):
        assert f"## `{command}`" in pages["cli.md"]
