from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diogel.cli.main import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def data_env(shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIOGEL_DATA_DIR", str(shared_data))
    monkeypatch.setenv("DIOGEL_VAR_DIR", str(tmp_path / "var"))


def test_areas_json_has_names_parents_and_population() -> None:
    result = runner.invoke(app, ["areas", "--level", "local_authority", "--json"])
    assert result.exit_code == 0, result.output
    areas = json.loads(result.stdout)
    assert len(areas) == 22
    cardiff = next(a for a in areas if a["code"] == "W06000015")
    assert cardiff["name_cy"] == "Caerdydd"
    assert cardiff["parents"]["police_force_area"] == "W15000004"
    assert cardiff["population"] == 346_090


def test_areas_within_a_welsh_name() -> None:
    result = runner.invoke(
        app, ["areas", "--level", "lsoa11", "--within", "Merthyr Tudful", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 36


def test_ambiguous_within_exits_2() -> None:
    result = runner.invoke(app, ["areas", "--within", "Gwent"])
    assert result.exit_code == 2
    assert "give a code" in result.output


def test_locate_json() -> None:
    result = runner.invoke(
        app, ["areas", "locate", "--lon", "-3.1791", "--lat", "51.4816", "--json"]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["inside_wales"] is True
    assert body["areas"]["local_authority"] == "W06000015"
    assert body["areas"]["region"] == "region-south-wales"


def test_locate_outside_wales() -> None:
    result = runner.invoke(app, ["areas", "locate", "--lon", "-0.1276", "--lat", "51.5072"])
    assert result.exit_code == 1
    assert "not inside any Welsh LSOA" in result.output


def test_footprints_json() -> None:
    result = runner.invoke(app, ["footprints", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {"summary", "crossings"} <= report.keys()
    assert len(report["summary"]) == 20  # 5 levels, ordered pairs


def test_missing_reference_data_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIOGEL_DATA_DIR", str(tmp_path / "empty"))
    result = runner.invoke(app, ["areas"])
    assert result.exit_code == 2
    assert "wales_lsoa11_lookup.csv is missing" in result.output
    assert "diogel data fetch geography" in result.output
