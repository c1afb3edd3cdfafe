"""`ictd ais screen FILE` on both databases: events near the areas, a bad line named."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from pyais.encode import encode_dict

from ictd.embargo import AreaInput, create_area
from ictd.store import Store
from tests.cli.test_cli import ictd, ok, refused
from tests.embargo.conftest import square
from tests.world import World


def test_ais_screen(store: Store, world: World, tmp_path: Path, now: datetime) -> None:
    analyst = world.actor("AAA", "analyst")
    area = create_area(store, analyst, AreaInput("Coast", square(35.5, 35.5), sharing="own"), now)
    lines = []
    for i in range(7):  # 3 hours, every 30 minutes, at 0.2 knots inside the area
        data = {"type": 1, "mmsi": 273000001, "lat": 35.5, "lon": 35.5, "speed": 0.2}
        (sentence,) = encode_dict(data, talker_id="AI")
        lines.append(f"\\c:{1456812000 + i * 1800}*00\\{sentence}")
    path = tmp_path / "track.nmea"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = ictd(store.url, "ais", "screen", str(path), "--as", "analyst@aaa.example")
    (event,) = [json.loads(line) for line in ok(run).splitlines()]
    assert (event["kind"], event["mmsi"], event["hours"]) == ("loitering", 273000001, 3.0)
    assert event["area"]["id"] == area.id
    assert "7 positions of 1 vessels" in run.stderr and "1 new alerts" in run.stderr
    with store.begin() as session:
        (alert,) = session.alerts.page("AAA", None, None, 0, 10)
    assert (alert.kind, alert.detail["area"]["id"]) == ("ais", area.id)
    partner = ictd(store.url, "ais", "screen", str(path), "--as", "screener@bbb.example")
    (hidden,) = [json.loads(line) for line in ok(partner).splitlines()]
    assert "0 new alerts" in partner.stderr  # the same finding: alerted once
    assert hidden["area"] == {
        "details_withheld": True,
        "owner": {"agency": "AAA", "name": "Agency AAA"},
    }
    path.write_text(lines[0] + "\nnot nmea\n", encoding="utf-8")
    refused(ictd(store.url, "ais", "screen", str(path), "--as", "analyst@aaa.example"), "line 2")
