"""`ictd trade screen FILE`: CSV and JSON lines, streamed; bad lines named."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from ictd.embargo import AreaInput, RuleInput, create_area, create_rule
from ictd.store import Store
from tests.cli.test_cli import ictd, ok
from tests.embargo.conftest import square
from tests.world import World


def test_screen_csv_and_json_lines(
    store: Store, world: World, tmp_path: Path, now: datetime
) -> None:
    analyst = world.actor("AAA", "analyst")
    area = create_area(store, analyst, AreaInput("Area", square(39.0, 36.0), sharing="all"), now)
    create_rule(store, analyst, RuleInput("Oil", area.id, hs_ranges=["2709-2710"]), now)
    path = tmp_path / "shipments.csv"
    path.write_text(
        "id,date,shipper,origin,transshipment,destination,goods,vessel_name\n"
        "S1,2016-01-01,Acme Ltd,Raqqa,TRMER;GRPIR,NLRTM,2709:crude|8471:laptops,Blue Sky\n"
        "S2,2016-01-01,Acme Ltd,Syria,,NLRTM,8471:laptops,\n"
        "S3,2016-01-01,Acme Ltd,SYLTK,,NLRTM,8471:laptops,\n",
        encoding="utf-8",
    )
    run = ictd(store.url, "trade", "screen", str(path), "--as", "screener@bbb.example")
    out = ok(run)
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["status"] for r in results] == ["hit", "review", "clear"]
    assert "1 hit, 1 to review, 1 clear" in run.stderr
    jsonl = tmp_path / "shipments.jsonl"
    good = {"id": "J1", "date": "2016-01-01", "origin": "Raqqa", "goods": [{"hs": "2710"}]}
    bad = {"id": "J2", "date": "2016-01-01", "origin": "91,1"}
    jsonl.write_text(json.dumps(good) + "\n\n" + json.dumps(bad) + "\n", encoding="utf-8")
    failed = ictd(store.url, "trade", "screen", str(jsonl), "--as", "screener@bbb.example")
    assert failed.exit_code == 1
    assert "error: invalid shipment: line 3.origin: impossible coordinates" in failed.stderr
    assert "Traceback" not in failed.output
