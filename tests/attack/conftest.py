"""Fixtures for the adversarial suite: a low-volume SYNTHETIC ED extract in a fresh
warehouse, and the site reading it.

The attacker in :mod:`tests.attack.observe` sees only what the site, the API and the
reports publish; :mod:`tests.attack.truth` reads the warehouse, as the referee.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from diogel.geography import Geography
from diogel.warehouse import Warehouse
from tests.conftest import SHARED_DATA

#: The extract: 27 months, 2 to 6 assaults a health board a month.
FIRST_MONTH = dt.date(2020, 1, 1)
MONTHS = 27
LOW, HIGH = 2, 6
SEED = 20240611


@pytest.fixture(scope="session")
def attack_data() -> Path:
    """The shared data; the attack fails (never skips) without it, as CI always has it."""
    if not (SHARED_DATA / "police-uk" / "gwent").is_dir():
        pytest.fail(f"{SHARED_DATA} is not present: the adversarial suite needs it")
    return SHARED_DATA


@pytest.fixture(scope="session")
def attack_geo(attack_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Geography:
    return Geography.load(attack_data, cache_dir=tmp_path_factory.mktemp("attack-geo-cache"))


@pytest.fixture(scope="session")
def attack_var(
    attack_data: Path, attack_geo: Geography, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A var directory whose warehouse holds the 24 Gwent police.uk months (the
    monitoring reports need police data for their month) and the low-volume
    SYNTHETIC ED extract, both imported through the real ingest path."""
    from diogel.sources.istv import parse_istv_file
    from diogel.sources.synthetic.istv import site_health_boards, write_low_volume_months
    from diogel.warehouse.imports import import_parsed
    from tests.helpers import GWENT, ingest

    var = tmp_path_factory.mktemp("attack-var")
    warehouse = Warehouse(var / "warehouse")
    for path in sorted((attack_data / GWENT).glob("*.csv")):
        ingest(warehouse, attack_geo, path)
    sites = site_health_boards()
    for path in write_low_volume_months(var / "synthetic", FIRST_MONTH, MONTHS, SEED, LOW, HIGH):
        parsed = parse_istv_file(path, site_health_boards=sites)
        assert not parsed.rejections, parsed.rejections[:3]
        import_parsed(warehouse, parsed, path, attack_geo, "attack-suite")
    return var


@pytest.fixture
def attack_site(settings: Any, attack_var: Path, tmp_path: Path) -> Iterator[Path]:
    """The site and API reading the attack warehouse, rate limits off."""
    settings.DIOGEL = dataclasses.replace(
        settings.DIOGEL,
        warehouse_dir=attack_var / "warehouse",
        var_dir=tmp_path,
        demo=False,
        api_rate_limit=0,
        api_anonymous_rate_limit=0,
    )
    cache.clear()
    yield attack_var / "warehouse"
    cache.clear()
