"""`ictd rules add|edit|list|preview|activate` on both databases."""

from __future__ import annotations

import json

from tests.cli.test_cli import ictd, ok, refused
from tests.world import World

AS = ("--as", "analyst@aaa.example")


def test_rules_cli(world: World) -> None:
    url = world.store.url
    refused(ictd(url, "rules", "add", "bad", "--source", "age >", *AS), "source")
    assert "rule 1 version 1 added (draft)" in ok(
        ictd(url, "rules", "add", "young", "--source", "age < 30", *AS)
    )
    assert "version 2" in ok(ictd(url, "rules", "edit", "1", "--source", "age < 25", *AS))
    assert ok(ictd(url, "rules", "list", *AS)).split("\t")[:3] == ["1", "v2", "off"]
    preview = json.loads(ok(ictd(url, "rules", "preview", "1", *AS)))
    assert preview["movements"] == 0 and preview["hits"] == 0
    draft = json.loads(ok(ictd(url, "rules", "preview", "--source", 'gender == "male"', *AS)))
    assert draft["hits"] == 0
    assert "version 1 is active" in ok(ictd(url, "rules", "activate", "1", "--version", "1", *AS))
    assert "active v1" in ok(ictd(url, "rules", "list", *AS))
    refused(ictd(url, "rules", "activate", "1", "--as", "analyst@bbb.example"), "does not exist")
    assert "is off" in ok(ictd(url, "rules", "activate", "1", "--off", *AS))
