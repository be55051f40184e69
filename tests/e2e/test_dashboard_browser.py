"""The dashboard in a real browser: pick an area, change filters, the map and chart
redraw, and every number shown equals ``diogel analyse trends --json`` for the
same query; axe finds nothing serious in either language."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from typer.testing import CliRunner

from diogel.cli.main import app
from tests.e2e.conftest import DemoServer
from tests.e2e.test_home_browser import serious_violations
from tests.e2e.test_imports_browser import sign_in
from tests.e2e.test_reports_browser import SCREENSHOTS

pytestmark = pytest.mark.browser


def cli_totals(category: str, area: str, level: str) -> dict[str, int]:
    """Each area's total over 2021 from the command line (the same demo data)."""
    result = CliRunner().invoke(
        app,
        [
            "analyse",
            "trends",
            "--level",
            level,
            "--area",
            area,
            "--category",
            category,
            "--source",
            "police_uk_street",
            "--from",
            "2021-01",
            "--to",
            "2021-12",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    body: dict[str, Any] = json.loads(result.output)
    return {a["code"]: sum(m["count"] for m in a["months"]) for a in body["areas"]}


def shown_counts(page: Page) -> dict[str, int]:
    rows = page.locator('[data-testid="areas-table"] tbody tr')
    shown = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        text = row.locator('[data-testid="count"]').inner_text()
        shown[str(row.get_attribute("data-code"))] = int(text.replace(",", ""))
    return shown


def map_is_drawn(page: Page, areas: int) -> None:
    expect(page.locator("#insight-map")).to_have_attribute("data-ready", str(areas))
    assert page.locator("#insight-map path.leaflet-interactive").count() >= areas
    expect(page.locator("#insight-chart svg").first).to_be_attached(timeout=30_000)


def test_pick_an_area_change_filters_and_the_numbers_follow(
    page: Page, demo_server: DemoServer, cli_env: Path
) -> None:
    page.goto(demo_server.base_url + "/en/dashboard/")
    page.get_by_label("Area", exact=True).select_option("W15000003")  # Gwent
    page.get_by_label("Show areas by").select_option("local_authority")
    page.get_by_label("Category").select_option("violence")
    page.get_by_label("From", exact=True).fill("2021-01")
    page.get_by_label("To", exact=True).fill("2021-12")
    page.get_by_test_id("update").click()
    expect(page).to_have_url(re.compile(r"area=W15000003&level=local_authority"))
    map_is_drawn(page, 5)
    assert shown_counts(page) == cli_totals("violence", "W15000003", "local_authority")
    chart_before = page.locator("#insight-chart").inner_html()
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "dashboard-gwent.png"), full_page=True)

    # A different category: the table, map and chart all change, and still match.
    page.get_by_label("Category").select_option("burglary")
    page.get_by_test_id("update").click()
    expect(page).to_have_url(re.compile(r"category=burglary"))
    map_is_drawn(page, 5)
    assert shown_counts(page) == cli_totals("burglary", "W15000003", "local_authority")
    assert page.locator("#insight-chart").inner_html() != chart_before

    # Into Newport: its MSOAs, with the filters kept.
    page.get_by_role("link", name="Newport", exact=True).click()
    expect(page).to_have_url(re.compile(r"area=W06000022&level=msoa11"))
    expect(page.get_by_label("Category")).to_have_value("burglary")
    msoas = cli_totals("burglary", "W06000022", "msoa11")
    map_is_drawn(page, len(msoas))
    assert shown_counts(page) == msoas

    # The URL alone brings the same view back.
    shared = page.url
    page.goto(demo_server.base_url + "/en/")
    page.goto(shared)
    assert shown_counts(page) == msoas


def test_the_welsh_dashboard_is_accessible(page: Page, demo_server: DemoServer) -> None:
    page.goto(
        demo_server.base_url
        + "/cy/dashboard/?area=W15000003&level=lsoa11&source=police_uk_street&category=violence"
    )
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gwent")
    map_is_drawn(page, page.locator('[data-testid="areas-table"] tbody tr').count())
    assert page.locator('[data-testid="areas-table"] tbody tr').count() == 368  # Gwent LSOAs
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "dashboard-cy.png"), full_page=True)


def test_records_page_is_accessible_and_keyboard_reachable(
    page: Page, demo_server: DemoServer
) -> None:
    sign_in(page, demo_server, "demo-analyst")
    page.goto(
        demo_server.base_url + "/en/dashboard/records/?area=W06000022&level=lsoa11"
        "&source=police_uk_street&category=violence&from=2021-12&to=2021-12&purpose=monitoring"
    )
    expect(page.get_by_test_id("records-table")).to_be_visible()
    assert serious_violations(page) == []
    page.goto(page.url.replace("/en/", "/cy/"))
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_test_id("records-table")).to_be_visible()
    assert serious_violations(page) == []
    page.goto(demo_server.base_url + "/cy/dashboard/?area=W06000022")
    assert serious_violations(page) == []
    # The filters and the update button are reachable from the keyboard.
    page.get_by_label("Ardal", exact=True).focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.testid") == "update":
            break
    assert page.evaluate("document.activeElement.dataset.testid") == "update"
