"""The performance framework in a real browser on the demo: axe finds nothing serious on
any page in either language; a keeper enters a value and sees it on the scorecard; the
scorecard's PDF downloads."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DemoServer
from tests.e2e.test_home_browser import serious_violations
from tests.e2e.test_imports_browser import sign_in

pytestmark = pytest.mark.browser

PAGES = (
    "performance/",
    "performance/measures/violence-rate-local-authority/?area=W06000022",
    "performance/measures/ed-assaults-health-board/",
    "performance/scorecard/W06000022/",
    "performance/boards/gwent-csp-oversight-group/",
)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_pages_are_accessible(page: Page, demo_server: DemoServer, lang: str) -> None:
    for path in PAGES:
        page.goto(f"{demo_server.base_url}/{lang}/{path}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert serious_violations(page) == [], path
    # The chart is drawn from its specification.
    page.goto(f"{demo_server.base_url}/{lang}/{PAGES[1]}")
    expect(page.get_by_test_id("chart")).to_have_attribute("data-ready", "24")


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_entry_form_is_accessible(page: Page, demo_server: DemoServer, lang: str) -> None:
    sign_in(page, demo_server, "demo-analyst")
    page.goto(f"{demo_server.base_url}/{lang}/performance/measures/pcc-funding-safer-gwent/enter/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert serious_violations(page) == []
    page.locator('[data-testid="value-form"] button').click()  # nothing filled in
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert serious_violations(page) == []


def test_a_keeper_enters_a_value_and_sees_it_on_the_scorecard(
    page: Page, demo_server: DemoServer
) -> None:
    sign_in(page, demo_server, "demo-analyst")  # keeps the PCC's funding of Safer Gwent
    page.goto(demo_server.base_url + "/en/performance/")
    page.get_by_test_id("kept").get_by_role("link").first.click()
    page.get_by_label("Area").select_option("W15000003")
    page.get_by_label("Period").fill("2021")
    page.get_by_label("Value").fill("700000")
    page.get_by_label("Note (optional)").fill("Grant letter, April 2021")
    page.get_by_role("button", name="Save the value").click()
    expect(page).to_have_url(demo_server.base_url + "/en/performance/scorecard/W15000003/")
    row = page.locator('[data-measure="pcc-funding-safer-gwent"]')
    expect(row.get_by_test_id("value")).to_have_text("700,000")
    expect(row.locator("td").first).to_have_text("2021")
    assert serious_violations(page) == []
    page.goto(demo_server.base_url + "/cy/performance/scorecard/W15000003/")
    expect(
        page.locator('[data-measure="pcc-funding-safer-gwent"]').get_by_test_id("value")
    ).to_have_text("700,000")
    with page.expect_download() as download:
        page.get_by_test_id("pdf").click()
    assert download.value.suggested_filename == "diogel-scorecard-W15000003-cy.pdf"
    path = download.value.path()
    assert path.read_bytes()[:5] == b"%PDF-"


def test_someone_else_cannot_enter_the_keepers_measure(page: Page, demo_server: DemoServer) -> None:
    sign_in(page, demo_server, "demo-controller")
    response = page.goto(
        demo_server.base_url + "/en/performance/measures/pcc-funding-safer-gwent/enter/"
    )
    assert response is not None
    assert response.status == 403
