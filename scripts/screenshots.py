"""Screenshots of the web console's main pages for docs/img/ (run from the repository root).

    .venv/bin/python scripts/screenshots.py

Prepares a demo database (``ictd demo --size 300``), serves it, and drives Debian's Chromium
with Playwright: sign-in, screening results for a query in Arabic script, a subject with its
relation graph, the alerts inbox after another agency reports a movement.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.web.live import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_FLAGS,
    LiveServer,
    demo_password,
    live_server,
    sign_in,
)

OUT = ROOT / "docs" / "img"
QUERY = "أبو بكر محمد الشكوى"
VIEWPORT = {"width": 1280, "height": 860}


def _signed_in(browser: object, server: LiveServer, email: str) -> Page:
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")  # type: ignore[attr-defined]
    page: Page = context.new_page()
    sign_in(page, server.url, email, demo_password(email))
    return page


def shoot(server: LiveServer, browser: object) -> list[Path]:
    shots = []
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")  # type: ignore[attr-defined]
    login = context.new_page()
    login.goto(f"{server.url}/login")
    login.fill("input[name=email]", "screener@ctu-north.demo")
    shots.append(_save(login, "console-sign-in.png"))
    page = _signed_in(browser, server, "screener@ctu-north.demo")
    page.goto(f"{server.url}/screen")
    page.fill("textarea[name=names]", QUERY)
    page.click("form[action='/screen'] button[type=submit]")
    page.wait_for_selector("ol.matches > li.match")
    page.locator("ol.matches > li.match details").first.evaluate("e => e.open = true")
    page.locator("#results").scroll_into_view_if_needed()
    shots.append(_save(page, "console-screen-arabic.png"))
    analyst = _signed_in(browser, server, "analyst@ctu-north.demo")
    subject = _richest_graph(analyst, server)
    analyst.goto(f"{server.url}/subjects/{subject}")
    analyst.wait_for_selector("#graph[data-ready=true]")
    analyst.locator("#graph").scroll_into_view_if_needed()
    analyst.wait_for_timeout(500)
    shots.append(_save(analyst, "console-subject-graph.png", full_page=True))
    officer = _signed_in(browser, server, "duty-officer@ctu-north.demo")
    officer.goto(f"{server.url}/alerts")
    officer.wait_for_selector("#alert-list[data-live=true]")
    reporter = _signed_in(browser, server, "screener@ctu-south.demo")
    ((name,),) = server.query(
        "SELECT st.value FROM listings l JOIN statements st ON st.subject_id = l.subject_id "
        "WHERE l.agency = 'CTU-NORTH' AND l.status = 'active' AND l.sharing = 'all' "
        "AND st.prop = 'originalScriptName' ORDER BY l.id LIMIT 1"
    )
    reporter.goto(f"{server.url}/movements")
    reporter.fill("textarea[name=names]", name)
    reporter.fill("input[name=point_of_entry]", "FRA Terminal 1")
    reporter.fill("input[name=country]", "DE")
    reporter.click("form[action='/movements'] button[type=submit]")
    reporter.wait_for_selector("#movement-reply")
    shots.append(_save(reporter, "console-movement-hit.png"))
    officer.wait_for_selector("tr.alert-row")
    shots.append(_save(officer, "console-alerts.png"))
    return shots


def _richest_graph(page: Page, server: LiveServer) -> int:
    """A subject whose relation graph, as the signed-in analyst may see it, has most nodes."""
    candidates = server.query(
        "SELECT r.source_id FROM relations r JOIN subjects s ON s.id = r.source_id "
        "WHERE s.agency = 'CTU-NORTH' GROUP BY r.source_id ORDER BY COUNT(*) DESC LIMIT 20"
    )
    best, most = candidates[0][0], 0
    for (subject,) in candidates:
        answer = page.request.get(f"{server.url}/subjects/{subject}/graph.json")
        nodes = [e for e in answer.json()["elements"] if "source" not in e["data"]]
        if len(nodes) > most:
            best, most = subject, len(nodes)
    return int(best)


def _save(page: Page, name: str, full_page: bool = False) -> Path:
    path = OUT / name
    page.screenshot(path=str(path), full_page=full_page)
    return path


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as workdir,
        live_server(Path(workdir)) as server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for path in shoot(server, browser):
            print(path.relative_to(ROOT))
        browser.close()


if __name__ == "__main__":
    main()
