"""The programme tracker in a real browser: axe on every page in both languages; an owner
records an update; the tracker downloads as a workbook."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DemoServer
from tests.e2e.test_home_browser import serious_violations
from tests.e2e.test_imports_browser import sign_in

pytestmark = pytest.mark.browser
OBJECTIVE = "evidence-hub-business-case"


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_tracker_pages_are_accessible(page: Page, demo_server: DemoServer, lang: str) -> None:
    for path in (
        "programme/",
        "programme/recommendations/",
        "programme/workstreams/evidence/",
        f"programme/objectives/{OBJECTIVE}/",
        "programme/closure/",
        "programme/closure/?on=2020-09-01",
    ):
        page.goto(f"{demo_server.base_url}/{lang}/{path}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert serious_violations(page) == [], path


def test_an_owner_records_an_update(page: Page, demo_server: DemoServer) -> None:
    sign_in(page, demo_server, "demo-analyst")
    page.goto(demo_server.base_url + "/en/programme/")
    page.get_by_test_id("workstreams").get_by_role("link").first.click()
    # The row links the objective and its governing board: follow the objective.
    page.locator(f'tr[data-code="{OBJECTIVE}"] a[href*="/objectives/"]').click()
    assert serious_violations(page) == []
    page.get_by_label("Date").fill("2021-13-01")
    page.get_by_label("What has happened").fill("Hub analyst posts advertised")
    page.get_by_role("button", name="Record the update").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Date").fill("2021-03-01")
    page.get_by_label("RAG status").select_option(label="Amber")
    page.get_by_role("button", name="Record the update").click()
    expect(page.get_by_test_id("updates")).to_contain_text("Hub analyst posts advertised")
    expect(page.get_by_test_id("rag")).to_contain_text("Amber")
    # A partner who keeps nothing sees no form.
    page.context.clear_cookies()
    sign_in(page, demo_server, "demo-partner")
    page.goto(f"{demo_server.base_url}/en/programme/objectives/{OBJECTIVE}/")
    expect(page.get_by_test_id("update-form")).to_have_count(0)


def test_the_tracker_downloads_as_a_workbook(page: Page, demo_server: DemoServer) -> None:
    page.goto(demo_server.base_url + "/en/programme/")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    with open(download.value.path(), "rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    assert book.sheetnames == ["Tracker", "Recommendations", "Closure"]
