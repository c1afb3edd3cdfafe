"""`ictd agency country`, `ictd documents import|list|withdraw|delegate|delegations` on both
databases: the import is all or nothing and its errors name the line and the field."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import ictd, ok, refused
from tests.world import World

GOOD = """type,number,issuing_state,status,reported_on,reason
P,C01X00T47,DEU,stolen,2026-11-01,car break-in
I,L01X00T48,DE,lost,2026-10-02,
"""


def test_documents_cli(world: World, tmp_path: Path) -> None:
    url = world.store.url
    assert "country DE" in ok(ictd(url, "agency", "country", "AAA", "de"))
    refused(ictd(url, "agency", "country", "AAA", "Germany"), "country")
    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD + "P,X1,FRA,stolen,2026-13-01,\n")
    failed = refused(ictd(url, "documents", "import", str(bad), "--as", "analyst@aaa.example"))
    assert "line 4.reported_on" in failed
    bad.write_text(GOOD + "P,X1,FRA,stolen,2026-11-01,\n")
    failed = refused(ictd(url, "documents", "import", str(bad), "--as", "analyst@aaa.example"))
    assert "line 4.document.issuing_state" in failed
    assert ok(ictd(url, "documents", "list")) == ""  # nothing stored
    done = ok(ictd(url, "documents", "import", str(good), "--as", "analyst@aaa.example"))
    assert "2 document reports recorded" in done
    rows = ok(ictd(url, "documents", "list", "--as", "screener@aaa.example")).splitlines()
    assert [r.split("\t")[3] for r in rows] == ["C01X00T47", "L01X00T48"]
    first = rows[0].split("\t")[0]
    refused(ictd(url, "documents", "withdraw", first, "--as", "analyst@bbb.example"))
    ok(ictd(url, "documents", "withdraw", first, "--as", "analyst@aaa.example"))
    assert len(ok(ictd(url, "documents", "list")).splitlines()) == 1
    assert len(ok(ictd(url, "documents", "list", "--withdrawn")).splitlines()) == 2
    refused(ictd(url, "documents", "delegate", "BBB", "UNO", "--as", "agency-admin@bbb.example"))
    assert "BBB records documents of UNO" in ok(ictd(url, "documents", "delegate", "BBB", "UNO"))
    assert ok(ictd(url, "documents", "delegations")).startswith("BBB\tUNO")
    ok(ictd(url, "documents", "delegate", "BBB", "UNO", "--revoke"))
    assert ok(ictd(url, "documents", "delegations")) == ""
