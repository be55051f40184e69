"""The home page in a real browser: both languages, the switcher, accessibility."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DemoServer

pytestmark = pytest.mark.browser

SERIOUS = {"serious", "critical"}


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/en/", "en", "Safer communities in Wales"),
        ("/cy/", "cy", "Cymunedau mwy diogel yng Nghymru"),
    ],
)
def test_home_page_in_each_language(
    page: Page, demo_server: DemoServer, path: str, lang: str, heading: str
) -> None:
    page.goto(demo_server.base_url + path)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    # The stylesheet from the GOV.UK Frontend package was served and applied.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.govuk-header')).backgroundColor")
        != "rgba(0, 0, 0, 0)"
    )
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert serious_violations(page) == []


def test_switching_language_keeps_the_page(page: Page, demo_server: DemoServer) -> None:
    page.goto(demo_server.base_url + "/en/accessibility/")
    page.get_by_role("link", name="Cymraeg").click()
    expect(page).to_have_url(demo_server.base_url + "/cy/accessibility/")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Datganiad hygyrchedd")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(demo_server.base_url + "/en/accessibility/")


def test_skip_link_moves_focus_to_main_content(page: Page, demo_server: DemoServer) -> None:
    page.goto(demo_server.base_url + "/en/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(demo_server.base_url + "/en/#main-content")


def test_a_printed_demo_account_signs_in(page: Page, demo_server: DemoServer) -> None:
    assert len(demo_server.accounts) == 5, "diogel demo prints one account per role"
    password = demo_server.accounts["demo-analyst"]
    page.goto(demo_server.base_url + "/cy/sign-in/")
    assert serious_violations(page) == []
    page.get_by_label("Enw defnyddiwr").fill("demo-analyst")
    page.get_by_label("Cyfrinair").fill(password)
    page.get_by_role("button", name="Mewngofnodi").click()
    expect(page).to_have_url(demo_server.base_url + "/cy/account/")
    expect(page.get_by_text("Dadansoddwr")).to_be_visible()
    page.get_by_role("link", name="Partneriaid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sefydliadau partner")
    assert serious_violations(page) == []


def test_the_accessibility_check_reports_a_serious_fault(page: Page) -> None:
    page.set_content('<html><body><img src="x.png"><a href="#"></a></body></html>')
    found = serious_violations(page)
    assert any(v.startswith("image-alt") for v in found), found
