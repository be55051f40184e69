"""The rates switch changes every figure on the dashboard, the headline and the chart
included, and hotspots are said only of a test that ran."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from django.test import Client

from diogel.figures import FigureQuery, area_totals
from diogel.geography import Level
from diogel.reports import ReportContext
from diogel.web.accounts.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hub_site")]
GWENT = "W15000003"
FILTERS = "source=police_uk_street&category=violence&from=2021-01&to=2021-12"


def chart(html: str) -> dict[str, object]:
    match = re.search(r'id="insight-chart-spec">(.*?)</script>', html, re.S)
    assert match, "the page holds the chart's specification"
    spec: dict[str, object] = json.loads(match.group(1))
    return spec


def test_the_headline_and_chart_follow_the_rates_switch(
    client_for: Callable[[Role], Client], hub: ReportContext
) -> None:
    query = f"/en/dashboard/?area={GWENT}&level=local_authority&{FILTERS}"
    counts = client_for(Role.PUBLIC).get(query).content.decode()
    rates = client_for(Role.PUBLIC).get(query + "&measure=rate").content.decode()
    within = hub.geo.hierarchy.area(GWENT)
    answer = area_totals(
        hub.geo,
        hub.warehouse,
        FigureQuery(
            Level.LOCAL_AUTHORITY, within, "violence", "police_uk_street", "2021-01", "2021-12"
        ),
    )
    assert answer.total is not None
    assert answer.total_rate_per_1000 is not None
    # An independent rate: the total over the areas' Census 2011 residents.
    population = sum(a.population or 0 for a in answer.areas)
    assert answer.total_rate_per_1000 == pytest.approx(answer.total / population * 1000)
    assert f"{answer.total:,}" in counts
    assert "Rate per 1,000 residents for all the areas shown" in rates
    assert f"{answer.total_rate_per_1000:.1f}" in rates
    count_values = json.dumps(chart(counts)["data"])
    rate_values = json.dumps(chart(rates)["data"])
    assert count_values != rate_values  # the chart draws rates when rates are asked for


def test_hotspots_are_said_only_of_a_test_that_ran(
    client_for: Callable[[Role], Client],
) -> None:
    # Two areas: too few to test; the page says no test ran, never "0 hotspots".
    page = client_for(Role.PUBLIC).get(
        f"/en/dashboard/?area=W92000004&level=police_force_area&{FILTERS}"
    )
    html = page.content.decode()
    assert "No hotspot test was run for these figures." in html
    assert "0 hotspots" not in html
