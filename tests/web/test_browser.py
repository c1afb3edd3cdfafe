"""The console in a real headless Chromium (Debian's package, driven by Playwright).

Skips with the reason when Chromium or Playwright is missing, unless
``ICTD_TEST_BROWSER=require`` (CI): then it fails. ``scripts/install-browser.sh`` installs
Chromium and the fonts.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.live import CHROMIUM, CHROMIUM_FLAGS, LiveServer, demo_password, live_server, sign_in

REQUIRED = os.environ.get("ICTD_TEST_BROWSER", "") == "require"
SHEKAU_ARABIC = "أبو بكر محمد الشكوى"  # UN SC list, QDi.322, in the demo database


def _unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason} (ICTD_TEST_BROWSER=require)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM}: run scripts/install-browser.sh")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -e '.[dev]')")
    with live_server(tmp_path_factory.mktemp("browser")) as live:
        yield live


@pytest.fixture(scope="module")
def browser(server: LiveServer) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    contexts = []

    def make() -> Any:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _as(new_page: Any, server: LiveServer, email: str) -> Any:
    page = new_page()
    sign_in(page, server.url, email, demo_password(email))
    return page


def test_screen_arabic_name_and_open_the_subject_graph(new_page: Any, server: LiveServer) -> None:
    ((expected,),) = server.query(
        "SELECT subject_id FROM statements WHERE prop = 'originalScriptName' AND value = ?",
        SHEKAU_ARABIC,
    )
    page = _as(new_page, server, "screener@ctu-north.demo")
    page.click("nav >> text=Screen")
    page.fill("textarea[name=names]", SHEKAU_ARABIC)
    page.click("form[action='/screen'] button[type=submit]")
    first = page.wait_for_selector("ol.matches > li.match")
    assert first.get_attribute("data-subject") == str(expected)
    arabic = page.locator("ol.matches > li.match").first.locator("bdi", has_text=SHEKAU_ARABIC)
    assert arabic.first.evaluate("e => getComputedStyle(e).direction") == "rtl"
    page.locator("ol.matches > li.match").first.locator("a.caption").click()
    page.wait_for_selector("#graph[data-ready=true]")
    assert int(page.get_attribute("#graph", "data-nodes") or "0") >= 1
    assert page.locator("canvas").count() > 0  # Cytoscape drew the graph
    assert "ABUBAKAR MOHAMMED SHEKAU" in page.inner_text("#subject-caption")


def test_live_alert_from_another_agency_is_acknowledged(new_page: Any, server: LiveServer) -> None:
    from playwright.sync_api import expect

    ((name,),) = server.query(
        "SELECT st.value FROM listings l JOIN statements st ON st.subject_id = l.subject_id "
        "WHERE l.agency = 'CTU-NORTH' AND l.status = 'active' AND l.sharing = 'all' "
        "AND l.valid_until IS NULL AND st.prop = 'name' ORDER BY l.id LIMIT 1"
    )
    officer = _as(new_page, server, "duty-officer@ctu-north.demo")
    officer.goto(f"{server.url}/alerts")
    officer.wait_for_selector("#alert-list[data-live=true]")
    before = officer.locator("tr.alert-row").count()
    reporter = _as(new_page, server, "screener@ctu-south.demo")
    reporter.goto(f"{server.url}/movements")
    reporter.fill("textarea[name=names]", name)
    reporter.fill("input[name=point_of_entry]", "FRA Terminal 1")
    reporter.click("form[action='/movements'] button.primary[type=submit]")
    reporter.wait_for_selector("#movement-reply[data-result=hit]")
    # no reload: the inbox refreshes itself on the Server-Sent Event
    expect(officer.locator("tr.alert-row")).to_have_count(before + 1, timeout=15_000)
    officer.locator("tr.alert-row[data-status=new] a").first.click()
    officer.check("input[name=step][value=acknowledge]")
    officer.fill("textarea[name=note]", "Border team informed")
    officer.click("#step-form button[type=submit]")
    officer.wait_for_selector("text=alert.acknowledged")


def test_a_user_without_the_role_is_refused(new_page: Any, server: LiveServer) -> None:
    page = _as(new_page, server, "auditor@ctu-north.demo")
    assert page.locator("nav >> text=Screen").count() == 0
    response = page.goto(f"{server.url}/screen")
    assert response is not None and response.status == 403
    assert page.inner_text("h1") == "Refused"


CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
});
"""


def test_a_subject_page_draws_its_graph_within_the_content_security_policy(
    new_page: Any, server: LiveServer
) -> None:
    ((subject,),) = server.query(
        "SELECT r.source_id FROM relations r JOIN subjects a ON a.id = r.source_id "
        "JOIN subjects b ON b.id = r.target_id "
        "WHERE a.agency = 'CTU-NORTH' AND b.agency = 'CTU-NORTH' ORDER BY r.id LIMIT 1"
    )
    page = _as(new_page, server, "analyst@ctu-north.demo")
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.add_init_script(CSP_WATCH)
    response = page.goto(f"{server.url}/subjects/{subject}")
    assert (
        response is not None and "unsafe-inline" not in response.headers["content-security-policy"]
    )
    page.wait_for_selector("#graph[data-ready=true]")
    assert int(page.get_attribute("#graph", "data-nodes") or "0") >= 2
    assert page.evaluate("window.__cspViolations") == []
    assert [line for line in console if "Content Security Policy" in line] == []
    assert [line for line in console if "Cytoscape" in line] == []  # e.g. position:static
    assert page.eval_on_selector("#graph", "e => getComputedStyle(e).position") == "relative"


def test_the_review_queue_gives_its_decisions_room(
    new_page: Any, server: LiveServer, tmp_path: Path
) -> None:
    """Each decision's radio sits beside its word, the three side by side with space between
    them. ``ICTD_TEST_SCREENSHOTS=DIR`` keeps a picture of the form there."""
    # a pair of one agency's subject and a UN subject: that agency's analysts review it
    ((agency,),) = server.query(
        "SELECT COALESCE(a.agency, b.agency) FROM xref_proposals p "
        "JOIN subjects a ON a.id = p.subject_a JOIN subjects b ON b.id = p.subject_b "
        "WHERE (a.agency IS NULL OR b.agency IS NULL) AND COALESCE(a.agency, b.agency) "
        "IS NOT NULL ORDER BY p.score DESC LIMIT 1"
    )
    page = _as(new_page, server, f"analyst@{agency.lower()}.demo")
    page.goto(f"{server.url}/review")
    form = page.locator("section.proposal form").first
    form.scroll_into_view_if_needed()
    folder = Path(os.environ.get("ICTD_TEST_SCREENSHOTS") or tmp_path)
    form.screenshot(path=str(folder / "review-decision.png"))
    boxes = form.locator("fieldset label").evaluate_all(
        """labels => labels.map(label => {
             const box = label.getBoundingClientRect();
             const radio = label.querySelector("input[type=radio]").getBoundingClientRect();
             return {left: box.left, right: box.right, top: box.top,
                     middle: box.top + box.height / 2, radioRight: radio.right,
                     radioMiddle: radio.top + radio.height / 2};
           })"""
    )
    assert len(boxes) == 3  # same, not-same, unsure
    for box in boxes:
        assert abs(box["radioMiddle"] - box["middle"]) < 3  # beside its word, not above it
        assert box["right"] - box["radioRight"] > 20  # the word follows the radio
    for before, after in itertools.pairwise(boxes):
        assert after["top"] == before["top"]  # one row
        assert after["left"] - before["right"] >= 16  # with room between the choices


def test_the_map_draws_the_areas_over_the_offline_base_map(
    new_page: Any, server: LiveServer, tmp_path: Path
) -> None:
    """The demo's four illustrative areas over Natural Earth's countries, within the CSP and
    with no request leaving the server; the slider shows the areas of another day, and a
    pasted shipment is drawn as a route. ``ICTD_TEST_SCREENSHOTS=DIR`` keeps a picture."""
    page = _as(new_page, server, "screener@ctu-north.demo")
    console: list[str] = []
    outside: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on(
        "request",
        lambda request: None if request.url.startswith(server.url) else outside.append(request.url),
    )
    page.add_init_script(CSP_WATCH)
    page.goto(f"{server.url}/map")
    page.wait_for_selector("#map[data-areas-drawn][data-base-drawn]")
    assert page.get_attribute("#map", "data-areas-drawn") == "4"
    assert page.locator("#map path.area-shape").count() == 4
    assert page.locator("#map path.base-country").count() > 150
    assert "4 areas" in page.inner_text("#map-status")
    # a day when only the later Euphrates version was in force
    page.eval_on_selector(
        "#map-day",
        """(slider, day) => {
             const first = Date.parse(slider.dataset.first);
             slider.value = String(Math.round((Date.parse(day) - first) / 86400000));
             slider.dispatchEvent(new Event("input"));
           }""",
        "2018-01-01",
    )
    page.wait_for_selector("#map[data-areas-on='2018-01-01']")
    assert page.locator("#map path.area-shape").count() == 1
    assert page.inner_text("#map-day-label") == "2018-01-01"
    page.locator("#map path.area-shape").first.click()
    assert "Middle Euphrates" in page.inner_text(".leaflet-popup-content")
    shipment = (
        '{"id": "S1", "date": "2015-03-01", "origin": "Raqqa, SY", "destination": "TRMER", '
        '"goods": [{"hs": "2709.00", "description": "crude oil"}]}'
    )
    page.check("input[name=kind][value=shipments]")
    page.fill("textarea[name=message]", shipment)
    page.click("form[action='/map'] button[type=submit]")
    # the areas as they were on the shipment's day: Palmyra's first period began in May 2015
    page.wait_for_selector("#map[data-routes-drawn='1'][data-areas-on='2015-03-01']")
    assert page.locator("#map path.route-line").count() == 1
    assert page.locator("#map path.area-shape").count() == 3
    assert page.inner_text("#map-day-label") == "2015-03-01"
    assert "1 shipments: 1 hit" in page.inner_text("#map-results")
    folder = Path(os.environ.get("ICTD_TEST_SCREENSHOTS") or tmp_path)
    page.screenshot(path=str(folder / "map.png"), full_page=True)
    assert page.evaluate("window.__cspViolations") == []
    assert [line for line in console if line.startswith("error")] == []
    assert outside == []
