"""The Gwent December 2021 Violence Monitoring Report, built once from the hub
warehouse (tests/conftest.py: 24 real Gwent months, 24 SYNTHETIC ED months)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from diogel.geography import Geography
from diogel.reports import Renderer, ReportContext, ReportDocument
from diogel.reports.violence_monitoring import violence_monitoring

GWENT_FORCE = "W15000003"
ANEURIN_BEVAN = "W11000028"
MONTH = "2021-12"
GENERATED = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def geojson(geo: Geography) -> Callable[[str, set[str]], dict[str, Any]]:
    geojson: Callable[[str, set[str]], dict[str, Any]] = Renderer.for_geography("en", geo).geojson
    return geojson


@pytest.fixture(scope="session")
def gwent_december(hub: ReportContext) -> ReportDocument:
    return violence_monitoring(hub, GWENT_FORCE, MONTH, generated_at=GENERATED)
