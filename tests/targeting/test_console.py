"""The console's rules page on both databases: preview a draft, save it, activate it."""

from __future__ import annotations

from tests.web.conftest import Console
from tests.world import World


def test_rules_page(signed_in, world: World) -> None:  # type: ignore[no-untyped-def]
    console: Console = signed_in("AAA", "analyst")
    assert "No rules." in console.get("/rules").text
    bad = console.post("/rules", {"name": "x", "source": "age >", "action": "preview"})
    assert bad.status_code == 422 and "field-error" in bad.text
    draft = {"name": "young", "source": "age < 30", "action": "preview"}
    shown = console.post("/rules", draft)
    assert shown.status_code == 200 and "Preview: 0 of 0 movements" in shown.text
    saved = console.post("/rules", {**draft, "action": "save"}, follow_redirects=False)
    assert saved.status_code == 303
    assert "Activate v1" in console.get("/rules").text
    console.post("/rules/1", {"action": "activate"})
    assert "active v1" in console.get("/rules").text
