"""A nil return (an ED file with a header and no rows) is a reported zero; a month with
no file is "no data". The figures layer tells them apart in every answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from diogel.figures import FigureQuery, area_totals, trend_result
from diogel.geography import Geography, Level
from diogel.sources.istv import parse_istv_file
from diogel.sources.synthetic.istv import site_health_boards
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import import_parsed

ANEURIN_BEVAN = "W11000028"


@pytest.fixture(scope="module")
def nil_return(geo: Geography, tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    folder = tmp_path_factory.mktemp("nil")
    path = folder / "istv-SYN-GUH-2021Q1.xml"
    path.write_text(
        "<ISTVSubmission><SubmissionHeader>"
        "<ReportingPeriodStartDate>2021-01-01</ReportingPeriodStartDate>"
        "<ReportingPeriodEndDate>2021-03-31</ReportingPeriodEndDate>"
        "<SiteCodeOfTreatment>SYN-GUH</SiteCodeOfTreatment>"
        "</SubmissionHeader></ISTVSubmission>",
        encoding="utf-8",
    )
    warehouse = Warehouse(folder / "warehouse")
    parsed = parse_istv_file(path, site_health_boards=site_health_boards())
    import_parsed(warehouse, parsed, path, geo, imported_by="test")
    return warehouse


def test_a_nil_return_is_a_reported_zero(geo: Geography, nil_return: Warehouse) -> None:
    query = FigureQuery(Level.HEALTH_BOARD, None, None, "istv", "2021-01", "2021-03")
    rows = {r.code: r for r in area_totals(geo, nil_return, query).areas}
    assert (rows[ANEURIN_BEVAN].state, rows[ANEURIN_BEVAN].count) == ("value", 0)
    others = [r for code, r in rows.items() if code != ANEURIN_BEVAN]
    assert others
    assert all(r.state == "no_data" and r.count is None for r in others)


def test_a_month_with_no_file_is_no_data_never_zero(geo: Geography, nil_return: Warehouse) -> None:
    query = FigureQuery(Level.HEALTH_BOARD, None, None, "istv", "2021-01", "2021-04")
    rows = {r.code: r for r in area_totals(geo, nil_return, query).areas}
    assert (rows[ANEURIN_BEVAN].state, rows[ANEURIN_BEVAN].count) == ("no_data", None)
    (board,) = [a for a in trend_result(geo, nil_return, query).areas if a.code == ANEURIN_BEVAN]
    assert [(m.month, m.state, m.count) for m in board.months] == [
        ("2021-01", "value", 0),
        ("2021-02", "value", 0),
        ("2021-03", "value", 0),
        ("2021-04", "no_data", None),
    ]


def test_it_holds_on_the_file_itself(nil_return: Warehouse) -> None:
    assert Path(nil_return.catalogue_path).exists()
