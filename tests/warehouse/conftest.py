from __future__ import annotations

from pathlib import Path

import pytest

from diogel.geography import Geography
from diogel.sources.police_uk import parse_street_file
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import ImportResult, import_parsed

GWENT = "police-uk/gwent"


@pytest.fixture(scope="session")
def geo(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Geography:
    return Geography.load(shared_data, cache_dir=tmp_path_factory.mktemp("geo-cache"))


def ingest(
    warehouse: Warehouse, geo: Geography, path: Path, name: str | None = None
) -> ImportResult:
    parsed = parse_street_file(path, geo.hierarchy.lsoa11["code"], name=name)
    return import_parsed(warehouse, parsed, path, geo, imported_by="test", file_name=name)


@pytest.fixture(scope="session")
def gwent_warehouse(
    shared_data: Path, geo: Geography, tmp_path_factory: pytest.TempPathFactory
) -> Warehouse:
    """All 24 Gwent months imported once."""
    warehouse = Warehouse(tmp_path_factory.mktemp("warehouse"))
    for path in sorted((shared_data / GWENT).glob("*.csv")):
        ingest(warehouse, geo, path)
    return warehouse
