"""A data controller registers their health board's agreement with the keyboard alone,
meets the error summary, corrects the form and reads the change history; axe finds no
serious problem on any page on the way. The agreement is SYNTHETIC."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import DemoServer
from tests.e2e.test_home_browser import serious_violations

pytestmark = pytest.mark.browser


def sign_in(page: Page, server: DemoServer, username: str) -> None:
    page.goto(server.base_url + "/en/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(server.accounts[username])
    page.get_by_role("button", name="Sign in").click()


def type_into(control: Locator, text: str) -> None:
    """Focus a control and type, as someone at a keyboard would."""
    control.focus()
    control.page.keyboard.type(text)


def tick(control: Locator) -> None:
    """Focus a checkbox or radio and press the space bar."""
    control.focus()
    control.page.keyboard.press("Space")


def enter_date(page: Page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    type_into(group.get_by_label("Day"), str(day.day))
    # Tab moves from one box of the date to the next.
    page.keyboard.press("Tab")
    expect(group.get_by_label("Month")).to_be_focused()
    page.keyboard.type(str(day.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(day.year))


def test_a_data_controller_registers_an_agreement_with_the_keyboard(
    page: Page, demo_server: DemoServer
) -> None:
    today = dt.date.today()
    sign_in(page, demo_server, "demo-controller")
    page.goto(demo_server.base_url + "/en/agreements/")
    register = page.get_by_role("link", name="Register an agreement")
    register.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register an agreement")
    assert serious_violations(page) == []

    tick(page.get_by_label("Data Disclosure Agreement"))
    type_into(page.get_by_label("Reference"), "dda-istv-abuhb-e2e")
    type_into(page.get_by_label("Title in English"), "ED assault data for Gwent (SYNTHETIC)")
    type_into(page.get_by_label("Title in Welsh"), "Data ymosodiadau adrannau brys (SYNTHETIG)")
    tick(page.get_by_label("No: keep it as a draft", exact=False))
    type_into(page.get_by_label("Purpose", exact=True), "Preventing violence in Gwent.")
    tick(page.get_by_label("Preventing and reducing serious violence", exact=False))
    tick(page.get_by_label("UK GDPR Article 6(1)(e): public task"))
    tick(page.get_by_label("Crime and Disorder Act 1998 section 115"))
    disclosing = page.get_by_role("group", name="Parties disclosing data")
    tick(disclosing.get_by_label("Aneurin Bevan University Health Board"))
    receiving = page.get_by_role("group", name="Parties receiving data")
    tick(receiving.get_by_label("Gwent Police"))
    # No source yet: the form must say so.
    tick(page.get_by_label("Aggregate (disclosure-controlled)"))
    enter_date(page, "Starts", today)
    enter_date(page, "Ends", today + dt.timedelta(days=730))
    enter_date(page, "Review date", today + dt.timedelta(days=365))
    submit = page.get_by_role("button", name="Register the agreement")
    submit.focus()
    page.keyboard.press("Enter")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("A data disclosure agreement covers at least one source")
    assert serious_violations(page) == []
    # The summary's link takes the keyboard to the first source.
    link = summary.get_by_role(
        "link", name="A data disclosure agreement covers at least one source"
    )
    link.focus()
    page.keyboard.press("Enter")
    sources = page.get_by_role("group", name="Sources").get_by_role("checkbox")
    expect(sources.first).to_be_focused()
    # Sources are listed by code (ambulance, fire, istv, ...): Tab on to ISTV and tick it.
    istv = page.get_by_role("checkbox", name="Emergency department assaults (ISTV)", exact=False)
    for _ in range(3):
        if page.evaluate("document.activeElement.value") == "istv":
            break
        page.keyboard.press("Tab")
    expect(istv).to_be_focused()
    page.keyboard.press("Space")
    expect(istv).to_be_checked()
    submit = page.get_by_role("button", name="Register the agreement")
    submit.focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "ED assault data for Gwent (SYNTHETIC)"
    )
    expect(page.get_by_test_id("history")).to_contain_text("sources: – → istv")
    expect(page.get_by_test_id("history")).to_contain_text("Siân Controller")
    expect(page.get_by_test_id("manage")).to_be_visible()
    assert serious_violations(page) == []
