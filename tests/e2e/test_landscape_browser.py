"""The landscape pages and a secretariat's editing in a real browser, with axe on each page
in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DemoServer
from tests.e2e.test_home_browser import serious_violations
from tests.e2e.test_imports_browser import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("signed_in", [False, True], ids=["public", "partner"])
def test_the_landscape_pages_are_accessible(
    page: Page, demo_server: DemoServer, lang: str, signed_in: bool
) -> None:
    if signed_in:
        sign_in(page, demo_server, "demo-partner")
    for path in (
        "boards/landscape/",
        "boards/network/",
        "boards/network/?region=W15000003",
        "boards/matrix/",
        "boards/matrix/?region=W15000003",
    ):
        page.goto(f"{demo_server.base_url}/{lang}/{path}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert serious_violations(page) == [], path


def test_narrow_the_network_to_gwent(page: Page, demo_server: DemoServer) -> None:
    page.goto(demo_server.base_url + "/en/boards/")
    page.get_by_role("link", name="Network of boards").click()
    wales = page.get_by_test_id("network-counts").inner_text()
    page.get_by_test_id("region-form").get_by_label("Region").select_option(label="Gwent")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(f"{demo_server.base_url}/en/boards/network/?region=W15000003")
    expect(page.get_by_test_id("network-counts")).not_to_have_text(wales)
    drawing = page.get_by_test_id("network").locator("svg")
    expect(drawing).to_be_visible()
    # Every board in the drawing is a link to its page.
    first = drawing.locator("a").first
    href = first.get_attribute("href") or first.get_attribute("xlink:href")
    assert href is not None
    assert href.startswith("/en/boards/")
    # The scrolling box takes keyboard focus.
    page.get_by_test_id("network").focus()
    expect(page.get_by_test_id("network")).to_be_focused()


def test_a_secretariat_edits_its_board_and_its_seats(page: Page, demo_server: DemoServer) -> None:
    sign_in(page, demo_server, "demo-secretariat")
    page.goto(demo_server.base_url + "/en/boards/csp-newport/")
    page.get_by_test_id("edit-board").click()
    assert serious_violations(page) == []
    page.get_by_label("Terms of reference", exact=True).fill("Meets four times a year.")
    page.get_by_role("button", name="Save the board").click()
    expect(page.get_by_test_id("terms")).to_contain_text("Meets four times a year.")
    page.get_by_test_id("edit-board").click()
    page.get_by_label("Since").fill("2021-13")
    page.get_by_role("button", name="Record the change").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert serious_violations(page) == []
    page.goto(demo_server.base_url + "/en/boards/csp-newport/seats/")
    assert serious_violations(page) == []
    page.get_by_label("Role").fill("Fire – Station Manager")
    page.get_by_role("button", name="Add the seat").click()
    expect(page.get_by_test_id("seats")).to_contain_text("Fire – Station Manager")
    page.goto(demo_server.base_url + "/cy/boards/csp-newport/seats/")
    assert serious_violations(page) == []
    # Somebody else's board offers no editing.
    page.goto(demo_server.base_url + "/en/boards/csp-torfaen/")
    expect(page.get_by_test_id("edit-board")).to_have_count(0)


def test_a_secretariat_records_a_review_and_its_recommendation(
    page: Page, demo_server: DemoServer
) -> None:
    sign_in(page, demo_server, "demo-secretariat")
    page.goto(demo_server.base_url + "/en/boards/reviews/")
    page.get_by_role("link", name="Record a review").click()
    assert serious_violations(page) == []
    page.get_by_label("Case reference").fill("dhr-e2e-01")
    page.get_by_label("Commissioning partnership").select_option(
        label="Newport Community Safety Partnership"
    )
    page.get_by_label("Notified").fill("2021-01-10")
    page.get_by_label("Decision to hold a review").fill("2021-02-01")
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_role("heading", name="dhr-e2e-01")).to_be_visible()
    expect(page.get_by_test_id("overdue")).to_contain_text("days late")
    page.get_by_label("Recommendation").fill("Train GP receptionists")
    page.get_by_label("Owner").fill("Aneurin Bevan UHB")
    page.get_by_role("button", name="Add it").click()
    expect(page.get_by_test_id("recommendations")).to_contain_text("Train GP receptionists")
    assert serious_violations(page) == []
    page.goto(page.url.replace("/en/", "/cy/"))
    assert serious_violations(page) == []


def test_a_paper_is_uploaded_and_downloaded(
    page: Page, demo_server: DemoServer, tmp_path: Path
) -> None:
    sign_in(page, demo_server, "demo-secretariat")
    page.goto(demo_server.base_url + "/en/boards/gwent-csp-oversight-group/meetings/new/")
    page.get_by_label("Date").fill("2021-06-24")
    page.get_by_role("button", name="Schedule").click()
    page.get_by_text("Add a paper to an agenda item").click()
    paper = tmp_path / "finance.pdf"
    paper.write_bytes(b"%PDF-1.7 e2e finance paper")
    page.get_by_label("Paper", exact=True).set_input_files(str(paper))
    page.get_by_role("button", name="Upload the paper").click()
    link = page.get_by_test_id("paper")
    expect(link).to_have_count(1)
    with page.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes() == paper.read_bytes()
    assert serious_violations(page) == []
    # The item is a draft: its keeper opens it, makes it for board members and publishes.
    item = page.get_by_test_id("meeting-agenda").locator(":scope > li").first
    expect(item.get_by_test_id("item-state")).to_have_text("Draft")
    item.get_by_role("link").first.click()
    assert serious_violations(page) == []
    page.get_by_label("Board members").check()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_test_id("item-level")).to_have_text("Board members")
    expect(page.get_by_test_id("item-state")).to_have_text("Published")
    page.goto(page.url.replace("/en/", "/cy/"))
    expect(page.get_by_test_id("item-level")).to_have_text("Aelodau'r bwrdd")
    assert serious_violations(page) == []
    page.goto(demo_server.base_url + "/cy/boards/gwent-csp-oversight-group/papers/")
    expect(page.get_by_test_id("papers").get_by_text("finance.pdf").first).to_be_visible()
    assert serious_violations(page) == []


def test_a_secretariat_records_a_tracker_quarter(page: Page, demo_server: DemoServer) -> None:
    sign_in(page, demo_server, "demo-secretariat")
    page.goto(demo_server.base_url + "/en/boards/tracker/")
    assert serious_violations(page) == []
    page.get_by_label("Region").select_option(label="Gwent")
    page.get_by_label("Quarter", exact=True).fill("2021-04")
    page.get_by_label("Actions for next quarter").fill("Agree the oversight group's ToR | OPCC")
    page.get_by_role("button", name="Record the quarter").click()
    expect(page.locator("body")).to_contain_text("Agree the oversight group's ToR")
