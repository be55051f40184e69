"""Shared fixtures: where the real open data lives, and small helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from diogel.geography import Geography
from diogel.warehouse import Warehouse

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real open data beside the repository (CI always has it)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def geo(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Geography:
    """The real geography with a private cache, shared by the whole session."""
    return Geography.load(shared_data, cache_dir=tmp_path_factory.mktemp("geo-cache"))


@pytest.fixture(scope="session")
def gwent_warehouse(
    shared_data: Path, geo: Geography, tmp_path_factory: pytest.TempPathFactory
) -> Warehouse:
    """All 24 real Gwent months imported once."""
    from tests.helpers import GWENT, ingest

    warehouse = Warehouse(tmp_path_factory.mktemp("warehouse"))
    for path in sorted((shared_data / GWENT).glob("*.csv")):
        ingest(warehouse, geo, path)
    return warehouse
