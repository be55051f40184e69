"""The funding page in a real browser: axe in both languages, and its downloads."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DemoServer
from tests.e2e.test_home_browser import serious_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_funding_page_is_accessible(page: Page, demo_server: DemoServer, lang: str) -> None:
    page.goto(f"{demo_server.base_url}/{lang}/")
    page.locator("#navigation").get_by_role(
        "link", name="Cyllid" if lang == "cy" else "Funding"
    ).click()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_test_id("totals")).to_contain_text("624,545.00")
    assert serious_violations(page) == []


def test_the_funding_workbook_downloads(page: Page, demo_server: DemoServer) -> None:
    page.goto(demo_server.base_url + "/en/funding/")
    with page.expect_download() as download:
        page.get_by_role("link", name="every view (XLSX)").click()
    assert download.value.suggested_filename == "funding.xlsx"
