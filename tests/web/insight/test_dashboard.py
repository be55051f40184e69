"""The dashboard: figures equal the core's, state in the URL, downloads, errors."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable

import pytest
from django.test import Client

from diogel.figures import FigureQuery, area_totals, trend_result
from diogel.geography import Level
from diogel.reports import ReportContext
from diogel.web.accounts.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hub_site")]
GWENT = "W15000003"
FILTERS = "source=police_uk_street&category=violence&from=2021-01&to=2021-12"
QUERY = f"?area={GWENT}&level=local_authority&{FILTERS}"


def gwent_query(hub: ReportContext) -> FigureQuery:
    within = hub.geo.hierarchy.area(GWENT)
    return FigureQuery(
        Level.LOCAL_AUTHORITY, within, "violence", "police_uk_street", "2021-01", "2021-12"
    )


def test_the_public_dashboard_shows_the_core_figures(
    client_for: Callable[[Role], Client], hub: ReportContext
) -> None:
    response = client_for(Role.PUBLIC).get("/en/dashboard/" + QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    expected = area_totals(hub.geo, hub.warehouse, gwent_query(hub)).as_json()
    for area in expected["areas"]:
        assert f'data-code="{area["code"]}"' in html
        assert f"{area['count']:,}" in html
    assert f"{expected['total']:,}" in html


def test_the_area_table_downloads_as_the_core_computes_it(
    client_for: Callable[[Role], Client], hub: ReportContext
) -> None:
    response = client_for(Role.PUBLIC).get("/en/dashboard/" + QUERY + "&format=csv&table=areas")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    expected = area_totals(hub.geo, hub.warehouse, gwent_query(hub)).as_json()
    assert [(r["code"], int(r["count"])) for r in rows] == [
        (a["code"], a["count"]) for a in expected["areas"]
    ]


def test_the_months_download_is_the_picked_areas_trend(
    client_for: Callable[[Role], Client], hub: ReportContext
) -> None:
    response = client_for(Role.PUBLIC).get("/en/dashboard/" + QUERY + "&format=csv&table=trend")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    # The expected range learns from the months before those shown (here all of 2020),
    # exactly as `diogel analyse trends --level police_force_area --from 2020-01` does.
    query = dataclasses.replace(
        gwent_query(hub), level=Level.POLICE_FORCE_AREA, month_from="2020-01"
    )
    (series,) = trend_result(hub.geo, hub.warehouse, query).as_json()["areas"]
    months = [m for m in series["months"] if m["month"] >= "2021-01"]
    assert [r["month"] for r in rows] == [m["month"] for m in months]
    assert [int(r["count"]) for r in rows] == [m["count"] for m in months]
    assert [float(r["expected"]) for r in rows] == pytest.approx(
        [m["expected"] for m in months], rel=1e-12
    )
    assert all(r["expected"] for r in rows)  # a baseline for every month shown


def test_the_form_keeps_the_state_of_the_url(client_for: Callable[[Role], Client]) -> None:
    html = client_for(Role.PUBLIC).get("/en/dashboard/" + QUERY + "&measure=rate").content.decode()
    assert f'<option value="{GWENT}" selected>' in html
    assert '<option value="local_authority" selected>' in html
    assert 'id="measure-rate" name="measure" type="radio" value="rate" checked' in html
    assert 'value="2021-01"' in html
    # Drilling down keeps the filters and goes one level finer.
    assert "area=W06000022&amp;level=msoa11&amp;source=police_uk_street" in html


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?area=W99999999", "area"),
        ("?area=W15000003&level=county", "level"),
        ("?area=W15000003&category=piracy", "category"),
        ("?area=W15000003&from=2021-13", "from"),
        ("?area=W15000003&from=2021-06&to=2021-01", "from"),
        ("?area=W15000003&source=telepathy", "source"),
    ],
)
def test_a_bad_filter_is_named_not_a_crash(
    client_for: Callable[[Role], Client], query: str, field: str
) -> None:
    response = client_for(Role.PUBLIC).get("/en/dashboard/" + query)
    assert response.status_code == 400
    assert f'href="#filter-{field}"' in response.content.decode()


def test_forces_that_sent_nothing_show_no_data(client_for: Callable[[Role], Client]) -> None:
    html = (
        client_for(Role.PUBLIC)
        .get(f"/en/dashboard/?area=W92000004&level=police_force_area&{FILTERS}")
        .content.decode()
    )
    south_wales = html.split('data-code="W15000002"')[1].split("</tr>")[0]
    assert "no data" in south_wales
    assert 'data-testid="total">Not available' in html


def test_the_welsh_dashboard(client_for: Callable[[Role], Client], hub: ReportContext) -> None:
    html = client_for(Role.PUBLIC).get("/cy/dashboard/" + QUERY).content.decode()
    assert '<html lang="cy"' in html
    assert "Casnewydd" in html  # Newport
    expected = area_totals(hub.geo, hub.warehouse, gwent_query(hub)).as_json()
    assert f"{expected['total']:,}" in html


def test_ed_attendances_count_by_health_board_and_not_below(
    client_for: Callable[[Role], Client], hub: ReportContext
) -> None:
    from diogel.figures.cells import Cell, combine
    from diogel.figures.health import ed_police_monthly
    from diogel.geography import Level

    ed = "source=istv&category=violence&from=2021-01&to=2021-12"
    client = client_for(Role.PUBLIC)
    response = client.get(f"/en/dashboard/?area=W92000004&level=health_board&{ed}&format=csv")
    shown = {r["code"]: r["count"] for r in csv.DictReader(io.StringIO(response.content.decode()))}
    # The same numbers the reports use: attendances by the board of the treating department.
    compared = 0
    for board in hub.geo.hierarchy.areas_at(Level.HEALTH_BOARD):
        series = ed_police_monthly(hub.geo, hub.warehouse, [board], "2021-01", "2021-12")
        year = combine([Cell(m.ed, m.ed_state) for m in series.months])
        if year.state == "no_data":  # the board sent no ED file: not zero
            assert shown[board.code] == "no data"
            continue
        assert shown[board.code] == (str(year.value) if year.published else "[c]")
        compared += 1
    assert compared == 6  # the SYNTHETIC data's six boards with emergency departments
    by_authority = client.get(f"/en/dashboard/?area=W92000004&level=local_authority&{ed}")
    assert "no data" in by_authority.content.decode()
