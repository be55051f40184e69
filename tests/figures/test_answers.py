"""The figures layer's answers against pandas on the raw police.uk files, and their guards."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from diogel.figures import (
    FigureError,
    FigureQuery,
    area_totals,
    hotspot_result,
    record_columns,
    record_page,
    trend_result,
)
from diogel.geography import Geography, Level
from diogel.governance import DataLevel, RecordScope
from diogel.warehouse import Warehouse
from tests.helpers import GWENT

VIOLENCE = "Violence and sexual offences"


@pytest.fixture(scope="module")
def raw(shared_data: Path) -> pd.DataFrame:
    """Every Gwent street record, read by pandas alone."""
    frames = [pd.read_csv(p) for p in sorted((shared_data / GWENT).glob("*-street.csv"))]
    frame = pd.concat(frames, ignore_index=True)
    # "Newport 014C" -> "Newport": police.uk names each LSOA after its local authority.
    frame["la_name"] = frame["LSOA name"].str.replace(r"\s+\d{3}[A-Z]$", "", regex=True)
    return frame


def gwent_query(geo: Geography, level: Level = Level.LOCAL_AUTHORITY) -> FigureQuery:
    within = geo.hierarchy.resolve("W15000003")  # Gwent police force area
    return FigureQuery(level, within, "violence", None, "2020-01", "2021-12")


def test_area_totals_equal_pandas_on_the_raw_files(
    geo: Geography, gwent_warehouse: Warehouse, raw: pd.DataFrame
) -> None:
    body = area_totals(geo, gwent_warehouse, gwent_query(geo)).as_json()
    expected = raw[raw["Crime type"] == VIOLENCE].groupby("la_name").size()
    got = {a["name_en"]: a["count"] for a in body["areas"]}
    assert set(got) == {"Blaenau Gwent", "Caerphilly", "Monmouthshire", "Newport", "Torfaen"}
    for name, count in got.items():
        assert count == expected[name], name
    assert body["total"] == sum(got.values())
    assert body["suppressed"] is False
    newport = next(a for a in body["areas"] if a["name_en"] == "Newport")
    assert newport["rate_per_1000"] == pytest.approx(
        newport["count"] / newport["population"] * 1000, rel=1e-12
    )


def test_trend_months_equal_pandas(
    geo: Geography, gwent_warehouse: Warehouse, raw: pd.DataFrame
) -> None:
    body = trend_result(geo, gwent_warehouse, gwent_query(geo)).as_json()
    newport = next(a for a in body["areas"] if a["name"] == "Newport")
    violent = raw[(raw["Crime type"] == VIOLENCE) & (raw["la_name"] == "Newport")]
    expected = violent.groupby("Month").size()
    assert {m["month"]: m["count"] for m in newport["months"]} == expected.to_dict()


def test_hotspots_cover_every_area(geo: Geography, gwent_warehouse: Warehouse) -> None:
    body = hotspot_result(geo, gwent_warehouse, gwent_query(geo, Level.LSOA11)).as_json()
    assert len(body["areas"]) == len(geo.hierarchy.areas_at(Level.LSOA11, "W15000003"))
    assert any(str(a["class"]).startswith("hot") for a in body["areas"])


#: police.uk street records are open data: every row, at personal level.
OPEN = RecordScope("police_uk_street", None, open=True)


def test_records_need_a_record_level_grant(geo: Geography, gwent_warehouse: Warehouse) -> None:
    query = gwent_query(geo)
    with pytest.raises(FigureError, match="record-level"):
        record_page(gwent_warehouse, query, RecordScope("police_uk_street", "x"))
    page = record_page(gwent_warehouse, query, OPEN, limit=5)
    assert page["columns"] == list(record_columns(DataLevel.PERSONAL))
    assert "latitude" not in record_columns(DataLevel.PSEUDONYMISED)
    assert len(page["records"]) == 5
    assert all(re.match(r"^\d{4}-\d{2}$", r["month"]) for r in page["records"])
    later = record_page(gwent_warehouse, query, OPEN, limit=1, offset=3)
    assert later["total"] == page["total"]
    assert later["records"][0]["line"] == page["records"][3]["line"]


def test_records_total_equals_pandas(
    geo: Geography, gwent_warehouse: Warehouse, raw: pd.DataFrame
) -> None:
    page = record_page(gwent_warehouse, gwent_query(geo), OPEN, limit=1)
    gwent = {"Blaenau Gwent", "Caerphilly", "Monmouthshire", "Newport", "Torfaen"}
    # Records placed in Gwent, and those Gwent Police sent placed nowhere in Wales (no
    # location, or over the border in England): they belong to the force that sent them.
    violent = raw[raw["Crime type"] == VIOLENCE]
    unplaced = ~violent["LSOA code"].fillna("").str.startswith("W")
    assert page["total"] == int((violent["la_name"].isin(gwent) | unplaced).sum())


@pytest.mark.parametrize(
    ("months", "message"),
    [(("2021-13", "2021-12"), "not a month"), (("2021-06", "2021-01"), "after the last")],
)
def test_bad_months_are_refused(months: tuple[str, str], message: str) -> None:
    with pytest.raises(FigureError, match=message):
        FigureQuery(Level.LOCAL_AUTHORITY, None, None, None, *months)


def test_a_page_beyond_the_limit_is_refused(geo: Geography, gwent_warehouse: Warehouse) -> None:
    with pytest.raises(FigureError, match="1 to 1000"):
        record_page(gwent_warehouse, gwent_query(geo), OPEN, limit=5000)


def test_a_force_that_sent_nothing_has_no_data_not_zero(
    geo: Geography, gwent_warehouse: Warehouse
) -> None:
    query = FigureQuery(Level.POLICE_FORCE_AREA, None, "violence", None, "2020-01", "2021-12")
    body = area_totals(geo, gwent_warehouse, query).as_json()
    by_code = {a["code"]: a for a in body["areas"]}
    assert by_code["W15000003"]["has_data"] is True
    assert by_code["W15000003"]["count"] > 0
    for code in ("W15000001", "W15000002", "W15000004"):
        assert (
            by_code[code] | {"has_data": False, "count": None, "rate_per_1000": None}
            == (by_code[code])
        )
    assert body["total"] is None  # Wales's total would leave three forces out


def test_a_month_before_the_first_file_has_no_data(
    geo: Geography, gwent_warehouse: Warehouse
) -> None:
    newport = geo.hierarchy.resolve("Newport")
    query = FigureQuery(Level.LOCAL_AUTHORITY, newport, "violence", None, "2019-11", "2020-02")
    (area,) = trend_result(geo, gwent_warehouse, query).as_json()["areas"]
    assert [m["has_data"] for m in area["months"]] == [False, False, True, True]
    assert [m["count"] is None for m in area["months"]] == [True, True, False, False]
    assert area["has_data"] is False
    assert all(m["expected"] is None and m["rolling_12"] is None for m in area["months"])
