"""The demo users' file and box: written for the owner only, read back, printed to fit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ictd.cli.demo_users import Credential, DemoUsers, read_users, render_box, write_users
from ictd.exc import InvalidInput

DEMO = DemoUsers(
    "/srv/ictd.db",
    (
        Credential("analyst@ops.demo", "demo-analyst-ops", "ictd_0123456789ab_" + "a" * 43),
        Credential("screener@ctu-north.demo", "demo-screener-ctu-north", "ictd_ba9876543210_b"),
    ),
)


def test_written_users_read_back_from_a_file_only_the_owner_reads(tmp_path: Path) -> None:
    path = tmp_path / "demo-credentials.txt"
    path.write_text("old\n", encoding="utf-8")
    os.chmod(path, 0o644)
    write_users(path, DEMO)
    assert path.stat().st_mode & 0o777 == 0o600
    assert read_users(path) == DEMO
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ICTD demo users")
    assert "# database: /srv/ictd.db\n" in text


def test_no_file_is_no_users_and_a_damaged_one_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "demo-credentials.txt"
    assert read_users(path) is None
    path.write_text("# database: x\nemail\tpassword\tapi_key\nonly-an-email@ops.demo\n")
    with pytest.raises(InvalidInput, match="line 3"):
        read_users(path)


def test_the_box_holds_every_user_by_agency_with_where_to_sign_in() -> None:
    box = render_box(DEMO, Path("demo-credentials.txt"), "http://127.0.0.1:8000/")
    lines = box.splitlines()
    assert lines[0] == lines[-1] and set(lines[0]) == {"+", "-"}
    assert len({len(line) for line in lines}) == 1
    assert "http://127.0.0.1:8000/" in lines[1]
    body = [line.strip("| ").split() for line in lines]
    assert ["--", "OPS", "--"] in body and ["--", "CTU-NORTH", "--"] in body
    assert ["analyst@ops.demo", "demo-analyst-ops", DEMO.users[0].token] in body
    assert "ictd demo --show-users" in box


def test_the_box_puts_keys_on_their_own_lines_in_a_narrow_terminal() -> None:
    box = render_box(DEMO, Path("demo-credentials.txt"), "http://127.0.0.1:8000/", columns=80)
    assert max(len(line) for line in box.splitlines()) <= 80
    body = [line.strip("| ").split() for line in box.splitlines()]
    assert ["analyst@ops.demo", "demo-analyst-ops"] in body
    assert ["key", DEMO.users[0].token] in body
