"""The site reading the demo hub's warehouse (Gwent police.uk and SYNTHETIC ED data)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def hub_site(settings: Any, hub_var: Path, tmp_path: Path) -> None:
    settings.DIOGEL = dataclasses.replace(
        settings.DIOGEL, warehouse_dir=hub_var / "warehouse", var_dir=tmp_path, demo=False
    )
