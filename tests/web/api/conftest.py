"""Fixtures for the API tests: the demo warehouse, fresh rate-limit counters."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache


@pytest.fixture
def limits(settings: Any) -> Iterator[None]:
    """Rate limits off (each test that counts sets its own) and counters cleared."""
    settings.DIOGEL = dataclasses.replace(
        settings.DIOGEL, api_rate_limit=0, api_anonymous_rate_limit=0
    )
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_warehouse(hub_var: Path, settings: Any, limits: None) -> Path:
    """The API reads the warehouse ``diogel demo`` loads (Gwent police.uk, SYNTHETIC ED)."""
    settings.DIOGEL = dataclasses.replace(settings.DIOGEL, warehouse_dir=hub_var / "warehouse")
    return hub_var / "warehouse"
