"""The funding pages give the core's figures for the funding file, and refuse a bad file."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client, override_settings
from openpyxl import load_workbook

from diogel.funding import load_funding, pounds
from diogel.funding.export import csv_rows, tables
from diogel.funding.views import totals
from diogel.landscape import AreaIndex
from diogel.web.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_the_overview_shows_the_gwent_example(client_for: Callable[[Role], Client]) -> None:
    page = client_for(Role.PUBLIC).get("/en/funding/").content.decode()
    total = totals(load_funding())
    assert pounds(total.committed) == Decimal("624545.00")
    assert 'data-value="624545.00"' in page
    assert "£624,545.00" in page
    welsh = client_for(Role.PUBLIC).get("/cy/funding/").content.decode()
    assert "heb ei roi" in welsh  # "not given", said in Welsh


def test_each_csv_is_the_cores_table(client_for: Callable[[Role], Client]) -> None:
    expected = tables(load_funding(), AreaIndex.default())
    client = client_for(Role.PUBLIC)
    for name, table in expected.items():
        response = client.get(f"/en/funding/{name.replace(' ', '-')}.csv")
        assert response.status_code == 200, name
        assert list(csv.reader(io.StringIO(response.content.decode()))) == csv_rows(table)
    assert client.get("/en/funding/nothing.csv").status_code == 404


def test_the_workbook_has_a_sheet_per_view(client_for: Callable[[Role], Client]) -> None:
    response = client_for(Role.PUBLIC).get("/en/funding/funding.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == list(tables(load_funding(), AreaIndex.default()))


def test_a_bad_funding_file_shows_its_problems_and_no_figures(
    client_for: Callable[[Role], Client], tmp_path: Path
) -> None:
    bad = tmp_path / "funding.toml"
    bad.write_text('[[funder]]\ncode = "x"\n', encoding="utf-8")
    from django.conf import settings

    with override_settings(DIOGEL=replace(settings.DIOGEL, funding_file=bad)):
        response = client_for(Role.PUBLIC).get("/en/funding/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "cannot be read" in page
    assert "£" not in page


def test_cost_per_unit_where_an_allocation_names_a_measure(
    client_for: Callable[[Role], Client], tmp_path: Path
) -> None:
    import datetime as dt

    from django.conf import settings

    from diogel.funding import default_funding_path
    from diogel.web.performance.models import Measure, MeasureValue
    from diogel.web.performance.seed import seed_measures

    seed_measures()
    text = default_funding_path().read_text(encoding="utf-8")
    # The Gwent example's one allocation, said to be measured by ASB incidents.
    text = text.replace(
        'area = "W15000003"', 'area = "W15000003"\nmeasures = ["asb-incidents-local-authority"]', 1
    )
    named = tmp_path / "funding.toml"
    named.write_text(text, encoding="utf-8")
    measure = Measure.objects.get(code="asb-incidents-local-authority")
    with override_settings(DIOGEL=replace(settings.DIOGEL, funding_file=named)):
        page = client_for(Role.PUBLIC).get("/en/funding/").content.decode()
        assert "No value of the measure is recorded for this area." in page
        MeasureValue.objects.create(
            measure=measure, area="W15000003", period="2021-12", value=Decimal(1000),
            count=1000, method="hub", computed_at=dt.datetime(2022, 1, 1, tzinfo=dt.UTC),
        )  # fmt: skip
        page = client_for(Role.PUBLIC).get("/en/funding/").content.decode()
    assert 'data-value="624.55"' in page  # £624,545 over 1,000 incidents, half up
