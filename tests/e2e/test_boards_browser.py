"""The boards register in a real browser: find the Gwent oversight group from the list,
read its agenda and seats; axe finds nothing serious on any page, in either language."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DemoServer
from tests.e2e.test_home_browser import serious_violations
from tests.e2e.test_imports_browser import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_register_is_accessible(page: Page, demo_server: DemoServer, lang: str) -> None:
    for path in ("boards/", "boards/gwent-csp-oversight-group/", "boards/tracker/"):
        page.goto(f"{demo_server.base_url}/{lang}/{path}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert serious_violations(page) == [], path


def test_find_the_oversight_group_and_its_mandatory_business(
    page: Page, demo_server: DemoServer
) -> None:
    page.goto(demo_server.base_url + "/en/")
    page.get_by_role("link", name="Boards", exact=True).click()
    page.get_by_role("link", name="Gwent regional CSP oversight group", exact=False).first.click()
    expect(page.get_by_test_id("agenda").locator("li")).to_have_count(10)
    expect(page.locator('[data-mandatory="true"]')).to_have_count(9)


def test_a_secretariat_runs_a_meeting_of_the_oversight_group(
    page: Page, demo_server: DemoServer
) -> None:
    sign_in(page, demo_server, "demo-secretariat")
    page.goto(demo_server.base_url + "/en/boards/gwent-csp-oversight-group/meetings/")
    assert serious_violations(page) == []
    page.get_by_role("link", name="Schedule a meeting").click()
    assert serious_violations(page) == []
    page.get_by_label("Date").fill("2021-03-25")
    page.get_by_label("Other agenda items").fill("Knife crime summer plan")
    page.get_by_role("button", name="Schedule").click()
    agenda = page.get_by_test_id("meeting-agenda").locator(":scope > li")
    expect(agenda).to_have_count(11)
    expect(page.get_by_test_id("meeting-agenda").locator('[data-mandatory="true"]')).to_have_count(
        10
    )
    assert serious_violations(page) == []
    # Tick the first six seats as represented, record the meeting as held.
    boxes = page.locator('input[name="represented"]')
    for i in range(6):
        boxes.nth(i).check()
    page.get_by_test_id("record").click()
    expect(page.get_by_test_id("unrepresented")).to_be_visible()
    assert serious_violations(page) == []
    page.goto(page.url.replace("/en/", "/cy/"))
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    assert serious_violations(page) == []


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_duties_and_reviews_pages_are_accessible(
    page: Page, demo_server: DemoServer, lang: str
) -> None:
    sign_in(page, demo_server, "demo-secretariat")
    for path in ("boards/csp-newport/duties/", "boards/duties/W06000022/", "boards/reviews/"):
        page.goto(f"{demo_server.base_url}/{lang}/{path}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert serious_violations(page) == [], path
