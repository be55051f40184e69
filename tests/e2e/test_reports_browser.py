"""Reports in a real browser: the demo's scheduled Gwent report, generated in the
background, read in Welsh with interactive charts and a Leaflet map; and an
analyst asking for a thematic report."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DemoServer
from tests.e2e.test_home_browser import serious_violations
from tests.e2e.test_imports_browser import sign_in

pytestmark = pytest.mark.browser
#: Where the browser tests leave screenshots for people to look at.
SCREENSHOTS = Path(tempfile.gettempdir()) / "diogel-screenshots"
SCREENSHOTS.mkdir(exist_ok=True)


def wait_until_ready(page: Page, ready_text: str, timeout: float = 180) -> None:
    """The detail page refreshes itself while the report is generated."""
    deadline = time.monotonic() + timeout
    while page.get_by_text(ready_text, exact=True).count() == 0:
        if time.monotonic() > deadline:
            pytest.fail(f"report not ready in {timeout} s: {page.content()[:3000]}")
        page.wait_for_timeout(1000)


def test_read_the_scheduled_report_in_welsh(page: Page, demo_server: DemoServer) -> None:
    sign_in(page, demo_server, "demo-analyst")
    page.get_by_role("link", name="Adroddiadau").first.click()
    expect(page.get_by_text("Wedi'i drefnu").first).to_be_visible()
    page.get_by_role("link", name="Adroddiad Monitro Trais").first.click()
    wait_until_ready(page, "Yn barod")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Adroddiad Monitro Trais: Gwent, Rhagfyr 2021"
    )
    assert serious_violations(page) == []
    page.get_by_role("link", name="Darllen yr adroddiad (tudalen we)").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    # Charts become Vega views; the hotspot map becomes a Leaflet map with shapes.
    expect(page.locator(".report-chart .vega-embed").first).to_be_attached(timeout=30_000)
    expect(page.locator(".report-leaflet.leaflet-container")).to_have_count(1)
    assert page.locator(".report-leaflet path.leaflet-interactive").count() > 300
    assert page.locator("table[data-table]").count() >= 7  # data tables, in <details>
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "report-cy.png"), full_page=True)


def test_an_analyst_asks_for_a_thematic_report(page: Page, demo_server: DemoServer) -> None:
    sign_in(page, demo_server, "demo-analyst")
    page.goto(demo_server.base_url + "/en/reports/new/")
    assert serious_violations(page) == []
    page.get_by_label("Report").select_option("thematic")
    page.get_by_label("Area").fill("Newport")
    page.get_by_label("Month").fill("2021-12")
    page.get_by_label("Theme").select_option("weapons")
    page.get_by_role("button", name="Generate").click()
    expect(page.get_by_text("Generating the report")).to_be_visible()
    wait_until_ready(page, "Ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename.endswith("-en.pdf")


def test_the_secretariat_of_gwent_publishes_gwents_report_for_partners(
    page: Page, demo_server: DemoServer
) -> None:
    """The demo secretariat keeps Gwent's oversight group: a board of Gwent's reports."""
    sign_in(page, demo_server, "demo-secretariat")
    page.goto(demo_server.base_url + "/en/reports/")
    page.get_by_role("link", name="Violence Monitoring Report").first.click()
    wait_until_ready(page, "Ready")
    expect(page.get_by_test_id("report-state")).to_contain_text("Draft")
    assert serious_violations(page) == []
    page.get_by_label("Partners").check()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_test_id("report-level")).to_have_text("Partners")
    expect(page.get_by_test_id("report-state")).to_contain_text("Published")
    assert serious_violations(page) == []
    # For partners, not the public: the public page does not list it.
    page.goto(demo_server.base_url + "/cy/reports/published/")
    expect(page.get_by_text("Adroddiad Monitro Trais: Gwent")).to_have_count(0)
    assert serious_violations(page) == []
