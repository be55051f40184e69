"""``diogel analyse`` on the real Gwent data and SYNTHETIC ED data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from diogel.cli.main import app
from diogel.geography import Geography
from diogel.sources.istv import parse_istv_file
from diogel.sources.synthetic.istv import site_health_boards, write_months
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import import_parsed
from tests.helpers import GWENT, ingest

runner = CliRunner()


@pytest.fixture(scope="module")
def filled(shared_data: Path, geo: Geography, tmp_path_factory: pytest.TempPathFactory) -> Path:
    var = tmp_path_factory.mktemp("var")
    warehouse = Warehouse(var / "warehouse")
    for path in sorted((shared_data / GWENT).glob("*.csv")):
        ingest(warehouse, geo, path)
    sites = site_health_boards()
    for path in write_months(var / "istv", dt.date(2021, 1, 1), 6):
        import_parsed(warehouse, parse_istv_file(path, site_health_boards=sites), path, geo, "t")
    return var


@pytest.fixture(autouse=True)
def env(filled: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIOGEL_VAR_DIR", str(filled))
    monkeypatch.setenv("DIOGEL_DATA_DIR", str(shared_data))


def run_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    body: dict[str, Any] = json.loads(result.stdout)
    return body


def test_hotspots_json_lists_each_area() -> None:
    body = run_json("analyse", "hotspots", "--category", "violence", "--area", "W15000003")
    assert len(body["areas"]) == 368
    first = body["areas"][0]
    assert set(first) == {"code", "count", "value", "z", "p", "p_adjusted", "class"}
    assert any(a["class"] == "hot_99" for a in body["areas"])
    assert body["weights"] == "queen, binary, self included"


def test_trends_json_police_is_not_suppressed() -> None:
    body = run_json(
        "analyse",
        "trends",
        "--category",
        "violence",
        "--area",
        "W15000003",
        "--source",
        "police_uk_street",
    )
    assert body["suppressed"] is False
    newport = next(a for a in body["areas"] if a["code"] == "W06000022")
    assert len(newport["months"]) == 24
    assert newport["year_on_year"]["ci95"][0] < newport["year_on_year"]["ratio"]


def test_ed_outputs_are_disclosure_controlled() -> None:
    body = run_json("analyse", "time-profile", "--source", "istv", "--area", "W11000028")
    cells = [c for row in body["cells"] for c in row]
    assert None in cells, "small counts in a single board's hour-by-day table are suppressed"
    for value in cells:
        assert value is None or value == 0 or value >= 5
    # Half a year of ED data: the year's count has no data, so the table's total and
    # the records without a time (which would give it away) are withheld too.
    assert body["total"] is None
    assert body["without_time"] is None


def test_ed_day_hour_tables_are_for_whole_calendar_years_only() -> None:
    """Overlapping windows of a protected source's day × hour table would difference
    into single months: only fixed calendar years are published."""
    result = runner.invoke(
        app,
        ["analyse", "time-profile", "--source", "istv", "--from", "2021-02", "--to", "2022-01"],
    )
    assert result.exit_code == 2
    assert "whole calendar years" in result.output


def test_hidden_harm_and_cost() -> None:
    harm = run_json("analyse", "hidden-harm")
    assert harm["caveats"]
    aneurin = next(a for a in harm["areas"] if a["code"] == "W11000028")
    # ED data covers January to June 2021 only: the ratio is over those months alone.
    assert aneurin["months_compared"] == 6
    police: Any = run_json(
        "counts",
        "--by",
        "health_board,category",
        "--source",
        "police_uk_street",
        "--from",
        "2021-01",
        "--to",
        "2021-06",
    )
    assert aneurin["police_violence"] == next(
        r["count"]
        for r in police
        if r["health_board"] == "W11000028" and r["category"] == "violence"
    )
    cost = run_json("analyse", "cost", "--area", "W15000003")
    assert cost["price_year"] == "2015/16"
    assert cost["areas"]["W06000022"] > 0


def test_repeat_locations() -> None:
    body = run_json("analyse", "repeat-locations", "--area", "Newport", "--limit", "3")
    assert len(body["places"]) == 3
    assert 0 < body["concentration"]["gini"] < 1


def test_grid_hotspots_and_the_runaway_guard() -> None:
    body = run_json(
        "analyse",
        "hotspots",
        "--grid",
        "500",
        "--area",
        "W06000022",
        "--category",
        "violence",
        "--source",
        "police_uk_street",
    )
    assert body["rows"] * body["columns"] < 10_000
    assert body["significant_cells"]
    assert {"x", "y", "count", "z", "p_adjusted", "class"} <= set(body["significant_cells"][0])
    result = runner.invoke(app, ["analyse", "hotspots", "--grid", "1", "--area", "W15000003"])
    assert result.exit_code == 2
    assert "limit 2,000,000" in result.output
