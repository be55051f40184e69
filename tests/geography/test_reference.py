"""Bad reference files get a clear message naming the file, row, column and fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from diogel.geography import Geography
from diogel.geography.reference import (
    ReferenceDataError,
    read_boundaries,
    read_lookup,
    read_population,
)
from diogel.geography.verify import verify_geography


@pytest.fixture
def data_copy(shared_data: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(shared_data / "geography", target / "geography")
    return target


def test_missing_file_names_it_and_the_fix(data_copy: Path) -> None:
    (data_copy / "geography" / "wimd2019_lsoa11_scores.csv").unlink()
    with pytest.raises(ReferenceDataError, match=r"wimd2019_lsoa11_scores\.csv is missing; run"):
        Geography.load(data_copy)


def test_wrong_columns(tmp_path: Path) -> None:
    path = tmp_path / "lookup.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="lacks the column"):
        read_lookup(path)


def test_bad_number_names_line_and_column(data_copy: Path) -> None:
    path = data_copy / "geography" / "census2011_lsoa11_population.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[10] = lines[10].replace('"', "").split(",")[0] + ",x,W01999999,X,lots,1,1"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="line 11, column 'population': 'lots'"):
        read_population(path)


def test_truncated_file_is_reported(data_copy: Path) -> None:
    path = data_copy / "geography" / "wales_lsoa11_lookup.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:1000]) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="holds 999 LSOAs, expected 1,909"):
        read_lookup(path)


def test_corrupt_geojson(tmp_path: Path) -> None:
    path = tmp_path / "b.geojson"
    path.write_bytes(b'{"type": "FeatureCollection", "features": [')
    with pytest.raises(ReferenceDataError, match="not valid GeoJSON"):
        read_boundaries(path, "11", 1909)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "lookup.csv"
    path.write_bytes("Lower Layer Super Output Area (LSOA) Code\nCaerdydd \xe2\n".encode("latin-1"))
    with pytest.raises(ReferenceDataError, match="not UTF-8"):
        read_lookup(path)


def test_verify_reports_each_file(data_copy: Path) -> None:
    (data_copy / "geography" / "lsoa21_centroids.geojson").write_text("{}", encoding="utf-8")
    results = dict(verify_geography(data_copy))
    assert results["geography/wales_lsoa11_lookup.csv"] is None
    assert "not a GeoJSON FeatureCollection" in str(results["geography/lsoa21_centroids.geojson"])
