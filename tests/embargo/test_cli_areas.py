"""`ictd areas import/list/show`."""

from __future__ import annotations

import json
from pathlib import Path

from ictd.store import Store
from tests.cli.test_cli import ictd, ok, refused
from tests.embargo.conftest import BOWTIE, collection, feature, square
from tests.world import World


def test_import_list_and_show(store: Store, world: World, tmp_path: Path) -> None:
    path = tmp_path / "areas.geojson"
    good = feature("Area one", square(39, 36), valid_from="2014-06-29", sharing="all")
    path.write_text(json.dumps(collection(good, feature("bad", BOWTIE))), encoding="utf-8")
    out = refused(ictd(store.url, "areas", "import", str(path), "--as", "analyst@aaa.example"))
    assert "features.1.geometry" in out
    assert ok(ictd(store.url, "areas", "list", "--as", "analyst@bbb.example")) == ""
    path.write_text(json.dumps(collection(good)), encoding="utf-8")
    out = ok(ictd(store.url, "areas", "import", str(path), "--as", "analyst@aaa.example"))
    assert "1 areas imported" in out
    listed = ok(ictd(store.url, "areas", "list", "--as", "analyst@bbb.example"))
    area = json.loads(listed.splitlines()[0])
    assert area["name"] == "Area one"
    shown = json.loads(
        ok(ictd(store.url, "areas", "show", str(area["id"]), "--as", "screener@bbb.example"))
    )
    assert shown["versions"][0]["geometry"] == square(39, 36)
    path.write_text("{not json", encoding="utf-8")
    assert "not JSON" in refused(
        ictd(store.url, "areas", "import", str(path), "--as", "analyst@aaa.example")
    )
