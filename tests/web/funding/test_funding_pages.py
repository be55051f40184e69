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
