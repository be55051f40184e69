"""A hub warehouse (24 real Gwent months, 24 SYNTHETIC ED months) and the
Gwent December 2021 Violence Monitoring Report built and rendered once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from diogel.demo import load_demo_data
from diogel.geography import Geography, Level
from diogel.reports import ReportContext, ReportDocument
from diogel.reports.violence_monitoring import violence_monitoring
from diogel.warehouse import Warehouse

GWENT_FORCE = "W15000003"
ANEURIN_BEVAN = "W11000028"
MONTH = "2021-12"
GENERATED = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def hub_var(shared_data: Path, geo: Geography, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DIOGEL_VAR_DIR whose warehouse holds what ``diogel demo`` loads."""
    var = tmp_path_factory.mktemp("hub-var")
    load_demo_data(Warehouse(var / "warehouse"), geo, shared_data, var / "synthetic")
    return var


@pytest.fixture(scope="session")
def hub(hub_var: Path, geo: Geography) -> ReportContext:
    return ReportContext(geo, Warehouse(hub_var / "warehouse"))


@pytest.fixture(scope="session")
def geojson(geo: Geography):  # type: ignore[no-untyped-def]
    return lambda level, codes: geo.boundaries.area_geojson(Level(level), codes)


@pytest.fixture(scope="session")
def gwent_december(hub: ReportContext) -> ReportDocument:
    return violence_monitoring(hub, GWENT_FORCE, MONTH, generated_at=GENERATED)


@pytest.fixture
def cli_env(hub_var: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DIOGEL_VAR_DIR", str(hub_var))
    monkeypatch.setenv("DIOGEL_DATA_DIR", str(shared_data))
    return hub_var
