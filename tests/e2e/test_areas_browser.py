"""Finding an area and seeing it on a map, in a real browser."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DemoServer
from tests.e2e.test_home_browser import serious_violations

pytestmark = pytest.mark.browser


def test_find_an_area_in_welsh_and_see_its_map(
    page: Page, demo_server: DemoServer, shared_data: Path
) -> None:
    census = pd.read_csv(
        shared_data / "geography" / "census2011_lsoa11_population.csv", thousands=","
    )
    newport = census.loc[census["Local authority code"] == "W06000022", "Persons"].sum()
    page.goto(demo_server.base_url + "/cy/areas/")
    page.get_by_label("Enw lle neu god ardal").fill("Casnewydd")
    page.get_by_role("button", name="Chwilio").click()
    page.get_by_role("link", name="Casnewydd", exact=True).click()
    expect(page).to_have_url(demo_server.base_url + "/cy/areas/local_authority/W06000022/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Casnewydd")
    expect(page.get_by_test_id("population")).to_have_text(f"{newport:,}")
    # The map draws the authority's 20 MSOAs from the cached boundaries.
    expect(page.locator("#area-map")).to_have_attribute("data-ready", "20", timeout=30_000)
    assert page.locator("#area-map path.leaflet-interactive").count() >= 20
    assert serious_violations(page) == []


def test_area_page_in_english_is_accessible(page: Page, demo_server: DemoServer) -> None:
    page.goto(demo_server.base_url + "/en/areas/police_force_area/W15000003/")
    expect(page.locator("#area-map")).to_have_attribute("data-ready", "5", timeout=30_000)
    assert serious_violations(page) == []
