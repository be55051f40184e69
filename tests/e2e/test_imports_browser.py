"""An analyst uploads a partner's file in Welsh and reads the validation report."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DemoServer
from tests.e2e.test_home_browser import serious_violations

pytestmark = pytest.mark.browser


def sign_in(page: Page, server: DemoServer, username: str) -> None:
    page.goto(server.base_url + "/cy/sign-in/")
    page.get_by_label("Enw defnyddiwr").fill(username)
    page.get_by_label("Cyfrinair").fill(server.accounts[username])
    page.get_by_role("button", name="Mewngofnodi").click()


def test_upload_a_real_month_and_read_the_report(
    page: Page, demo_server: DemoServer, shared_data: Path
) -> None:
    source = shared_data / "police-uk" / "gwent" / "2021-02-gwent-street.csv"
    rows = len(source.read_text(encoding="utf-8").splitlines()) - 1
    sign_in(page, demo_server, "demo-analyst")
    page.get_by_role("link", name="Mewnforion").click()
    page.get_by_role("link", name="Llwytho ffeil i fyny").click()
    assert serious_violations(page) == []
    page.get_by_label("Troseddau ac ymddygiad gwrthgymdeithasol lefel stryd police.uk").check()
    page.get_by_label("Ffeil", exact=True).set_input_files(str(source))
    page.get_by_role("button", name="Gwirio a mewnforio").click()
    expect(page.get_by_test_id("rows-read")).to_have_text(f"{rows:,}")
    expect(page.get_by_test_id("rows-rejected")).to_have_text("0")
    assert serious_violations(page) == []


def test_a_partner_member_cannot_reach_uploads(page: Page, demo_server: DemoServer) -> None:
    sign_in(page, demo_server, "demo-partner")
    expect(page.get_by_role("link", name="Mewnforion")).to_have_count(0)
    response = page.goto(demo_server.base_url + "/cy/imports/upload/")
    assert response is not None
    assert response.status == 403
