"""The framework seeded; the demo hub's warehouse (Gwent police.uk, SYNTHETIC ED) computed."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role
from diogel.web.performance.models import Measure
from diogel.web.performance.seed import seed_measures

#: The partner member keeps this measure; nobody else in the demo accounts does.
KEPT = "csp-leads-trained"
#: A measure nobody among the demo accounts keeps.
OTHER = "ace-time-trained"


@pytest.fixture
def measures(demo_accounts: dict[Role, User]) -> dict[Role, User]:
    seed_measures()
    Measure.objects.get(code=KEPT).keepers.add(demo_accounts[Role.PARTNER_MEMBER])
    return demo_accounts


@pytest.fixture
def hub_site(settings: Any, hub_var: Path, tmp_path: Path) -> None:
    """The site reading the demo hub's warehouse."""
    settings.DIOGEL = dataclasses.replace(
        settings.DIOGEL, warehouse_dir=hub_var / "warehouse", var_dir=tmp_path, demo=False
    )


@pytest.fixture
def computed(hub_site: None, measures: dict[Role, User]) -> dict[str, int]:
    from diogel.web.performance.recompute import recompute

    return recompute("2020-01", "2021-12")
